"""The answer ledger: every change of status keeps an obligation or an answer."""

from datetime import UTC, datetime, timedelta

import pytest

from liveline.lifecycle import ALLOWED, CLOSED, LedgerError, Status, accept, transition

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def test_accepted_submission_is_received_with_answer_due_after_deadline() -> None:
    standing = accept(NOW, 10)
    assert standing.status is Status.RECEIVED
    assert standing.answer_due_at == NOW + timedelta(days=10)


def test_deadline_of_zero_days_is_refused() -> None:
    with pytest.raises(LedgerError):
        accept(NOW, 0)


def test_obligation_carries_over_until_an_answer_is_delivered() -> None:
    standing = accept(NOW, 10)
    for target in (Status.IN_REVIEW, Status.ROUTED, Status.ANSWERED):
        standing = transition(standing, target, NOW)
        assert standing.answer_due_at == NOW + timedelta(days=10)
    delivered = transition(standing, Status.DELIVERED, NOW)
    assert delivered.answer_due_at is None


def test_department_may_be_given_a_later_due_date() -> None:
    routed = transition(accept(NOW, 10), Status.ROUTED, NOW)
    later = NOW + timedelta(days=20)
    assert (
        transition(routed, Status.IN_REVIEW, NOW, answer_due_at=later).answer_due_at
        == later
    )


def test_screened_out_sender_still_has_an_obligation() -> None:
    screened = transition(accept(NOW, 10), Status.SCREENED_OUT, NOW)
    assert screened.answer_due_at is not None


def test_skipping_the_answer_is_refused() -> None:
    with pytest.raises(LedgerError):
        transition(accept(NOW, 10), Status.DELIVERED, NOW)


def test_no_reachable_status_leaves_a_sender_without_obligation_or_answer() -> None:
    standing = accept(NOW, 10)
    seen = {standing.status}
    frontier = [standing]
    while frontier:
        current = frontier.pop()
        for target in ALLOWED[current.status]:
            following = transition(current, target, NOW)
            assert following.answer_due_at is not None or following.status in CLOSED
            if following.status not in seen:
                seen.add(following.status)
                frontier.append(following)
    assert seen == set(Status)
