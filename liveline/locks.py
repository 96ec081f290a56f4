"""Which process clusters which event: one holder per event, a successor when it dies.

On PostgreSQL an event's lock is a session advisory lock held on a connection
of its own: when the holding process dies, the server ends the session and the
lock passes to the next process that asks. In the embedded mode, on SQLite, it
is an ``flock`` on a file beside the database, which the kernel releases the
same way when the process dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

logger = logging.getLogger(__name__)

# The first half of PostgreSQL's two-number advisory lock key: Liveline's
# clusterers. The second half is the event's id.
CLUSTERER_LOCKS = 7345002


class EventLocks(Protocol):
    """Exclusive, process-lifetime locks on events."""

    def try_acquire(self, event_id: int) -> bool:
        """Take the event's lock if nobody holds it; True when this process has it."""

    def still_held(self) -> bool:
        """False when the locks were lost (the connection holding them broke)."""

    def release(self, event_id: int) -> None:
        """Give the event's lock up."""

    def close(self) -> None:
        """Give every lock up."""


class PostgresLocks:
    """Advisory locks on a dedicated PostgreSQL connection."""

    def __init__(self, database: Engine) -> None:
        self._database = database
        self._connection: Connection | None = None
        self._held: set[int] = set()

    def _session(self) -> Connection:
        if self._connection is None:
            self._connection = self._database.connect().execution_options(
                isolation_level="AUTOCOMMIT"
            )
        return self._connection

    def try_acquire(self, event_id: int) -> bool:
        if event_id in self._held:
            return True
        taken = (
            self._session()
            .execute(
                sa.text("SELECT pg_try_advisory_lock(:kind, :event)"),
                {"kind": CLUSTERER_LOCKS, "event": event_id},
            )
            .scalar_one()
        )
        if taken:
            self._held.add(event_id)
        return bool(taken)

    def still_held(self) -> bool:
        if self._connection is None:
            return not self._held
        try:
            self._connection.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError:
            logger.warning("lost the connection holding clusterer locks %s", self._held)
            self._forget()
            return False
        return True

    def release(self, event_id: int) -> None:
        if event_id not in self._held or self._connection is None:
            return
        self._connection.execute(
            sa.text("SELECT pg_advisory_unlock(:kind, :event)"),
            {"kind": CLUSTERER_LOCKS, "event": event_id},
        )
        self._held.discard(event_id)

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sa.exc.SQLAlchemyError):
                self._connection.execute(sa.text("SELECT pg_advisory_unlock_all()"))
        # Invalidating, not closing, ends the session: a connection merely
        # handed back to the pool would keep any lock still held.
        self._forget()

    def _forget(self) -> None:
        self._held.clear()
        if self._connection is not None:
            with contextlib.suppress(sa.exc.SQLAlchemyError):
                self._connection.invalidate()
        self._connection = None


class FileLocks:
    """``flock`` locks on files in a directory (one machine, the embedded mode)."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._held: dict[int, int] = {}

    def try_acquire(self, event_id: int) -> bool:
        if event_id in self._held:
            return True
        self._directory.mkdir(parents=True, exist_ok=True)
        path = self._directory / f"clusterer-{event_id}.lock"
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        self._held[event_id] = descriptor
        return True

    def still_held(self) -> bool:
        return True

    def release(self, event_id: int) -> None:
        descriptor = self._held.pop(event_id, None)
        if descriptor is not None:
            os.close(descriptor)

    def close(self) -> None:
        for event_id in list(self._held):
            self.release(event_id)


def locks_for(database: Engine, data_dir: Path) -> EventLocks:
    """Advisory locks on PostgreSQL, file locks beside an SQLite database."""
    if database.dialect.name == "postgresql":
        return PostgresLocks(database)
    return FileLocks(data_dir / "locks")
