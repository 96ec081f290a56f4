"""The citizens' pages: the form without JavaScript, the status page, languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from liveline.clock import utcnow
from liveline.models import SUBMISSIONS, Event


def submissions(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as connection:
        table = SUBMISSIONS
        return [dict(row) for row in connection.execute(sa.select(table)).mappings()]


def form_key(page: str) -> str:
    match = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page)
    assert match, "the form carries an idempotency key"
    return match.group(1)


def test_form_speaks_the_events_language_by_default(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    page = client.get("/e/town-hall")
    assert page.status_code == 200
    assert 'lang="ru"' in page.text
    assert "Ваш вопрос" in page.text
    assert "Вопросы принимаются" in page.text


def test_form_switches_to_english_and_remembers_it(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    page = client.get("/e/town-hall?lang=en")
    assert "Your question" in page.text and 'lang="en"' in page.text
    assert client.get("/e/town-hall").headers["content-language"] == "en"


def test_form_offers_only_the_events_languages(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event(languages=["ru"])
    assert 'lang="ru"' in client.get("/e/town-hall?lang=en").text


def test_every_form_field_has_a_label(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    page = client.get("/e/town-hall").text
    for field in ("text", "municipality", "topic", "name", "email", "phone", "consent"):
        assert f'id="{field}"' in page
        assert f'for="{field}"' in page


def test_form_post_stores_and_redirects_to_the_accepted_status_page(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    key = form_key(client.get("/e/town-hall").text)
    response = client.post(
        "/e/town-hall",
        data={
            "text": "Когда починят школу №5?",
            "municipality": "Мегион",
            "idempotency_key": key,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    [stored] = submissions(engine)
    assert stored["channel"] == "web" and stored["municipality"] == "Мегион"
    page = client.get(response.headers["location"])
    assert "Ваш вопрос принят" in page.text
    assert str(stored["tracking_code"]) in page.text
    assert "<svg" in page.text


def test_double_click_on_the_form_stores_one_submission(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    key = form_key(client.get("/e/town-hall").text)
    data = {"text": "Когда починят школу №5?", "idempotency_key": key}
    first = client.post("/e/town-hall", data=data, follow_redirects=False)
    second = client.post("/e/town-hall", data=data, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    assert len(submissions(engine)) == 1


def test_form_error_keeps_the_text_and_names_the_field(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    response = client.post(
        "/e/town-hall",
        data={"text": "Мой длинный вопрос", "email": "ivan@example.org"},
    )
    assert response.status_code == 422
    assert "Мой длинный вопрос" in response.text
    assert 'id="consent-error"' in response.text
    assert "согласие на обработку персональных данных" in response.text
    assert submissions(engine) == []


def test_form_error_is_shown_in_english_on_the_english_form(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    response = client.post("/e/town-hall?lang=en", data={"text": "  "})
    assert response.status_code == 422
    assert "Please write your question." in response.text


def test_closed_event_form_says_so_and_stores_nothing(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    now = utcnow()
    make_event(opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1))
    assert "Сейчас приём вопросов закрыт" in client.get("/e/town-hall").text
    response = client.post("/e/town-hall", data={"text": "Вопрос"})
    assert response.status_code == 409
    assert submissions(engine) == []


def test_question_text_is_escaped_on_the_status_page(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    response = client.post("/e/town-hall", data={"text": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;" in response.text


def test_unknown_event_and_code_pages_are_404(client: TestClient) -> None:
    assert client.get("/e/nowhere").status_code == 404
    assert client.post("/e/nowhere", data={"text": "?"}).status_code == 404
    page = client.get("/s/AAAA-BBBB-CCCC")
    assert page.status_code == 404 and "AAAA-BBBB-CCCC" in page.text


def test_typed_code_leads_to_the_status_page(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    make_event()
    code = client.post("/api/events/town-hall/submissions", json={"text": "?"}).json()[
        "tracking_code"
    ]
    response = client.get(f"/s?code={code.lower()}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"/s/{code}")
    assert client.get("/s?code=nonsense").status_code == 404


def test_front_page_lists_open_events_only(
    client: TestClient, make_event: Callable[..., Event]
) -> None:
    now = utcnow()
    make_event("open-one", title="Открытая линия")
    make_event(
        "closed-one",
        title="Прошедшая линия",
        opens_at=now - timedelta(days=3),
        closes_at=now - timedelta(days=2),
    )
    page = client.get("/").text
    assert "Открытая линия" in page and "Прошедшая линия" not in page


def test_oversized_form_is_refused_without_storing(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    response = client.post("/e/town-hall", data={"text": "я" * 70_000})
    assert response.status_code == 413
    assert submissions(engine) == []


def test_set_aside_question_does_not_show_an_answer_as_delivered(
    client: TestClient, make_event: Callable[..., Event], engine: Engine
) -> None:
    make_event()
    code = client.post("/api/events/town-hall/submissions", json={"text": "?"}).json()[
        "tracking_code"
    ]
    with engine.begin() as connection:
        table = SUBMISSIONS
        connection.execute(table.update().values(status="screened_out"))
    page = client.get(f"/s/{code}").text
    assert "ответ вы всё равно получите" in page
    assert '<li class="done">Ответ доставлен</li>' not in page
    assert '<li class="done">Получен</li>' in page
