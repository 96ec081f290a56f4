"""What the engine hands out: assignments, cluster snapshots, merge suggestions.

All three are frozen records: the web app and the live clusterer can keep,
compare and serialise them without touching the engine's state.
"""

from __future__ import annotations

from dataclasses import dataclass

from moderation.screening import Screening


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one item went: a cluster, or the screened lane with a reason."""

    item_id: str
    cluster: str | None
    screening: Screening
    reason: str | None
    duplicate_of: str | None
    topic: str | None


@dataclass(frozen=True, slots=True)
class ClusterView:
    """A read-only snapshot of one cluster for the console and the host.

    ``heat`` compares arrivals in the last ``heat_window`` seconds (``recent``)
    with the window before (``previous``).
    """

    id: str
    version: int
    size: int
    representative: str
    representative_id: str
    topic: str | None
    municipalities: dict[str, int]
    video_count: int
    first_seen: float | None
    last_seen: float | None
    recent: int
    previous: int
    heat: float
    item_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """Two clusters that probably hold the same question, for a moderator."""

    first: str
    second: str
    score: float
    reason: str
