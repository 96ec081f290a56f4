"""A question as numbers: sparse weighted features, a dense vector, anchors.

Sparse features are content lemmas (weighted by rarity and by whether their
sentence asks the question), civic concepts, numbers, streets and numbered
institutions. The dense vector is the weighted mean of the word vectors of the same
lemmas. Features get small integer ids from the engine's vocabulary, so an item
can be stored as two short arrays and rebuilt exactly (for a split) without
keeping its text or its vector.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from moderation.lexicon import CONCEPTS, words
from moderation.normalize import Document
from moderation.places import Anchors, Gazetteer, find_anchors
from moderation.topics import TopicClassifier
from moderation.vectors import WordVectors

WORD = 0
CONCEPT = 1
NUMBER = 2
ANCHOR = 3
ROOT = 4
# A concept that names what a question is about (heating, land, medicines), as
# opposed to an action (repair, raise) or an audience (children, families).
SUBJECT = 5
# Similarity is measured per channel: content words (with numbers and anchors),
# concepts and roots, each as its own cosine, so that a paraphrase sharing
# concepts but few words still scores.
CHANNELS = 3
_CHANNEL_OF_KIND = (0, 1, 0, 0, 2, 1)

# Verb and noun prefixes stripped to find a word's root, longest first, so that
# "проиндексировать" and "индексация" share the root "индек".
_PREFIXES = tuple(
    sorted(
        words("пере про при пред под по от вы за на до раз рас из ис об недо"),
        key=lambda prefix: (-len(prefix), prefix),
    )
)
_ROOT_LETTERS = 5


def root_of(lemma: str) -> str | None:
    """The first letters of a Russian lemma after a prefix, or None if short."""
    if len(lemma) < 6 or not "а" <= lemma[0] <= "я":
        return None
    for prefix in _PREFIXES:
        if lemma.startswith(prefix) and len(lemma) - len(prefix) >= 6:
            return lemma[len(prefix) : len(prefix) + _ROOT_LETTERS]
    return lemma[:_ROOT_LETTERS]


@dataclass(frozen=True, slots=True)
class FeatureWeights:
    """Weights of the feature kinds against a word's rarity (about 1 to 6).

    A concept counts like a fairly rare word, an action ("raise", "repair")
    less, a word's root a little over half its word; a number is a strong
    token; street and number anchors count mildly, since they mostly act as
    constraints. ``candidate_keys`` is how many of a question's strongest
    features look up candidate clusters.
    """

    concept: float = 2.5
    action: float = 1.5
    root: float = 0.6
    number: float = 4.0
    anchor: float = 1.5
    candidate_keys: int = 6


class Vocabulary:
    """Feature strings to dense integer ids, assigned in order of first use."""

    def __init__(self, vectors: WordVectors | None) -> None:
        self._ids: dict[str, int] = {}
        self.names: list[str] = []
        self.kinds = array("b")
        self.channels = array("b")
        self.vector_rows = array("i")
        self.subjects: list[int] = []
        self._vectors = vectors

    def id(self, name: str, kind: int) -> int:
        """The id of ``name``, creating it on first use."""
        found = self._ids.get(name)
        if found is None:
            found = len(self.names)
            self._ids[name] = found
            self.names.append(name)
            self.kinds.append(kind)
            self.channels.append(_CHANNEL_OF_KIND[kind])
            row = -1
            if kind == WORD and self._vectors is not None:
                row = self._vectors.row(name[2:])
            self.vector_rows.append(row)
            if kind == SUBJECT:
                self.subjects.append(found)
        return found


@dataclass(frozen=True, slots=True)
class Features:
    """Everything the clusterer needs from one question."""

    ids: array  # feature ids, sorted
    weights: array  # unit-normalised weights, parallel to ids
    dense: np.ndarray | None
    keys: tuple[int, ...]  # rarest features, for candidate look-up
    anchors: Anchors
    place: str | None
    topic: int | None
    lemmas: tuple[str, ...]


class Featurizer:
    """Builds :class:`Features` from analysed documents."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        vectors: WordVectors | None,
        gazetteer: Gazetteer,
        topics: TopicClassifier,
        weights: FeatureWeights,
        *,
        dense_languages: Sequence[str] = ("ru", "en"),
    ) -> None:
        self._vocabulary = vocabulary
        self._vectors = vectors
        self._gazetteer = gazetteer
        self._topics = topics
        self._weights = weights
        self._dense_languages = frozenset(dense_languages)
        self._concept_names = [f"c:{c.key}" for c in CONCEPTS]
        self._concept_weights = [
            weights.action if c.action else weights.concept for c in CONCEPTS
        ]
        self._concept_kinds = [
            CONCEPT if c.action or c.audience else SUBJECT for c in CONCEPTS
        ]
        self._roots: dict[str, str | None] = {}

    def featurize(
        self,
        document: Document,
        municipality: str | None,
        municipality_document: Document | None,
    ) -> Features:
        """Features of one question sent from ``municipality``."""
        words = document.words
        sentence_weights = document.sentence_weights
        vocabulary = self._vocabulary
        sparse: dict[int, float] = {}

        # Content words, concepts and numbers, each counted once at its
        # strongest sentence weight.
        lemmas: list[str] = []
        for word in words:
            lexeme = word.lexeme
            if lexeme.is_stop or lexeme.is_name:
                continue
            lemmas.append(lexeme.lemma)
            weight = sentence_weights[word.sentence]
            if word.surface.isdigit():
                fid = vocabulary.id("n:" + word.surface, NUMBER)
                value = weight * self._weights.number
            else:
                fid = vocabulary.id("w:" + lexeme.lemma, WORD)
                value = weight * lexeme.idf
            if sparse.get(fid, 0.0) < value:
                sparse[fid] = value
            root = self._roots.get(lexeme.lemma, "")
            if root == "":
                root = root_of(lexeme.lemma)
                self._roots[lexeme.lemma] = root
            if root is not None:
                rid = vocabulary.id("r:" + root, ROOT)
                value = weight * lexeme.idf * self._weights.root
                if sparse.get(rid, 0.0) < value:
                    sparse[rid] = value
            for concept in lexeme.concepts:
                cid = vocabulary.id(
                    self._concept_names[concept], self._concept_kinds[concept]
                )
                value = weight * self._concept_weights[concept]
                if sparse.get(cid, 0.0) < value:
                    sparse[cid] = value

        gazetteer = self._gazetteer
        towns, routes = gazetteer.find_with_routes(words)
        asking = [weight >= 1.0 for weight in sentence_weights]
        anchors = find_anchors(words, towns, asking, routes, gazetteer.schools)
        gazetteer.learn_schools(anchors.numbered)
        for name in anchors.streets + anchors.numbered:
            sparse[vocabulary.id("a:" + name, ANCHOR)] = self._weights.anchor
        # Every town the text names counts ("we live in Izluchinsk but take
        # the children to Nizhnevartovsk"); the sender's field only when none.
        place = "|".join(towns) if towns else None
        if place is None and municipality:
            place = gazetteer.canonical(
                municipality,
                municipality_document.words if municipality_document else (),
            )

        ids, values = _unit(sparse, vocabulary.channels)
        dense = None
        if document.language in self._dense_languages:
            dense = self.dense(ids, values, english=document.language == "en")
        ranked = sorted(range(len(ids)), key=lambda i: (-values[i], ids[i]))
        keys = tuple(ids[i] for i in ranked[: self._weights.candidate_keys])
        return Features(
            ids=ids,
            weights=values,
            dense=dense,
            keys=keys,
            anchors=anchors,
            place=place,
            topic=self._topics.classify(words, sentence_weights),
            lemmas=tuple(lemmas),
        )

    def dense(
        self, ids: Sequence[int], weights: Sequence[float], *, english: bool = False
    ) -> np.ndarray | None:
        """The unit dense vector of weighted word features, if any has a vector.

        Only words of the question's own language count: a brand name in Latin
        letters has an English vector, which means nothing among Russian ones.
        """
        if self._vectors is None:
            return None
        rows = self._vocabulary.vector_rows
        of_english = self._vectors.english
        picked = [
            (rows[f], w)
            for f, w in zip(ids, weights, strict=True)
            if rows[f] >= 0 and of_english[rows[f]] == english
        ]
        if not picked:
            return None
        matrix = self._vectors.matrix[[r for r, _ in picked]]
        vector = np.asarray([w for _, w in picked], dtype=np.float32) @ matrix
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm > 0 else None


def _unit(sparse: dict[int, float], channels: array) -> tuple[array, array]:
    ordered = sorted(sparse)
    norms = [0.0] * CHANNELS
    for fid, value in sparse.items():
        norms[channels[fid]] += value * value
    roots = [n**0.5 or 1.0 for n in norms]
    values = [sparse[f] / roots[channels[f]] for f in ordered]
    return array("i", ordered), array("f", values)
