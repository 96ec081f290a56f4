"""The clusterer shell: decisions stored, clusters kept, state rebuilt, one writer."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from serving import LivelineServer, create_open_event, liveline_env
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from liveline import db
from liveline.cli import main
from liveline.clock import utcnow
from liveline.clusterer import EventClusterer
from liveline.clustering import ClusteringService, events_to_cluster
from liveline.events import update_event
from liveline.locks import FileLocks, PostgresLocks
from liveline.models import CLUSTERS, SUBMISSIONS, Event
from liveline.moderation_view import merge_suggestions
from moderation.engine import Engine as ModerationEngine
from moderation.engine import EngineConfig
from realtime.bus import MemoryBus

QUESTIONS = [
    ("Когда отремонтируют дорогу на улице Ленина в Сургуте?", "Сургут"),
    ("Когда починят дорогу на ул. Ленина в Сургуте? Одни ямы.", "Сургут"),
    ("Когда отремонтируют дорогу на улице Ленина в Нягани?", "Нягань"),
    ("Купите биткоин со скидкой!!! http://crypto.example/buy", None),
    ("Когда отремонтируют дорогу на улице Ленина в Сургуте?", "Сургут"),
]


def insert(
    client: TestClient, slug: str, questions: list[tuple[str, str | None]]
) -> None:
    for text, municipality in questions:
        body = {"text": text, "municipality": municipality}
        assert (
            client.post(f"/api/events/{slug}/submissions", json=body).status_code == 201
        )


@asynccontextmanager
async def adopting(
    engine: Engine, tmp_path: Path, bus: MemoryBus | None = None, **options: Any
) -> AsyncIterator[ClusteringService]:
    """A clustering service that has adopted the open events; stopped on leaving."""
    options.setdefault("poll_interval", 0.05)
    service = ClusteringService(
        engine, bus or MemoryBus(), FileLocks(tmp_path), **options
    )
    try:
        await service.adopt()
        yield service
    finally:
        await service._stop_all()


async def until(condition: Callable[[], object], seconds: float = 30.0) -> None:
    """Wait until ``condition()`` holds; fail the test after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)


def decisions(engine: Engine) -> list[dict[str, Any]]:
    query = sa.select(SUBMISSIONS).order_by(SUBMISSIONS.c.id)
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


def clusters(engine: Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(sa.select(CLUSTERS)).mappings()
        return {row["key"]: dict(row) for row in rows}


def test_step_stores_decisions_statuses_and_clusters(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS)
    clusterer = EventClusterer(engine, event)
    touched = clusterer.step()
    assert touched and clusterer.step() == []

    rows = decisions(engine)
    surgut, surgut_again, nyagan, spam, copy = rows
    assert surgut["cluster_key"] == surgut_again["cluster_key"] == copy["cluster_key"]
    assert nyagan["cluster_key"] != surgut["cluster_key"]
    assert spam["screening"] == "spam" and spam["cluster_key"] is None
    assert spam["status"] == "screened_out" and spam["answer_due_at"] is not None
    assert spam["screening_reason"]
    assert copy["duplicate_of"] == surgut["id"]
    assert surgut["status"] == "in_review"
    assert [row["clustered_seq"] for row in rows] == [1, 2, 3, 4, 5]

    stored = clusters(engine)
    assert stored[str(surgut["cluster_key"])]["size"] == 3
    assert stored[str(surgut["cluster_key"])]["municipalities"] == {"Сургут": 3}
    assert stored[str(nyagan["cluster_key"])]["size"] == 1


def test_rebuilt_clusterer_keeps_the_same_clusters(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS[:3])
    EventClusterer(engine, event).step()
    before = clusters(engine)

    restarted = EventClusterer(engine, event)
    assert restarted.rebuild() == 3
    insert(
        client, event.slug, [("Когда отремонтируют улицу Ленина в Нягани?", "Нягань")]
    )
    restarted.step()
    after = clusters(engine)
    nyagan_key = decisions(engine)[2]["cluster_key"]
    assert set(after) == set(before)
    assert after[str(nyagan_key)]["size"] == 2
    assert after[str(nyagan_key)]["version"] > before[str(nyagan_key)]["version"]
    assert decisions(engine)[3]["clustered_seq"] == 4


def test_quiet_clusters_cool_down_in_the_database(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS[:3])
    now = [utcnow()]
    clusterer = EventClusterer(engine, event, clock=lambda: now[0])
    clusterer.step()
    assert all(row["heat"] > 0 for row in clusters(engine).values())
    assert clusterer.refresh_heat() == [], "nothing changed yet"

    now[0] += timedelta(hours=1)
    cooled = clusterer.refresh_heat()
    assert sorted(cooled) == sorted(clusters(engine))
    assert all(row["heat"] == 0 for row in clusters(engine).values())
    assert clusterer.refresh_heat() == []


def snapshot_three(
    client: TestClient, event: Event, engine: Engine, directory: Path
) -> EventClusterer:
    """A clusterer that has clustered three questions and saved its snapshot."""
    insert(client, event.slug, QUESTIONS[:3])
    clusterer = EventClusterer(engine, event, snapshots=directory)
    clusterer.step()
    assert clusterer.save_snapshot()
    return clusterer


def test_a_restart_loads_the_snapshot_and_replays_only_what_came_after(
    client: TestClient, make_event: Callable[..., Event], engine: Engine, tmp_path: Path
) -> None:
    event = make_event()
    first = snapshot_three(client, event, engine, tmp_path / "snapshots")
    assert not first.save_snapshot(), "nothing new to write"
    insert(client, event.slug, QUESTIONS[3:])
    first.step()

    restarted = EventClusterer(engine, event, snapshots=tmp_path / "snapshots")
    assert restarted.rebuild() == 2, "the three in the snapshot are not replayed"
    assert restarted.engine.clusters() == first.engine.clusters()
    assert len(restarted.engine) == 5
    insert(
        client, event.slug, [("Когда отремонтируют улицу Ленина в Нягани?", "Нягань")]
    )
    restarted.step()
    assert decisions(engine)[5]["clustered_seq"] == 6
    assert decisions(engine)[5]["cluster_key"] == decisions(engine)[2]["cluster_key"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda head, body: b'{"seq": 3, "last_id": -1}\n' + body,
        lambda head, body: b"not json\n" + body,
        lambda head, body: head + body[: len(body) // 3],
    ],
    ids=["another submission", "unreadable position", "truncated engine"],
)
def test_a_snapshot_that_does_not_fit_is_ignored(
    client: TestClient,
    make_event: Callable[..., Event],
    engine: Engine,
    tmp_path: Path,
    damage: Callable[[bytes, bytes], bytes],
) -> None:
    event = make_event()
    first = snapshot_three(client, event, engine, tmp_path / "snapshots")
    (path,) = (tmp_path / "snapshots").iterdir()
    head, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(damage(head + b"\n", body))

    restarted = EventClusterer(engine, event, snapshots=tmp_path / "snapshots")
    assert restarted.rebuild() == 3, "replayed from the database instead"
    assert restarted.engine.clusters() == first.engine.clusters()


def test_a_snapshot_of_another_event_setup_is_ignored(
    client: TestClient, make_event: Callable[..., Event], engine: Engine, tmp_path: Path
) -> None:
    event = make_event()
    snapshot_three(client, event, engine, tmp_path / "snapshots")

    event.municipalities = [*event.municipalities, "Урай"]
    restarted = EventClusterer(engine, event, snapshots=tmp_path / "snapshots")
    assert restarted.rebuild() == 3


def test_file_lock_admits_one_holder_until_it_lets_go(tmp_path: Path) -> None:
    first, second = FileLocks(tmp_path), FileLocks(tmp_path)
    assert first.try_acquire(7)
    assert not second.try_acquire(7)
    assert second.try_acquire(8)
    first.close()
    assert second.try_acquire(7)


@pytest.mark.postgres
def test_advisory_lock_passes_on_when_its_session_ends(postgres_url: str) -> None:
    engines = [db.create_engine(postgres_url) for _ in range(2)]
    first, second = PostgresLocks(engines[0]), PostgresLocks(engines[1])
    try:
        assert first.try_acquire(9001)
        assert not second.try_acquire(9001)
        assert first.still_held()
        first.close()
        assert second.try_acquire(9001)
    finally:
        second.close()
        for engine in engines:
            engine.dispose()


async def test_service_adopts_open_events_and_clusters_what_arrives(
    client: TestClient, make_event: Callable[..., Event], engine: Engine, tmp_path: Path
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS[:2])
    bus = MemoryBus()
    async with adopting(engine, tmp_path, bus) as service:
        assert service.event_ids == [event.id]
        async with adopting(engine, tmp_path, bus) as rival:
            assert rival.event_ids == [], "one clusterer per event"
        await until(lambda: all(row["clustered_seq"] for row in decisions(engine)))
        assert [row["status"] for row in decisions(engine)] == ["in_review"] * 2
        # The change is announced just after it is stored.
        changed = await bus.read(f"liveline:event:{event.id}:clusters", block_ms=5000)
        assert changed and changed[0][1]["type"] == "clusters.changed"


async def test_service_cools_clusters_while_the_stream_is_quiet(
    client: TestClient, make_event: Callable[..., Event], engine: Engine, tmp_path: Path
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS[:1])
    ahead = [timedelta(0)]
    bus = MemoryBus()
    stream = f"liveline:event:{event.id}:clusters"
    async with adopting(
        engine,
        tmp_path,
        bus,
        heat_interval=0.05,
        clock=lambda: utcnow() + ahead[0],
    ):
        await until(lambda: [row["heat"] for row in clusters(engine).values()] == [1.0])
        (key,) = clusters(engine)
        seen = await bus.read(stream, block_ms=5000)

        ahead[0] = timedelta(hours=1)
        await until(lambda: clusters(engine)[key]["heat"] == 0)
        cooled = await bus.read(stream, seen[-1][0], block_ms=5000)
        assert cooled and cooled[-1][1]["keys"] == key


async def test_service_keeps_a_snapshot_of_each_event(
    client: TestClient, make_event: Callable[..., Event], engine: Engine, tmp_path: Path
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS[:2])
    snapshots = tmp_path / "snapshots"
    path = snapshots / f"event-{event.id}.engine"
    async with adopting(
        engine, tmp_path, snapshot_dir=snapshots, snapshot_interval=0.05
    ):
        await until(lambda: path.exists())
        restarted = EventClusterer(engine, event, snapshots=snapshots)
        assert restarted.rebuild() == 0
        assert len(restarted.engine) == 2


@pytest.mark.slow
def test_embedded_serve_clusters_beside_itself_and_stops_with_it(
    tmp_path: Path,
) -> None:
    env = liveline_env(tmp_path)
    create_open_event(tmp_path, env, "embedded")
    server = LivelineServer(tmp_path, env)
    server.start()
    try:
        codes = [
            httpx.post(
                f"{server.base_url}/api/events/embedded/submissions",
                json={"text": text, "municipality": place},
            ).json()["tracking_code"]
            for text, place in QUESTIONS[:2]
        ]
        deadline = time.monotonic() + 60
        statuses: list[str] = []
        while time.monotonic() < deadline:
            statuses = [
                httpx.get(f"{server.base_url}/api/submissions/{code}").json()["status"]
                for code in codes
            ]
            if statuses == ["in_review", "in_review"]:
                break
            time.sleep(0.2)
        assert statuses == ["in_review", "in_review"]
    finally:
        server.stop()
    # The clusterer went with the server: its event lock is free again.
    assert FileLocks(tmp_path / "data" / "locks").try_acquire(1)


def test_clusters_command_prints_the_largest_first(
    client: TestClient,
    make_event: Callable[..., Event],
    engine: Engine,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS)
    EventClusterer(engine, event).step()
    monkeypatch.setenv("LIVELINE_DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["clusters", event.slug])
    assert result.exit_code == 0, result.output
    first_line = result.output.splitlines()[0]
    assert first_line.split()[1] == "3" and "Ленина" in first_line
    assert "Сургут 3" in result.output
    assert "| heat 3.0" in result.output, "three questions, all in the last minutes"
    missing = CliRunner().invoke(main, ["clusters", "nowhere"])
    assert missing.exit_code != 0 and "no event" in missing.output


async def test_service_outlives_an_unreachable_database(tmp_path: Path) -> None:
    broken = db.create_engine("postgresql://127.0.0.1:1/nowhere")
    service = ClusteringService(
        broken, MemoryBus(), FileLocks(tmp_path), adopt_interval=0.05
    )
    task = asyncio.create_task(service.run())
    await asyncio.sleep(0.3)
    assert not task.done(), "a database outage does not stop the service"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_suggestions_are_stored_replaced_and_printed(
    client: TestClient,
    make_event: Callable[..., Event],
    engine: Engine,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event = make_event()
    insert(
        client,
        event.slug,
        [
            ("Когда отремонтируют дорогу на улице Ленина в Сургуте?", "Сургут"),
            (
                "Улица Ленина в Сургуте вся в ямах, асфальт разбит. Кто ответит?",
                "Сургут",
            ),
            ("Дорогу на Ленина в Сургуте обещали сделать летом, где ремонт?", "Сургут"),
            ("Когда в Сургуте наконец заасфальтируют улицу Ленина?", "Сургут"),
        ],
    )
    # A strict engine keeps the paraphrases apart, so that it has merges to offer.
    strict = EngineConfig(threshold=0.95, suggest_threshold=0.2)
    clusterer = EventClusterer(
        engine,
        event,
        engine_factory=lambda e: ModerationEngine(e.municipalities, config=strict),
    )
    clusterer.step()
    expected = [(s.first, s.second) for s in clusterer.engine.suggest_merges(50)]
    assert expected
    assert clusterer.refresh_suggestions() == len(expected)
    assert clusterer.refresh_suggestions() == len(expected), "replaced, not added"

    monkeypatch.setenv("LIVELINE_DATABASE_URL", database_url)
    output = CliRunner().invoke(main, ["clusters", event.slug]).output
    stored = merge_suggestions(engine, event.slug)
    assert [(row.first_key, row.second_key) for row in stored] == expected
    for row in stored:
        assert f"{row.first_key} + {row.second_key}" in output


def test_events_to_cluster_keep_a_closed_event_until_its_work_is_done(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    now = utcnow()
    make_event("open")
    make_event("future", opens_at=now + timedelta(days=1), closes_at=None)
    make_event(
        "yesterday",
        opens_at=now - timedelta(days=2),
        closes_at=now - timedelta(hours=2),
    )
    late = make_event("late")
    insert(client, "late", QUESTIONS[:1])
    update_event(
        engine,
        "late",
        opens_at=now - timedelta(days=5),
        closes_at=now - timedelta(days=3),
    )
    make_event(
        "over", opens_at=now - timedelta(days=5), closes_at=now - timedelta(days=3)
    )

    def slugs() -> list[str]:
        return sorted(event.slug for event in events_to_cluster(engine, utcnow()))

    # "late" closed days ago but holds a submission nobody clustered yet.
    assert slugs() == ["late", "open", "yesterday"]
    EventClusterer(engine, late).step()
    assert slugs() == ["open", "yesterday"]


async def test_service_lets_go_of_finished_events_and_their_snapshots(
    client: TestClient, make_event: Callable[..., Event], engine: Engine, tmp_path: Path
) -> None:
    event = make_event()
    insert(client, event.slug, QUESTIONS[:2])
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    (snapshots / "event-999.engine").write_bytes(b"an event long deleted")
    (snapshots / "event-999.engine.partial").write_bytes(b"cut off while written")
    (snapshots / "notes.txt").write_text("not a snapshot")
    path = snapshots / f"event-{event.id}.engine"
    async with adopting(
        engine, tmp_path, snapshot_dir=snapshots, snapshot_interval=0.05
    ) as service:
        assert sorted(p.name for p in snapshots.iterdir()) == ["notes.txt"]
        await until(lambda: path.exists())

        now = utcnow()
        update_event(
            engine,
            event.slug,
            opens_at=now - timedelta(days=5),
            closes_at=now - timedelta(days=2),
        )
        await service.adopt()
        assert service.event_ids == []
        assert not path.exists()
        # Its lock is free again for whoever needs the event next.
        rival = FileLocks(tmp_path)
        assert rival.try_acquire(event.id or 0)
        rival.close()
