"""Clusters: one answerable question each, kept as a centroid and counts.

A cluster stores the sum of its members' unit sparse vectors, the sum of their
unit dense vectors (a row of one shared matrix), counts of the anchors its
members named and the small statistics the console shows. Members are integer
item indices. Nothing per member is kept here beyond that index and its arrival
time, so a cluster costs the same whether it holds one question or a thousand
of its copies.
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

import numpy as np

from moderation.features import CHANNELS, Features
from moderation.places import DISTRICT_OF
from moderation.vectors import DIMENSIONS


@dataclass(frozen=True, slots=True)
class Member:
    """What a cluster needs to know about an item joining or leaving it."""

    item: int
    ids: array
    weights: array
    dense: np.ndarray | None
    place: str | None
    municipality: str | None
    is_local: bool
    anchors: tuple[str, ...]
    topic: int | None
    has_video: bool
    at: float | None
    is_english: bool = False
    is_specific: bool = False


class Cluster:
    """The state of one cluster; mutate it only through :class:`ClusterStore`."""

    __slots__ = (
        "anchors",
        "dense_count",
        "english_count",
        "first_seen",
        "index",
        "last_seen",
        "local_count",
        "members",
        "merged_into",
        "municipalities",
        "norm2",
        "profile",
        "representative",
        "representative_score",
        "times",
        "topics",
        "version",
        "videos",
    )

    def __init__(self, index: int) -> None:
        self.index = index
        self.version = 0
        self.members = array("i")
        self.times = array("d")
        self.profile: dict[int, float] = {}
        self.norm2 = [0.0] * CHANNELS
        self.dense_count = 0
        self.local_count = 0
        self.english_count = 0
        self.anchors: dict[str, int] = {}
        self.municipalities: dict[str, int] = {}
        self.topics: dict[int, int] = {}
        self.videos = 0
        self.first_seen: float | None = None
        self.last_seen: float | None = None
        self.representative = -1
        self.representative_score = -math.inf
        self.merged_into: int | None = None

    @property
    def id(self) -> str:
        return f"c{self.index + 1}"

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def is_open(self) -> bool:
        return self.merged_into is None and len(self.members) > 0

    @property
    def is_english(self) -> bool:
        return self.english_count * 2 > len(self.members)

    @property
    def is_local(self) -> bool:
        return self.local_count * 2 > len(self.members)

    def topic(self) -> int | None:
        """The topic most members were given; ties go to the earlier topic."""
        if not self.topics:
            return None
        return max(self.topics, key=lambda t: (self.topics[t], -t))


def member_anchors(features: Features) -> tuple[str, ...]:
    """Anchor keys a member adds to its cluster's counts.

    Each key starts with its kind: ``s:`` a street or a route, ``#:`` a
    numbered thing (``#:school#5``), ``i:`` a kind of institution, ``d:`` a
    doctor's specialty, ``g:`` a group asked for apart, ``t:`` a town and
    ``p:`` its district (local questions only); :func:`neighbourhood_anchors`
    adds ``f:``.
    """
    anchors = features.anchors
    keys = [f"s:{s}" for s in anchors.streets]
    keys += [f"#:{n}" for n in anchors.numbered]
    keys += [f"i:{i}" for i in anchors.institutions]
    keys += [f"d:{d}" for d in anchors.specialties]
    keys += [f"g:{g}" for g in anchors.groups]
    if anchors.is_local:
        keys += town_anchors(features.place)
    return tuple(keys)


def neighbourhood_anchors(features: Features, field: str) -> tuple[str, ...]:
    """The anchor of a sender's field naming a place the gazetteer did not know.

    Such a field (a neighbourhood of a city holding a town hall) is a weak
    place: people from every neighbourhood ask about the same main street, so
    it only ever disagrees with a place a question names (see
    :func:`has_conflict`). Only a local question that names no place has one.
    """
    return (f"f:{field}",) if features.anchors.is_local else ()


def town_anchors(place: str | None) -> list[str]:
    """Anchor keys of the towns in ``place`` and of their districts."""
    if not place:
        return []
    keys = []
    for town in place.split("|"):
        keys.append(f"t:{town}")
        district = DISTRICT_OF.get(town)
        if district is not None:
            keys.append(f"p:{district}")
    return keys


class ClusterStore:
    """All clusters of an event and the arithmetic on their centroids."""

    def __init__(self, channels: array) -> None:
        self.clusters: list[Cluster] = []
        self._channels = channels
        self._dense = np.zeros((256, DIMENSIONS), dtype=np.float32)

    def create(self) -> Cluster:
        """A new empty cluster with the next id."""
        cluster = Cluster(len(self.clusters))
        self.clusters.append(cluster)
        if cluster.index >= len(self._dense):
            grown = np.zeros((len(self._dense) * 2, DIMENSIONS), dtype=np.float32)
            grown[: len(self._dense)] = self._dense
            self._dense = grown
        return cluster

    def dense_of(self, cluster: Cluster) -> np.ndarray:
        """The sum of the members' unit dense vectors."""
        return self._dense[cluster.index]

    # Similarity -------------------------------------------------------------

    def sparse_similarity(
        self, cluster: Cluster, ids: array, weights: array
    ) -> tuple[list[float], list[bool]]:
        """Per channel, the cosine between a member and the cluster's centroid,
        and whether the member has any feature in that channel."""
        profile = cluster.profile
        channels = self._channels
        dots = [0.0] * CHANNELS
        present = [False] * CHANNELS
        for fid, weight in zip(ids, weights, strict=True):
            channel = channels[fid]
            present[channel] = True
            value = profile.get(fid)
            if value is not None:
                dots[channel] += weight * value
        norm2 = cluster.norm2
        cosines = [
            dots[k] / math.sqrt(norm2[k]) if norm2[k] > 0 else 0.0
            for k in range(CHANNELS)
        ]
        return cosines, present

    def dense_similarity(
        self, cluster: Cluster, dense: np.ndarray | None
    ) -> float | None:
        """Cosine between a unit dense vector and the centroid, if both exist."""
        if dense is None or cluster.dense_count == 0:
            return None
        row = self._dense[cluster.index]
        norm = float(np.sqrt(row @ row))
        return float(row @ dense) / norm if norm > 0 else None

    def centroid_similarity(
        self, first: Cluster, second: Cluster
    ) -> tuple[list[float], list[bool], float | None]:
        """Per-channel cosines between two centroids, and their dense cosine."""
        small, large = sorted((first, second), key=lambda c: len(c.profile))
        dots = [0.0] * CHANNELS
        for fid, value in small.profile.items():
            other = large.profile.get(fid)
            if other is not None:
                dots[self._channels[fid]] += value * other
        cosines = []
        for k in range(CHANNELS):
            norms = math.sqrt(first.norm2[k] * second.norm2[k])
            cosines.append(dots[k] / norms if norms > 0 else 0.0)
        present = [first.norm2[k] > 0 and second.norm2[k] > 0 for k in range(CHANNELS)]
        dense = None
        if first.dense_count and second.dense_count:
            a, b = self._dense[first.index], self._dense[second.index]
            denominator = float(np.sqrt((a @ a) * (b @ b)))
            dense = float(a @ b) / denominator if denominator > 0 else None
        return cosines, present, dense

    # Membership -------------------------------------------------------------

    def add(self, cluster: Cluster, member: Member) -> None:
        """Add one member and update every count; bumps the version."""
        self._shift(cluster, member, 1.0)
        cluster.members.append(member.item)
        cluster.times.append(member.at if member.at is not None else math.nan)
        if member.at is not None:
            if cluster.first_seen is None or member.at < cluster.first_seen:
                cluster.first_seen = member.at
            if cluster.last_seen is None or member.at > cluster.last_seen:
                cluster.last_seen = member.at
        cluster.version += 1

    def remove(self, cluster: Cluster, member: Member) -> None:
        """Remove one member (for a split); bumps the version."""
        self._shift(cluster, member, -1.0)
        position = cluster.members.index(member.item)
        del cluster.members[position]
        del cluster.times[position]
        known = [t for t in cluster.times if not math.isnan(t)]
        cluster.first_seen = min(known) if known else None
        cluster.last_seen = max(known) if known else None
        if cluster.representative == member.item:
            cluster.representative = -1
            cluster.representative_score = -math.inf
        cluster.version += 1

    def absorb(self, target: Cluster, source: Cluster) -> None:
        """Move every member of ``source`` into ``target``; closes ``source``."""
        profile = target.profile
        for fid, value in source.profile.items():
            profile[fid] = profile.get(fid, 0.0) + value
        norm2 = [0.0] * CHANNELS
        for fid, value in profile.items():
            norm2[self._channels[fid]] += value * value
        target.norm2 = norm2
        self._dense[target.index] += self._dense[source.index]
        self._dense[source.index] = 0.0
        target.dense_count += source.dense_count
        target.local_count += source.local_count
        target.english_count += source.english_count
        for table, other in (
            (target.anchors, source.anchors),
            (target.municipalities, source.municipalities),
        ):
            for key, count in other.items():
                table[key] = table.get(key, 0) + count
        for topic, count in source.topics.items():
            target.topics[topic] = target.topics.get(topic, 0) + count
        target.videos += source.videos
        target.members.extend(source.members)
        target.times.extend(source.times)
        for seen in (source.first_seen, source.last_seen):
            if seen is not None:
                target.first_seen = min(target.first_seen or seen, seen)
                target.last_seen = max(target.last_seen or seen, seen)
        source.members = array("i")
        source.times = array("d")
        source.profile = {}
        source.norm2 = [0.0] * CHANNELS
        source.merged_into = target.index
        source.version += 1
        target.version += 1

    def _shift(self, cluster: Cluster, member: Member, sign: float) -> None:
        profile = cluster.profile
        norm2 = cluster.norm2
        channels = self._channels
        for fid, weight in zip(member.ids, member.weights, strict=True):
            old = profile.get(fid, 0.0)
            new = old + sign * weight
            if abs(new) < 1e-6:
                profile.pop(fid, None)
                new = 0.0
            else:
                profile[fid] = new
            norm2[channels[fid]] += new * new - old * old
        for k in range(CHANNELS):
            norm2[k] = max(norm2[k], 0.0)
        step = int(sign)
        if member.dense is not None:
            self._dense[cluster.index] += sign * member.dense
            cluster.dense_count += step
        if member.is_local:
            cluster.local_count += step
        if member.is_english:
            cluster.english_count += step
        _count(cluster.anchors, _with_kinds(member.anchors), step)
        if member.municipality:
            _count(cluster.municipalities, (member.municipality,), step)
        if member.topic is not None:
            _count(cluster.topics, (member.topic,), step)
        if member.has_video:
            cluster.videos += step


def _with_kinds(anchors: tuple[str, ...]) -> tuple[str, ...]:
    # Each anchor is also counted under its kind ("s:", "#:school#", "t:"), so
    # that "does the cluster name any street?" is one look-up.
    kinds = [_kind(anchor) for anchor in anchors]
    return anchors + tuple(kinds)


def _kind(anchor: str) -> str:
    if anchor.startswith("#:"):
        return anchor[: anchor.index("#", 2) + 1]
    return anchor[:2]


def _count(table: dict, keys: tuple, step: int) -> None:
    for key in keys:
        value = table.get(key, 0) + step
        if value > 0:
            table[key] = value
        else:
            table.pop(key, None)


def has_conflict(
    cluster: Cluster,
    anchors: tuple[str, ...],
    is_local: bool,
    place: str | None,
    is_specific: bool = False,
) -> bool:
    """True when the member names a different street, number, institution kind,
    doctor's specialty or (for a local question) town or neighbourhood than the
    cluster does, or is asked for a group apart when the cluster is not, or the
    other way round.

    A region-wide question joins whatever towns it came from; a local one, or
    one asked of a mostly local cluster, must share its town.
    """
    if is_specific and cluster.local_count == 0:
        # A question about one street, house or institution has its own
        # answer, never the one given to a region-wide question.
        return True
    if _groups_of(cluster) != {a for a in anchors if a.startswith("g:")}:
        # Asked for a group apart (working pensioners), or not: most members
        # of a cluster say which.
        return True
    known = cluster.anchors
    if not known or (not anchors and place is None):
        return False
    for prefix in ("s:", "i:", "d:"):
        if prefix in known:
            mine = [a for a in anchors if a.startswith(prefix)]
            if mine and not any(a in known for a in mine):
                return True
    for anchor in anchors:
        if anchor.startswith("#:") and anchor not in known and _kind(anchor) in known:
            return True
    if not (is_local or cluster.is_local):
        return False
    if (
        place is not None
        and "t:" in known
        and not any(_same_place(town, known) for town in place.split("|"))
    ):
        return True
    return _neighbourhood_differs(anchors, known)


def _neighbourhood_differs(anchors: tuple[str, ...], known: dict[str, int]) -> bool:
    # A place the question names against the neighbourhoods the cluster's
    # senders wrote in their fields, or the other way round. A street or a
    # number the two share wins: it crosses neighbourhoods.
    if any(a in known for a in anchors if a.startswith(("s:", "#:"))):
        return False
    for mine, theirs in (("t:", "f:"), ("f:", "t:")):
        places = [a[2:] for a in anchors if a.startswith(mine)]
        if (
            places
            and theirs in known
            and not any(f"t:{p}" in known or f"f:{p}" in known for p in places)
        ):
            return True
    return False


def _same_place(town: str, known: dict[str, int]) -> bool:
    # The same town, the district of a settlement in the cluster, or a
    # settlement of the district the cluster is about.
    district = DISTRICT_OF.get(town)
    return (
        f"t:{town}" in known
        or (district is not None and f"t:{district}" in known)
        or f"p:{town}" in known
    )


def clusters_conflict(first: Cluster, second: Cluster) -> bool:
    """True when two clusters name different streets, numbers, institution
    kinds, specialties or (either being local) towns, or when one is about a
    particular place and the other region-wide: they are never offered for a
    merge."""
    for one, other in ((first, second), (second, first)):
        if one.local_count == 0 and (_named(other, "s:") or _named(other, "#:")):
            return True
    if _groups_of(first) != _groups_of(second):
        return True
    for prefix in ("s:", "i:", "d:"):
        mine, theirs = _named(first, prefix), _named(second, prefix)
        if mine and theirs and not mine & theirs:
            return True
    for anchor in _named(first, "#:"):
        if _kind(anchor) in second.anchors and anchor not in second.anchors:
            return True
    if first.is_local or second.is_local:
        mine, theirs = _named(first, "t:"), _named(second, "t:")
        if mine and theirs and not mine & theirs:
            return True
        # A place one names against the neighbourhoods the other's senders
        # wrote, unless a street or a number they share crosses them.
        for one, other in ((first, second), (second, first)):
            if (
                _named(one, "t:")
                and _named(other, "f:")
                and not _places(one) & _places(other)
                and not _spots(one) & _spots(other)
            ):
                return True
    return False


def _groups_of(cluster: Cluster) -> set[str]:
    # The groups most of a cluster's members are asked for.
    if "g:" not in cluster.anchors:
        return set()
    return {
        key
        for key, count in cluster.anchors.items()
        if key.startswith("g:") and key != "g:" and 2 * count > cluster.size
    }


def _spots(cluster: Cluster) -> set[str]:
    return _named(cluster, "s:") | _named(cluster, "#:")


def _places(cluster: Cluster) -> set[str]:
    # The places a cluster's questions name and its senders' neighbourhoods.
    return {key[2:] for key in _named(cluster, "t:") | _named(cluster, "f:")}


def _named(cluster: Cluster, prefix: str) -> set[str]:
    return {
        key for key in cluster.anchors if key.startswith(prefix) and key != _kind(key)
    }
