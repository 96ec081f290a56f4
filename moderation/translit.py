"""Russian typed in Latin letters, turned back into Cyrillic.

People without a Russian keyboard write "kogda otremontiruyut dorogu". There is
no single scheme (``y`` is ``ы`` or ``й``, ``c`` is ``ц`` or ``к``, a leading
``e`` is often ``э``), so a word yields a few spellings and the caller keeps the
first one the Russian dictionary knows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import product

# Longest sequences first: "shch" must win over "sh" + "ch".
_SEQUENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)),
    ("sch", ("щ", "ск")),
    ("zh", ("ж",)),
    ("kh", ("х",)),
    ("ts", ("ц", "тс")),
    ("tz", ("ц",)),
    ("ch", ("ч",)),
    # "sh" stands for "щ" too: rabotayushim is "работающим".
    ("sh", ("ш", "щ")),
    # After a consonant, "y" before a vowel is often a soft or a hard sign:
    # semya is "семья", zdorovye "здоровье", obyavlenie "объявление".
    ("yu", ("ю", "ью")),
    ("ju", ("ю",)),
    ("iu", ("ю",)),
    ("ya", ("я", "ья", "ъя")),
    ("ja", ("я",)),
    ("ia", ("я", "ия")),
    ("yo", ("е", "йо")),
    ("jo", ("е",)),
    ("ye", ("е", "ые", "ье", "ъе")),
    ("je", ("е",)),
    ("iya", ("ия",)),
    ("iyu", ("ию",)),
    ("iye", ("ие",)),
    ("iy", ("ий", "ый")),
    ("yy", ("ый", "ий")),
    ("yi", ("ый", "ий")),
    ("a", ("а",)),
    ("b", ("б",)),
    ("c", ("ц", "к")),
    ("d", ("д",)),
    ("e", ("е", "э")),
    ("f", ("ф",)),
    ("g", ("г",)),
    ("h", ("х",)),
    ("i", ("и", "й")),
    ("j", ("й",)),
    ("k", ("к",)),
    ("l", ("л",)),
    ("m", ("м",)),
    ("n", ("н",)),
    ("o", ("о",)),
    ("p", ("п",)),
    ("q", ("к",)),
    ("r", ("р",)),
    ("s", ("с",)),
    ("t", ("т",)),
    ("u", ("у",)),
    ("v", ("в",)),
    ("w", ("в",)),
    ("x", ("кс", "х")),
    ("y", ("ы", "й")),
    ("z", ("з",)),
    ("'", ("ь",)),
    ("`", ("ь",)),
)

_MAX_SPELLINGS = 64
# Consonants a soft sign may follow, and how many spellings try it.
_SOFTENED = frozenset("тлнсдзрвпмбжчшщ")
_VOWELS = frozenset("аеиоуыэюяь")
_SOFTENED_SPELLINGS = 4


def spell_cyrillic(word: str) -> list[str]:
    """Candidate Cyrillic spellings of a lowercase Latin word, likeliest first."""
    pieces: list[tuple[str, ...]] = []
    position = 0
    while position < len(word):
        for latin, cyrillic in _SEQUENCES:
            if word.startswith(latin, position):
                pieces.append(cyrillic)
                position += len(latin)
                break
        else:
            pieces.append((word[position],))
            position += 1

    # Only the first few ambiguous letters branch, which bounds the work on long
    # words; the rest take their likeliest reading.
    branching = 0
    bounded: list[tuple[str, ...]] = []
    for options in pieces:
        if len(options) > 1 and branching < 6:
            branching += 1
            bounded.append(options)
        else:
            bounded.append(options[:1])
    spellings = ["".join(choice) for choice in product(*bounded)]
    return spellings[:_MAX_SPELLINGS]


def transliterate(
    word: str,
    is_known: Callable[[str], bool],
    frequency: Mapping[str, float] | None = None,
) -> str | None:
    """The commonest Cyrillic spelling of ``word`` that ``is_known`` accepts.

    Without frequencies, or among spellings equally common, the likeliest
    spelling comes first.
    """
    spellings = spell_cyrillic(word)
    best = _commonest_known(spellings, is_known, frequency)
    if best is None:
        # Soft signs are often left out: lgotnyh is "льготных", indeksirovat
        # "индексировать", umenshilas "уменьшилась".
        best = _commonest_known(_softened(spellings), is_known, frequency)
    return best


def _softened(spellings: list[str]) -> list[str]:
    """The likeliest spellings with a soft sign put in after a consonant, at
    the end, or both."""
    found: list[str] = []
    for spelling in spellings[:_SOFTENED_SPELLINGS]:
        ends = [spelling]
        if spelling[-1:] in _SOFTENED:
            ends.append(spelling + "ь")
            found.append(spelling + "ь")
        for end in ends:
            for cut in range(1, len(spelling)):
                if spelling[cut - 1] in _SOFTENED and spelling[cut] not in _VOWELS:
                    found.append(end[:cut] + "ь" + end[cut:])
    return found


def _commonest_known(
    spellings: list[str],
    is_known: Callable[[str], bool],
    frequency: Mapping[str, float] | None,
) -> str | None:
    best, best_freq = None, -1.0
    for spelling in spellings:
        if is_known(spelling):
            freq = frequency.get(spelling, 0.0) if frequency else 0.0
            if freq > best_freq:
                best, best_freq = spelling, freq
    return best
