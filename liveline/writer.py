"""Durable intake: submissions stored in group commits before anyone is told "accepted".

One writer thread per process owns the writing. Requests hand it their checked
drafts and wait; the thread takes everything that has queued up, stores it in
one transaction, commits, and only then wakes the waiting requests. Under load
the batches grow by themselves (whatever arrives during a commit goes into the
next one); when it is quiet a lone submission is committed at once.

An ``Idempotency-Key`` is stored in the same transaction as its submission, so a
retry finds either nothing (and the first attempt never happened) or the
complete first answer.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from liveline import lifecycle, tracking
from liveline.clock import utcnow
from liveline.db import StorageUnavailable
from liveline.fastinsert import FastInsert, open_cursor
from liveline.intake import CONSENT_VERSION, Draft
from liveline.models import CONTACTS, SUBMISSIONS
from liveline.models import IDEMPOTENCY_RECORDS as IDEMPOTENCY

logger = logging.getLogger(__name__)

SUBMISSION_COLUMNS = (
    "event_id",
    "tracking_code",
    "text",
    "municipality",
    "topic",
    "language",
    "channel",
    "status",
    "created_at",
    "status_changed_at",
    "answer_due_at",
)
CONTACT_COLUMNS = (
    "submission_id",
    "name",
    "email",
    "phone",
    "consent_version",
    "consent_at",
)
KEY_COLUMNS = ("key", "request_hash", "submission_id", "created_at")


class IdempotencyConflict(ValueError):
    """An ``Idempotency-Key`` used again with a different submission."""


@dataclass(frozen=True, slots=True)
class Receipt:
    """What a sender is told once their submission is stored."""

    submission_id: int
    event_id: int
    tracking_code: str
    status: str
    created_at: datetime
    answer_due_at: datetime | None
    replayed: bool = False


@dataclass
class _Request:
    draft: Draft
    channel: str
    deadline_days: int
    key: str | None
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Receipt]
    followers: list[_Request] = field(default_factory=list)


_STOP = object()

CommitListener = Callable[[list[Receipt]], None]


class SubmissionWriter:
    """Stores submissions in group commits on a thread of its own.

    ``on_commit`` is called on the writer thread with the receipts of every
    committed batch; it must hand them off quickly (to an event loop, say).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        batch_size: int = 256,
        clock: Callable[[], datetime] = utcnow,
        on_commit: CommitListener | None = None,
    ) -> None:
        self._engine = engine
        self._batch_size = batch_size
        self._clock = clock
        self._on_commit = on_commit
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        dialect = engine.dialect
        # SQLite has one writing process (the embedded mode): the writer numbers
        # the rows itself and needs no ids back. It counts on from the last id
        # it read; should anyone else insert meanwhile, the primary key refuses
        # the batch, and the count starts again from the database.
        self._numbers_ids = dialect.name == "sqlite"
        self._next_id: int | None = None
        if self._numbers_ids:
            self._insert_submissions = FastInsert(
                SUBMISSIONS, ("id", *SUBMISSION_COLUMNS), dialect
            )
        else:
            self._insert_submissions = FastInsert(
                SUBMISSIONS,
                SUBMISSION_COLUMNS,
                dialect,
                returning=("tracking_code", "id"),
            )
        self._insert_contacts = FastInsert(CONTACTS, CONTACT_COLUMNS, dialect)
        self._insert_keys = FastInsert(IDEMPOTENCY, KEY_COLUMNS, dialect)
        # The fast inserts raise the driver's own errors, not SQLAlchemy's.
        driver = dialect.loaded_dbapi
        self._duplicate_errors = (sa.exc.IntegrityError, driver.IntegrityError)
        self._database_errors = (sa.exc.SQLAlchemyError, driver.Error)

    def start(self) -> None:
        """Start the writer thread."""
        self._thread = threading.Thread(
            target=self._run, name="liveline-writer", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Store what is queued, then stop the thread."""
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    def __enter__(self) -> SubmissionWriter:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def submit(
        self,
        draft: Draft,
        *,
        channel: str,
        deadline_days: int,
        idempotency_key: str | None = None,
    ) -> Receipt:
        """Store ``draft`` and return its receipt once it is committed.

        Raises:
            IdempotencyConflict: the key was used before for different content.
            StorageUnavailable: the database did not take it; nothing is stored.
        """
        if self._thread is None:
            raise StorageUnavailable("the submission writer is not running")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Receipt] = loop.create_future()
        key = f"{draft.event_id}:{idempotency_key}" if idempotency_key else None
        self._queue.put(_Request(draft, channel, deadline_days, key, loop, future))
        # No shield: a request that goes away cancels only its wait; the
        # writer skips settled futures and the submission is stored anyway.
        return await future

    def _run(self) -> None:
        stopping = False
        while not stopping:
            items = [self._queue.get()]
            while len(items) < self._batch_size:
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stopping = any(item is _STOP for item in items)
            requests = [item for item in items if isinstance(item, _Request)]
            try:
                self._write(requests)
            except Exception:  # noqa: BLE001 - the thread must outlive any one batch
                logger.exception("submission writer failed on a batch")
                _fail(requests, StorageUnavailable("the submission was not stored"))

    def _write(self, requests: list[_Request]) -> None:
        leaders = _join_same_keys(requests)
        if not leaders:
            return
        try:
            with self._engine.begin() as connection:
                receipts = self._store(connection, leaders)
        except self._duplicate_errors:
            if len(leaders) > 1:
                # Another process took one of these keys, or a tracking code
                # collided: retry one by one so the others are not held back.
                for leader in leaders:
                    self._write([leader])
            else:
                self._write_alone(leaders[0])
            return
        except self._database_errors as exc:
            logger.warning("database refused a batch of %d: %s", len(leaders), exc)
            _fail(leaders, StorageUnavailable("the database did not answer"))
            return
        _settle(receipts)
        self._tell_committed(receipts)

    def _write_alone(self, request: _Request) -> None:
        # A single request that hit a unique constraint: either its key was
        # stored by someone else meanwhile (then this is a replay) or its fresh
        # tracking code collided (then a new one is drawn).
        for _attempt in range(3):
            try:
                with self._engine.begin() as connection:
                    receipts = self._store(connection, [request])
            except self._duplicate_errors:
                continue
            except self._database_errors as exc:
                logger.warning("database refused a submission: %s", exc)
                _fail([request], StorageUnavailable("the database did not answer"))
                return
            _settle(receipts)
            self._tell_committed(receipts)
            return
        _fail([request], StorageUnavailable("the submission could not be stored"))

    def _tell_committed(
        self, outcomes: list[tuple[Receipt | Exception, _Request]]
    ) -> None:
        fresh = [
            outcome
            for outcome, _ in outcomes
            if isinstance(outcome, Receipt) and not outcome.replayed
        ]
        if fresh and self._on_commit is not None:
            self._on_commit(fresh)

    def _store(
        self, connection: Connection, requests: list[_Request]
    ) -> list[tuple[Receipt | Exception, _Request]]:
        driver: Any = connection.connection.dbapi_connection
        cursor = open_cursor(driver, self._engine.dialect)
        isolation = driver.isolation_level
        alone = self._numbers_ids and self._is_one_statement(requests)
        try:
            if alone:
                # In autocommit mode a lone INSERT is its own transaction, on
                # disk (WAL, synchronous=FULL) before it returns. Each statement
                # lets go of the GIL and the writer thread must win it back
                # from the busy event loop, which took milliseconds under load:
                # this spares the BEGIN and the COMMIT.
                driver.isolation_level = None
            elif self._numbers_ids:
                # The write lock first: the idempotency keys read and the rows
                # written belong to one transaction.
                cursor.execute("BEGIN IMMEDIATE")
            return self._store_in(connection, cursor, requests)
        except Exception:
            # Whatever went wrong, the next batch reads the last id again.
            self._next_id = None
            raise
        finally:
            cursor.close()
            if alone:
                driver.isolation_level = isolation

    def _is_one_statement(self, requests: list[_Request]) -> bool:
        """True when the batch is just submissions, few enough for one INSERT."""
        return len(requests) <= self._insert_submissions.max_rows and not any(
            r.key or r.draft.name or r.draft.has_contact for r in requests
        )

    def _store_in(
        self, connection: Connection, cursor: Any, requests: list[_Request]
    ) -> list[tuple[Receipt | Exception, _Request]]:
        outcomes: list[tuple[Any, _Request]] = []
        known = _known_keys(connection, [r.key for r in requests if r.key])
        new: list[_Request] = []
        for request in requests:
            previous = known.get(request.key) if request.key else None
            if previous is None:
                new.append(request)
            elif previous[0] != request.draft.fingerprint():
                outcomes.append((IdempotencyConflict(request.key), request))
            else:
                outcomes.append((previous[1], request))
        if not new:
            return outcomes

        now = self._clock()
        deadlines = {request.deadline_days for request in new}
        standings = {days: lifecycle.accept(now, days) for days in deadlines}
        codes = tracking.new_codes(len(new))
        ids = self._insert_new(cursor, new, codes, standings)
        self._insert_extras(cursor, new, ids, now)

        for submission_id, code, request in zip(ids, codes, new, strict=True):
            standing = standings[request.deadline_days]
            receipt = Receipt(
                submission_id=submission_id,
                event_id=request.draft.event_id,
                tracking_code=code,
                status=standing.status.value,
                created_at=now,
                answer_due_at=standing.answer_due_at,
            )
            outcomes.append((receipt, request))
        return outcomes

    def _insert_new(
        self,
        cursor: Any,
        new: list[_Request],
        codes: list[str],
        standings: dict[int, lifecycle.Standing],
    ) -> list[int]:
        """Insert the submissions; their ids, in the order of ``new``."""
        insert = self._insert_submissions
        # The values a batch shares are converted for the driver once; the
        # others are plain strings and integers, which drivers take as they are.
        shared = {
            days: (
                standing.status.value,
                insert.bind("created_at", standing.changed_at),
                insert.bind("status_changed_at", standing.changed_at),
                insert.bind("answer_due_at", standing.answer_due_at),
            )
            for days, standing in standings.items()
        }
        rows = [
            (
                r.draft.event_id,
                code,
                r.draft.text,
                r.draft.municipality,
                r.draft.topic,
                r.draft.language,
                r.channel,
                *shared[r.deadline_days],
            )
            for r, code in zip(new, codes, strict=True)
        ]
        if not self._numbers_ids:
            returned = dict(insert.run(cursor, rows))
            return [returned[code] for code in codes]
        if self._next_id is None:
            cursor.execute("SELECT max(id) FROM submissions")
            self._next_id = (cursor.fetchone()[0] or 0) + 1
        first = self._next_id
        ids = list(range(first, first + len(rows)))
        insert.run(cursor, [(i, *row) for i, row in zip(ids, rows, strict=True)])
        self._next_id = first + len(rows)
        return ids

    def _insert_extras(
        self, cursor: Any, new: list[_Request], ids: list[int], now: datetime
    ) -> None:
        """Insert the contacts and idempotency keys that come with some submissions."""
        consent_at = self._insert_contacts.bind("consent_at", now)
        contacts = [
            (
                submission_id,
                r.draft.name,
                r.draft.email,
                r.draft.phone,
                CONSENT_VERSION if r.draft.consent else None,
                consent_at if r.draft.consent else None,
            )
            for submission_id, r in zip(ids, new, strict=True)
            if r.draft.has_contact or r.draft.name
        ]
        self._insert_contacts.run(cursor, contacts)
        created_at = self._insert_keys.bind("created_at", now)
        keys = [
            (r.key, r.draft.fingerprint(), submission_id, created_at)
            for submission_id, r in zip(ids, new, strict=True)
            if r.key
        ]
        self._insert_keys.run(cursor, keys)


def _join_same_keys(requests: list[_Request]) -> list[_Request]:
    """Keep one request per key; the others follow it and share its outcome."""
    leaders: list[_Request] = []
    by_key: dict[str, _Request] = {}
    for request in requests:
        leader = by_key.get(request.key) if request.key else None
        if leader is None:
            leaders.append(request)
            if request.key:
                by_key[request.key] = request
        else:
            leader.followers.append(request)
    return leaders


def _known_keys(
    connection: Connection, keys: list[str | None]
) -> dict[str | None, tuple[str, Receipt]]:
    if not keys:
        return {}
    query = (
        sa.select(IDEMPOTENCY.c.key, IDEMPOTENCY.c.request_hash, SUBMISSIONS)
        .join(SUBMISSIONS, SUBMISSIONS.c.id == IDEMPOTENCY.c.submission_id)
        .where(IDEMPOTENCY.c.key.in_(keys))
    )
    known: dict[str | None, tuple[str, Receipt]] = {}
    for row in connection.execute(query).mappings():
        receipt = Receipt(
            submission_id=row["id"],
            event_id=row["event_id"],
            tracking_code=row["tracking_code"],
            status=row["status"],
            created_at=row["created_at"],
            answer_due_at=row["answer_due_at"],
            replayed=True,
        )
        known[row["key"]] = (row["request_hash"], receipt)
    return known


def _settle(outcomes: list[tuple[Receipt | Exception, _Request]]) -> None:
    settled: list[tuple[_Request, Receipt | Exception]] = []
    for outcome, request in outcomes:
        settled.append((request, outcome))
        for follower in request.followers:
            shared = outcome
            if isinstance(outcome, Receipt):
                shared = _as_replay(outcome, follower, request)
            settled.append((follower, shared))
    _resolve(settled)


def _as_replay(receipt: Receipt, follower: _Request, leader: _Request) -> Any:
    if follower.draft.fingerprint() != leader.draft.fingerprint():
        return IdempotencyConflict(follower.key)
    return replace(receipt, replayed=True)


def _fail(requests: list[_Request], error: Exception) -> None:
    _resolve([(target, error) for r in requests for target in (r, *r.followers)])


def _resolve(settled: list[tuple[_Request, Receipt | Exception]]) -> None:
    """Wake the waiting requests: one hand-over to each event loop per batch."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Any]] = {}
    for request, outcome in settled:
        by_loop.setdefault(request.loop, []).append((request.future, outcome))
    for loop, pairs in by_loop.items():
        try:
            loop.call_soon_threadsafe(_set_outcomes, pairs)
        except RuntimeError:
            # The loop is closed: its requests are gone, their rows are stored.
            logger.debug("event loop closed before submissions were acknowledged")


def _set_outcomes(pairs: list[tuple[asyncio.Future[Receipt], Any]]) -> None:
    for future, outcome in pairs:
        if future.done():
            continue
        if isinstance(outcome, Exception):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)
