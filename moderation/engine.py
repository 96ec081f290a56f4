"""The streaming engine: screen, deduplicate and cluster one question at a time.

Each question is analysed once, screened, checked against earlier messages for
copies, then scored against the few clusters that share its rarest features.
It joins the best one whose score passes the threshold, whose anchors
(town for local questions, street, numbered institution, kind of institution)
do not contradict its own and whose members are about its subject (land
plots, medicines, heating); otherwise it starts a new cluster. Cluster ids are
given in order of creation and never change. Moderator commands (merge, split,
restore) are plain methods that check the version the moderator saw.

The engine does no I/O beyond loading the bundled models when built, and its
outcome depends only on the order of the items added: replaying the same items
in the same order rebuilds the same state.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import math
from array import array
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from moderation.cluster import (
    Cluster,
    ClusterStore,
    Member,
    clusters_conflict,
    has_conflict,
    member_anchors,
    neighbourhood_anchors,
)
from moderation.dedup import DuplicateIndex
from moderation.errors import (
    DuplicateItem,
    InvalidCommand,
    StaleCluster,
    UnknownCluster,
    UnknownItem,
)
from moderation.features import (
    SUBJECT,
    Features,
    FeatureWeights,
    Featurizer,
    Vocabulary,
)
from moderation.index import CandidateIndex
from moderation.items import ItemStore, first_town
from moderation.lexicon import DEFAULT_TOPICS
from moderation.morphology import shared_morphology
from moderation.normalize import Document, Normalizer
from moderation.places import Gazetteer
from moderation.records import Assignment, ClusterView, MergeSuggestion
from moderation.screening import Screener, Screening
from moderation.topics import TopicClassifier
from moderation.vectors import WordVectors, load_english, load_russian

logger = logging.getLogger(__name__)

_SCREENINGS: tuple[Screening, ...] = ("accepted", "spam", "abuse", "offtopic")


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Tuning of the engine; the defaults are meant for any event untouched.

    ``threshold`` is the score a question needs to join a cluster (English
    questions, compared without roots, have their own threshold and channel
    shares);
    ``suggest_threshold`` the lower score at which two clusters are offered to
    the moderator as a probable merge. ``dense_share`` is the weight of the
    word-vector cosine against the sparse one, and ``dense_floor`` the cosine
    that unrelated sentences already reach, counted as zero.
    ``place_bonus`` is added to the score of a local question from the town or
    neighbourhood most of a local cluster's members are about.
    ``subject_shares`` keeps a question out of a cluster when its subjects
    (the concepts that say what it is about) weigh less than the first value
    in the cluster's centroid, per member, while another subject weighs more
    than the second.
    ``context_weight`` is what the sentences around a question count for
    against the sentence that asks it; ``short_question`` raises that weight
    (second value) when the asking sentences hold at most so many content
    words (first value).
    """

    threshold: float = 0.38
    english_threshold: float = 0.40
    suggest_threshold: float = 0.3
    channel_shares: tuple[float, float, float] = (1.0, 1.5, 0.5)
    english_channel_shares: tuple[float, float, float] = (0.5, 0.4, 0.25)
    dense_share: float = 1.0
    dense_floor: float = 0.0
    size_bonus: float = 0.02
    size_bonus_cap: float = 0.08
    place_bonus: float = 0.05
    context_weight: float = 0.35
    subject_shares: tuple[float, float] = (0.1, 0.5)
    short_question: tuple[int, float] = (4, 0.6)
    candidates: int = 24
    per_feature: int = 48
    near_duplicate: float = 0.7
    heat_window: float = 600.0
    representative_chars: int = 160
    use_vectors: bool = True
    weights: FeatureWeights = field(default_factory=FeatureWeights)


class Engine:
    """Screens, deduplicates and clusters the questions of one event.

    Raises :class:`~moderation.errors.ModelMissing` when built without the
    bundled word vectors installed.
    """

    def __init__(
        self,
        municipalities: Sequence[str] | None = None,
        topics: Sequence[str] | None = None,
        config: EngineConfig | None = None,
    ) -> None:
        self.config = config or EngineConfig()
        morphology = shared_morphology()
        vectors = None
        if self.config.use_vectors:
            vectors = WordVectors(load_russian(), load_english())
        self._normalizer = Normalizer(
            morphology, self.config.context_weight, self.config.short_question
        )
        self._screener = Screener()
        self._gazetteer = Gazetteer(morphology, municipalities)
        self._topics = TopicClassifier(
            DEFAULT_TOPICS if topics is None else topics, morphology
        )
        self._vocabulary = Vocabulary(vectors)
        self._featurizer = Featurizer(
            self._vocabulary,
            vectors,
            self._gazetteer,
            self._topics,
            self.config.weights,
        )
        self._duplicates = DuplicateIndex(self.config.near_duplicate)
        self._store = ClusterStore(self._vocabulary.channels)
        self._index = CandidateIndex(self._cluster_size, self.config.per_feature)
        self._municipality_documents: dict[str, Document] = {}
        # Senders' fields seen, and how many named a town the gazetteer knew.
        self._fields_seen = self._fields_known = 0
        self._kept_apart: dict[tuple[int, int], None] = {}
        self._now: float | None = None
        # Items of the last two heat windows, oldest first, and the clusters of
        # items that have left them since the last :meth:`advance`.
        self._arrivals: deque[tuple[float, int]] = deque()
        self._cooled: set[int] = set()

        self._items = ItemStore(self._featurizer, self._vocabulary)

    # Adding -----------------------------------------------------------------

    def add(
        self,
        item_id: str,
        text: str,
        *,
        municipality: str | None = None,
        has_video: bool = False,
        at: float | None = None,
    ) -> Assignment:
        """Screen and cluster one question.

        Raises:
            DuplicateItem: ``item_id`` was added before.
        """
        if item_id in self._items.positions:
            raise DuplicateItem(f"item {item_id!r} was already added")
        document = self._normalizer.normalize(text)
        verdict = self._screener.screen(document)
        sender = known = None
        # Whether the fields seen so far are mostly towns the gazetteer knows.
        regional = 2 * self._fields_known > self._fields_seen
        municipality_document = self._municipality_document(municipality)
        if municipality and municipality_document is not None:
            known = self._gazetteer.canonical(municipality, municipality_document.words)
            self._fields_known += known is not None
            self._fields_seen += 1
            if known is None:
                # A place the gazetteer does not know: questions that name
                # it, this one included, are about that place.
                self._gazetteer.learn(municipality)
            sender = known or " ".join(municipality.split())
        features = self._featurizer.featurize(
            document, municipality, municipality_document
        )
        # A field the gazetteer does not know, on a question naming no place.
        unknown = sender if known is None and features.place is None else None
        if unknown and regional:
            # Most senders write towns the gazetteer knows, so this is one
            # more village of the region, as firm a place as a town.
            features = dataclasses.replace(features, place=unknown)
            unknown = None
        anchors = member_anchors(features)
        # Copies of one text are duplicates whichever neighbourhood sent them.
        copy_key = "|".join(anchors)
        if unknown:
            # Most fields name no town the gazetteer knows: they are the
            # neighbourhoods of a city, a weak place.
            anchors += neighbourhood_anchors(features, unknown)
        item = self._items.add(
            item_id, document, features, anchors, sender, has_video, at
        )
        original = self._duplicates.find_or_add(item, features.lemmas, copy_key)
        if original is not None:
            self._items.duplicate_of[item] = original
        if at is not None:
            self._arrive(item, at)

        if not verdict.is_accepted:
            self._items.screening[item] = _SCREENINGS.index(verdict.screening)
            self._items.reasons[item] = verdict.reason or ""
            return self._assignment(item)
        cluster = None
        if original is not None and self._items.cluster_of[original] >= 0:
            # A copy follows its original, wherever moderators have put it.
            cluster = self._open(self._items.cluster_of[original])
        if cluster is None:
            cluster = self._choose(features, anchors, document.language == "en")
        member = Member(
            item=item,
            ids=features.ids,
            weights=features.weights,
            dense=features.dense,
            place=features.place,
            municipality=self._items.name_or_none(self._items.municipality_of[item])
            or first_town(features.place),
            is_local=features.anchors.is_local,
            anchors=anchors,
            topic=features.topic,
            has_video=has_video,
            at=at,
            is_english=document.language == "en",
            is_specific=features.anchors.is_specific,
        )
        self._join(cluster, member, features.keys)
        return self._assignment(item)

    def _arrive(self, item: int, at: float) -> None:
        if self._now is None or at > self._now:
            self._now = at
        self._arrivals.append((at, item))
        self._forget_before(self._now - 2 * self.config.heat_window)

    def _forget_before(self, cutoff: float) -> None:
        arrivals, cluster_of = self._arrivals, self._items.cluster_of
        while arrivals and arrivals[0][0] < cutoff:
            _, item = arrivals.popleft()
            if cluster_of[item] >= 0:
                self._cooled.add(cluster_of[item])

    def advance(self, now: float) -> list[str]:
        """Move the engine's clock to ``now``; name the clusters whose heat may change.

        Heat compares the members of the last ``heat_window`` seconds with the
        window before. New questions move the clock, but a cluster nobody
        writes to any more cools only as time passes, so a caller that shows
        heat calls this now and then with the wall clock and refreshes the
        clusters named: those with a member in the last two windows, and those
        whose last such member has just left them.
        """
        if self._now is None or now > self._now:
            self._now = now
        self._forget_before(self._now - 2 * self.config.heat_window)
        cluster_of = self._items.cluster_of
        indexes = self._cooled | {
            cluster_of[item] for _, item in self._arrivals if cluster_of[item] >= 0
        }
        self._cooled = set()
        clusters = {self._open(index) for index in indexes}
        return [c.id for c in sorted(clusters, key=lambda c: c.index) if c.is_open]

    def _municipality_document(self, municipality: str | None) -> Document | None:
        if not municipality:
            return None
        document = self._municipality_documents.get(municipality)
        if document is None:
            document = self._normalizer.normalize(municipality)
            self._municipality_documents[municipality] = document
        return document

    # Choosing a cluster ------------------------------------------------------

    def _choose(
        self, features: Features, anchors: tuple[str, ...], english: bool
    ) -> Cluster | None:
        clusters = self._store.clusters
        best: Cluster | None = None
        best_score = self._threshold(english)
        for index in self._index.candidates(features.keys, self.config.candidates):
            cluster = clusters[index]
            # Words of two languages never meet, so a cluster stays in one.
            if not cluster.is_open or cluster.is_english != english:
                continue
            if has_conflict(
                cluster,
                anchors,
                features.anchors.is_local,
                features.place,
                features.anchors.is_specific,
            ):
                continue
            if self._changes_subject(cluster, features.ids):
                continue
            score = self._score(
                cluster,
                features.ids,
                features.weights,
                features.dense,
                english,
                anchors,
                features.anchors.is_local,
            )
            if score > best_score:
                best, best_score = cluster, score
        return best

    def _changes_subject(self, cluster: Cluster, ids: array) -> bool:
        """True when the question is about subjects the cluster's members
        hardly name, and most of them name another one.

        Free travel for large families is not their land plots, however much
        else the two questions share; a paraphrase keeps its subject in other
        words, which the concepts of the lexicon gather.
        """
        kinds = self._vocabulary.kinds
        mine = [fid for fid in ids if kinds[fid] == SUBJECT]
        if not mine:
            return False
        profile = cluster.profile
        rare, common = self.config.subject_shares
        size = cluster.size
        if max(profile.get(fid, 0.0) for fid in mine) >= rare * size:
            return False
        return any(
            profile.get(fid, 0.0) >= common * size for fid in self._vocabulary.subjects
        )

    def _score(
        self,
        cluster: Cluster,
        ids: array,
        weights: array,
        dense: np.ndarray | None,
        english: bool,
        anchors: tuple[str, ...],
        is_local: bool,
    ) -> float:
        """How well a question fits ``cluster``: to beat the join threshold."""
        return (
            self._similarity(cluster, ids, weights, dense, english)
            + self._size_bonus(cluster.size)
            + self._place_bonus(cluster, anchors, is_local)
        )

    def _cluster_size(self, index: int) -> int:
        # A method rather than a closure, so that the engine can be pickled.
        return self._store.clusters[index].size

    def _size_bonus(self, size: int) -> float:
        # A large cluster's centroid is an average of many wordings and is
        # trustworthy; a singleton is one wording, and a match with it is not.
        return min(self.config.size_bonus_cap, self.config.size_bonus * math.log2(size))

    def _place_bonus(
        self, cluster: Cluster, anchors: tuple[str, ...], is_local: bool
    ) -> float:
        # A local question from the place most of a local cluster is about:
        # the same concern in the same town is most often the same question.
        if not (is_local and cluster.is_local):
            return 0.0
        known = cluster.anchors
        size = cluster.size
        for anchor in anchors:
            if anchor[:2] in ("t:", "f:") and 2 * known.get(anchor, 0) > size:
                return self.config.place_bonus
        return 0.0

    def _threshold(self, english: bool) -> float:
        config = self.config
        return config.english_threshold if english else config.threshold

    def _similarity(
        self,
        cluster: Cluster,
        ids: array,
        weights: array,
        dense: np.ndarray | None,
        english: bool = False,
    ) -> float:
        cosines, present = self._store.sparse_similarity(cluster, ids, weights)
        dense_cosine = self._store.dense_similarity(cluster, dense)
        return self._blend(cosines, present, dense_cosine, english)

    def _blend(
        self,
        cosines: list[float],
        present: list[bool],
        dense: float | None,
        english: bool = False,
    ) -> float:
        # A weighted mean over the channels the question has: an English
        # question has no roots, a question of unknown words no vector, and
        # neither is penalised for it.
        total = weight = 0.0
        config = self.config
        shares = config.english_channel_shares if english else config.channel_shares
        for share, cosine, has in zip(shares, cosines, present, strict=True):
            if has:
                total += share * cosine
                weight += share
        if dense is not None:
            floor = config.dense_floor
            total += config.dense_share * max(0.0, (dense - floor) / (1 - floor))
            weight += config.dense_share
        return total / weight if weight > 0 else 0.0

    def _join(
        self, cluster: Cluster | None, member: Member, keys: Sequence[int]
    ) -> Cluster:
        if cluster is None:
            cluster = self._store.create()
        # A cluster is already findable through the features it has.
        fresh = [key for key in keys if key not in cluster.profile]
        self._store.add(cluster, member)
        self._index.add(cluster.index, fresh)
        self._items.cluster_of[member.item] = cluster.index
        self._consider_representative(cluster, member)
        return cluster

    def _consider_representative(self, cluster: Cluster, member: Member) -> None:
        quality = self._quality(cluster, member)
        size = cluster.size
        stale = size <= 4 or size & (size - 1) == 0
        if cluster.representative >= 0 and (
            stale or quality > cluster.representative_score
        ):
            # The centroid has moved since the representative was chosen; while
            # the cluster is young it moves a lot, later only now and then.
            current = self._quality(cluster, self._items.member(cluster.representative))
            cluster.representative_score = current
        if cluster.representative < 0 or quality > cluster.representative_score:
            cluster.representative = member.item
            cluster.representative_score = quality

    def _quality(self, cluster: Cluster, member: Member) -> float:
        # Central, asking, and short enough to read on air.
        english = self._items.is_english(member.item)
        score = self._similarity(
            cluster, member.ids, member.weights, member.dense, english
        )
        length = len(self._items.text(member.item))
        limit = self.config.representative_chars
        score -= 0.2 * max(0.0, (length - limit) / limit) + 0.1 * length / limit
        if length < 20:
            score -= 0.1
        if self._items.has_question(member.item):
            score += 0.1
        return score

    def _assignment(self, item: int) -> Assignment:
        cluster_index = self._items.cluster_of[item]
        cluster = self._open(cluster_index) if cluster_index >= 0 else None
        original = self._items.duplicate_of[item]
        topic = cluster.topic() if cluster is not None else None
        return Assignment(
            item_id=self._items.ids[item],
            cluster=cluster.id if cluster is not None else None,
            screening=_SCREENINGS[self._items.screening[item]],
            reason=self._items.reasons.get(item),
            duplicate_of=self._items.ids[original] if original >= 0 else None,
            topic=self._topics.topics[topic] if topic is not None else None,
        )

    def _open(self, index: int) -> Cluster:
        # Follows merges: a merged cluster's items now live in its target.
        cluster = self._store.clusters[index]
        while cluster.merged_into is not None:
            cluster = self._store.clusters[cluster.merged_into]
        return cluster

    # Reading ------------------------------------------------------------------

    def cluster(self, cluster_id: str) -> ClusterView:
        """A snapshot of one open cluster.

        Raises:
            UnknownCluster: no such cluster, or it was merged into another.
        """
        return self._view(self._find(cluster_id))

    def clusters(self) -> list[ClusterView]:
        """Snapshots of every open cluster, in order of creation."""
        return [self._view(c) for c in self._store.clusters if c.is_open]

    def assignment(self, item_id: str) -> Assignment:
        """Where an item is now (after any merges, splits and restores).

        Raises:
            UnknownItem: no item has this id.
        """
        return self._assignment(self._position(item_id))

    def screened(self) -> list[Assignment]:
        """Every item in the screened lane, in order of arrival."""
        return [
            self._assignment(item)
            for item in range(len(self._items.ids))
            if self._items.cluster_of[item] < 0
        ]

    def __len__(self) -> int:
        return len(self._items.ids)

    def _find(self, cluster_id: str) -> Cluster:
        index = _cluster_index(cluster_id)
        if index is None or index >= len(self._store.clusters):
            raise UnknownCluster(f"no cluster {cluster_id!r}")
        cluster = self._store.clusters[index]
        if cluster.merged_into is not None:
            target = self._open(index)
            raise UnknownCluster(f"cluster {cluster_id} was merged into {target.id}")
        if not cluster.is_open:
            raise UnknownCluster(f"cluster {cluster_id} is empty")
        return cluster

    def _position(self, item_id: str) -> int:
        item = self._items.positions.get(item_id)
        if item is None:
            raise UnknownItem(f"no item {item_id!r}")
        return item

    def _view(self, cluster: Cluster) -> ClusterView:
        recent = previous = 0
        if self._now is not None:
            window = self.config.heat_window
            times = sorted(t for t in cluster.times if not math.isnan(t))
            recent_start = bisect.bisect_right(times, self._now - window)
            previous_start = bisect.bisect_right(times, self._now - 2 * window)
            recent = len(times) - recent_start
            previous = recent_start - previous_start
        topic = cluster.topic()
        representative = cluster.representative
        municipalities = dict(
            sorted(cluster.municipalities.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return ClusterView(
            id=cluster.id,
            version=cluster.version,
            size=cluster.size,
            representative=self._items.text(representative),
            representative_id=self._items.ids[representative],
            topic=self._topics.topics[topic] if topic is not None else None,
            municipalities=municipalities,
            video_count=cluster.videos,
            first_seen=cluster.first_seen,
            last_seen=cluster.last_seen,
            recent=recent,
            previous=previous,
            heat=recent / max(previous, 1),
            item_ids=tuple(self._items.ids[i] for i in cluster.members),
        )

    # Moderator commands ---------------------------------------------------------

    def merge(
        self,
        a: str,
        b: str,
        *,
        version_a: int | None = None,
        version_b: int | None = None,
    ) -> ClusterView:
        """Move every question of cluster ``b`` into cluster ``a``.

        ``a`` keeps its id; ``b`` is closed and its id is never reused.

        Raises:
            UnknownCluster: either cluster is not open.
            StaleCluster: a given version differs from the cluster's.
            InvalidCommand: ``a`` and ``b`` are the same cluster.
        """
        target, source = self._find(a), self._find(b)
        if target is source:
            raise InvalidCommand(f"cannot merge cluster {a} into itself")
        _check_version(target, version_a)
        _check_version(source, version_b)
        keys = _top_features(source.profile, 2 * self.config.weights.candidate_keys)
        self._store.absorb(target, source)
        self._index.add(target.index, keys)
        for item in target.members:
            self._items.cluster_of[item] = target.index
        self._refresh_representative(target)
        logger.debug("merged cluster %s into %s", source.id, target.id)
        return self._view(target)

    def split(
        self, cluster_id: str, item_ids: Sequence[str], *, version: int | None = None
    ) -> ClusterView:
        """Move the given questions out of a cluster into a new cluster.

        Raises:
            UnknownCluster: the cluster is not open.
            UnknownItem: an id is not an item of this engine.
            StaleCluster: ``version`` differs from the cluster's.
            InvalidCommand: no items, items outside the cluster, or all of them.
        """
        cluster = self._find(cluster_id)
        _check_version(cluster, version)
        items = list(dict.fromkeys(self._position(i) for i in item_ids))
        if not items:
            raise InvalidCommand("a split needs at least one item")
        outside = [
            self._items.ids[i]
            for i in items
            if self._items.cluster_of[i] < 0
            or self._open(self._items.cluster_of[i]) is not cluster
        ]
        if outside:
            raise InvalidCommand(f"items not in {cluster_id}: {', '.join(outside)}")
        if len(items) >= cluster.size:
            raise InvalidCommand("a split must leave at least one item behind")

        created = self._store.create()
        for item in sorted(items):
            member = self._items.member(item)
            self._store.remove(cluster, member)
            self._store.add(created, member)
            self._items.cluster_of[item] = created.index
            self._index.add(
                created.index,
                self._items.keys(item, self.config.weights.candidate_keys),
            )
        self._kept_apart[(cluster.index, created.index)] = None
        self._refresh_representative(cluster)
        self._refresh_representative(created)
        return self._view(created)

    def restore(self, item_id: str) -> Assignment:
        """Bring a screened item into clustering (a moderator's override).

        Raises:
            UnknownItem: no item has this id.
            InvalidCommand: the item is not in the screened lane.
        """
        item = self._position(item_id)
        if self._items.cluster_of[item] >= 0:
            raise InvalidCommand(f"item {item_id!r} is not screened out")
        self._items.screening[item] = 0
        self._items.reasons.pop(item, None)
        member = self._items.member(item)
        keys = self._items.keys(item, self.config.weights.candidate_keys)
        clusters = self._store.clusters
        english = self._items.is_english(item)
        best: Cluster | None = None
        best_score = self._threshold(english)
        for index in self._index.candidates(keys, self.config.candidates):
            cluster = clusters[index]
            if (
                not cluster.is_open
                or cluster.is_english != english
                or has_conflict(
                    cluster,
                    member.anchors,
                    member.is_local,
                    member.place,
                    member.is_specific,
                )
            ):
                continue
            score = self._score(
                cluster,
                member.ids,
                member.weights,
                member.dense,
                english,
                member.anchors,
                member.is_local,
            )
            if score > best_score:
                best, best_score = cluster, score
        self._join(best, member, keys)
        return self._assignment(item)

    def _refresh_representative(self, cluster: Cluster) -> None:
        best, best_quality = -1, -math.inf
        for item in cluster.members:
            quality = self._quality(cluster, self._items.member(item))
            if quality > best_quality:
                best, best_quality = item, quality
        cluster.representative = best
        cluster.representative_score = best_quality

    # Suggestions ----------------------------------------------------------------

    def suggest_merges(self, limit: int = 20) -> list[MergeSuggestion]:
        """Pairs of open clusters that probably ask the same question.

        Nothing is merged: each pair comes with a score and a reason for the
        moderator. Pairs a moderator split apart are never suggested again.
        """
        pairs: dict[tuple[int, int], float] = {}
        clusters = self._store.clusters
        keys_per_cluster = 2 * self.config.weights.candidate_keys
        for cluster in clusters:
            if not cluster.is_open:
                continue
            keys = _top_features(cluster.profile, keys_per_cluster)
            for index in self._index.candidates(keys, self.config.candidates):
                other = clusters[index]
                pair = (min(index, cluster.index), max(index, cluster.index))
                if (
                    other is cluster
                    or not other.is_open
                    or pair in pairs
                    or pair in self._kept_apart
                    or other.is_english != cluster.is_english
                    or clusters_conflict(cluster, other)
                ):
                    continue
                cosines, present, dense = self._store.centroid_similarity(
                    cluster, other
                )
                score = self._blend(cosines, present, dense, cluster.is_english)
                if score >= self.config.suggest_threshold:
                    pairs[pair] = score
        ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [
            MergeSuggestion(
                first=clusters[a].id,
                second=clusters[b].id,
                score=round(score, 3),
                reason=self._merge_reason(clusters[a], clusters[b], score),
            )
            for (a, b), score in ranked
        ]

    def _merge_reason(self, first: Cluster, second: Cluster, score: float) -> str:
        # The words both clusters lean on, as the moderator would read them:
        # lemmas and numbers, not the engine's concept keys.
        names = self._vocabulary.names
        shared = [
            _readable(names[fid])
            for fid in _top_features(first.profile, 30)
            if fid in second.profile and names[fid][:2] in {"w:", "a:", "n:"}
        ]
        words = ", ".join(shared[:5])
        if self._items.is_english(first.representative):
            return f"similarity {score:.2f}; shared: {words or 'related words'}"
        return f"сходство {score:.2f}; общее: {words or 'близкие по смыслу слова'}"


def _readable(name: str) -> str:
    if name.startswith("a:") and "#" in name:
        kind, _, number = name[2:].partition("#")
        return f"{kind} №{number}"
    return name[2:]


def _cluster_index(cluster_id: str) -> int | None:
    if len(cluster_id) < 2 or cluster_id[0] != "c" or not cluster_id[1:].isdigit():
        return None
    index = int(cluster_id[1:]) - 1
    return index if index >= 0 else None


def _check_version(cluster: Cluster, version: int | None) -> None:
    if version is not None and version != cluster.version:
        raise StaleCluster(cluster.id, version, cluster.version)


def _top_features(profile: dict[int, float], count: int) -> list[int]:
    ranked = sorted(profile.items(), key=lambda kv: (-kv[1], kv[0]))
    return [fid for fid, _ in ranked[:count]]


def cluster_records(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Run a fresh engine with its defaults over records, as the batch command does.

    Each record needs ``id`` and ``text``; ``municipality``, ``has_video`` and
    ``at`` are used when present, and every field is passed through. The answer
    adds ``cluster``, ``screening``, ``duplicate_of`` and ``topic``.

    Raises:
        DuplicateItem: two records share an id.
    """
    engine = Engine()
    answers = []
    for record in records:
        assignment = engine.add(
            str(record["id"]),
            record["text"],
            municipality=record.get("municipality") or None,
            has_video=bool(record.get("has_video", False)),
            at=record.get("at"),
        )
        answers.append(
            {
                **record,
                "cluster": assignment.cluster,
                "screening": assignment.screening,
                "duplicate_of": assignment.duplicate_of,
                "topic": assignment.topic,
            }
        )
    return answers
