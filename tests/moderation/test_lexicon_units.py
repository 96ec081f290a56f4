"""Units under the engine: transliteration, word analysis, topics, indexes."""

from __future__ import annotations

import pytest

from moderation.dedup import DuplicateIndex
from moderation.features import root_of
from moderation.index import CandidateIndex
from moderation.morphology import Morphology, shared_morphology
from moderation.normalize import Normalizer
from moderation.topics import TopicClassifier
from moderation.translit import spell_cyrillic, transliterate


def test_transliteration_offers_both_readings_of_ambiguous_letters() -> None:
    spellings = spell_cyrillic("moy")
    assert "мой" in spellings
    assert "мы" not in spellings
    assert spell_cyrillic("shchi")[0] == "щи"


def test_transliteration_keeps_the_commonest_known_spelling(
    morphology: Morphology,
) -> None:
    assert morphology.cyrillic("ulice") == "улице"
    assert morphology.cyrillic("eto") == "это"
    assert morphology.cyrillic("ego") == "его"
    assert morphology.cyrillic("xyzzyq") is None


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        # A "y" before a vowel may be a soft or a hard sign.
        ("semya", "семья"),
        ("zdorovye", "здоровье"),
        ("ugodya", "угодья"),
        ("obyavlenie", "объявление"),
        ("syezd", "съезд"),
        ("yasli", "ясли"),
        ("pensiya", "пенсия"),
        # "sh" written for "щ", and soft signs left out.
        ("rabotayushim", "работающим"),
        ("indeksirovat", "индексировать"),
        ("lgotnyh", "льготных"),
        ("umenshilas", "уменьшилась"),
        ("molodezh", "молодежь"),
        ("shkola", "школа"),
    ],
)
def test_transliteration_finds_signs_and_letters_written_loosely(
    morphology: Morphology, latin: str, cyrillic: str
) -> None:
    assert morphology.cyrillic(latin) == cyrillic


def test_transliteration_without_frequencies_keeps_the_first_known_spelling(
    morphology: Morphology,
) -> None:
    assert transliterate("dorogu", morphology.is_russian_word) == "дорогу"


def test_rare_words_weigh_more_than_common_ones(morphology: Morphology) -> None:
    assert morphology.lexeme("индексация").idf > morphology.lexeme("город").idf
    assert morphology.lexeme("pothole").idf > morphology.lexeme("city").idf


def test_function_words_and_names_are_marked(morphology: Morphology) -> None:
    assert morphology.lexeme("когда").is_stop
    assert morphology.lexeme("когда").is_question
    assert morphology.lexeme("руслан").is_name
    assert morphology.lexeme("the").is_stop


def test_english_words_are_stemmed_onto_one_concept(morphology: Morphology) -> None:
    assert morphology.lexeme("potholes").lemma == morphology.lexeme("pothole").lemma
    assert (
        morphology.lexeme("potholes").concepts == morphology.lexeme("asphalt").concepts
    )


def test_russian_inflections_share_a_lemma_and_a_concept(
    morphology: Morphology,
) -> None:
    assert morphology.lexeme("дорогу").lemma == "дорога"
    assert morphology.lexeme("ямы").concepts == morphology.lexeme("асфальт").concepts


def test_a_quota_names_no_subject_of_its_own(morphology: Morphology) -> None:
    # A quota is for fish, for IVF or for flights: the rest of the question says.
    assert morphology.lexeme("квоту").concepts == ()
    assert morphology.lexeme("эко").concepts != morphology.lexeme("рыба").concepts
    assert morphology.lexeme("эко").concepts == morphology.lexeme("бесплодие").concepts


def test_less_common_words_of_a_subject_share_its_concept(
    morphology: Morphology,
) -> None:
    assert morphology.lexeme("догазификация").concepts == (
        morphology.lexeme("газопровод").concepts
    )
    assert (
        morphology.lexeme("старости").concepts == morphology.lexeme("пенсии").concepts
    )


@pytest.mark.parametrize(
    ("word", "synonym"),
    [
        ("коляска", "инвалид"),
        ("мазут", "загрязнение"),
        ("регистратура", "талон"),
        ("мусоросортировка", "мусор"),
        ("автодорога", "дорога"),
        ("4g", "интернет"),
        ("тест-полоски", "лекарство"),
        ("биржа", "трудоустройство"),
        ("skyscraper", "rezoning"),
        ("storeys", "developer"),
        ("lamps", "streetlights"),
    ],
)
def test_everyday_words_share_their_subject_s_concept(
    morphology: Morphology, word: str, synonym: str
) -> None:
    assert morphology.lexeme(word).concepts
    assert morphology.lexeme(word).concepts == morphology.lexeme(synonym).concepts


def test_light_rail_by_any_name_is_one_concept(morphology: Morphology) -> None:
    rail = morphology.lexeme("rail").concepts
    assert rail
    assert morphology.lexeme("lrt").concepts == rail
    assert morphology.lexeme("streetcar").concepts == rail


def test_a_fare_is_not_a_bus_route(morphology: Morphology) -> None:
    assert morphology.lexeme("fares").concepts != morphology.lexeme("route").concepts
    assert morphology.lexeme("проезд").concepts != morphology.lexeme("маршрут").concepts


def test_tied_readings_prefer_the_civic_one(morphology: Morphology) -> None:
    assert morphology.lexeme("паром").lemma == "паром"
    assert morphology.lexeme("ямы").lemma == "яма"


def test_analyses_are_cached(morphology: Morphology) -> None:
    assert morphology.lexeme("поликлиника") is morphology.lexeme("поликлиника")


def test_prefixed_verbs_share_a_root_with_their_noun() -> None:
    assert root_of("проиндексировать") == root_of("индексация") == "индек"
    assert root_of("дом") is None


def test_event_topics_are_matched_to_families_by_their_words(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    topics = TopicClassifier(["Roads and transport", "Health", "Other"], morphology)
    document = normalizer.normalize("When will the pothole be fixed?")
    assert topics.classify(document.words, document.sentence_weights) == 0
    empty = normalizer.normalize("What about the festival of lights?")
    assert topics.classify(empty.words, empty.sentence_weights) == 2


def test_a_topic_that_matches_no_family_uses_its_own_words(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    topics = TopicClassifier(["Рыбалка", "Другое"], morphology)
    document = normalizer.normalize("Когда разрешат рыбалку на озере?")
    assert topics.classify(document.words, document.sentence_weights) == 0


def test_without_topics_nothing_is_classified(
    morphology: Morphology, normalizer: Normalizer
) -> None:
    document = normalizer.normalize("Когда отремонтируют дорогу?")
    assert TopicClassifier([], morphology).classify(document.words, (1.0,)) is None


def test_duplicate_index_finds_exact_and_near_copies() -> None:
    index = DuplicateIndex()
    words = [
        "жители",
        "дом",
        "просить",
        "отремонтировать",
        "крыша",
        "течь",
        "третий",
        "год",
    ]
    assert index.find_or_add(0, words, "") is None
    assert index.find_or_add(1, words, "") == 0
    assert index.find_or_add(2, [*words, "помогать"], "") == 0
    assert index.find_or_add(3, words, "t:Сургут") is None
    assert index.find_or_add(4, [], "") is None


def test_candidate_index_ranks_clusters_by_shared_features() -> None:
    index = CandidateIndex(lambda cluster: 1, per_feature=10)
    index.add(0, [1, 2])
    index.add(1, [2, 3])
    index.add(2, [3])
    assert index.candidates([2, 3], limit=5) == [1, 2, 0]
    assert index.candidates([9], limit=5) == []


def test_full_posting_drops_its_oldest_small_cluster() -> None:
    sizes = {0: 50, 1: 1, 2: 1, 3: 1}
    index = CandidateIndex(sizes.__getitem__, per_feature=3)
    for cluster in range(4):
        index.add(cluster, [7])
    assert sorted(index.candidates([7], limit=5)) == [0, 2, 3]


def test_inflected_english_word_is_not_corrected_into_another_word() -> None:
    morphology = shared_morphology()
    assert morphology.lexeme("plowed").lemma == morphology.lexeme("plow").lemma
    assert morphology.lexeme("snowed").concepts == morphology.lexeme("snow").concepts


def test_a_rise_is_a_rise_in_any_aspect(morphology: Morphology) -> None:
    rise = morphology.lexeme("растет").concepts
    assert rise and morphology.lexeme("выросла").concepts == rise
    assert morphology.lexeme("повысилась").concepts == rise


def test_a_garden_is_the_kindergarten_in_civic_questions(
    morphology: Morphology,
) -> None:
    # "Детский сад": the adjective names children, the noun the institution.
    assert morphology.lexeme("саду").concepts == morphology.lexeme("садик").concepts
    assert morphology.lexeme("садик").concepts


def test_paraphrases_of_a_tick_vaccine_share_a_concept() -> None:
    morphology = shared_morphology()
    assert (
        morphology.lexeme("прививки").concepts == morphology.lexeme("вакцина").concepts
    )
    assert (
        morphology.lexeme("vaccine").concepts == morphology.lexeme("прививка").concepts
    )


def test_ambulance_is_found_from_the_word_form_when_the_lemma_is_ambiguous() -> None:
    morphology = shared_morphology()
    assert morphology.lexeme("скорую").concepts
    assert (
        morphology.lexeme("скорую").concepts == morphology.lexeme("ambulance").concepts
    )


@pytest.mark.parametrize(
    ("russian", "english"),
    [("выборы", "elections"), ("мигранты", "immigrants"), ("почта", "mail")],
)
def test_civic_subjects_beyond_the_development_sets_share_a_concept(
    russian: str, english: str
) -> None:
    morphology = shared_morphology()
    assert morphology.lexeme(russian).concepts
    assert morphology.lexeme(russian).concepts == morphology.lexeme(english).concepts


@pytest.mark.parametrize(
    ("plain", "other"),
    [
        ("pothole", "blacktop"),
        ("snowplow", "gritting"),
        ("hydrant", "sewer"),
        ("burglary", "robberies"),
        ("camps", "homelessness"),
        ("rainfall", "culverts"),
        ("assessment", "appraisal"),
        ("librarian", "library"),
    ],
)
def test_how_residents_name_a_city_service_lands_on_its_concept(
    plain: str, other: str
) -> None:
    morphology = shared_morphology()
    shared = set(morphology.lexeme(plain).concepts)
    assert shared & set(morphology.lexeme(other).concepts)


@pytest.mark.parametrize(
    ("plain", "other"),
    [
        ("leaking", "watermain"),
        ("daycare", "child-care"),
        ("stoplights", "crosswalk"),
        ("towed", "parking"),
        ("evicted", "landlords"),
        ("picnic", "greenway"),
    ],
)
def test_everyday_words_for_a_service_share_its_concept(plain: str, other: str) -> None:
    morphology = shared_morphology()
    assert set(morphology.lexeme(plain).concepts) & set(
        morphology.lexeme(other).concepts
    )
