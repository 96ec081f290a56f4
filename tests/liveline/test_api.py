"""The JSON API: submitting, replaying, refusing clearly, and reading a status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient
from support import count_rows

from liveline.clock import utcnow
from liveline.models import CONTACTS, SUBMISSIONS, Event

QUESTION = {"text": "Когда отремонтируют дорогу на улице Ленина в Сургуте?"}


def count(engine: Engine, table: sa.Table) -> int:
    return count_rows(engine, table)


def post(client: TestClient, slug: str, body: object, **headers: str) -> Any:
    return client.post(f"/api/events/{slug}/submissions", json=body, headers=headers)


def test_submission_is_stored_before_201_and_readable_by_code(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    response = client.post("/api/events/town-hall/submissions", json=QUESTION)
    assert response.status_code == 201
    body = response.json()
    assert count(engine, SUBMISSIONS) == 1
    assert body["status"] == "received"
    assert body["status_url"].endswith(f"/s/{body['tracking_code']}")

    status = client.get(f"/api/submissions/{body['tracking_code']}")
    assert status.status_code == 200
    assert status.json()["text"] == QUESTION["text"]
    assert status.json()["event"]["slug"] == "town-hall"


def test_answer_due_date_follows_the_event_deadline(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event(answer_deadline_days=3)
    body = client.post("/api/events/town-hall/submissions", json=QUESTION).json()
    created = body["created_at"]
    due = body["answer_due_at"]
    from datetime import datetime

    gap = datetime.fromisoformat(due) - datetime.fromisoformat(created)
    assert gap == timedelta(days=3)


def test_status_lookup_forgives_case_and_dashes(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    code = client.post("/api/events/town-hall/submissions", json=QUESTION).json()[
        "tracking_code"
    ]
    typed = code.replace("-", "").lower()
    assert client.get(f"/api/submissions/{typed}").json()["tracking_code"] == code


def test_unknown_code_is_404(client: TestClient) -> None:
    response = client.get("/api/submissions/AAAA-BBBB-CCCC")
    assert response.status_code == 404
    assert response.json()["code"] == "submission_not_found"


def test_contacts_are_stored_apart_and_never_shown(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    payload = {
        **QUESTION,
        "name": "Иван Петров",
        "email": "Ivan@Example.org",
        "phone": "8 (912) 345-67-89",
        "consent": True,
    }
    code = client.post("/api/events/town-hall/submissions", json=payload).json()[
        "tracking_code"
    ]
    with engine.connect() as connection:
        contact = connection.execute(sa.select(CONTACTS)).mappings().one()
    assert contact["phone"] == "+79123456789"
    assert contact["email"] == "Ivan@example.org"
    assert contact["consent_version"] and contact["consent_at"]
    shown = client.get(f"/api/submissions/{code}").text
    assert "Ivan" not in shown and "912" not in shown and "Петров" not in shown


def test_retry_with_same_idempotency_key_returns_first_response(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    first = client.post(
        "/api/events/town-hall/submissions",
        json=QUESTION,
        headers={"Idempotency-Key": "k1"},
    )
    again = client.post(
        "/api/events/town-hall/submissions",
        json=QUESTION,
        headers={"Idempotency-Key": "k1"},
    )
    assert first.status_code == again.status_code == 201
    assert again.json()["tracking_code"] == first.json()["tracking_code"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert count(engine, SUBMISSIONS) == 1


def test_same_idempotency_key_with_other_body_is_refused(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    headers = {"Idempotency-Key": "k2"}
    client.post("/api/events/town-hall/submissions", json=QUESTION, headers=headers)
    other = client.post(
        "/api/events/town-hall/submissions",
        json={"text": "Другой вопрос"},
        headers=headers,
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert count(engine, SUBMISSIONS) == 1


def test_idempotency_keys_are_scoped_to_their_event(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event("first")
    make_event("second")
    headers = {"Idempotency-Key": "shared"}
    client.post("/api/events/first/submissions", json=QUESTION, headers=headers)
    response = client.post(
        "/api/events/second/submissions", json=QUESTION, headers=headers
    )
    assert response.status_code == 201
    assert count(engine, SUBMISSIONS) == 2


def test_overlong_idempotency_key_is_refused(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    response = client.post(
        "/api/events/town-hall/submissions",
        json=QUESTION,
        headers={"Idempotency-Key": "k" * 201},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_invalid"


def assert_refused(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    assert response.headers["content-type"] == "application/problem+json"


def test_invalid_fields_are_refused_with_their_code(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    cases = [
        ({"text": "   "}, "text_required"),
        ({}, "text_required"),
        ({"text": "x" * 4001}, "text_too_long"),
        ({"text": 42}, "field_invalid"),
        ({"text": "?", "email": "not-an-address"}, "email_invalid"),
        ({"text": "?", "phone": "12", "consent": True}, "phone_invalid"),
        ({"text": "?", "email": "a@example.org"}, "consent_required"),
        ({"text": "?", "email": "a@example.org", "consent": "maybe"}, "field_invalid"),
        ({"text": "?", "municipality": "Москва"}, "municipality_unknown"),
        ({"text": "?", "topic": "Космос"}, "topic_unknown"),
        ({"text": "?", "language": "de"}, "language_unknown"),
        ({"text": "?", "colour": "red"}, "field_unknown"),
    ]
    for body, code in cases:
        assert_refused(post(client, "town-hall", body), 422, code)
    assert count(engine, SUBMISSIONS) == 0


def test_unknown_event_is_404(client: TestClient) -> None:
    assert_refused(post(client, "nowhere", QUESTION), 404, "event_not_found")


def test_closed_event_is_409(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    now = utcnow()
    make_event(opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1))
    assert_refused(post(client, "town-hall", QUESTION), 409, "event_closed")


def test_event_not_open_yet_is_409(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event(opens_at=utcnow() + timedelta(hours=1), closes_at=None)
    assert_refused(post(client, "town-hall", QUESTION), 409, "event_closed")


def test_malformed_json_is_400(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    response = client.post(
        "/api/events/town-hall/submissions",
        content=b'{"text": "unfinished',
        headers={"Content-Type": "application/json"},
    )
    assert_refused(response, 400, "malformed_json")
    response = client.post(
        "/api/events/town-hall/submissions",
        content=b"\xff\xfe",
        headers={"Content-Type": "application/json"},
    )
    assert_refused(response, 400, "malformed_json")


def test_json_that_is_not_an_object_is_422(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    assert_refused(post(client, "town-hall", ["a question"]), 422, "not_an_object")


def test_wrong_content_type_is_415(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    response = client.post(
        "/api/events/town-hall/submissions", data={"text": "form-encoded"}
    )
    assert_refused(response, 415, "unsupported_media_type")


def test_body_over_the_cap_is_413_whether_declared_or_streamed(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    big = b'{"text": "' + b"a" * 70_000 + b'"}'
    declared = client.post(
        "/api/events/town-hall/submissions",
        content=big,
        headers={"Content-Type": "application/json"},
    )
    assert_refused(declared, 413, "body_too_large")

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    streamed = client.post(
        "/api/events/town-hall/submissions",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert_refused(streamed, 413, "body_too_large")
    assert count(engine, SUBMISSIONS) == 0


def test_openapi_describes_the_submission_endpoints(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    operation = document["paths"]["/api/events/{slug}/submissions"]["post"]
    assert {"201", "409", "413", "415", "422", "429", "503"} <= set(
        operation["responses"]
    )
    assert "/api/submissions/{code}" in document["paths"]


def test_control_characters_are_dropped_from_the_text(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    body = {"text": "\x07Вопрос\x00 про\tшколу\nNo. 5\x1b"}
    code = client.post("/api/events/town-hall/submissions", json=body).json()[
        "tracking_code"
    ]
    assert (
        client.get(f"/api/submissions/{code}").json()["text"]
        == "Вопрос про\tшколу\nNo. 5"
    )
