"""Details of the engine's bookkeeping that the console relies on."""

from __future__ import annotations

from collections.abc import Callable

from moderation import Engine


def test_event_municipalities_set_constraints_too(
    make_engine: Callable[..., Engine],
) -> None:
    engine = make_engine(municipalities=["Нижний Тагил", "Верхняя Салда"])
    first = engine.add(
        "1", "Когда отремонтируют дорогу на улице Ленина?", municipality="Нижний Тагил"
    )
    second = engine.add(
        "2", "Когда отремонтируют дорогу на улице Ленина?", municipality="Верхняя Салда"
    )
    assert first.cluster != second.cluster
    assert engine.cluster(first.cluster).municipalities == {"Нижний Тагил": 1}


def test_unknown_neighbourhoods_do_not_split_a_city_wide_question(
    engine: Engine,
) -> None:
    first = engine.add("1", "Why are water rates going up?", municipality="Riverside")
    second = engine.add(
        "2", "Why are water rates going up again?", municipality="Old Town"
    )
    assert first.cluster == second.cluster
    assert engine.cluster(first.cluster).municipalities == {
        "Old Town": 1,
        "Riverside": 1,
    }


def test_items_without_time_leave_the_times_empty(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    view = engine.cluster("c1")
    assert (view.first_seen, view.last_seen) == (None, None)
    assert (view.recent, view.previous, view.heat) == (0, 0, 0.0)


def test_engine_counts_every_item_it_was_given(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    engine.add("2", "Спасибо за работу!")
    assert len(engine) == 2


def test_merge_and_split_bump_versions(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    engine.add("2", "Почему в поликлинике нет педиатров?", municipality="Урай")
    before = engine.cluster("c1").version
    merged = engine.merge("c1", "c2")
    assert merged.version > before
    created = engine.split("c1", ["2"], version=merged.version)
    assert engine.cluster("c1").version > merged.version
    assert created.version >= 1


def test_merge_keeps_the_clearest_representative(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    engine.add(
        "2",
        "Я пенсионерка, живу одна, цены растут, лекарства дорогие, коммуналка "
        "дорожает каждый месяц, а пенсия стоит на месте уже давно. Прибавят ли?",
        municipality="Урай",
    )
    view = (
        engine.merge("c1", "c2")
        if len(engine.clusters()) == 2
        else engine.cluster("c1")
    )
    assert view.representative == "Когда будет индексация пенсий?"


def test_restored_copy_brings_its_later_copies_with_it(engine: Engine) -> None:
    engine.add("1", "Идиоты, когда будет индексация пенсий?")
    engine.restore("1")
    copy = engine.add("2", "Идиоты, когда будет индексация пенсий?")
    assert copy.screening == "abuse"
    assert copy.duplicate_of == "1"


def test_screened_item_keeps_its_reason_until_restored(engine: Engine) -> None:
    engine.add("1", "Купите биткоин t.me/money")
    assert engine.assignment("1").reason == "ссылка на сторонний сайт"
    restored = engine.restore("1")
    assert restored.reason is None
    assert restored.cluster == "c1"


def test_video_appeals_are_counted_per_cluster(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?", has_video=True)
    engine.add("2", "Когда проиндексируют пенсии?", has_video=True)
    assert engine.cluster("c1").video_count == 2


def test_english_questions_get_english_merge_reasons(
    make_engine: Callable[..., Engine],
) -> None:
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(english_threshold=0.99))
    engine.add("1", "Why are property taxes going up?")
    engine.add("2", "Why did my property tax bill increase?")
    suggestions = engine.suggest_merges(3)
    assert suggestions
    assert suggestions[0].reason.startswith("similarity")
