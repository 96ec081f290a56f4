"""Properties that hold for any stream: determinism and no lost items."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation import Engine

_PHRASES = [
    "Когда будет индексация пенсий?",
    "Когда отремонтируют дорогу на улице Ленина?",
    "Почему в поликлинике нет педиатров?",
    "Когда починят крышу в школе №5?",
    "Когда починят крышу в школе №6?",
    "Спасибо вам за работу!",
    "Купите биткоин t.me/money",
    "kogda budet indeksaciya pensiy",
    "When will the pothole on Main Street be fixed?",
    "Вы все х*р на нас положили",
]
_TOWNS = [None, "Сургут", "Нягань", "Мегион"]

messages = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(_PHRASES), st.text(max_size=40)),
        st.sampled_from(_TOWNS),
    ),
    max_size=25,
)
_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def replay(stream: list[tuple[str, str | None]]) -> list[tuple]:
    engine = Engine()
    return [
        tuple(vars(a).values()) if hasattr(a, "__dict__") else _as_tuple(a)
        for a in (
            engine.add(str(i), text, municipality=town)
            for i, (text, town) in enumerate(stream)
        )
    ]


def _as_tuple(assignment) -> tuple:  # noqa: ANN001
    return (
        assignment.item_id,
        assignment.cluster,
        assignment.screening,
        assignment.reason,
        assignment.duplicate_of,
        assignment.topic,
    )


@_SETTINGS
@given(messages)
def test_same_order_gives_the_same_assignments(
    stream: list[tuple[str, str | None]],
) -> None:
    assert replay(stream) == replay(stream)


@_SETTINGS
@given(messages)
def test_every_item_is_in_exactly_one_cluster_or_the_screened_lane(
    stream: list[tuple[str, str | None]],
) -> None:
    engine = Engine()
    for i, (text, town) in enumerate(stream):
        engine.add(str(i), text, municipality=town)
    clustered = [item for view in engine.clusters() for item in view.item_ids]
    screened = [a.item_id for a in engine.screened()]
    everything = clustered + screened
    assert sorted(everything) == sorted(str(i) for i in range(len(stream)))
    assert len(everything) == len(set(everything))
    for view in engine.clusters():
        assert view.size == len(view.item_ids) > 0


@_SETTINGS
@given(messages, st.data())
def test_merges_and_splits_never_lose_items(
    stream: list[tuple[str, str | None]], data: st.DataObject
) -> None:
    engine = Engine()
    for i, (text, town) in enumerate(stream):
        engine.add(str(i), text, municipality=town)
    views = engine.clusters()
    if len(views) >= 2:
        first, second = data.draw(st.permutations(views))[:2]
        engine.merge(first.id, second.id)
    big = [v for v in engine.clusters() if v.size >= 2]
    if big:
        engine.split(big[0].id, [big[0].item_ids[-1]])
    clustered = [item for view in engine.clusters() for item in view.item_ids]
    screened = [a.item_id for a in engine.screened()]
    assert sorted(clustered + screened) == sorted(str(i) for i in range(len(stream)))


def test_assignments_do_not_depend_on_the_hash_seed(tmp_path) -> None:  # noqa: ANN001
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "in.jsonl"
    lines = [
        {"id": str(i), "text": text, "municipality": town}
        for i, (text, town) in enumerate(
            (phrase, _TOWNS[i % len(_TOWNS)]) for i, phrase in enumerate(_PHRASES * 3)
        )
    ]
    path.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines),
        encoding="utf-8",
    )
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "moderation", str(path)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == len(lines)
