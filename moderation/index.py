"""Candidate look-up: which clusters share a new question's rarest features.

Scoring every cluster for every question would make the stream quadratic. Each
feature keeps a bounded list of clusters that contain it; when a list is full,
the smallest cluster (the oldest among equals) gives up its place, so big
clusters stay findable and the work per question stays constant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class CandidateIndex:
    """Inverted index from feature ids to clusters, bounded per feature."""

    def __init__(self, size_of: Callable[[int], int], per_feature: int = 48) -> None:
        self._postings: dict[int, list[int]] = {}
        self._size_of = size_of
        self._per_feature = per_feature

    def add(self, cluster: int, features: Iterable[int]) -> None:
        """Make ``cluster`` findable through each of ``features``."""
        for feature in features:
            posting = self._postings.get(feature)
            if posting is None:
                self._postings[feature] = [cluster]
                continue
            if cluster in posting:
                continue
            if len(posting) >= self._per_feature:
                del posting[self._victim(posting)]
            posting.append(cluster)

    def _victim(self, posting: list[int]) -> int:
        # The oldest cluster of one or two questions goes first; only when every
        # cluster here is larger is the smallest one looked for.
        size_of = self._size_of
        for position, cluster in enumerate(posting):
            if size_of(cluster) <= 2:
                return position
        return min(range(len(posting)), key=lambda i: size_of(posting[i]))

    def candidates(self, features: Iterable[int], limit: int) -> list[int]:
        """Clusters sharing the most of ``features``, newest first among equals."""
        shared: dict[int, int] = {}
        for feature in features:
            for cluster in self._postings.get(feature, ()):
                shared[cluster] = shared.get(cluster, 0) + 1
        ranked = sorted(shared, key=lambda c: (-shared[c], -c))
        return ranked[:limit]
