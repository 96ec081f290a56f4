"""Every item of an event, kept as small numbers in parallel arrays.

An item costs a few hundred bytes: its id, its cluster, its duplicate, a byte
of flags, its sparse features as two short runs of numbers and its cleaned text
as UTF-8. No per-item object and no per-item vector is kept; what a moderator
command needs (a member to move in a split, a representative to show) is
rebuilt from the arrays on demand.
"""

from __future__ import annotations

import math
from array import array

from moderation.cluster import Member
from moderation.features import Features, Featurizer, Vocabulary
from moderation.normalize import Document

LOCAL = 1
VIDEO = 2
QUESTION = 4
DENSE = 8
ENGLISH = 16
SPECIFIC = 32

_TEXT_LIMIT = 600
_ANCHOR_SEPARATOR = "\x1f"


class ItemStore:
    """The items of one engine, indexed by their order of arrival."""

    def __init__(self, featurizer: Featurizer, vocabulary: Vocabulary) -> None:
        self._featurizer = featurizer
        self._vocabulary = vocabulary
        self.ids: list[str] = []
        self.positions: dict[str, int] = {}
        self.cluster_of = array("i")
        self.duplicate_of = array("i")
        self.screening = bytearray()
        self.reasons: dict[int, str] = {}
        self.flags = bytearray()
        self.topics = array("b")
        self.times = array("d")
        self.places = array("i")
        self.municipality_of = array("i")
        self.anchor_sets = array("i")
        self._names: list[str] = []
        self._name_ids: dict[str, int] = {}
        self._feature_offsets = array("I", [0])
        self._feature_ids = array("i")
        self._feature_weights = array("f")
        self._text_offsets = array("Q", [0])
        self._texts = bytearray()

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self,
        item_id: str,
        document: Document,
        features: Features,
        anchors: tuple[str, ...],
        sender: str | None,
        has_video: bool,
        at: float | None,
    ) -> int:
        """Store a new item, unclustered and accepted; returns its index."""
        item = len(self.ids)
        self.ids.append(item_id)
        self.positions[item_id] = item
        self.cluster_of.append(-1)
        self.duplicate_of.append(-1)
        self.screening.append(0)
        flags = LOCAL if features.anchors.is_local else 0
        flags |= VIDEO if has_video else 0
        flags |= QUESTION if document.has_question else 0
        flags |= DENSE if features.dense is not None else 0
        flags |= ENGLISH if document.language == "en" else 0
        flags |= SPECIFIC if features.anchors.is_specific else 0
        self.flags.append(flags)
        self.topics.append(-1 if features.topic is None else features.topic)
        self.times.append(math.nan if at is None else at)
        self.places.append(self._name_id(features.place))
        self.municipality_of.append(self._name_id(sender))
        # Anchor sets repeat a lot ("t:Сургут"), so each distinct one is
        # stored once and items keep its number.
        self.anchor_sets.append(self._name_id(_ANCHOR_SEPARATOR.join(anchors)))
        self._feature_ids.extend(features.ids)
        self._feature_weights.extend(features.weights)
        self._feature_offsets.append(len(self._feature_ids))
        self._texts.extend(document.clean[:_TEXT_LIMIT].encode())
        self._text_offsets.append(len(self._texts))
        return item

    def _name_id(self, name: str | None) -> int:
        if name is None:
            return -1
        found = self._name_ids.get(name)
        if found is None:
            found = len(self._names)
            self._name_ids[name] = found
            self._names.append(name)
        return found

    def name_or_none(self, index: int) -> str | None:
        """A place or municipality name by its index, -1 meaning none."""
        return None if index < 0 else self._names[index]

    def is_english(self, item: int) -> bool:
        return bool(self.flags[item] & ENGLISH)

    def has_question(self, item: int) -> bool:
        return bool(self.flags[item] & QUESTION)

    def text(self, item: int) -> str:
        """The item's text without greeting and sign-off."""
        start, end = self._text_offsets[item], self._text_offsets[item + 1]
        return self._texts[start:end].decode(errors="ignore")

    def keys(self, item: int, count: int) -> tuple[int, ...]:
        """The item's ``count`` strongest features, for candidate look-up."""
        start, end = self._feature_offsets[item], self._feature_offsets[item + 1]
        pairs = sorted(
            zip(
                self._feature_weights[start:end],
                self._feature_ids[start:end],
                strict=True,
            ),
            key=lambda pair: (-pair[0], pair[1]),
        )
        return tuple(fid for _, fid in pairs[:count])

    def member(self, item: int) -> Member:
        """The item as a cluster member, rebuilt exactly from its arrays."""
        start, end = self._feature_offsets[item], self._feature_offsets[item + 1]
        ids = self._feature_ids[start:end]
        weights = self._feature_weights[start:end]
        flags = self.flags[item]
        dense = None
        if flags & DENSE:
            dense = self._featurizer.dense(ids, weights, english=bool(flags & ENGLISH))
        place = self.name_or_none(self.places[item])
        joined = self.name_or_none(self.anchor_sets[item])
        anchors = tuple(joined.split(_ANCHOR_SEPARATOR)) if joined else ()
        topic = self.topics[item]
        at = self.times[item]
        return Member(
            item=item,
            ids=ids,
            weights=weights,
            dense=dense,
            place=place,
            municipality=self.name_or_none(self.municipality_of[item])
            or first_town(place),
            is_local=bool(flags & LOCAL),
            anchors=anchors,
            topic=None if topic < 0 else topic,
            has_video=bool(flags & VIDEO),
            at=None if math.isnan(at) else at,
            is_english=bool(flags & ENGLISH),
            is_specific=bool(flags & SPECIFIC),
        )


def first_town(place: str | None) -> str | None:
    """The first of the towns joined in a place key."""
    return place.split("|")[0] if place else None
