"""The clusterer of one event: new submissions to the engine, its decisions stored.

The moderation engine (``moderation.Engine``) decides in memory and does no I/O;
this module is the thin shell around it. It reads the submissions the engine
has not seen yet, in order, lets the engine screen and cluster them, and
stores every decision and every touched cluster in one transaction. The
database stays the source of truth: after a restart the engine is rebuilt by
replaying the submissions in the order it first saw them (``clustered_seq``),
which gives back the same clusters under the same keys, because the engine is
deterministic for a given order.

Replaying two million questions takes a quarter of an hour, so the clusterer
can also keep a snapshot of its engine on local disk (see
``moderation.snapshot``): a restart then loads it and replays only what was
clustered after it. A snapshot that does not match the database or the code
is ignored, and the replay starts from the beginning.

Only one clusterer may write an event's clusters (see ``liveline.locks``):
concurrent writers would make cluster identities jump under the moderators'
eyes.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from liveline import lifecycle
from liveline.clock import utcnow
from liveline.models import CLUSTERS, SUBMISSIONS, Event
from liveline.models import MERGE_SUGGESTIONS as SUGGESTIONS
from moderation import snapshot
from moderation.engine import Assignment, ClusterView
from moderation.engine import Engine as ModerationEngine

logger = logging.getLogger(__name__)

# What the engine is given of each submission (see EventClusterer._add).
ENGINE_INPUT = (
    SUBMISSIONS.c.id,
    SUBMISSIONS.c.text,
    SUBMISSIONS.c.municipality,
    SUBMISSIONS.c.created_at,
)

EngineFactory = Callable[[Event], ModerationEngine]

# An event's snapshot, and the file it is written to before it replaces it.
SNAPSHOT_NAME = re.compile(r"event-(\d+)\.engine(?:\.partial)?")


def snapshot_file(directory: Path, event_id: int) -> Path:
    """Where the snapshot of an event's engine is kept in ``directory``."""
    return directory / f"event-{event_id}.engine"


def remove_snapshots(directory: Path, keep: Iterable[int]) -> list[int]:
    """Delete the snapshots of every event but those in ``keep``; their ids."""
    kept = set(keep)
    removed = set()
    for path in directory.glob("event-*"):
        match = SNAPSHOT_NAME.fullmatch(path.name)
        if match and int(match[1]) not in kept:
            path.unlink(missing_ok=True)
            removed.add(int(match[1]))
    return sorted(removed)


def default_engine(event: Event) -> ModerationEngine:
    """An engine that knows the event's municipalities and topics."""
    return ModerationEngine(
        municipalities=event.municipalities or None, topics=event.topics or None
    )


def clusters_stream(event_id: int) -> str:
    """The bus stream on which changes to an event's clusters are announced."""
    return f"liveline:event:{event_id}:clusters"


class EventClusterer:
    """Screens and clusters the submissions of one event, and stores the result.

    Not thread-safe: one thread drives it at a time.
    """

    def __init__(
        self,
        database: Engine,
        event: Event,
        *,
        engine_factory: EngineFactory = default_engine,
        batch_size: int = 200,
        clock: Callable[[], datetime] = utcnow,
        snapshots: Path | None = None,
    ) -> None:
        # Batches stay small because on SQLite a clusterer's transaction holds
        # the one write lock that the intake also needs.
        if event.id is None:
            raise ValueError("the event must be stored first")
        self.event_id: int = event.id
        self._database = database
        self._engine = engine_factory(event)
        self._batch_size = batch_size
        self._clock = clock
        self._seq = 0
        self._last_id: int | None = None
        # A snapshot is only good for an engine built alike for this event.
        self._label = (
            f"event {event.id}; municipalities {event.municipalities!r}; "
            f"topics {event.topics!r}; {self._engine.config!r}"
        )
        self._snapshot_path = (
            snapshot_file(snapshots, self.event_id) if snapshots is not None else None
        )
        self._snapshot_seq = 0
        # The heat last stored for each cluster key, to write only changes.
        self._stored_heat: dict[str, float] = {}

    @property
    def engine(self) -> ModerationEngine:
        """The engine holding this event's clusters in memory."""
        return self._engine

    def rebuild(self) -> int:
        """Load the snapshot, if any fits, and replay what was clustered after it.

        Returns how many submissions were replayed. A decision that comes out
        differently (the engine changed between versions) is logged; the
        stored one stays until a moderator acts.
        """
        restored = self._restore_snapshot()
        query = (
            sa.select(
                *ENGINE_INPUT, SUBMISSIONS.c.cluster_key, SUBMISSIONS.c.clustered_seq
            )
            .where(SUBMISSIONS.c.event_id == self.event_id)
            .where(SUBMISSIONS.c.clustered_seq > restored)
            .order_by(SUBMISSIONS.c.clustered_seq)
        )
        replayed = drifted = 0
        with self._database.connect() as connection:
            rows = connection.execution_options(yield_per=2000).execute(query)
            for row in rows:
                assignment = self._add(row)
                drifted += assignment.cluster != row.cluster_key
                self._seq = row.clustered_seq
                replayed += 1
        if drifted:
            logger.warning(
                "event %s: %d of %d replayed decisions differ from the stored ones",
                self.event_id,
                drifted,
                replayed,
            )
        logger.info(
            "event %s: %d clustered submissions from the snapshot, %d replayed",
            self.event_id,
            restored,
            replayed,
        )
        return replayed

    def save_snapshot(self) -> bool:
        """Write the engine to the snapshot file if it changed since the last one.

        The file is replaced atomically: a crash while writing leaves the
        previous snapshot. Returns whether a snapshot was written.
        """
        path = self._snapshot_path
        if path is None or self._seq == self._snapshot_seq:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        where = {"seq": self._seq, "last_id": self._last_id}
        with partial.open("wb") as stream:
            stream.write(json.dumps(where).encode() + b"\n")
            snapshot.save(self._engine, stream, label=self._label)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
        self._snapshot_seq = self._seq
        logger.info("event %s: snapshot at %d written", self.event_id, self._seq)
        return True

    def _restore_snapshot(self) -> int:
        # The snapshot's position must still name the same submission in the
        # database (a restored backup or another database would not).
        path = self._snapshot_path
        if path is None or not path.exists():
            return 0
        try:
            with path.open("rb") as stream:
                where = json.loads(stream.readline())
                engine = snapshot.load(stream, label=self._label)
            seq, last_id = int(where["seq"]), where["last_id"]
        except (snapshot.SnapshotMismatch, ValueError, KeyError, TypeError) as exc:
            logger.warning("event %s: snapshot ignored: %s", self.event_id, exc)
            return 0
        query = sa.select(SUBMISSIONS.c.id).where(
            SUBMISSIONS.c.event_id == self.event_id,
            SUBMISSIONS.c.clustered_seq == seq,
        )
        with self._database.connect() as connection:
            stored_id = connection.execute(query).scalar()
        if seq != len(engine) or stored_id is None or stored_id != last_id:
            logger.warning(
                "event %s: snapshot at %d does not match the database; replaying",
                self.event_id,
                seq,
            )
            return 0
        self._engine = engine
        self._seq = self._snapshot_seq = seq
        self._last_id = last_id
        return seq

    def step(self) -> list[str]:
        """Cluster the next batch of new submissions; return the touched keys."""
        query = (
            sa.select(
                *ENGINE_INPUT,
                SUBMISSIONS.c.status,
                SUBMISSIONS.c.status_changed_at,
                SUBMISSIONS.c.answer_due_at,
            )
            .where(SUBMISSIONS.c.event_id == self.event_id)
            .where(SUBMISSIONS.c.clustered_seq.is_(None))
            .order_by(SUBMISSIONS.c.id)
            .limit(self._batch_size)
        )
        with self._database.connect() as connection:
            rows = list(connection.execute(query))
        if not rows:
            return []

        now = self._clock()
        decisions = []
        for row in rows:
            self._seq += 1
            decisions.append((row, self._add(row), self._seq))
        touched = sorted({a.cluster for _, a, _ in decisions if a.cluster is not None})
        views = [self._engine.cluster(key) for key in touched]
        with self._database.begin() as connection:
            _store_decisions(connection, decisions, now)
            _store_clusters(connection, self.event_id, views, now)
        self._stored_heat.update((view.id, float(view.heat)) for view in views)
        logger.debug("event %s: clustered %d submissions", self.event_id, len(rows))
        return touched

    def refresh_heat(self) -> list[str]:
        """Store the heat of clusters that cooled (or warmed) as time passed.

        A cluster's heat is written whenever a submission joins it; this
        catches the clusters nobody writes to any more, whose heat must fall
        to zero on the moderators' screens. Returns the keys whose heat changed.
        """
        engine = self._engine
        keys = engine.advance(self._clock().timestamp())
        changed = {}
        for key in keys:
            heat = float(engine.cluster(key).heat)
            if self._stored_heat.get(key) != heat:
                changed[key] = heat
        if changed:
            statement = (
                CLUSTERS.update()
                .where(CLUSTERS.c.event_id == self.event_id)
                .where(CLUSTERS.c.key == sa.bindparam("cluster_key"))
                .values(heat=sa.bindparam("new_heat"))
            )
            rows = [{"cluster_key": k, "new_heat": h} for k, h in changed.items()]
            with self._database.begin() as connection:
                connection.execute(statement, rows)
            self._stored_heat.update(changed)
        return sorted(changed)

    def refresh_suggestions(self, limit: int = 50) -> int:
        """Replace the stored merge suggestions with the engine's current ones."""
        suggestions = self._engine.suggest_merges(limit)
        now = self._clock()
        with self._database.begin() as connection:
            connection.execute(
                SUGGESTIONS.delete().where(SUGGESTIONS.c.event_id == self.event_id)
            )
            if suggestions:
                rows = [
                    {
                        "event_id": self.event_id,
                        "first_key": suggestion.first,
                        "second_key": suggestion.second,
                        "score": float(suggestion.score),
                        "reason": suggestion.reason[:300],
                        "created_at": now,
                    }
                    for suggestion in suggestions
                ]
                connection.execute(SUGGESTIONS.insert(), rows)
        return len(suggestions)

    def _add(self, row: Any) -> Assignment:
        self._last_id = row.id
        return self._engine.add(
            str(row.id),
            row.text,
            municipality=row.municipality,
            at=row.created_at.timestamp(),
        )


def _store_decisions(
    connection: Connection,
    decisions: Iterable[tuple[Any, Assignment, int]],
    now: datetime,
) -> None:
    updates = []
    for row, assignment, seq in decisions:
        standing = lifecycle.Standing(
            lifecycle.Status(row.status), row.status_changed_at, row.answer_due_at
        )
        if standing.status is lifecycle.Status.RECEIVED:
            target = (
                lifecycle.Status.IN_REVIEW
                if assignment.screening == "accepted"
                else lifecycle.Status.SCREENED_OUT
            )
            standing = lifecycle.transition(standing, target, now)
        updates.append(
            {
                "row_id": row.id,
                "cluster_key": assignment.cluster,
                "screening": assignment.screening,
                "screening_reason": (assignment.reason or "")[:300] or None,
                "duplicate_of": (
                    int(assignment.duplicate_of) if assignment.duplicate_of else None
                ),
                "clustered_at": now,
                "clustered_seq": seq,
                "status": standing.status.value,
                "status_changed_at": standing.changed_at,
            }
        )
    statement = _update_by(SUBMISSIONS, SUBMISSIONS.c.id, "row_id", updates[0])
    connection.execute(statement, _prefixed(updates, "row_id"))


def _store_clusters(
    connection: Connection, event_id: int, views: list[ClusterView], now: datetime
) -> None:
    if not views:
        return
    query = (
        sa.select(CLUSTERS.c.key, CLUSTERS.c.id)
        .where(CLUSTERS.c.event_id == event_id)
        .where(CLUSTERS.c.key.in_([view.id for view in views]))
    )
    existing = {key: cluster_id for key, cluster_id in connection.execute(query)}
    rows = [_cluster_row(event_id, view, now) for view in views]
    fresh = [row for row in rows if row["key"] not in existing]
    if fresh:
        connection.execute(CLUSTERS.insert(), fresh)
    known = [
        {"cluster_id": existing[row["key"]], **row}
        for row in rows
        if row["key"] in existing
    ]
    if known:
        statement = _update_by(CLUSTERS, CLUSTERS.c.id, "cluster_id", known[0])
        connection.execute(statement, _prefixed(known, "cluster_id"))


def _update_by(
    table: sa.Table, key: sa.Column[Any], key_name: str, sample: dict[str, Any]
) -> sa.Update:
    # An executemany UPDATE cannot bind parameters named like the columns it
    # sets, so every value travels under a prefixed name.
    columns = [name for name in sample if name != key_name]
    return (
        table.update()
        .where(key == sa.bindparam(key_name))
        .values({name: sa.bindparam(f"new_{name}") for name in columns})
    )


def _prefixed(rows: list[dict[str, Any]], key_name: str) -> list[dict[str, Any]]:
    return [
        {
            key_name: row[key_name],
            **{f"new_{k}": v for k, v in row.items() if k != key_name},
        }
        for row in rows
    ]


def _cluster_row(event_id: int, view: ClusterView, now: datetime) -> dict[str, Any]:
    def moment(seconds: float | None) -> datetime:
        return datetime.fromtimestamp(seconds, UTC) if seconds is not None else now

    return {
        "event_id": event_id,
        "key": view.id,
        "representative": view.representative,
        "representative_id": int(view.representative_id),
        "size": view.size,
        "topic": view.topic,
        "video_count": view.video_count,
        "municipalities": dict(view.municipalities),
        "first_seen_at": moment(view.first_seen),
        "last_seen_at": moment(view.last_seen),
        "heat": float(view.heat),
        "version": view.version,
        "updated_at": now,
    }
