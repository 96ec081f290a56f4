"""Topics from the event's list, chosen by keyword lexicons over lemmas.

The engine knows ten topic families (health, education, housing, transport,
...). An event names its topics its own way ("Здравоохранение",
"Roads and transport"); each name is matched to a family by its words, and a
name that matches none gets its own words as its lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderation.lexicon import CONCEPTS, OTHER, TOPIC_NAMES, TOPIC_WORDS
from moderation.morphology import Morphology
from moderation.normalize import Word

# The vote of an action ("raise") or an audience ("children") for its topic.
LESSER_VOTE = 0.5


class TopicClassifier:
    """Picks one of the event's topics for a question or a cluster."""

    def __init__(self, topics: Sequence[str], morphology: Morphology) -> None:
        self.topics = tuple(topics)
        self._families: dict[str, int] = {}
        self._own_words: dict[str, int] = {}
        self._fallback: int | None = None
        family_words = {
            family: {morphology.lexeme(name).lemma for name in names} | set(names)
            for family, names in TOPIC_NAMES.items()
        }
        for index, topic in enumerate(self.topics):
            words = [w.replace("ё", "е") for w in re.findall(r"\w+", topic.lower())]
            lemmas = {morphology.lexeme(w).lemma for w in words} | set(words)
            matched = False
            for family, names in family_words.items():
                if lemmas & names and family not in self._families:
                    self._families[family] = index
                    matched = True
            if OTHER in self._families and self._families[OTHER] == index:
                self._fallback = index
            if not matched:
                for lemma in lemmas:
                    if not morphology.lexeme(lemma).is_stop:
                        self._own_words.setdefault(lemma, index)
        self._concept_topic = [
            self._families.get(concept.topic) for concept in CONCEPTS
        ]
        # What is asked about weighs more than what is done to it or for whom.
        self._concept_weight = [
            LESSER_VOTE if concept.action or concept.audience else 1.0
            for concept in CONCEPTS
        ]

    def classify(self, words: Sequence[Word], weights: Sequence[float]) -> int | None:
        """Index of the best topic for the weighted words, else the fallback."""
        if not self.topics:
            return None
        scores = [0.0] * len(self.topics)
        for word in words:
            weight = weights[word.sentence]
            lexeme = word.lexeme
            for concept in lexeme.concepts:
                topic = self._concept_topic[concept]
                if topic is not None and topic != self._fallback:
                    scores[topic] += weight * self._concept_weight[concept]
            family = TOPIC_WORDS.get(lexeme.lemma)
            if family is not None and family in self._families:
                scores[self._families[family]] += weight
            own = self._own_words.get(lexeme.lemma)
            if own is not None:
                scores[own] += weight
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if scores[best] > 0:
            return best
        return self._fallback
