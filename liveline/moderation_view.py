"""What moderators see of an event's clusters, read from the database."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline.models import CLUSTERS, EVENTS
from liveline.models import MERGE_SUGGESTIONS as SUGGESTIONS


@dataclass(frozen=True)
class ClusterRow:
    """One cluster: the question, how many asked it, from where."""

    key: str
    size: int
    representative: str
    topic: str | None
    video_count: int
    municipalities: dict[str, int]
    heat: float
    version: int

    def top_places(self, count: int) -> list[tuple[str, int]]:
        """The municipalities most of its senders wrote from."""
        ranked = sorted(
            self.municipalities.items(), key=lambda item: (-item[1], item[0])
        )
        return ranked[:count]


@dataclass(frozen=True)
class SuggestionRow:
    """A probable merge the clusterer offers, with its reason."""

    first_key: str
    second_key: str
    score: float
    reason: str


def _event_id(connection: sa.Connection, slug: str) -> int:
    event_id = connection.execute(
        sa.select(EVENTS.c.id).where(EVENTS.c.slug == slug)
    ).scalar()
    if event_id is None:
        raise LookupError(f"no event with slug {slug!r}")
    return int(event_id)


def merge_suggestions(database: Engine, slug: str) -> list[SuggestionRow]:
    """The merges the clusterer offers for the event ``slug``, the likeliest first.

    Raises:
        LookupError: there is no such event.
    """
    with database.connect() as connection:
        event_id = _event_id(connection, slug)
        rows = connection.execute(
            sa.select(
                SUGGESTIONS.c.first_key,
                SUGGESTIONS.c.second_key,
                SUGGESTIONS.c.score,
                SUGGESTIONS.c.reason,
            )
            .where(SUGGESTIONS.c.event_id == event_id)
            .order_by(SUGGESTIONS.c.score.desc(), SUGGESTIONS.c.id)
        ).mappings()
        return [SuggestionRow(**row) for row in rows]


def largest_clusters(database: Engine, slug: str, limit: int) -> list[ClusterRow]:
    """The ``limit`` largest clusters of the event ``slug``.

    Raises:
        LookupError: there is no such event.
    """
    with database.connect() as connection:
        event_id = _event_id(connection, slug)
        rows = connection.execute(
            sa.select(
                CLUSTERS.c.key,
                CLUSTERS.c.size,
                CLUSTERS.c.representative,
                CLUSTERS.c.topic,
                CLUSTERS.c.video_count,
                CLUSTERS.c.municipalities,
                CLUSTERS.c.heat,
                CLUSTERS.c.version,
            )
            .where(CLUSTERS.c.event_id == event_id)
            .order_by(CLUSTERS.c.size.desc(), CLUSTERS.c.id)
            .limit(limit)
        ).mappings()
        return [ClusterRow(**row) for row in rows]
