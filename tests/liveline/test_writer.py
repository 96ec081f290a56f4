"""The submission writer: group commits, idempotency under concurrency, failures."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect, Engine
from support import count_rows

from liveline import db
from liveline.clock import utcnow
from liveline.db import StorageUnavailable
from liveline.fastinsert import FastInsert
from liveline.intake import Draft
from liveline.models import IDEMPOTENCY_RECORDS, SUBMISSIONS, Event
from liveline.writer import (
    SUBMISSION_COLUMNS,
    IdempotencyConflict,
    Receipt,
    SubmissionWriter,
)


def draft(event: Event, text: str = "Когда откроют школу №6 в Мегионе?") -> Draft:
    return Draft(
        event_id=event.id or 0,
        text=text,
        name=None,
        email=None,
        phone=None,
        municipality=None,
        topic=None,
        language="ru",
        consent=False,
    )


def stored(engine: Engine, table: sa.Table) -> int:
    return count_rows(engine, table)


async def submit_all(
    writer: SubmissionWriter, drafts: list[Draft], idempotency_key: str | None = None
) -> list[Any]:
    submissions = (
        writer.submit(
            draft, channel="api", deadline_days=10, idempotency_key=idempotency_key
        )
        for draft in drafts
    )
    return await asyncio.gather(*submissions, return_exceptions=True)


async def test_concurrent_submissions_are_committed_in_groups(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    batches: list[int] = []
    with SubmissionWriter(
        engine, on_commit=lambda receipts: batches.append(len(receipts))
    ) as writer:
        receipts = await submit_all(
            writer, [draft(event, f"вопрос {i}") for i in range(300)]
        )
    assert all(isinstance(receipt, Receipt) for receipt in receipts)
    assert len({receipt.tracking_code for receipt in receipts}) == 300
    assert stored(engine, SUBMISSIONS) == 300 == sum(batches)
    assert max(batches) > 1, "submissions waiting together share a commit"


async def test_same_key_in_one_batch_stores_one_submission(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    with SubmissionWriter(engine) as writer:
        receipts = await submit_all(writer, [draft(event)] * 20, idempotency_key="same")
    assert len({receipt.tracking_code for receipt in receipts}) == 1
    assert sum(not receipt.replayed for receipt in receipts) == 1
    assert stored(engine, SUBMISSIONS) == 1 == stored(engine, IDEMPOTENCY_RECORDS)


async def test_same_key_with_other_text_in_one_batch_conflicts(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    with SubmissionWriter(engine) as writer:
        outcomes = await submit_all(
            writer,
            [draft(event, "первый"), draft(event, "второй")],
            idempotency_key="k",
        )
    assert isinstance(outcomes[0], Receipt)
    assert isinstance(outcomes[1], IdempotencyConflict)
    assert stored(engine, SUBMISSIONS) == 1


async def test_two_writers_racing_on_one_key_store_one_submission(
    database_url: str, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    engines = [db.create_engine(database_url) for _ in range(2)]
    writers = [SubmissionWriter(engine) for engine in engines]
    for writer in writers:
        writer.start()
    try:
        outcomes = await asyncio.gather(
            *(
                writer.submit(
                    draft(event),
                    channel="api",
                    deadline_days=10,
                    idempotency_key=f"k{i}",
                )
                for i in range(40)
                for writer in writers
            )
        )
    finally:
        for writer in writers:
            writer.stop()
    codes = {receipt.tracking_code for receipt in outcomes}
    assert len(codes) == 40
    assert stored(engines[0], SUBMISSIONS) == 40
    for engine in engines:
        engine.dispose()


async def test_unreachable_database_refuses_and_the_writer_recovers(
    make_event: Callable[..., Event], engine: Engine
) -> None:
    event = make_event()
    broken = db.create_engine("postgresql://127.0.0.1:1/nowhere")
    with SubmissionWriter(broken) as writer, pytest.raises(StorageUnavailable):
        await writer.submit(draft(event), channel="api", deadline_days=10)
    with SubmissionWriter(engine) as healthy:
        receipt = await healthy.submit(draft(event), channel="api", deadline_days=10)
    assert receipt.status == "received"


async def test_submit_before_start_is_refused(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    with pytest.raises(StorageUnavailable):
        await SubmissionWriter(engine).submit(
            draft(make_event()), channel="api", deadline_days=10
        )


async def test_conflict_in_a_batch_does_not_hold_back_the_others(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    committed: list[Receipt] = []
    with SubmissionWriter(engine, on_commit=committed.extend) as writer:
        await writer.submit(
            draft(event, "первый"), channel="api", deadline_days=10, idempotency_key="k"
        )
        conflicting = writer.submit(
            draft(event, "другой"), channel="api", deadline_days=10, idempotency_key="k"
        )
        fresh = writer.submit(draft(event, "новый"), channel="api", deadline_days=10)
        outcomes = await asyncio.gather(conflicting, fresh, return_exceptions=True)
    assert isinstance(outcomes[0], IdempotencyConflict)
    assert isinstance(outcomes[1], Receipt)
    assert [receipt.tracking_code for receipt in committed][-1] == outcomes[
        1
    ].tracking_code
    assert stored(engine, SUBMISSIONS) == 2


async def test_followers_of_one_key_each_get_their_own_verdict(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    with SubmissionWriter(engine) as writer:
        outcomes = await submit_all(
            writer,
            [draft(event, "первый"), draft(event, "другой"), draft(event, "первый")],
            idempotency_key="k",
        )
    first, other, again = outcomes
    assert isinstance(first, Receipt) and isinstance(other, IdempotencyConflict)
    assert isinstance(again, Receipt) and again.tracking_code == first.tracking_code


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.psycopg.dialect()])
def test_values_written_as_given_need_no_conversion(dialect: Dialect) -> None:
    # The writer converts only the timestamps (once a batch) and hands every
    # other value to the driver as it is; a column type that converts would
    # have to join them.
    insert = FastInsert(SUBMISSIONS, ("id", *SUBMISSION_COLUMNS), dialect)
    converted = {column for column in insert.columns if insert.has_processor(column)}
    assert converted <= {"created_at", "status_changed_at", "answer_due_at"}


async def test_a_large_batch_goes_in_several_statements(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    with SubmissionWriter(engine, batch_size=1000) as writer:
        receipts = await submit_all(
            writer, [draft(event, f"вопрос {i}") for i in range(500)]
        )
    ids = [receipt.submission_id for receipt in receipts]
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(SUBMISSIONS.c.id, SUBMISSIONS.c.tracking_code, SUBMISSIONS.c.text)
        ).all()
    stored_by_id = {row.id: (row.tracking_code, row.text) for row in rows}
    assert len(set(ids)) == 500 == len(stored_by_id)
    for i, receipt in enumerate(receipts):
        assert stored_by_id[receipt.submission_id] == (
            receipt.tracking_code,
            f"вопрос {i}",
        )


async def test_a_row_stored_by_someone_else_does_not_take_the_next_id(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    now = utcnow()
    with SubmissionWriter(engine) as writer:
        first = await writer.submit(
            draft(event, "первый"), channel="api", deadline_days=10
        )
        with engine.begin() as connection:
            connection.execute(
                SUBMISSIONS.insert().values(
                    event_id=event.id,
                    tracking_code="0000-0000-0000",
                    text="чужой",
                    language="ru",
                    channel="web",
                    status="received",
                    created_at=now,
                    status_changed_at=now,
                )
            )
        second = await writer.submit(
            draft(event, "второй"), channel="api", deadline_days=10
        )
    with engine.connect() as connection:
        query = sa.select(SUBMISSIONS.c.id, SUBMISSIONS.c.text)
        texts = {row.id: row.text for row in connection.execute(query)}
    assert texts[first.submission_id] == "первый"
    assert texts[second.submission_id] == "второй"
    assert sorted(texts.values()) == ["второй", "первый", "чужой"]
