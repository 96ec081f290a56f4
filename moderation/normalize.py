"""From a raw message to the words that carry its question.

The steps, in order: Unicode compatibility forms, ``ё`` as ``е``, emoji out,
sentences split, greeting and sign-off sentences dropped ("Здравствуйте, Руслан
Николаевич!", "С уважением, Иван"), words lowercased with stretched letters
squeezed ("оооочень"), Russian typed in Latin letters turned back into
Cyrillic, and every word analysed once (see :mod:`moderation.morphology`).
Any other script passes through as it is: its words simply match themselves.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from moderation.lexicon import (
    GREETING_OPENERS,
    INTERROGATIVES,
    SIGNATURE_LEMMAS,
    SIGNER_LEMMAS,
    SIGNOFF_OPENERS,
)
from moderation.morphology import Lexeme, Morphology

EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3]+"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
# NFKC turns "№" into "No", which would glue "No5" into one word; it is kept
# aside under a private-use character and put back afterwards.
_NUMBER_SIGN = "\ue000"
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|№")
_CYRILLIC = re.compile(r"[а-яА-Я]")
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_LATIN_WORD = re.compile(r"[a-z'’-]+")
_GREETING = re.compile(
    r"^\s*(?:" + "|".join(re.escape(g) for g in GREETING_OPENERS) + r")\b",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(
    r"^\s*(?:" + "|".join(re.escape(s) for s in SIGNOFF_OPENERS) + r")\b",
    re.IGNORECASE,
)
# A greeting glued to the question by a comma: "Добрый день, когда ...?".
_GREETING_PREFIX = re.compile(
    r"^\s*(?:" + "|".join(re.escape(g) for g in GREETING_OPENERS) + r")\b"
    r"(?:[\s,]+[^\W\d_]+){0,3}?\s*[,!.:;—–-]+\s*",
    re.IGNORECASE,
)
# A form of address before the greeting: "Наталья Владимировна, добрый день".
_VOCATIVE = re.compile(
    r"^\s*(?:уважаем\w+\s+)?[А-ЯЕ][а-яе]+\s+[А-ЯЕ][а-яе]+(?:вна|вич|ична|инична)\b"
    r"\s*[,!.]*\s*"
)
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:ул|д|г|пр|пос|мкр|им|пер|кв|стр|корп|р-н|обл|т|ст|п|с|"
    r"st|dr|ave|rd|no|mr|mrs|ms|blvd|ln)\.$",
    re.IGNORECASE,
)
_COURTESY_REST_WORDS = {"greeting": 3, "signoff": 6}


class Word(NamedTuple):
    """One word of a message, in the order written.

    A named tuple rather than a dataclass: messages are made of thousands of
    words a second, and a tuple is the cheapest record to build.
    """

    surface: str
    lexeme: Lexeme
    sentence: int
    is_capitalised: bool


@dataclass(frozen=True, slots=True)
class Document:
    """A message ready for screening and clustering.

    ``clean`` is the message without greeting and sign-off, as the host would
    read it on air; ``courtesy`` holds what was dropped, so that a message made
    only of courtesy can be told apart from an empty one.
    """

    text: str
    clean: str
    language: str
    is_transliterated: bool
    words: tuple[Word, ...]
    sentence_weights: tuple[float, ...]
    has_question: bool
    courtesy: tuple[str, ...]


class Normalizer:
    """Turns raw messages into :class:`Document` objects; holds no state of its own
    beyond the shared word analyses."""

    def __init__(
        self,
        morphology: Morphology,
        context_weight: float = 0.35,
        short_question: tuple[int, float] = (4, 0.6),
    ) -> None:
        self._morphology = morphology
        self._context_weight = context_weight
        self._short_question = short_question

    def normalize(self, text: str) -> Document:
        """Analyse one message."""
        prepared = unicodedata.normalize("NFKC", text.replace("№", _NUMBER_SIGN))
        prepared = EMOJI.sub(" ", prepared.replace(_NUMBER_SIGN, "№"))
        prepared = prepared.replace("ё", "е").replace("Ё", "Е")
        sentences = _split_sentences(prepared)
        sentences, courtesy = _strip_courtesy(sentences)

        raw_words: list[tuple[str, int, bool]] = []
        for index, sentence in enumerate(sentences):
            squeezed = _STRETCH.sub(r"\1", sentence.replace("’", "'"))
            for match in _WORD.finditer(squeezed):
                surface = match.group()
                raw_words.append((surface.lower(), index, surface[:1].isupper()))
        raw_words, language, transliterated = self._resolve_script(raw_words)
        if not raw_words and _CYRILLIC.search(prepared):
            language = "ru"

        lexeme = self._morphology.lexeme
        words = [Word(w, lexeme(w), s, cap) for w, s, cap in raw_words]
        words = _drop_signature(words, len(sentences))
        questions = [
            "?" in sentence or _opens_question(words, index)
            for index, sentence in enumerate(sentences)
        ]
        weights = self._sentence_weights(questions, words)
        signature = _signature_sentence(words, sentences)
        if signature is not None:
            weights = (*weights[:signature], self._context_weight)
        return Document(
            text=text,
            clean=" ".join(sentences),
            language=language,
            is_transliterated=transliterated,
            words=tuple(words),
            sentence_weights=weights,
            has_question=any(questions),
            courtesy=tuple(courtesy),
        )

    def _sentence_weights(
        self, questions: list[bool], words: list[Word]
    ) -> tuple[float, ...]:
        # In a long story the question is the sentence that asks; the rest is
        # context and counts for less, but still counts. A short question
        # ("Когда наведут порядок?", "Any plans?") leans on what came before
        # it, so its context counts for more.
        if len(questions) < 2 or not any(questions):
            return tuple(1.0 for _ in questions)
        most_words, short_context = self._short_question
        asking = sum(1 for w in words if questions[w.sentence] and not w.lexeme.is_stop)
        context = short_context if asking <= most_words else self._context_weight
        return tuple(1.0 if is_q else context for is_q in questions)

    def _resolve_script(
        self, words: list[tuple[str, int, bool]]
    ) -> tuple[list[tuple[str, int, bool]], str, bool]:
        # Letters, not words, decide: "t.me/money" must not outvote a sentence.
        latin = [w for w, _, _ in words if _LATIN_WORD.fullmatch(w)]
        cyrillic = sum(len(w) for w, _, _ in words if "а" <= w[:1] <= "я")
        if sum(len(w) for w in latin) <= cyrillic:
            return words, "ru" if cyrillic else "en", False
        morphology = self._morphology
        english = sum(1 for w in latin if morphology.is_english_word(w))
        if english * 2 >= len(latin):
            return words, "en", False

        spelled = {w: morphology.cyrillic(w) for w in latin}
        known = sum(1 for w in latin if spelled[w] is not None)
        if known * 5 < len(latin) * 3:
            return words, "en", False
        turned = [(spelled.get(w) or w, s, cap) for w, s, cap in words]
        return turned, "ru", True


def _split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        # "ул. Ленина", "д. 5", "St. Mary": a full stop after an abbreviation
        # does not end the sentence.
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def _strip_courtesy(sentences: list[str]) -> tuple[list[str], list[str]]:
    courtesy: list[str] = []
    if sentences:
        vocative = _VOCATIVE.match(sentences[0])
        if vocative and vocative.end() < len(sentences[0]):
            courtesy.append(vocative.group().strip())
            sentences[0] = sentences[0][vocative.end() :]
        elif vocative:
            courtesy.append(sentences.pop(0))
    while sentences and _is_courtesy(sentences[0], _GREETING):
        courtesy.append(sentences.pop(0))
    if sentences:
        prefix = _GREETING_PREFIX.match(sentences[0])
        if prefix and prefix.end() < len(sentences[0]):
            courtesy.append(prefix.group().strip())
            sentences[0] = sentences[0][prefix.end() :]
    while sentences and _is_courtesy(sentences[-1], _SIGNOFF):
        courtesy.append(sentences.pop())
    return sentences, courtesy


def _is_courtesy(sentence: str, opener: re.Pattern[str]) -> bool:
    # The opener may be followed by a name or a few kind words, not by a
    # question: "здравствуйте когда будет индексация" is a question.
    match = opener.match(sentence)
    if match is None or "?" in sentence:
        return False
    rest = sentence[match.end() :].split()
    limit = _COURTESY_REST_WORDS["greeting" if opener is _GREETING else "signoff"]
    return len(rest) <= limit and not any(
        w.strip(",.!:;").lower() in INTERROGATIVES for w in rest
    )


def _opens_question(words: list[Word], sentence: int) -> bool:
    for word in words:
        if word.sentence == sentence:
            return word.lexeme.is_question
    return False


def _signature_sentence(words: list[Word], sentences: list[str]) -> int | None:
    # The last of several sentences, short, asking nothing and opening with
    # who writes ("Жители дома Кедровая 11, кв. 40") is a signature: it counts
    # as context, so that its address does not make the question one about
    # that house.
    last = len(sentences) - 1
    if last < 1 or "?" in sentences[last]:
        return None
    own = [w for w in words if w.sentence == last]
    if not own or len(own) > 10 or own[0].lexeme.lemma not in SIGNER_LEMMAS:
        return None
    for word in own[1:]:
        lexeme = word.lexeme
        if not (
            lexeme.is_person
            or lexeme.is_stop
            or word.surface.isdigit()
            or word.is_capitalised
            or lexeme.lemma in SIGNATURE_LEMMAS
            or lexeme.lemma in SIGNER_LEMMAS
        ):
            return None
    return last


def _drop_signature(words: list[Word], sentences: int) -> list[Word]:
    # A last sentence of a few personal names ("Иван Петров") is a signature.
    last = [w for w in words if w.sentence == sentences - 1]
    if (
        sentences > 1
        and 0 < len(last) <= 4
        and all(w.lexeme.is_person or w.lexeme.is_stop for w in last)
    ):
        return [w for w in words if w.sentence != sentences - 1]
    return words
