"""Telling the rest of Liveline that submissions arrived, without ever losing one.

After each group commit the web process publishes one message per event on the
bus; whatever listens (the clusterer, the moderators' consoles) wakes up and
reads the new submissions from the database. A message can still be lost: the
process may die between the commit and the publish, or Redis may be down. So
each submission records when it was announced, and a periodic sweep announces
whatever stayed unannounced for longer than a grace period. Listeners may hear
of a submission twice; they are idempotent.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline.models import Submission
from liveline.writer import Receipt, SubmissionWriter, utcnow
from realtime.bus import Bus

logger = logging.getLogger(__name__)

SUBMISSIONS = Submission.__table__  # type: ignore[attr-defined]
SWEEP_LIMIT = 5000


def submissions_stream(event_id: int) -> str:
    """The bus stream on which an event's new submissions are announced."""
    return f"liveline:event:{event_id}:submissions"


class Announcer:
    """Publishes new submissions on the bus and records that it did."""

    def __init__(
        self,
        engine: Engine,
        bus: Bus,
        writer: SubmissionWriter,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._engine = engine
        self._bus = bus
        self._writer = writer
        self._clock = clock

    async def announce(self, pairs: Iterable[tuple[int, int]]) -> int:
        """Publish ``(event_id, submission_id)`` pairs, one message per event.

        Returns how many submissions were announced. A bus failure is logged
        and left to the sweep.
        """
        by_event: dict[int, list[int]] = defaultdict(list)
        for event_id, submission_id in pairs:
            by_event[event_id].append(submission_id)
        announced: list[int] = []
        for event_id, ids in by_event.items():
            message = {"type": "submissions.accepted", "ids": ",".join(map(str, ids))}
            try:
                await self._bus.publish(submissions_stream(event_id), message)
            except Exception as exc:  # noqa: BLE001 - the sweep will retry
                logger.warning(
                    "could not announce %d submissions of event %s: %s",
                    len(ids),
                    event_id,
                    exc,
                )
                continue
            announced.extend(ids)
        if announced:
            self._writer.mark_announced(announced)
        return len(announced)

    async def announce_receipts(self, receipts: list[Receipt]) -> int:
        """Publish freshly committed receipts."""
        return await self.announce((r.event_id, r.submission_id) for r in receipts)

    async def sweep(self, grace: timedelta) -> int:
        """Announce submissions left unannounced for longer than ``grace``."""
        cutoff = self._clock() - grace
        query = (
            sa.select(SUBMISSIONS.c.event_id, SUBMISSIONS.c.id)
            .where(SUBMISSIONS.c.announced_at.is_(None))
            .where(SUBMISSIONS.c.created_at < cutoff)
            .order_by(SUBMISSIONS.c.id)
            .limit(SWEEP_LIMIT)
        )

        def load() -> list[tuple[int, int]]:
            with self._engine.connect() as connection:
                return [(row[0], row[1]) for row in connection.execute(query)]

        pairs = await asyncio.to_thread(load)
        if not pairs:
            return 0
        logger.info("sweep found %d unannounced submissions", len(pairs))
        return await self.announce(pairs)

    async def run_sweeps(self, interval: float, grace: timedelta) -> None:
        """Sweep every ``interval`` seconds until cancelled."""
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep(grace)
            except Exception:  # noqa: BLE001 - keep sweeping after a bad round
                logger.exception("announcement sweep failed")
