from __future__ import annotations

import pytest

from moderation.normalize import Normalizer


def lemmas(normalizer: Normalizer, text: str) -> list[str]:
    document = normalizer.normalize(text)
    return [w.lexeme.lemma for w in document.words if not w.lexeme.is_stop]


def test_greeting_with_name_and_patronymic_is_dropped(normalizer: Normalizer) -> None:
    document = normalizer.normalize(
        "Здравствуйте, Руслан Николаевич! Когда отремонтируют дорогу?"
    )
    assert document.clean == "Когда отремонтируют дорогу?"
    assert document.courtesy


def test_greeting_glued_to_the_question_by_a_comma_is_dropped(
    normalizer: Normalizer,
) -> None:
    document = normalizer.normalize("Добрый день, когда починят лифт?")
    assert document.clean == "когда починят лифт?"


def test_address_before_greeting_is_dropped(normalizer: Normalizer) -> None:
    document = normalizer.normalize(
        "Наталья Владимировна, добрый день! Когда будет индексация пенсий?"
    )
    assert document.clean == "Когда будет индексация пенсий?"


def test_sign_off_with_a_name_is_dropped(normalizer: Normalizer) -> None:
    document = normalizer.normalize(
        "Когда построят школу в Лянторе? С уважением, Иван Петров"
    )
    assert document.clean == "Когда построят школу в Лянторе?"


def test_greeting_opening_an_unpunctuated_question_keeps_the_question(
    normalizer: Normalizer,
) -> None:
    assert lemmas(normalizer, "здраствуйте когда будет индексация пенсий") == [
        "индексация",
        "пенсия",
    ]


def test_english_greeting_and_thanks_are_dropped(normalizer: Normalizer) -> None:
    document = normalizer.normalize(
        "Hi Mayor! When will the pothole on Main Street be fixed? Thanks!"
    )
    assert document.clean == "When will the pothole on Main Street be fixed?"
    assert document.language == "en"


def test_case_yo_emoji_and_stretched_letters_do_not_change_lemmas(
    normalizer: Normalizer,
) -> None:
    plain = lemmas(normalizer, "Очень плохая дорога, ещё ямы")
    noisy = lemmas(normalizer, "ОООЧЕНЬ плохая дорога 😡😡, еще ЯМЫ!!!")
    assert plain == noisy


def test_russian_in_latin_letters_is_turned_back_into_cyrillic(
    normalizer: Normalizer,
) -> None:
    document = normalizer.normalize("kogda otremontiruyut dorogu na ulice Lenina")
    assert document.is_transliterated
    assert document.language == "ru"
    assert [w.surface for w in document.words] == [
        "когда",
        "отремонтируют",
        "дорогу",
        "на",
        "улице",
        "ленина",
    ]


def test_english_text_is_not_transliterated(normalizer: Normalizer) -> None:
    document = normalizer.normalize("When will the road on Lenin street be repaired?")
    assert not document.is_transliterated
    assert document.language == "en"


def test_numbers_are_kept_as_words(normalizer: Normalizer) -> None:
    assert "5" in lemmas(normalizer, "Когда отремонтируют школу №5?")


def test_typo_is_corrected_to_a_known_word(normalizer: Normalizer) -> None:
    assert lemmas(normalizer, "кагда индексацыя пенсий") == ["индексация", "пенсия"]


def test_question_sentence_weighs_more_than_the_story(normalizer: Normalizer) -> None:
    document = normalizer.normalize(
        "Я живу в Сургуте двадцать лет. Работала на заводе. "
        "Когда будет индексация пенсий?"
    )
    assert document.has_question
    assert document.sentence_weights[-1] == 1.0
    assert document.sentence_weights[0] < 1.0


def test_the_story_weighs_more_before_a_short_question(
    normalizer: Normalizer,
) -> None:
    detailed = normalizer.normalize(
        "Дворы завалены снегом. "
        "Когда в Когалыме начнут вывозить снег из дворов на улице Мира?"
    )
    short = normalizer.normalize("Дворы завалены снегом. Когда наведут порядок?")
    assert detailed.sentence_weights == (0.35, 1.0)
    assert short.sentence_weights == (0.6, 1.0)


@pytest.mark.parametrize(
    ("text", "weights"),
    [
        # Who writes, and from which house: a signature, counted as context.
        (
            "Просим пересмотреть повышение взноса на капремонт. "
            "Жители дома Кедровая 11, кв. 40",
            (1.0, 0.35),
        ),
        ("Сколько ещё ждать расселения? Семья Бойко, 4 человека", (1.0, 0.35)),
        # A last sentence that says something is no signature.
        ("Просим убрать мусор. Пенсионеры и так платить не могут.", (1.0, 1.0)),
        ("Семья Бойко.", (1.0,)),
    ],
)
def test_a_signature_of_who_writes_counts_as_context(
    normalizer: Normalizer, text: str, weights: tuple[float, ...]
) -> None:
    assert normalizer.normalize(text).sentence_weights == weights


def test_other_scripts_pass_through(normalizer: Normalizer) -> None:
    document = normalizer.normalize("Wann wird die Straße repariert? 道路")
    assert [w.surface for w in document.words][-1] == "道路"
