from __future__ import annotations

from moderation import Engine


def test_exact_copy_with_another_signature_points_to_the_original(
    engine: Engine,
) -> None:
    first = engine.add(
        "a", "Когда построят новую школу в Лянторе? С уважением, Иван Петров"
    )
    copy = engine.add(
        "b", "Когда построят новую школу в Лянторе!!! С уважением, Мария Сидорова"
    )
    assert copy.duplicate_of == "a"
    assert copy.cluster == first.cluster


def test_near_copy_of_a_campaign_is_marked_as_duplicate(engine: Engine) -> None:
    text = (
        "Мы, жители дома 12 по улице Мира в Сургуте, просим отремонтировать крышу, "
        "которая течёт уже третий год"
    )
    engine.add("a", text, municipality="Сургут")
    copy = engine.add("b", text + ", помогите пожалуйста", municipality="Сургут")
    assert copy.duplicate_of == "a"


def test_same_words_with_another_school_number_are_not_duplicates(
    engine: Engine,
) -> None:
    engine.add("a", "Когда отремонтируют спортзал в школе №5 в Мегионе?")
    other = engine.add("b", "Когда отремонтируют спортзал в школе №6 в Мегионе?")
    assert other.duplicate_of is None


def test_copy_of_a_screened_message_is_screened_too(engine: Engine) -> None:
    engine.add("a", "Купите биткоин, заработок каждый день t.me/money")
    copy = engine.add("b", "Купите биткоин, заработок каждый день t.me/money")
    assert copy.screening == "spam"
    assert copy.duplicate_of == "a"
    assert copy.cluster is None
