"""Rate limits: 429 with Retry-After per address and per contact, memory and Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from support import isolated_settings

from liveline.app import create_app
from liveline.models import Event
from liveline.ratelimit import (
    Rate,
    RateLimiter,
    RateLimitError,
    WindowCounter,
    parse_rate,
)

QUESTION = {"text": "Когда откроют детский сад в Нягани?"}


@pytest.fixture(
    params=[
        pytest.param("memory"),
        pytest.param("redis", marks=pytest.mark.redis),
    ]
)
def limited_client(
    request: pytest.FixtureRequest, database_url: str, redis_url: str, tmp_path: Path
) -> Iterator[TestClient]:
    settings = isolated_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        redis_url=redis_url if request.param == "redis" else None,
        rate_limit_per_ip="3/minute",
        rate_limit_per_contact="2/hour",
    )
    app = create_app(settings)
    # Each test is its own client address, so counts kept in Redis by an earlier
    # run never leak into this one.
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.1"
    with TestClient(app, client=(address, 50000)) as client:
        yield client


def test_address_over_its_limit_gets_429_with_retry_after(
    limited_client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    statuses = [
        limited_client.post(
            "/api/events/town-hall/submissions", json=QUESTION
        ).status_code
        for _ in range(4)
    ]
    assert statuses == [201, 201, 201, 429]
    refused = limited_client.post("/api/events/town-hall/submissions", json=QUESTION)
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 61


def test_contact_over_its_limit_gets_429_even_from_new_addresses(
    limited_client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    email = f"{uuid.uuid4().hex}@example.org"
    body = {**QUESTION, "email": email, "consent": True}
    first = limited_client.post("/api/events/town-hall/submissions", json=body)
    second = limited_client.post("/api/events/town-hall/submissions", json=body)
    third = limited_client.post("/api/events/town-hall/submissions", json=body)
    assert (first.status_code, second.status_code, third.status_code) == (201, 201, 429)
    # The hourly window of the contact, not the address's minute, is what ran out.
    assert "contact" in third.json()["detail"]
    assert 1 <= int(third.headers["Retry-After"]) <= 3600


def test_form_over_the_limit_says_when_to_try_again(
    limited_client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    for _ in range(3):
        limited_client.post("/e/town-hall", data={"text": "Вопрос"})
    page = limited_client.post("/e/town-hall", data={"text": "Вопрос"})
    assert page.status_code == 429
    assert "Попробуйте снова через" in page.text and "Вопрос" in page.text
    assert page.headers["Retry-After"]


def test_rates_are_read_from_plain_words() -> None:
    assert parse_rate("30/minute") == Rate(30, 60)
    assert parse_rate(" 2 / hours ") == Rate(2, 3600)
    for text in ("thirty a minute", "0/minute", "5/fortnight"):
        with pytest.raises(RateLimitError, match="30/minute"):
            parse_rate(text)


def test_window_slides_instead_of_resetting_at_its_edge() -> None:
    counter = WindowCounter(Rate(10, 60))
    assert all(counter.hit("a", 59.0) is None for _ in range(10))
    # Just after the edge almost all of the previous window still counts.
    assert [counter.hit("a", 61.0) is None for _ in range(2)] == [True, False]
    # Half-way through the next window, half of the previous one counts.
    assert [counter.hit("a", 90.0) is None for _ in range(5)] == [True] * 4 + [False]


def test_old_windows_are_forgotten() -> None:
    counter = WindowCounter(Rate(1, 60))
    counter.hit("a", 0.0)
    counter.forget_before(200.0)
    assert counter.local == {}


@pytest.mark.redis
async def test_processes_share_counts_through_redis(redis_url: str) -> None:
    key = uuid.uuid4().hex
    first = RateLimiter("3/minute", "3/minute", redis_url)
    second = RateLimiter("3/minute", "3/minute", redis_url)
    try:
        for _ in range(3):
            assert first.check_ip(key) is None
        await first.flush()
        assert second.check_ip(key) is None, "not known to it yet"
        await second.flush()
        assert second.check_ip(key) is not None
    finally:
        await first.close()
        await second.close()


async def test_unreachable_redis_leaves_each_process_counting() -> None:
    limiter = RateLimiter("1/minute", "1/minute", "redis://127.0.0.1:1/0")
    try:
        assert limiter.check_ip("10.0.0.1") is None
        await limiter.flush()
        assert limiter.check_ip("10.0.0.1") is not None
    finally:
        await limiter.close()


def test_one_phone_written_two_ways_is_one_contact(
    limited_client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    # A number of its own, so that counts an earlier run left in Redis stay apart.
    digits = f"{uuid.uuid4().int % 10**7:07d}"
    form = {"text": "Вопрос", "phone": f"8 (912) {digits}", "consent": "on"}
    api = {"text": "Вопрос", "phone": f"+7 912 {digits}", "consent": True}
    assert limited_client.post("/e/town-hall", data=form).status_code == 200
    assert (
        limited_client.post("/api/events/town-hall/submissions", json=api).status_code
        == 201
    )
    refused = limited_client.post("/e/town-hall", data=form)
    assert refused.status_code == 429 and "Retry-After" in refused.headers


@pytest.mark.redis
async def test_hits_during_a_flush_still_count(redis_url: str) -> None:
    limiter = RateLimiter("2/minute", "2/minute", redis_url)
    key = uuid.uuid4().hex
    try:
        assert limiter.check_ip(key) is None
        flushing = asyncio.ensure_future(limiter.flush())
        await asyncio.sleep(0)  # the flush has taken its snapshot
        assert limiter.check_ip(key) is None
        await flushing
        assert limiter.check_ip(key) is not None
    finally:
        await limiter.close()


async def test_counts_survive_a_failed_flush() -> None:
    limiter = RateLimiter("5/minute", "5/minute", "redis://127.0.0.1:1/0")
    try:
        limiter.check_ip("10.0.0.9")
        await limiter.flush()
        assert limiter._counters["ip"].unsent, "kept to send once Redis answers"
    finally:
        await limiter.close()


def test_wait_ends_when_the_sliding_window_lets_the_next_request_through() -> None:
    counter = WindowCounter(Rate(2, 3600))
    counter.hit("a", 7000.0)
    counter.hit("a", 7100.0)
    wait = counter.hit("a", 7175.0)
    assert wait == 26.0, "the edge itself still counts the full window"
    assert counter.hit("a", 7175.0 + wait - 1) is not None
    assert counter.hit("a", 7175.0 + wait) is None


def test_wait_within_a_window_follows_the_previous_windows_weight() -> None:
    counter = WindowCounter(Rate(10, 60))
    for _ in range(10):
        counter.hit("a", 50.0)
    assert counter.hit("a", 61.0) is None  # the previous ten weigh 9.83
    wait = counter.hit("a", 61.0)
    assert wait == 6.0, "at 67 s the previous ten weigh 8.83, and one more fits"
    assert counter.hit("a", 61.0 + wait - 1) is not None
    assert counter.hit("a", 61.0 + wait) is None
