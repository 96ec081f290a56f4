"""Where a submission stands, and the one rule every change of status keeps.

The rule is the answer ledger's: an accepted submission always has either an
open obligation (a due date by which its sender gets an answer) or a delivered
answer. Nobody falls out of it, whatever moderators do: a question screened out
as spam still gets a reply, a merged question shares its cluster's answer.

This module decides and does no I/O; the code that stores submissions calls
:func:`transition` for every change of status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Status(StrEnum):
    """The statuses a sender sees on the status page, in their usual order."""

    RECEIVED = "received"
    IN_REVIEW = "in_review"
    SCREENED_OUT = "screened_out"
    ON_AIR = "on_air"
    ROUTED = "routed"
    ANSWERED = "answered"
    DELIVERED = "delivered"
    RATED = "rated"


# Every status but these keeps an open obligation with a due date.
CLOSED = frozenset({Status.DELIVERED, Status.RATED})

ALLOWED: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.IN_REVIEW, Status.SCREENED_OUT, Status.ROUTED}),
    Status.IN_REVIEW: frozenset(
        {Status.ON_AIR, Status.ROUTED, Status.SCREENED_OUT, Status.ANSWERED}
    ),
    Status.SCREENED_OUT: frozenset({Status.IN_REVIEW, Status.ANSWERED}),
    Status.ON_AIR: frozenset({Status.ANSWERED, Status.IN_REVIEW, Status.ROUTED}),
    Status.ROUTED: frozenset({Status.ANSWERED, Status.IN_REVIEW}),
    Status.ANSWERED: frozenset({Status.DELIVERED}),
    Status.DELIVERED: frozenset({Status.RATED}),
    Status.RATED: frozenset(),
}


class LedgerError(ValueError):
    """A change of status that would break the answer ledger or skip a step."""


@dataclass(frozen=True)
class Standing:
    """A submission's status and obligation, as the ledger sees them."""

    status: Status
    changed_at: datetime
    answer_due_at: datetime | None


def accept(now: datetime, deadline_days: int) -> Standing:
    """The standing of a submission accepted at ``now``: received, answer due."""
    if deadline_days < 1:
        raise LedgerError("an answer deadline is at least one day")
    return Standing(Status.RECEIVED, now, now + timedelta(days=deadline_days))


def transition(
    current: Standing,
    target: Status,
    now: datetime,
    *,
    answer_due_at: datetime | None = None,
) -> Standing:
    """Move a submission to ``target``, keeping the ledger whole.

    ``answer_due_at`` replaces the due date (a department given more time);
    otherwise the obligation carries over until an answer is delivered.

    Raises:
        LedgerError: ``target`` cannot follow the current status, or the result
            would leave the submission with neither an obligation nor an answer.
    """
    if target not in ALLOWED[current.status]:
        raise LedgerError(f"a submission cannot go from {current.status} to {target}")
    due = answer_due_at or current.answer_due_at
    if target in CLOSED:
        due = None
    elif due is None:
        raise LedgerError(f"{target} needs an answer due date")
    return Standing(target, now, due)
