"""Moderator commands, suggested merges and per-cluster statistics."""

from __future__ import annotations

import pytest

from moderation import (
    Engine,
    InvalidCommand,
    StaleCluster,
    UnknownCluster,
    UnknownItem,
)
from moderation.errors import DuplicateItem, ModerationError


def test_cluster_view_counts_towns_videos_and_times(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?", municipality="Сургут", at=10.0)
    engine.add(
        "2", "Индексация пенсий когда?", municipality="Сургут", has_video=True, at=20.0
    )
    engine.add("3", "Когда проиндексируют пенсии?", municipality="Нягань", at=30.0)
    view = engine.cluster("c1")
    assert view.size == 3
    assert view.municipalities == {"Сургут": 2, "Нягань": 1}
    assert view.video_count == 1
    assert (view.first_seen, view.last_seen) == (10.0, 30.0)
    assert view.item_ids == ("1", "2", "3")
    assert view.topic == "социальная защита"


def test_representative_is_a_short_clean_question(engine: Engine) -> None:
    engine.add(
        "1",
        "Здравствуйте! Я пенсионерка, живу одна, всё дорожает, лекарства дорогие, "
        "коммуналка растёт каждый год, а пенсия стоит на месте. "
        "Когда будет индексация пенсий? С уважением, Валентина",
    )
    engine.add("2", "Здравствуйте! Когда будет индексация пенсий?")
    assert engine.cluster("c1").representative == "Когда будет индексация пенсий?"


def test_heat_compares_the_last_window_with_the_one_before(make_engine) -> None:  # noqa: ANN001
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(heat_window=60.0))
    for second in (0.0, 70.0, 100.0, 110.0):
        engine.add(str(second), "Когда будет индексация пенсий?", at=second)
    view = engine.cluster("c1")
    assert (view.recent, view.previous) == (3, 1)
    assert view.heat == 3.0


def test_a_quiet_cluster_cools_as_the_clock_advances(make_engine) -> None:  # noqa: ANN001
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(heat_window=60.0))
    engine.add("1", "Когда будет индексация пенсий?", at=0.0)
    engine.add("2", "Когда проиндексируют пенсии?", at=10.0)
    engine.add("3", "Почему в поликлинике нет педиатров?", municipality="Урай", at=50.0)
    assert engine.cluster("c1").heat == 2.0

    # Nothing new arrives; an hour later both clusters are cold.
    warm = engine.advance(65.0)
    assert warm == ["c1", "c2"]
    assert (engine.cluster("c1").recent, engine.cluster("c1").previous) == (1, 1)
    assert engine.advance(3600.0) == ["c1", "c2"]
    assert engine.cluster("c1").heat == engine.cluster("c2").heat == 0.0
    # Once cold they are not named again, and the clock never runs back.
    assert engine.advance(3700.0) == []
    assert engine.advance(10.0) == []
    assert engine.cluster("c2").heat == 0.0


def test_advance_names_the_cluster_that_absorbed_a_cooled_one(make_engine) -> None:  # noqa: ANN001
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(heat_window=60.0))
    engine.add("1", "Когда будет индексация пенсий?", at=0.0)
    engine.add("2", "Почему в поликлинике нет педиатров?", municipality="Урай", at=5.0)
    engine.merge("c1", "c2")
    assert engine.advance(1000.0) == ["c1"]


def test_version_grows_with_every_change(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    before = engine.cluster("c1").version
    engine.add("2", "Когда проиндексируют пенсии?")
    assert engine.cluster("c1").version > before


def seed_two_clusters(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    engine.add("2", "Когда проиндексируют пенсии?")
    engine.add("3", "Почему в поликлинике нет педиатров?", municipality="Урай")


def test_merge_moves_every_item_and_keeps_the_first_id(engine: Engine) -> None:
    seed_two_clusters(engine)
    merged = engine.merge("c1", "c2")
    assert merged.id == "c1"
    assert merged.size == 3
    assert engine.assignment("3").cluster == "c1"
    with pytest.raises(UnknownCluster, match="merged into c1"):
        engine.cluster("c2")


def test_copy_of_a_merged_item_follows_it(engine: Engine) -> None:
    seed_two_clusters(engine)
    engine.merge("c1", "c2")
    copy = engine.add("4", "Почему в поликлинике нет педиатров?", municipality="Урай")
    assert copy.cluster == "c1"
    assert copy.duplicate_of == "3"


def test_merge_with_a_stale_version_is_refused(engine: Engine) -> None:
    seed_two_clusters(engine)
    seen = engine.cluster("c1").version
    engine.add("4", "Индексация пенсий когда?")
    with pytest.raises(StaleCluster) as caught:
        engine.merge("c1", "c2", version_a=seen)
    assert caught.value.expected == seen
    assert engine.cluster("c2").size == 1


def test_merge_of_a_cluster_with_itself_is_refused(engine: Engine) -> None:
    seed_two_clusters(engine)
    with pytest.raises(InvalidCommand):
        engine.merge("c1", "c1")


def test_split_moves_items_into_a_new_cluster(engine: Engine) -> None:
    seed_two_clusters(engine)
    version = engine.cluster("c1").version
    created = engine.split("c1", ["2"], version=version)
    assert created.id == "c3"
    assert created.item_ids == ("2",)
    assert created.representative == "Когда проиндексируют пенсии?"
    assert engine.cluster("c1").item_ids == ("1",)
    assert engine.assignment("2").cluster == "c3"


def test_split_clusters_are_never_suggested_for_merging_again(engine: Engine) -> None:
    seed_two_clusters(engine)
    engine.split("c1", ["2"])
    pairs = {(s.first, s.second) for s in engine.suggest_merges(10)}
    assert ("c1", "c3") not in pairs


def test_split_with_a_stale_version_is_refused(engine: Engine) -> None:
    seed_two_clusters(engine)
    with pytest.raises(StaleCluster):
        engine.split("c1", ["2"], version=0)


@pytest.mark.parametrize("items", [[], ["1", "2"], ["3"]])
def test_split_of_nothing_everything_or_outsiders_is_refused(
    engine: Engine, items: list[str]
) -> None:
    seed_two_clusters(engine)
    with pytest.raises(InvalidCommand):
        engine.split("c1", items)


def test_split_of_an_unknown_item_is_refused(engine: Engine) -> None:
    seed_two_clusters(engine)
    with pytest.raises(UnknownItem):
        engine.split("c1", ["nope"])


def test_restore_brings_a_screened_item_into_clustering(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    screened = engine.add("2", "Когда, блин, будет индексация пенсий? Идиоты!")
    assert screened.screening == "abuse"
    assert [a.item_id for a in engine.screened()] == ["2"]

    restored = engine.restore("2")
    assert restored.screening == "accepted"
    assert restored.cluster == "c1"
    assert engine.screened() == []


def test_restore_of_an_accepted_item_is_refused(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    with pytest.raises(InvalidCommand):
        engine.restore("1")


def test_suggested_merge_comes_with_a_score_and_a_reason(make_engine) -> None:  # noqa: ANN001
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(threshold=0.95, suggest_threshold=0.3))
    engine.add("1", "Когда будет индексация пенсий?")
    engine.add("2", "Когда повысят пенсии пенсионерам?")
    engine.add("3", "Когда отремонтируют дорогу на улице Ленина?", municipality="Урай")
    suggestions = engine.suggest_merges(5)
    assert [(s.first, s.second) for s in suggestions] == [("c1", "c2")]
    assert 0.3 <= suggestions[0].score < 0.95
    assert suggestions[0].reason.startswith("сходство")
    assert "пенсия" in suggestions[0].reason


def test_roads_in_two_towns_are_never_suggested_for_merging(make_engine) -> None:  # noqa: ANN001
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(suggest_threshold=0.1))
    engine.add("1", "Когда отремонтируют дорогу на улице Ленина?", municipality="Урай")
    engine.add(
        "2", "Когда отремонтируют дорогу на улице Ленина?", municipality="Мегион"
    )
    assert engine.suggest_merges(5) == []


def test_adding_an_id_twice_is_refused(engine: Engine) -> None:
    engine.add("1", "Когда будет индексация пенсий?")
    with pytest.raises(DuplicateItem):
        engine.add("1", "Другой текст")


def test_every_engine_error_derives_from_the_root() -> None:
    for error in (DuplicateItem, InvalidCommand, StaleCluster, UnknownCluster):
        assert issubclass(error, ModerationError)


def test_unknown_cluster_id_is_refused(engine: Engine) -> None:
    with pytest.raises(UnknownCluster):
        engine.cluster("x9")
    with pytest.raises(UnknownCluster):
        engine.cluster("c5")


def test_a_named_neighbourhood_is_never_suggested_with_another_senders_one(
    make_engine,  # noqa: ANN001
) -> None:
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(suggest_threshold=0.1))
    engine.add(
        "1",
        "Is there a plan to stop the flooding in Riverside?",
        municipality="Riverside",
    )
    engine.add(
        "2",
        "What is the plan to stop the flooding every time it rains?",
        municipality="Eastfield",
    )
    assert engine.assignment("1").cluster != engine.assignment("2").cluster
    assert engine.suggest_merges(5) == []


def test_a_group_apart_is_never_suggested_with_everyone(
    make_engine,  # noqa: ANN001
) -> None:
    from moderation import EngineConfig

    engine = make_engine(config=EngineConfig(suggest_threshold=0.1))
    engine.add("1", "Когда проиндексируют пенсии?")
    engine.add("2", "Когда проиндексируют пенсии работающим пенсионерам?")
    assert engine.assignment("1").cluster != engine.assignment("2").cluster
    assert engine.suggest_merges(5) == []
