"""Where a question is about: towns, routes, streets, houses and numbered
institutions, and whom it is for when that changes the answer.

These anchors decide more than any embedding: road repair on Lenina street in
Surgut and in Nyagan are two questions with two answers, and so are school No. 5
and school No. 6 in Megion, the Surgut–Kogalym highway and a Surgut street, and
the pensions of working pensioners and everyone's. The gazetteer knows Yugra's
municipalities and larger settlements in their inflected forms ("в Сургуте",
"Нягани") through lemmas, and learns the event's own list of municipalities
and the neighbourhoods senders write in their fields.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from moderation.lexicon import CONCEPTS, GROUP_QUALIFIERS, SPECIALTIES, words
from moderation.morphology import Morphology
from moderation.normalize import Word


def _concept_index(key: str) -> int:
    """The position of the lexicon's concept ``key`` in :data:`CONCEPTS`."""
    return next(index for index, c in enumerate(CONCEPTS) if c.key == key)


# Canonical name, then English spellings.
YUGRA_PLACES: tuple[tuple[str, str], ...] = (
    ("Ханты-Мансийск", "khanty-mansiysk khanty-mansiisk hanty-mansiysk"),
    ("Сургут", "surgut"),
    ("Нижневартовск", "nizhnevartovsk"),
    ("Нефтеюганск", "nefteyugansk"),
    ("Когалым", "kogalym"),
    ("Нягань", "nyagan"),
    ("Мегион", "megion"),
    ("Лангепас", "langepas"),
    ("Пыть-Ях", "pyt-yakh pyt-yah"),
    ("Радужный", "raduzhny raduzhnyy"),
    ("Урай", "uray urai"),
    ("Югорск", "yugorsk"),
    ("Покачи", "pokachi"),
    ("Белоярский район", ""),
    ("Березовский район", ""),
    ("Кондинский район", ""),
    ("Нефтеюганский район", ""),
    ("Нижневартовский район", ""),
    ("Октябрьский район", ""),
    ("Советский район", ""),
    ("Сургутский район", ""),
    ("Ханты-Мансийский район", ""),
    ("Лянтор", "lyantor"),
    ("Белый Яр", ""),
    ("Федоровский", ""),
    ("Излучинск", "izluchinsk"),
    ("Советский", "sovetsky"),
    ("Пойковский", "poykovsky"),
    ("Игрим", "igrim"),
    ("Березово", "berezovo"),
    ("Октябрьское", ""),
    ("Междуреченский", ""),
    ("Барсово", "barsovo"),
    ("Талинка", "talinka"),
    ("Приобье", "priobye"),
    ("Унъюган", ""),
    ("Новоаганск", "novoagansk"),
    ("Салым", "salym"),
    ("Горноправдинск", ""),
    ("Белоярский", "beloyarsky"),
    ("Кондинское", ""),
    ("Агириш", ""),
    ("Зеленоборск", ""),
    ("Нижнесортымский", ""),
    ("Каркатеевы", ""),
    ("Сингапай", ""),
    ("Солнечный", ""),
)
# Cities of the neighbouring regions that Yugra's roads, ferries and flights
# lead to: "дорога Сургут – Салехард" is a road between two places, not a
# street of Surgut.
NEIGHBOURING_PLACES: tuple[tuple[str, str], ...] = (
    ("Салехард", "salekhard"),
    ("Тюмень", "tyumen"),
    ("Тобольск", "tobolsk"),
    ("Надым", "nadym"),
    ("Новый Уренгой", ""),
    ("Ноябрьск", "noyabrsk"),
    ("Екатеринбург", "yekaterinburg"),
    ("Омск", "omsk"),
    ("Томск", "tomsk"),
)
# Settlements and the district they belong to: a question about Berezovo and
# one about Berezovsky district may well be the same question.
DISTRICT_OF: dict[str, str] = {
    "Березово": "Березовский район",
    "Игрим": "Березовский район",
    "Приобье": "Октябрьский район",
    "Октябрьское": "Октябрьский район",
    "Талинка": "Октябрьский район",
    "Унъюган": "Октябрьский район",
    "Излучинск": "Нижневартовский район",
    "Новоаганск": "Нижневартовский район",
    "Лянтор": "Сургутский район",
    "Белый Яр": "Сургутский район",
    "Федоровский": "Сургутский район",
    "Барсово": "Сургутский район",
    "Солнечный": "Сургутский район",
    "Нижнесортымский": "Сургутский район",
    "Пойковский": "Нефтеюганский район",
    "Салым": "Нефтеюганский район",
    "Каркатеевы": "Нефтеюганский район",
    "Сингапай": "Нефтеюганский район",
    "Советский": "Советский район",
    "Зеленоборск": "Советский район",
    "Агириш": "Советский район",
    "Белоярский": "Белоярский район",
    "Междуреченский": "Кондинский район",
    "Кондинское": "Кондинский район",
    "Горноправдинск": "Ханты-Мансийский район",
}
# Names that are also ordinary adjectives count only when capitalised.
_AMBIGUOUS = frozenset(
    {"советский", "радужный", "солнечный", "октябрьский", "октябрьское"}
    | {"белоярский", "березовский", "междуреченский", "федоровский"}
)
# Adjectives of a town ("сургутские дороги") point to the town itself.
_TOWN_ADJECTIVES = {
    "сургутский": "Сургут",
    "нижневартовский": "Нижневартовск",
    "ханты-мансийский": "Ханты-Мансийск",
    "нефтеюганский": "Нефтеюганск",
    "мегионский": "Мегион",
    "когалымский": "Когалым",
    "няганский": "Нягань",
    "лангепасский": "Лангепас",
    "урайский": "Урай",
    "покачевский": "Покачи",
    "радужнинский": "Радужный",
    "пыть-яхский": "Пыть-Ях",
}

# Street types; a microdistrict ("45 мкр") is a number, read as such below.
_STREET_MARKERS = words(
    """
    улица ул проспект пр пр-т переулок пер бульвар б-р шоссе проезд набережная
    тракт
    """
)
# Abbreviations that mean other things too: the name after them must look
# like a name.
_WEAK_STREET_MARKERS = frozenset({"пр", "пер", "б-р"})
# Street types that are common words too ("компенсация проезда пенсионерам" is
# the fare): the name after them must be capitalised in a message that is not
# written all in capitals.
_WORD_STREET_MARKERS = frozenset({"проезд"})
# Words after a number that make it a quantity, not an identifier.
_UNITS = words(
    """
    км километр метр м минута час день неделя месяц год лет раз рубль руб тысяча
    тыс процент человек градус ребенок семья квартира дом
    km mile miles minute minutes hour hours day days week weeks month months year
    years percent people dollars times
    """
)
# Words between a count and its unit of time: "1 bus an hour", "2 в день".
_RATE_WORDS = frozenset({"a", "an", "per", "every", "в", "за", "раз"})
# Russian nicknames of bus routes by their number ("ждём восьмёрку").
_ROUTE_NICKNAMES = {
    name: number
    for number, name in enumerate(
        [
            "единичка",
            "двойка",
            "тройка",
            "четверка",
            "пятерка",
            "шестерка",
            "семерка",
            "восьмерка",
            "девятка",
            "десятка",
        ],
        start=1,
    )
}
# A nickname names a route in a sentence about buses or about riding one.
_BUS = _concept_index("bus")
_RUNNING = frozenset({"ходить", "ждать", "приходить", "прийти", "ездить", "уехать"})
# Russian infinitives, the lemmas of verbs: never a street's name.
_VERB_ENDINGS = ("ть", "ться", "ти", "чь")
# Endings of an adjective's full forms ("Лесная", "Лесной", "Лесную").
_ADJECTIVE_ENDINGS = (
    *("ая", "яя", "ой", "ей", "ый", "ий", "ое", "ее", "ую", "юю", "ом", "ем"),
    *("ых", "их", "ым", "им", "ого", "его", "ому", "ему", "ыми", "ими"),
)
# English street types that are also common words ("a better way", "a bike
# lane", "a test drive"): the name before them must be capitalised.
_AMBIGUOUS_STREET_MARKERS = frozenset(
    {"way", "drive", "court", "lane", "road", "highway", "parkway"}
)
_ALONG = frozenset({"on", "along", "off", "down", "near", "at", "up", "by"})
# Words that describe a street rather than name it.
_STREET_MODIFIERS = words(
    """
    side residential busy back quiet one-way dead-end local city neighborhood
    neighbourhood every each same other whole entire narrow main-road cross
    near past behind across beside opposite toward towards around
    """
)
# English street types and their abbreviations, each mapped to one spelling.
_ENGLISH_STREET_MARKERS = {
    "street": "street",
    "st": "street",
    "avenue": "avenue",
    "ave": "avenue",
    "road": "road",
    "rd": "road",
    "boulevard": "boulevard",
    "blvd": "boulevard",
    "lane": "lane",
    "ln": "lane",
    "drive": "drive",
    "dr": "drive",
    "way": "way",
    "parkway": "parkway",
    "pkwy": "parkway",
    "court": "court",
    "ct": "court",
    "highway": "highway",
    "hwy": "highway",
}
_NUMBER_MARKERS = frozenset({"номер", "№", "n", "no", "number", "num", "nr"})
# Words before a number that say what the number identifies.
_NUMBERED_KINDS = {
    "школа": "school",
    "сош": "school",
    "гимназия": "school",
    "лицей": "school",
    "school": "school",
    "сад": "kindergarten",
    "детсад": "kindergarten",
    "садик": "kindergarten",
    "доу": "kindergarten",
    "ясли": "kindergarten",
    "kindergarten": "kindergarten",
    "больница": "hospital",
    "hospital": "hospital",
    "поликлиника": "clinic",
    "clinic": "clinic",
    "маршрут": "route",
    "автобус": "route",
    "маршрутка": "route",
    "rout": "route",
    "rt": "route",
    "rte": "route",
    "bus": "route",
    "line": "route",
    "дом": "house",
    "д": "house",
    "корпус": "house",
    "общежитие": "house",
    "ward": "ward",
    "district": "ward",
    "precinct": "ward",
    "station": "station",
    "участок": "ward",
    "мкр": "street",
    "микрорайон": "street",
    "мкрн": "street",
    "mkr": "street",
    "квартал": "street",
}
_ORDINAL = re.compile(
    r"^(\d{1,3})-?(?:я|й|ая|ой|ый|ий|ей|го|е|ом|м|му|ю|ую|th|st|nd|rd)$"
)
_ORDINAL_WORDS = {
    word: index + 1
    for index, word in enumerate(
        [
            "первый",
            "второй",
            "третий",
            "четвертый",
            "пятый",
            "шестой",
            "седьмой",
            "восьмой",
            "девятый",
            "десятый",
            "одиннадцатый",
            "двенадцатый",
            "тринадцатый",
            "четырнадцатый",
            "пятнадцатый",
            "шестнадцатый",
            "семнадцатый",
            "восемнадцатый",
            "девятнадцатый",
            "двадцатый",
        ]
    )
}
_SCHOOL_LEVELS = frozenset({"elementary", "middle", "high"})
# A named school's anchor: "school#lincoln-elementary" (name lemma, level).
_NAMED_SCHOOL = "school#"
_ENGLISH_UNITS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_ENGLISH_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS = {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50}
_INSTITUTION_KINDS = frozenset({"school", "kindergarten", "hospital", "clinic"})
_INSTITUTIONS = {index: c.key for index, c in enumerate(CONCEPTS) if c.institution}
_GROUPS = tuple(
    (
        _concept_index(subject),
        f"{subject}-{group}",
        re.compile(forms),
    )
    for subject, group, forms in GROUP_QUALIFIERS
)
# Concepts that make "eye" or "зубной" a word about a doctor.
_MEDICAL = frozenset(
    _concept_index(key) for key in ("doctor", "hospital", "clinic", "appointment")
)
_SPECIALTIES = tuple((name, re.compile(forms)) for name, forms in SPECIALTIES)
_NEGATIONS = frozenset({"не", "not", "no", "never"})
# Words of wishing or being able, before a verb of working: "хочу работать" is
# said by someone who does not work.
_WISHES = frozenset(
    {"хочу", "хочет", "хотим", "хотела", "хотел", "могу", "может", "можем", "смогу"}
)
_NOT_WORKING = _NEGATIONS | _WISHES
_LOCAL = frozenset(index for index, c in enumerate(CONCEPTS) if c.local)
_REGIONAL = frozenset(index for index, c in enumerate(CONCEPTS) if c.regional)


@dataclass(frozen=True, slots=True)
class Anchors:
    """The places and identifiers a question names.

    ``is_specific`` is true when the question itself (not the story around it)
    is about one street, house or numbered institution.
    ``is_local`` is true when the answer depends on the town: the question is
    about a road, a school, a house, a bus route, not about a region-wide matter
    such as pension indexation. ``groups`` name the groups the question is
    asked for when their answer differs (working pensioners);
    ``specialties`` the doctors it asks about (an eye doctor, a paediatrician).
    """

    towns: tuple[str, ...]
    streets: tuple[str, ...]
    numbered: tuple[str, ...]
    institutions: tuple[str, ...]
    is_local: bool
    is_specific: bool = False
    groups: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()


class Gazetteer:
    """Finds Yugra's municipalities, and the event's own, in analysed words."""

    def __init__(
        self, morphology: Morphology, municipalities: Sequence[str] | None = None
    ) -> None:
        self._morphology = morphology
        self._names: dict[tuple[str, ...], str] = {}
        for name, english in YUGRA_PLACES + NEIGHBOURING_PLACES:
            self._add(name, name)
            for spelling in english.split():
                self._names[(spelling,)] = name
        for name in municipalities or ():
            self._add(name, name)
        self._longest = max(len(key) for key in self._names)
        # Words that can open a name: most words open none, and are skipped.
        self._openers = frozenset(key[0] for key in self._names) | frozenset(
            _TOWN_ADJECTIVES
        )
        self._field_cache: dict[str, str | None] = {}
        # Names learnt from the senders' fields, each with whether it is
        # made of common words ("Old Town") and must then be capitalised.
        self._learned: dict[tuple[str, ...], tuple[str, bool]] = {}
        self._learned_fields: set[str] = set()
        # Named schools seen capitalised ("Lincoln Elementary"), as (name
        # lemma, level): later mentions in lower case name them too.
        self.schools: set[tuple[str, str]] = set()

    def _add(self, name: str, canonical: str) -> None:
        words = _name_words(name)
        if not words:
            return
        lemmas = tuple(self._morphology.lexeme(w).lemma for w in words)
        self._names[lemmas] = canonical
        self._names[tuple(words)] = canonical

    def learn(self, municipality: str) -> None:
        """Remember a sender's field that names no known place (a neighbourhood
        of a city holding a town hall), so that a question naming it is read
        as being about that place.

        The sender's field itself is a weak place: people from every
        neighbourhood ask about the same main street, so it only ever
        disagrees with a place that a question names
        (``moderation.cluster.neighbourhood_anchors``).
        """
        words = _name_words(municipality)
        morphology = self._morphology
        if (
            not words
            or municipality in self._learned_fields
            # "Другое", "N/A", "-": a placeholder rather than a place.
            or all(morphology.lexeme(w).is_stop or len(w) < 3 for w in words)
        ):
            return
        self._learned_fields.add(municipality)
        canonical = " ".join(municipality.split())
        common = all(
            morphology.lexeme(w).is_stop
            or morphology.is_english_word(w)
            or morphology.is_russian_word(w)
            for w in words
        )
        lemmas = tuple(self._morphology.lexeme(w).lemma for w in words)
        for key in (lemmas, tuple(words)):
            if key not in self._names:
                self._learned.setdefault(key, (canonical, common))
        self._longest = max(self._longest, len(words))
        self._openers = self._openers | {words[0], lemmas[0]}

    def learn_schools(self, numbered: Iterable[str]) -> None:
        """Remember the named schools among ``numbered`` anchors (from
        :func:`find_anchors`), so that lower-case mentions name them too."""
        for anchor in numbered:
            if anchor.startswith(_NAMED_SCHOOL):
                school, _, level = anchor.removeprefix(_NAMED_SCHOOL).rpartition("-")
                if school:
                    self.schools.add((school, level))

    def find(self, words: Sequence[Word], *, learned: bool = True) -> list[str]:
        """Canonical names of the places mentioned, in order of mention;
        ``learned`` also looks for the names learnt from senders' fields."""
        return self.find_with_routes(words, learned=learned)[0]

    def find_with_routes(
        self, words: Sequence[Word], *, learned: bool = True
    ) -> tuple[list[str], list[tuple[str, int]]]:
        """The places mentioned (as :meth:`find`), and the routes between them.

        A route is two places named one after the other ("трасса Сургут –
        Когалым", "между Сургутом и Когалымом", "from Berezovo to Khanty-
        Mansiysk"): a road, a flight or a bus line between them, not a street
        of either. Each comes with the sentence it is named in, its two ends
        in alphabetical order so that either direction is the same route.
        """
        matches: list[tuple[str, int, int]] = []  # name, first word, past its end
        index = 0
        while index < len(words):
            match = self._match_at(words, index, learned and bool(self._learned))
            if match is None:
                index += 1
                continue
            name, length = match
            matches.append((name, index, index + length))
            index += length
        found = list(dict.fromkeys(name for name, _, _ in matches))
        # Names side by side ("Сургут, Нижневартовск, Нягань"): two are a
        # route, three or more a list of towns.
        touching = [a[2] == b[1] for a, b in itertools.pairwise(matches)]
        routes: list[tuple[str, int]] = []
        for n, (first, second) in enumerate(itertools.pairwise(matches)):
            listed = touching[n] and (
                (n > 0 and touching[n - 1])
                or (n + 1 < len(touching) and touching[n + 1])
            )
            if listed or first[0] == second[0]:
                continue
            if _joins_route(words, first[1], first[2], second[1]):
                ends = " – ".join(sorted((first[0], second[0])))
                if all(ends != route for route, _ in routes):
                    routes.append((ends, words[second[1]].sentence))
        return found, routes

    def _match_at(
        self, words: Sequence[Word], index: int, learned: bool
    ) -> tuple[str, int] | None:
        first = words[index]
        if (
            first.lexeme.lemma not in self._openers
            and first.surface not in self._openers
        ):
            return None
        for length in range(min(self._longest, len(words) - index), 0, -1):
            span = words[index : index + length]
            for key in (
                tuple(w.lexeme.lemma for w in span),
                tuple(w.surface for w in span),
            ):
                name = self._names.get(key)
                if name is None:
                    continue
                if length == 1 and key[0] in _AMBIGUOUS:
                    if not span[0].is_capitalised:
                        continue
                    if _is_district_next(words, index + 1):
                        continue
                return name, length
            if learned:
                match = self._learned_at(span)
                if match is not None:
                    return match, length
        lemma = words[index].lexeme.lemma
        town = _TOWN_ADJECTIVES.get(lemma)
        if town is not None and not _is_district_next(words, index + 1):
            return town, 1
        return None

    def _learned_at(self, span: Sequence[Word]) -> str | None:
        # A name made of common words ("Old Town", "Солнечный") is a place only
        # when capitalised: "Old Town" yes, "the old town" no.
        for key in (
            tuple(w.lexeme.lemma for w in span),
            tuple(w.surface for w in span),
        ):
            found = self._learned.get(key)
            if found is None:
                continue
            name, common = found
            if common and not all(w.is_capitalised for w in span):
                continue
            return name
        return None

    def canonical(self, municipality: str, words: Sequence[Word]) -> str | None:
        """The gazetteer's name for a sender's municipality field, if it knows it.

        A field it does not know (a neighbourhood of a city holding a town hall)
        gives None: it is learnt instead (see :meth:`learn`).
        """
        if municipality not in self._field_cache:
            found = self.find(words, learned=False)
            self._field_cache[municipality] = found[0] if found else None
        return self._field_cache[municipality]


# Words that may stand between the two ends of a route; a dash is no word.
_ROUTE_JOINS = frozenset({"до", "to"})
_ROUTE_FROM = frozenset({"из", "от", "from"})
_ROUTE_BETWEEN = frozenset({"между", "between"})


def _joins_route(
    words: Sequence[Word], first: int, first_end: int, second: int
) -> bool:
    # Whether the place at ``first`` and the one at ``second`` are the two
    # ends of one road, flight or bus line.
    gap = words[first_end:second]
    if len(gap) > 1:
        return False
    if not gap:
        return True
    joint = gap[0].surface
    if joint in _ROUTE_JOINS:
        return True
    before = {w.surface for w in words[max(0, first - 2) : first]}
    # "между Сургутом и Когалымом", not "в Нягани и Урае".
    if joint in {"и", "and"}:
        return bool(before & _ROUTE_BETWEEN)
    # "из Берёзово в Ханты-Мансийск": a trip from one to the other.
    return joint in {"в", "во"} and any(
        w.surface in _ROUTE_FROM for w in words[max(0, first_end - 4) : first_end]
    )


def _name_words(name: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in re.findall(r"[\w-]+", name)]


def _is_district_next(words: Sequence[Word], index: int) -> bool:
    return index < len(words) and words[index].lexeme.lemma in {"район", "district"}


def find_anchors(
    words: Sequence[Word],
    towns: Iterable[str],
    asking: Sequence[bool],
    routes: Sequence[tuple[str, int]] = (),
    schools: Collection[tuple[str, str]] = (),
) -> Anchors:
    """Streets, numbered institutions and institution kinds named in ``words``.

    ``routes`` between two places (see :meth:`Gazetteer.find_with_routes`)
    count as streets: a question about the road between two towns is not one
    about a street in either. ``schools`` are named schools already seen
    capitalised (:attr:`Gazetteer.schools`), recognised in lower case too.

    ``asking`` tells, per sentence, whether it carries the question: kinds of
    institution and the local or regional nature of the subject are read from
    those sentences only, so a life story that mentions a school does not
    turn a pension question into a school one.
    """
    towns = tuple(towns)
    town_names = {town.lower() for town in towns}
    streets: list[str] = []
    numbered: list[str] = []
    institutions: list[str] = []
    local = regional = False
    count = len(words)
    asked_about: list[bool] = []
    for index, word in enumerate(words):
        lemma = word.lexeme.lemma
        found = len(streets) + len(numbered)
        concepts = word.lexeme.concepts if asking[word.sentence] else ()
        for concept in concepts:
            if concept in _INSTITUTIONS and _INSTITUTIONS[concept] not in institutions:
                institutions.append(_INSTITUTIONS[concept])
            local = local or concept in _LOCAL
            regional = regional or concept in _REGIONAL
        if lemma in _STREET_MARKERS or word.surface in _STREET_MARKERS:
            street = _street_after(words, index, town_names)
            if street and street not in streets:
                streets.append(street)
            house = _house_after_street(words, index, count) if street else None
            if house is not None and f"house#{house}" not in numbered:
                numbered.append(f"house#{house}")
        elif word.surface in _ENGLISH_STREET_MARKERS and index > 0:
            before = words[index - 1]
            preposition = words[index - 2].surface if index > 1 else ""
            if _names_english_street(before, word.surface, preposition):
                name = f"{before.lexeme.lemma} {_ENGLISH_STREET_MARKERS[word.surface]}"
                if name not in streets:
                    streets.append(name)
        kind = _kind_of(word)
        # "сад" alone is a garden; "детский сад" is a kindergarten.
        if (
            kind == "kindergarten"
            and lemma == "сад"
            and (index == 0 or words[index - 1].lexeme.lemma != "детский")
        ):
            kind = None
        if kind is not None:
            if (
                kind in _INSTITUTION_KINDS
                and kind not in institutions
                and asking[word.sentence]
            ):
                institutions.append(kind)
            number = _number_near(words, index, count)
            if number is None and kind == "house":
                # "дом Геологов, 71": the street between the word and the number.
                address = _address_after(words, index, count)
                if address is not None:
                    street, number = address
                    if street not in streets:
                        streets.append(street)
            if number is not None and f"{kind}#{number}" not in numbered:
                numbered.append(f"{kind}#{number}")
        elif _is_bare_address(words, index, count):
            # "в доме на Мира 12": a street and a house without "улица".
            if lemma not in streets:
                streets.append(lemma)
            house = f"house#{words[index + 1].surface}"
            if house not in numbered:
                numbered.append(house)
        elif _is_bare_street(words, index):
            # "дорога на Ленина": streets named after people, without "улица".
            if lemma not in streets:
                streets.append(lemma)
        elif word.surface in _SCHOOL_LEVELS and _is_named_school(words, index, schools):
            # "Lincoln Elementary" and "Lincoln Middle" are two schools, as
            # school No. 5 and No. 6 are.
            name = f"{_NAMED_SCHOOL}{words[index - 1].lexeme.lemma}-{word.surface}"
            if name not in numbered:
                numbered.append(name)
            if "school" not in institutions:
                institutions.append("school")
        elif lemma in _NUMBER_MARKERS and index + 1 < count:
            following = words[index + 1].surface
            if following.isdigit() and not any(
                n.endswith(f"#{following}") for n in numbered
            ):
                numbered.append(f"number#{following}")
        elif lemma in _ROUTE_NICKNAMES and _rides(words, word.sentence):
            # "тройка ходит редко": the bus of route 3 by its nickname.
            route = f"route#{_ROUTE_NICKNAMES[lemma]}"
            if route not in numbered:
                numbered.append(route)
        if len(streets) + len(numbered) > found:
            asked_about.append(asking[word.sentence])

    for route, sentence in routes:
        streets.append(route)
        asked_about.append(asking[sentence])

    # A question about a particular street, house or institution is always
    # local; otherwise a region-wide subject (pensions, salaries, taxes)
    # outweighs the incidental local words around it.
    subject_free = not (local or regional or institutions)
    if subject_free:
        # The asking sentence names no subject ("Когда нас переселят?"): the
        # sentences around it say what it is about.
        for word in words:
            for concept in word.lexeme.concepts:
                local = local or concept in _LOCAL
                regional = regional or concept in _REGIONAL
    specific = bool(streets or numbered)
    is_local = specific or ((local or bool(institutions)) and not regional)
    return Anchors(
        towns=towns,
        streets=tuple(streets),
        numbered=tuple(numbered),
        institutions=tuple(institutions) if is_local else (),
        is_local=is_local,
        is_specific=any(asked_about) or (subject_free and bool(asked_about)),
        groups=_groups(words),
        specialties=_specialties(words),
    )


def _groups(words: Sequence[Word]) -> tuple[str, ...]:
    found = []
    for subject, group, forms in _GROUPS:
        if any(subject in w.lexeme.concepts for w in words) and any(
            forms.fullmatch(w.surface) and not _negated(words, index)
            for index, w in enumerate(words)
        ):
            found.append(group)
    return tuple(found)


def _specialties(words: Sequence[Word]) -> tuple[str, ...]:
    if not any(_MEDICAL.intersection(w.lexeme.concepts) for w in words):
        return ()
    return tuple(
        name
        for name, forms in _SPECIALTIES
        if any(forms.fullmatch(w.surface) for w in words)
    )


def _negated(words: Sequence[Word], index: int) -> bool:
    # "давно не работаю", "не могу работать", "хочу работать, но не берут"
    # name a pensioner who does not work.
    sentence = words[index].sentence
    before = [
        w.surface for w in words[max(0, index - 2) : index] if w.sentence == sentence
    ]
    if before and before[-1] in _NOT_WORKING:
        return True
    return len(before) == 2 and before[0] in _NEGATIONS and before[1] in _WISHES


def _names_english_street(before: Word, marker: str, preposition: str) -> bool:
    # "Station Road", "main st", "on cedar lane", "5th Avenue" are streets;
    # "a better way", "a bike lane", "the food court", "side street" are not.
    if before.lexeme.is_stop or before.surface in _STREET_MODIFIERS:
        return False
    if before.is_capitalised or before.surface[:1].isdigit():
        return True
    if before.lexeme.concepts:
        return False
    return marker not in _AMBIGUOUS_STREET_MARKERS or preposition in _ALONG


def _spelled_number(word: str) -> str | None:
    """An English number written in words ("twelve", "twenty-one") as digits."""
    if word in _ENGLISH_UNITS:
        return str(_ENGLISH_UNITS[word])
    if word in _ENGLISH_TENS:
        return str(_ENGLISH_TENS[word])
    tens, _, unit = word.partition("-")
    if tens in _ENGLISH_TENS and unit in _ENGLISH_UNITS and _ENGLISH_UNITS[unit] < 10:
        return str(_ENGLISH_TENS[tens] + _ENGLISH_UNITS[unit])
    return None


def _address_after(
    words: Sequence[Word], index: int, count: int
) -> tuple[str, str] | None:
    if index + 2 >= count:
        return None
    name, number = words[index + 1], words[index + 2]
    if name.lexeme.is_stop or not number.surface.isdigit():
        return None
    # "дом деревянный, 1968 года постройки" names a year, not an address.
    after = index + 3
    if after < count and words[after].lexeme.lemma in _UNITS:
        return None
    return name.lexeme.lemma, number.surface


def _is_bare_address(words: Sequence[Word], index: int, count: int) -> bool:
    word = words[index]
    if index == 0 or index + 1 >= count or words[index - 1].surface not in {"на", "по"}:
        return False
    number = words[index + 1].surface
    after = words[index + 2].lexeme.lemma if index + 2 < count else ""
    return (
        (word.is_capitalised or word.lexeme.is_person)
        and "а" <= word.surface[:1] <= "я"
        and number.isdigit()
        and len(number) <= 3
        and after not in _UNITS
    )


def _is_bare_street(words: Sequence[Word], index: int) -> bool:
    word = words[index]
    lexeme = word.lexeme
    # A surname that the lexicon knows as a subject ("квота на ЭКО") is that
    # subject, not a street.
    return (
        index > 0
        and lexeme.is_person
        and not lexeme.is_name
        and not lexeme.concepts
        and "а" <= word.surface[:1] <= "я"
        and words[index - 1].surface in {"на", "по"}
    )


def _is_named_school(
    words: Sequence[Word], index: int, known: Collection[tuple[str, str]]
) -> bool:
    if index == 0:
        return False
    before = words[index - 1]
    if before.lexeme.is_stop:
        return False
    if (before.lexeme.lemma, words[index].surface) in known:
        return True
    if not before.is_capitalised:
        return False
    following = words[index + 1].surface if index + 1 < len(words) else ""
    return words[index].is_capitalised or following in {"school", "schools"}


def _street_after(
    words: Sequence[Word], index: int, town_names: set[str]
) -> str | None:
    marker = words[index]
    weak = marker.surface in _WEAK_STREET_MARKERS
    common = marker.lexeme.lemma in _WORD_STREET_MARKERS
    for word in words[index + 1 : index + 3]:
        if word.sentence != marker.sentence:
            # "на Югорском тракте. Автобус 21": the name came before.
            return None
        if word.surface in {"им", "имени", "имя"}:
            continue
        if word.surface.isdigit():
            return f"{words[index].lexeme.lemma} {word.surface}"
        lexeme = word.lexeme
        if lexeme.is_stop or lexeme.lemma in town_names or word.surface in town_names:
            return None
        if weak and not (word.is_capitalised or lexeme.is_person):
            return None
        if lexeme.lemma.endswith(_VERB_ENDINGS) or _is_short_adjective(word):
            # "газ по улице проложен", "улица разбита": what the street is,
            # not its name.
            return None
        if common and not (word.is_capitalised and not _is_shouted(words)):
            return None
        return lexeme.lemma
    return None


def _is_shouted(words: Sequence[Word]) -> bool:
    # In a message written in capitals, a capital says nothing of a name.
    count = len(words)
    return count > 2 and sum(w.is_capitalised for w in words) > 0.6 * count


def _is_short_adjective(word: Word) -> bool:
    # "разбита", "нужен": an adjective's lemma, without an adjective's ending.
    return word.lexeme.lemma.endswith(("ый", "ий", "ой")) and not word.surface.endswith(
        _ADJECTIVE_ENDINGS
    )


def _house_after_street(words: Sequence[Word], index: int, count: int) -> str | None:
    """The house number after a street's name: "улица Мира, 12", "ул. Ленина 5"."""
    name = index + 1
    while name < count and words[name].surface in {"им", "имени", "имя"}:
        name += 1
    number = name + 1
    if number >= count or words[name].surface.isdigit():
        return None
    surface = words[number].surface
    after = words[number + 1].lexeme.lemma if number + 1 < count else ""
    if surface.isdigit() and len(surface) <= 3 and after not in _UNITS:
        return surface
    return None


def _kind_of(word: Word) -> str | None:
    return _NUMBERED_KINDS.get(word.lexeme.lemma) or _NUMBERED_KINDS.get(word.surface)


def _rides(words: Sequence[Word], sentence: int) -> bool:
    # A sentence about buses, or about waiting for one or its running.
    return any(
        w.sentence == sentence
        and (_BUS in w.lexeme.concepts or w.lexeme.lemma in _RUNNING)
        for w in words
    )


def _is_rate(words: Sequence[Word], index: int, count: int) -> bool:
    # "an hour", "per day", "в час", "за день" from ``index`` on.
    return (
        index + 1 < count
        and words[index].surface in _RATE_WORDS
        and words[index + 1].lexeme.lemma in _UNITS
    )


def _number_near(words: Sequence[Word], index: int, count: int) -> str | None:
    # "школа №5", "школы номер 5", "школа 5"; also "5-я школа", "пятая школа".
    for step in (1, 2):
        if index + step >= count:
            break
        surface = words[index + step].surface
        if surface.isdigit():
            after = index + step + 1
            # "школа 5 лет без ремонта" counts years; "школа №5. Дети..." and
            # "школа 5, дети..." do not: after a sign or across sentences the
            # number names.
            if (
                after < count
                and step == 1
                and words[after].sentence == words[index].sentence
                and words[after].lexeme.lemma in _UNITS
            ):
                return None
            # "дом 2 мкр, д. 10": the 2 numbers the microdistrict, not the house.
            if after < count and _kind_of(words[after]) not in (
                None,
                _kind_of(words[index]),
            ):
                return None
            return surface
        spelled = _spelled_number(surface)
        if spelled is not None:
            return spelled
        if surface not in _NUMBER_MARKERS:
            break
    for step in (1, 2):
        if index - step < 0:
            break
        before = words[index - step]
        ordinal = _ORDINAL.match(before.surface)
        if ordinal:
            return ordinal.group(1)
        if step == 1 and before.surface.isdigit() and len(before.surface) <= 3:
            # "21 автобус", "на 12 маршруте": the number right before the word,
            # unless it counts them ("1 bus an hour", "2 автобуса в день") or
            # ends a price ("$2.50 bus fare").
            if _is_rate(words, index + 1, count) or (
                index > 1 and words[index - 2].surface.isdigit()
            ):
                return None
            return before.surface
        spelled = _spelled_number(before.surface)
        # "the twelve bus" is route 12; "try it on one route" counts.
        if step == 1 and spelled is not None and before.surface != "one":
            return spelled
        if before.lexeme.lemma in _ORDINAL_WORDS:
            value = _ORDINAL_WORDS[before.lexeme.lemma]
            tens = words[index - step - 1].lexeme.lemma if index - step > 0 else ""
            return str(value + _TENS.get(tens, 0))
        if before.lexeme.lemma not in {"детский", "наш", "городской", "средний"}:
            break
    return None
