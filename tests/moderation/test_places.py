from __future__ import annotations

import pytest

from moderation.morphology import Morphology
from moderation.normalize import Normalizer
from moderation.places import Gazetteer, find_anchors


def places(gazetteer: Gazetteer, normalizer: Normalizer, text: str) -> list[str]:
    return gazetteer.find(normalizer.normalize(text).words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Дороги в Сургуте", ["Сургут"]),
        ("Больница Нягани", ["Нягань"]),
        ("Из Нижневартовска в Ханты-Мансийск", ["Нижневартовск", "Ханты-Мансийск"]),
        ("Я живу в Пыть-Яхе", ["Пыть-Ях"]),
        ("Мы из Белого Яра", ["Белый Яр"]),
        ("Сургутский район, посёлок", ["Сургутский район"]),
        ("сургутские дороги", ["Сургут"]),
        ("kogda v Surgute", ["Сургут"]),
    ],
)
def test_gazetteer_finds_inflected_town_names(
    morphology: Morphology, normalizer: Normalizer, text: str, expected: list[str]
) -> None:
    assert places(Gazetteer(morphology), normalizer, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Трасса Сургут – Когалым смертельная", ["Когалым – Сургут"]),
        ("На дороге между Сургутом и Когалымом одни фуры", ["Когалым – Сургут"]),
        ("Билеты из Берёзово в Ханты-Мансийск дорогие", ["Березово – Ханты-Мансийск"]),
        ("The road from Surgut to Kogalym is deadly", ["Когалым – Сургут"]),
        # Two towns in one story are no route.
        ("Живу в Сургуте, а работаю в Когалыме", []),
        ("Дороги в Сургуте", []),
        # Towns listed, or joined by "и" without "между", are no route either.
        ("Собаки — беда всех городов: Сургут, Нижневартовск, Нягань, Мегион", []),
        ("В Нягани и Урае нет врачей", []),
    ],
)
def test_two_places_named_together_are_a_route(
    morphology: Morphology, normalizer: Normalizer, text: str, expected: list[str]
) -> None:
    words = normalizer.normalize(text).words
    _, routes = Gazetteer(morphology).find_with_routes(words)
    assert [route for route, _ in routes] == expected


def test_adjective_that_is_also_a_town_needs_a_capital(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    gazetteer = Gazetteer(morphology)
    assert places(gazetteer, normalizer, "советский период") == []
    assert places(gazetteer, normalizer, "живу в Советском") == ["Советский"]


def test_event_municipalities_are_learnt(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    gazetteer = Gazetteer(morphology, ["Нижний Тагил", "Riverside"])
    assert places(gazetteer, normalizer, "в Нижнем Тагиле") == ["Нижний Тагил"]
    assert places(gazetteer, normalizer, "flooding in Riverside") == ["Riverside"]


def test_unknown_municipality_field_sets_no_place(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    gazetteer = Gazetteer(morphology)
    field = normalizer.normalize("Old Town")
    assert gazetteer.canonical("Old Town", field.words) is None


def test_a_senders_field_is_learnt_as_a_place_a_question_can_name(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    gazetteer = Gazetteer(morphology)
    gazetteer.learn("Eastfield")
    gazetteer.learn("Old Town")
    assert places(gazetteer, normalizer, "storm drains in eastfield overflow") == [
        "Eastfield"
    ]
    assert places(gazetteer, normalizer, "Parking in Old Town is scarce") == [
        "Old Town"
    ]
    assert places(gazetteer, normalizer, "the old town hall") == []
    gazetteer.learn("Другое")
    assert places(gazetteer, normalizer, "Другое дело — дороги") == []
    gazetteer.learn("Ягодный")
    assert places(gazetteer, normalizer, "ягодный морс") == []
    assert places(gazetteer, normalizer, "ФАП в посёлке Ягодный") == ["Ягодный"]
    field = normalizer.normalize("Eastfield")
    assert gazetteer.canonical("Eastfield", field.words) is None


def anchors_of(normalizer: Normalizer, text: str):  # noqa: ANN201
    document = normalizer.normalize(text)
    asking = [w >= 1.0 for w in document.sentence_weights]
    return find_anchors(document.words, (), asking)


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("Is there a better way to pay the water bill?", ()),
        ("We need a protected bike lane downtown", ()),
        ("Will side street plowing improve?", ()),
        ("the dirt road to the dump is bad", ()),
        ("Fix Station Road please", ("station road",)),
        ("potholes on main st are awful", ("main street",)),
        ("cars race on cedar lane at night", ("cedar lane",)),
        ("The slabs near St. Mark's are heaved up", ()),
        # A Russian street's name follows its word.
        ("Когда отремонтируют проезд Заводской?", ("заводской",)),
        ("Проезд Ленина весь в ямах", ("ленин",)),
        ("ДОРОГА НА ПР. МИРА РАЗБИТА", ("мир",)),
        # The fare, not a street: in plain and in shouted writing.
        ("Оплата проезда неработающим пенсионерам будет ежегодной?", ()),
        ("ПОЧЕМУ КОМПЕНСАЦИЯ ПРОЕЗДА ПЕНСИОНЕРАМ РАЗ В ДВА ГОДА", ()),
        # Neither a verb after "улица" nor a subject after "на" is a name.
        ("Газ по улице проложен до границы участков", ()),
        ("Как получить квоту на ЭКО?", ()),
        ("В Сургуте улица разбита", ()),
        ("Яма на улице Лесной", ("лесной",)),
        # The words after a street's type belong to its sentence.
        ("Живу на Югорском тракте. Автобус 21 ходит редко", ()),
    ],
)
def test_a_street_word_names_a_street_only_beside_a_name(
    normalizer: Normalizer, text: str, streets: tuple[str, ...]
) -> None:
    assert anchors_of(normalizer, text).streets == streets


@pytest.mark.parametrize(
    ("text", "numbered"),
    [
        ("Крыша в школе №5", ("school#5",)),
        ("Крыша в школе номер 5", ("school#5",)),
        ("Крыша в 5-й школе", ("school#5",)),
        ("На 44-м маршруте интервал час", ("route#44",)),
        ("Ремонт в 5-ю школу не дошёл", ("school#5",)),
        ("Крыша в пятой школе", ("school#5",)),
        ("Детский сад № 12 закрыли", ("kindergarten#12",)),
        ("Автобус 21 ходит редко", ("route#21",)),
        ("Route 12 buses are late", ("route#12",)),
        ("21 автобус ходит раз в час", ("route#21",)),
        ("Lincoln Elementary is overcrowded", ("school#lincoln-elementary",)),
        ("The number twelve bus is packed", ("route#12",)),
        ("Route twenty-one runs late", ("route#21",)),
        ("Двадцать первый маршрут не ходит", ("route#21",)),
        # "rt" is short for route; a number that counts buses names none.
        ("rt 4 is a joke now, 1 bus an hour", ("route#4",)),
        ("2 автобуса в день ходит в посёлок", ()),
        ("$2.50 BUS FARE?? are you serious", ()),
        # A route by its nickname, in a sentence about riding it.
        ("восьмёрку ждём по полчаса", ("route#8",)),
        ("тройка ходит очень редко", ("route#3",)),
        ("У сына тройка по математике", ()),
        ("Could we try free fares on one route?", ()),
        # The house after its street; not years, not a microdistrict's number.
        ("Крыша течёт в доме по улице Мира, 12", ("house#12",)),
        ("На улице Ленина 5 лет нет ремонта", ()),
        ("Спортзал в школе №9 закрыт? Дети второй год в коридоре", ("school#9",)),
        ("Дом деревянный, 1968 года постройки, признан аварийным", ()),
        ("Наш дом 2 мкр, д. 10 в программе капремонта?", ("street#2", "house#10")),
    ],
)
def test_numbered_institutions_are_found(
    normalizer: Normalizer, text: str, numbered: tuple[str, ...]
) -> None:
    assert anchors_of(normalizer, text).numbered == numbered


def test_address_without_the_word_street_is_read(normalizer: Normalizer) -> None:
    anchors = anchors_of(normalizer, "Когда капремонт дома Геологов, 71?")
    assert anchors.streets == ("геолог",)
    assert anchors.numbered == ("house#71",)


def test_street_named_after_a_person_is_read_without_the_word_street(
    normalizer: Normalizer,
) -> None:
    assert anchors_of(normalizer, "Когда починят дорогу на Ленина?").streets == (
        "ленин",
    )


def test_address_after_a_preposition_is_read(normalizer: Normalizer) -> None:
    anchors = anchors_of(
        normalizer, "В нашем доме на Мира 12 течёт крыша. Когда починят?"
    )
    assert anchors.streets == ("мир",)
    assert anchors.numbered == ("house#12",)
    assert anchors.is_specific


def test_a_street_in_the_story_does_not_make_the_question_specific(
    normalizer: Normalizer,
) -> None:
    anchors = anchors_of(
        normalizer,
        "Я живу на улице Мира тридцать лет. Почему растут налоги на имущество?",
    )
    assert anchors.streets == ("мир",)
    assert not anchors.is_specific


def test_distances_and_counts_are_not_identifiers(normalizer: Normalizer) -> None:
    assert anchors_of(normalizer, "До больницы 40 км").numbered == ()


def test_words_after_a_microdistrict_are_not_streets(normalizer: Normalizer) -> None:
    anchors = anchors_of(normalizer, "Мы живём в 45 мкр, ребёнку нужен садик")
    assert anchors.streets == ()
    assert anchors.numbered == ("street#45",)


def test_streets_are_found_in_both_languages(normalizer: Normalizer) -> None:
    assert anchors_of(normalizer, "Яма на ул. Ленина").streets == ("ленин",)
    assert anchors_of(normalizer, "Pothole on Main Street").streets == ("main street",)


def test_road_question_is_local_and_pension_question_is_not(
    normalizer: Normalizer,
) -> None:
    assert anchors_of(normalizer, "Когда отремонтируют дорогу?").is_local
    assert not anchors_of(normalizer, "Когда проиндексируют пенсии?").is_local


def test_resettlement_from_the_north_is_a_regional_question(
    normalizer: Normalizer,
) -> None:
    # Moving a family out of a town's barracks is local; the state programme
    # for leaving the Far North is the same in every town.
    assert anchors_of(normalizer, "Когда нас переселят из аварийного дома?").is_local
    assert not anchors_of(
        normalizer, "Почему не двигается очередь на переселение с Крайнего Севера?"
    ).is_local


def test_a_referendum_is_a_question_of_the_whole_city(normalizer: Normalizer) -> None:
    # The rail yards are where the casino would stand; the vote is citywide.
    assert not anchors_of(
        normalizer,
        "I am concerned about the proposed casino at the old rail yards. "
        "Will you commit to a public referendum before any licence is approved?",
    ).is_local


def test_kindergarten_and_school_are_different_institutions(
    normalizer: Normalizer,
) -> None:
    assert anchors_of(normalizer, "Ремонт в детском саду").institutions == (
        "kindergarten",
    )
    assert anchors_of(normalizer, "Ремонт в школе").institutions == ("school",)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Когда будет индексация пенсий работающим пенсионерам?",
            "groups",
            ("pension-working",),
        ),
        (
            "Я работающий пенсионер, пенсию не индексируют",
            "groups",
            ("pension-working",),
        ),
        # Pensioners who do not, cannot or only wish to work.
        ("Давно не работаю, пенсия маленькая", "groups", ()),
        ("Я пенсионерка, не могу работать, когда индексация пенсии?", "groups", ()),
        ("Я пенсионерка, хочу работать, но не берут. Как найти работу?", "groups", ()),
        ("Why is there no Route 14 on Sundays?", "groups", ("bus-weekend",)),
        ("Автобус не ходит по выходным", "groups", ("bus-weekend",)),
        ("Is the library Sunday schedule coming back?", "groups", ()),
        ("окулиста нет уже полгода, когда будет врач", "specialties", ("eye",)),
        ("В больнице нет ЛОР-врача", "specialties", ("ent",)),
        (
            "Невролога нет, эндокринолога нет",
            "specialties",
            ("neurologist", "endocrinologist"),
        ),
        (
            "Our kids need a pediatrician, the clinic has none",
            "specialties",
            ("paediatrician",),
        ),
        # An eye says nothing of doctors in other questions.
        ("Keep an eye on the budget, please", "specialties", ()),
    ],
)
def test_groups_and_doctors_asked_for_apart_are_read(
    normalizer: Normalizer, text: str, kind: str, expected: tuple[str, ...]
) -> None:
    assert getattr(anchors_of(normalizer, text), kind) == expected
