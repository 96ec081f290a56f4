"""What one word form means to the engine: its lemma, weight and concepts.

Russian words go through pymorphy3, English words through the Snowball stemmer.
A word's weight is its rarity in general usage (wordfreq's lists), so that
"индексация" outweighs "вопрос" from the very first message of an event, before
the event itself has any statistics. Every answer is cached per word form:
a live stream repeats its vocabulary all the time.
"""

from __future__ import annotations

import math
import re
from functools import cache

import pymorphy3
import snowballstemmer
import wordfreq

from moderation.lexicon import (
    CIVIC_FILLER,
    CONCEPTS,
    ENGLISH_STOPWORDS,
    INTERROGATIVES,
    RUSSIAN_STOPWORDS,
)
from moderation.translit import transliterate

# Parts of speech that carry no subject of a question.
_FUNCTION_TAGS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"})
_RUSSIAN_VOWEL_SWAPS = {
    "а": "о",
    "о": "а",
    "е": "иэя",
    "и": "еы",
    "я": "еа",
    "ы": "и",
    "э": "е",
    "ю": "у",
    "у": "ю",
    "ш": "щ",
    "щ": "ш",
    "ь": "ъ",
    "ъ": "ь",
    "с": "з",
    "з": "с",
    "т": "д",
    "д": "т",
}
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = re.compile("[а-яё]")
_DEFAULT_ZIPF = 1.5
# Filler words of civic questions ("проблема", "city") still count, barely.
_FILLER_WEIGHT = 0.3


class Lexeme:
    """What the engine knows about one lowercase word form."""

    __slots__ = (
        "concepts",
        "idf",
        "is_name",
        "is_known",
        "is_person",
        "is_question",
        "is_stop",
        "lemma",
    )

    def __init__(
        self,
        lemma: str,
        idf: float,
        *,
        is_stop: bool,
        is_name: bool,
        is_question: bool,
        concepts: tuple[int, ...],
        is_person: bool = False,
        is_known: bool = True,
    ) -> None:
        self.lemma = lemma
        self.is_known = is_known
        self.is_person = is_person or is_name
        self.idf = idf
        self.is_stop = is_stop
        self.is_name = is_name
        self.is_question = is_question
        self.concepts = concepts

    def __repr__(self) -> str:
        return f"Lexeme({self.lemma!r}, idf={self.idf:.2f})"


def _rarity(zipf: float) -> float:
    # Zipf 7 is "и"/"the", zipf 2 is a rare word. Unknown words (leftover
    # typos, names) count as rare but no more than that: they are as likely to
    # be noise as to be the point of the question.
    return min(6.0, max(0.3, 8.0 - zipf))


class Morphology:
    """Lemmas, rarity and concepts of Russian and English word forms, cached."""

    def __init__(self) -> None:
        self._morph = pymorphy3.MorphAnalyzer()
        self._stemmer = snowballstemmer.stemmer("english")
        self._russian_freq = wordfreq.get_frequency_dict("ru", wordlist="small")
        self._english_freq = wordfreq.get_frequency_dict("en", wordlist="small")
        self._russian_concepts: dict[str, tuple[int, ...]] = {}
        self._english_concepts: dict[str, tuple[int, ...]] = {}
        for index, concept in enumerate(CONCEPTS):
            for lemma in concept.russian:
                self._add_concept(self._russian_concepts, lemma, index)
            for word in concept.english:
                self._add_concept(self._english_concepts, self.stem(word), index)
        self._english_stops = frozenset(self.stem(w) for w in ENGLISH_STOPWORDS)
        self._cache: dict[str, Lexeme] = {}
        self._cyrillic: dict[str, str | None] = {}

    @staticmethod
    def _add_concept(table: dict[str, tuple[int, ...]], key: str, index: int) -> None:
        if index not in table.get(key, ()):
            table[key] = (*table.get(key, ()), index)

    def stem(self, word: str) -> str:
        """The Snowball stem of an English word."""
        return str(self._stemmer.stemWord(word))

    def is_english_word(self, word: str) -> bool:
        """True when ``word`` is in the common English vocabulary."""
        return word in self._english_freq

    def is_russian_word(self, word: str) -> bool:
        """True when pymorphy3's dictionary knows ``word``."""
        return bool(self._morph.word_is_known(word))

    def cyrillic(self, word: str) -> str | None:
        """A known Russian word that the Latin ``word`` transliterates, if any."""
        if word not in self._cyrillic:
            self._cyrillic[word] = transliterate(
                word, self.is_russian_word, self._russian_freq
            )
        return self._cyrillic[word]

    def lexeme(self, word: str) -> Lexeme:
        """Analysis of a lowercase word form (``ё`` already written as ``е``)."""
        found = self._cache.get(word)
        if found is None:
            found = self._analyse(word)
            self._cache[word] = found
        return found

    def _analyse(self, word: str) -> Lexeme:
        if word.isdigit():
            return Lexeme(
                word, 5.0, is_stop=False, is_name=False, is_question=False, concepts=()
            )
        if _CYRILLIC.search(word):
            try:
                return self._analyse_russian(word)
            except ValueError:
                # pymorphy3 asks unicodedata for the name of every character
                # and fails on characters that have none.
                return self._analyse_other(word)
        if word[0] in _LATIN or word[-1] in _LATIN:
            return self._analyse_english(word)
        return self._analyse_other(word)

    def _analyse_other(self, word: str) -> Lexeme:
        # Another script: the word only matches itself.
        return Lexeme(
            word,
            _rarity(_DEFAULT_ZIPF),
            is_stop=False,
            is_name=False,
            is_question=False,
            concepts=(),
            is_known=False,
        )

    def _analyse_russian(self, word: str) -> Lexeme:
        if len(word) >= 5 and not self._morph.word_is_known(word):
            word = self._correct_russian(word)
        parse = self._best_parse(word)
        lemma = parse.normal_form.replace("ё", "е")
        tag = parse.tag
        freq = self._russian_freq.get(lemma) or self._russian_freq.get(word, 0.0)
        zipf = math.log10(freq) + 9 if freq else _DEFAULT_ZIPF
        is_stop = (
            lemma in RUSSIAN_STOPWORDS
            or word in RUSSIAN_STOPWORDS
            or tag.POS in _FUNCTION_TAGS
        )
        idf = _rarity(zipf)
        if lemma in CIVIC_FILLER:
            idf *= _FILLER_WEIGHT
        return Lexeme(
            lemma,
            idf,
            is_stop=is_stop,
            is_name="Name" in tag or "Patr" in tag,
            is_person="Surn" in tag,
            is_question=lemma in INTERROGATIVES or word in INTERROGATIVES,
            concepts=self._russian_concepts.get(lemma)
            or self._russian_concepts.get(word, ()),
            is_known=bool(self._morph.word_is_known(word)),
        )

    def _best_parse(self, word: str) -> pymorphy3.analyzer.Parse:
        # pymorphy3 ranks tied readings arbitrarily ("ямы": "ям" before "яма",
        # "паром": "пар" beside "паром"). Among the readings as likely as the
        # first, a civic one wins, then the commonest lemma.
        parses = self._morph.parse(word)
        best = parses[0]
        best_key = self._reading_key(best.normal_form)
        for parse in parses[1:]:
            if parse.score < parses[0].score * 0.99:
                break
            key = self._reading_key(parse.normal_form)
            if key > best_key:
                best, best_key = parse, key
        return best

    def _reading_key(self, lemma: str) -> tuple[bool, float]:
        return lemma in self._russian_concepts, self._russian_freq.get(lemma, 0.0)

    def _correct_russian(self, word: str) -> str:
        """The commonest known word one slip away from ``word``, else ``word``."""
        best, best_freq = word, -1.0
        for candidate in _russian_slips(word):
            if self._morph.word_is_known(candidate):
                freq = self._russian_freq.get(candidate, 0.0)
                if freq > best_freq:
                    best, best_freq = candidate, freq
        return best

    def _analyse_english(self, word: str) -> Lexeme:
        if (
            len(word) >= 5
            and word not in self._english_freq
            and word.isalpha()
            and not self._is_english_inflection(word)
        ):
            word = self._correct_english(word)
        stem = self.stem(word)
        freq = self._english_freq.get(word, 0.0)
        zipf = math.log10(freq) + 9 if freq else _DEFAULT_ZIPF
        idf = _rarity(zipf)
        if word in CIVIC_FILLER:
            idf *= _FILLER_WEIGHT
        return Lexeme(
            stem,
            idf,
            is_stop=word in ENGLISH_STOPWORDS or stem in self._english_stops,
            is_name=False,
            is_question=word in INTERROGATIVES,
            concepts=self._english_concepts.get(stem, ()),
            is_known=freq > 0,
        )

    def _is_english_inflection(self, word: str) -> bool:
        # The small word list lacks many inflected forms ("plowed", "snowed");
        # a form whose stem is a concept or whose base is a common word is no
        # typo, and correcting it would turn "plowed" into "slowed".
        if self.stem(word) in self._english_concepts:
            return True
        return any(
            word.endswith(suffix) and word[: -len(suffix)] + base in self._english_freq
            for suffix, base in _ENGLISH_SUFFIXES
        )

    def _correct_english(self, word: str) -> str:
        best, best_freq = word, 0.0
        for candidate in _english_slips(word):
            freq = self._english_freq.get(candidate, 0.0)
            if freq > best_freq:
                best, best_freq = candidate, freq
        return best


_ENGLISH_SUFFIXES = (
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ly", ""),
    ("er", ""),
    ("ers", ""),
)


def _russian_slips(word: str) -> list[str]:
    # Deletions, swaps of neighbours and the usual vowel and voicing confusions;
    # a full edit-distance search would cost far more for little gain.
    slips = [word[:i] + word[i + 1 :] for i in range(len(word))]
    slips += [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
    ]
    for i, letter in enumerate(word):
        for other in _RUSSIAN_VOWEL_SWAPS.get(letter, ""):
            slips.append(word[:i] + other + word[i + 1 :])
    return slips


def _english_slips(word: str) -> list[str]:
    slips = [word[:i] + word[i + 1 :] for i in range(len(word))]
    slips += [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
    ]
    for i in range(len(word) + 1):
        for letter in _LATIN:
            slips.append(word[:i] + letter + word[i:])
            if i < len(word):
                slips.append(word[:i] + letter + word[i + 1 :])
    return slips


@cache
def shared_morphology() -> Morphology:
    """One analyser per process: loading the dictionaries takes a while."""
    return Morphology()
