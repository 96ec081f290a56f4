"""The clustering service: a clusterer for every event whose lock this process holds.

In production it runs as its own process (``liveline clusterer``, one line of
the Procfile), on as many machines as wanted: each event is clustered by the
one process holding its lock, and another takes over when that process dies.
In the embedded mode ``liveline serve`` starts it as a companion process.
Every few minutes each event's engine is written to a snapshot on local disk,
so that a restart on the same machine replays only what came after it. An
event that is over (closed a day ago, every submission clustered) is let go:
its engine leaves memory and its snapshot the disk.

New submissions wake it through the bus; when a wake-up is lost, the next poll
finds them anyway, since it asks the database for what is not clustered yet.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from liveline.announce import submissions_stream
from liveline.clock import utcnow
from liveline.clusterer import (
    EngineFactory,
    EventClusterer,
    clusters_stream,
    default_engine,
    remove_snapshots,
)
from liveline.locks import EventLocks
from liveline.models import EVENTS, SUBMISSIONS, Event
from realtime.bus import Bus

logger = logging.getLogger(__name__)

# Events keep being clustered this long after their intake closes, for the
# stragglers committed at the last second and for moderators still at work.
AFTER_CLOSE = timedelta(days=1)


def events_to_cluster(database: Engine, now: datetime) -> list[Event]:
    """Events open now or closed less than a day ago, and any with work left.

    An event whose clusterer was down when it closed keeps its place until
    every submission it took is clustered: no sender is left out.
    """
    unclustered = (
        sa.select(SUBMISSIONS.c.id)
        .where(SUBMISSIONS.c.event_id == EVENTS.c.id)
        .where(SUBMISSIONS.c.clustered_seq.is_(None))
        .exists()
    )
    recent = sa.or_(
        EVENTS.c.closes_at.is_(None), EVENTS.c.closes_at > now - AFTER_CLOSE
    )
    query = select(Event).where(Event.opens_at <= now).where(recent | unclustered)
    with Session(database, expire_on_commit=False) as session:
        return list(session.exec(query.order_by(EVENTS.c.id)))


class ClusteringService:
    """Adopts the events it can lock and keeps their clusters up to date."""

    def __init__(
        self,
        database: Engine,
        bus: Bus,
        locks: EventLocks,
        *,
        engine_factory: EngineFactory = default_engine,
        poll_interval: float = 2.0,
        adopt_interval: float = 5.0,
        suggest_interval: float = 30.0,
        heat_interval: float = 20.0,
        snapshot_dir: Path | None = None,
        snapshot_interval: float = 300.0,
        should_stop: Callable[[], bool] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._database = database
        self._bus = bus
        self._locks = locks
        self._engine_factory = engine_factory
        self._poll_interval = poll_interval
        self._adopt_interval = adopt_interval
        self._suggest_interval = suggest_interval
        self._heat_interval = heat_interval
        self._snapshot_dir = snapshot_dir
        self._snapshot_interval = snapshot_interval
        self._should_stop = should_stop or (lambda: False)
        self._clock = clock
        self._tasks: dict[int, asyncio.Task[None]] = {}

    @property
    def event_ids(self) -> list[int]:
        """The events this process clusters now."""
        return sorted(self._tasks)

    async def run(self) -> None:
        """Adopt events and cluster them until cancelled or told to stop."""
        try:
            while not self._should_stop():
                try:
                    await self.adopt()
                except Exception as exc:  # noqa: BLE001 - retried next round
                    logger.warning("could not look for events to cluster: %s", exc)
                await asyncio.sleep(self._adopt_interval)
        finally:
            await self._stop_all()
            self._locks.close()

    async def adopt(self) -> None:
        """Start clustering every event whose lock is free; drop lost ones.

        Events that are over are let go, and their snapshots deleted.
        """
        if not await asyncio.to_thread(self._locks.still_held):
            await self._stop_all()
        for event_id, task in list(self._tasks.items()):
            if task.done():
                del self._tasks[event_id]
                self._locks.release(event_id)
        events = await asyncio.to_thread(
            events_to_cluster, self._database, self._clock()
        )
        wanted = {event.id or 0 for event in events}
        for event_id in [key for key in self._tasks if key not in wanted]:
            logger.info("event %s is over: its clusterer stops", event_id)
            await self._stop(event_id)
        if self._snapshot_dir is not None and self._snapshot_dir.is_dir():
            removed = await asyncio.to_thread(
                remove_snapshots, self._snapshot_dir, {*wanted, *self._tasks}
            )
            if removed:
                logger.info("snapshots of finished events deleted: %s", removed)
        for event in events:
            event_id = event.id or 0
            if event_id in self._tasks:
                continue
            if await asyncio.to_thread(self._locks.try_acquire, event_id):
                logger.info("clustering event %s (%s)", event_id, event.slug)
                self._tasks[event_id] = asyncio.create_task(self._cluster(event))

    async def _cluster(self, event: Event) -> None:
        try:
            await self._keep_clustering(event)
        except Exception:
            # The next round of adoption starts the event afresh from the
            # database, once it answers again.
            logger.exception("clusterer of event %s stopped", event.id)

    async def _keep_clustering(self, event: Event) -> None:
        clusterer = EventClusterer(
            self._database,
            event,
            engine_factory=self._engine_factory,
            clock=self._clock,
            snapshots=self._snapshot_dir,
        )
        await asyncio.to_thread(clusterer.rebuild)
        wake_stream = submissions_stream(clusterer.event_id)
        # Stream ids start with milliseconds: this one means "from now on".
        # A clock apart from Redis's may miss a wake-up; the poll covers it.
        last_seen = f"{int(time.time() * 1000)}-0"
        suggested_at = heated_at = -math.inf
        saved_at = time.monotonic()
        changed = True
        while True:
            touched = await asyncio.to_thread(clusterer.step)
            if touched:
                await self._announce(clusterer.event_id, touched)
                changed = True
            now = time.monotonic()
            if now - heated_at > self._heat_interval:
                cooled = await asyncio.to_thread(clusterer.refresh_heat)
                heated_at = now
                if cooled:
                    await self._announce(clusterer.event_id, cooled)
            # Looking for merges compares every cluster with its neighbours:
            # done when the stream is quiet, and during a long rush only
            # every ten intervals, so that clustering keeps up.
            due = self._suggest_interval * (1 if not touched else 10)
            if changed and now - suggested_at > due:
                await asyncio.to_thread(clusterer.refresh_suggestions)
                suggested_at, changed = now, False
            if now - saved_at > self._snapshot_interval:
                # Takes seconds for millions of questions; a restart then
                # replays only what came after it.
                await asyncio.to_thread(clusterer.save_snapshot)
                saved_at = now
            if not touched:
                last_seen = await self._wait(wake_stream, last_seen)

    async def _wait(self, stream: str, last_seen: str) -> str:
        try:
            entries = await self._bus.read(
                stream, last_seen, block_ms=int(self._poll_interval * 1000)
            )
        except Exception as exc:  # noqa: BLE001 - the database poll carries on
            logger.warning("bus unavailable, polling the database: %s", exc)
            await asyncio.sleep(self._poll_interval)
            return last_seen
        return entries[-1][0] if entries else last_seen

    async def _announce(self, event_id: int, keys: list[str]) -> None:
        message = {"type": "clusters.changed", "keys": ",".join(keys)}
        try:
            await self._bus.publish(clusters_stream(event_id), message)
        except Exception as exc:  # noqa: BLE001 - consoles also poll the database
            logger.warning(
                "could not announce cluster changes of %s: %s", event_id, exc
            )

    async def _stop(self, event_id: int) -> None:
        task = self._tasks.pop(event_id)
        task.cancel()
        with suppress(asyncio.CancelledError, Exception):
            await task
        self._locks.release(event_id)

    async def _stop_all(self) -> None:
        for event_id in list(self._tasks):
            await self._stop(event_id)
