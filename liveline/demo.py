"""The demo event: a governor's direct line in Yugra, open for questions.

Its municipalities and topics come from the "Open Region – Yugra" portal, whose
2017 direct line received 791 questions, 702 of them through the web. A few
questions are stored through the ordinary intake so that a newcomer has status
pages to open straight away.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline import db
from liveline.clock import utcnow
from liveline.events import create_event, find_event, update_event
from liveline.intake import read_draft
from liveline.models import SUBMISSIONS, Event
from liveline.settings import Settings
from liveline.writer import SubmissionWriter

SLUG = "demo"

MUNICIPALITIES = [
    "Ханты-Мансийск",
    "Сургут",
    "Нижневартовск",
    "Нефтеюганск",
    "Нягань",
    "Мегион",
    "Когалым",
    "Радужный",
    "Лангепас",
    "Урай",
    "Пыть-Ях",
    "Покачи",
    "Югорск",
    "Белоярский район",
    "Берёзовский район",
    "Кондинский район",
    "Октябрьский район",
    "Советский район",
    "Сургутский район",
    "Нижневартовский район",
    "Нефтеюганский район",
    "Ханты-Мансийский район",
]

TOPICS = [
    "Здравоохранение",
    "Образование",
    "ЖКХ",
    "Транспорт и дороги",
    "Социальная защита",
    "Экология",
    "Экономика и работа",
    "Культура и спорт",
    "Другое",
]

# (text, municipality, topic): a few concerns asked several times over, the
# way a real direct line hears them, so that the clusters have something to show.
QUESTIONS = [
    (
        "Когда отремонтируют дорогу на улице Ленина в Сургуте? Ямы по колено.",
        "Сургут",
        "Транспорт и дороги",
    ),
    (
        "Здравствуйте! Улица Ленина в Сургуте вся в ямах, когда будет ремонт?",
        "Сургут",
        "Транспорт и дороги",
    ),
    ("КОГДА ПОЧИНЯТ ДОРОГУ НА ЛЕНИНА В СУРГУТЕ", "Сургут", None),
    (
        "Когда отремонтируют дорогу на улице Ленина в Нягани?",
        "Нягань",
        "Транспорт и дороги",
    ),
    (
        "В поликлинике №2 Нижневартовска запись к педиатру только через месяц. "
        "Что будет сделано?",
        "Нижневартовск",
        "Здравоохранение",
    ),
    (
        "Детский врач в Нижневартовске: талонов нет на две недели вперёд, "
        "ребёнок болеет. Когда наберут педиатров?",
        "Нижневартовск",
        "Здравоохранение",
    ),
    (
        "Наш дом на ул. Мира, 12 признан аварийным в 2015 году. Когда нас расселят?",
        "Нягань",
        "ЖКХ",
    ),
    (
        "Будет ли индексация выплат многодетным семьям в 2027 году?",
        "Мегион",
        "Социальная защита",
    ),
    (
        "Уважаемая Наталья Владимировна! Я мама троих детей из Урая. Будут ли "
        "увеличены пособия многодетным в следующем году?",
        "Урай",
        "Социальная защита",
    ),
    ("Проиндексируют ли выплаты многодетным в 2027?", "Когалым", None),
    (
        "Почему в школе №5 Мегиона до сих пор учатся во вторую смену?",
        "Мегион",
        "Образование",
    ),
    ("Когда в школе №6 Мегиона отменят вторую смену?", "Мегион", "Образование"),
    (
        "Почему тарифы на отопление выросли на 15%? Пенсии столько не прибавили.",
        "Ханты-Мансийск",
        "ЖКХ",
    ),
    (
        "When will the ferry crossing to Khanty-Mansiysk open after the ice melts?",
        "Ханты-Мансийский район",
        "Транспорт и дороги",
    ),
    (
        "Купите недорого биткоин, пишите в телеграм!!! http://example.com/coin",
        None,
        None,
    ),
    ("Спасибо за вашу работу!", None, None),
]


def install_demo(settings: Settings) -> list[str]:
    """Create (or reopen) the demo event and return tracking codes of its questions."""
    engine = db.create_engine(settings.resolved_database_url())
    now = utcnow()
    fields = {
        "title": "Прямая линия с губернатором Югры",
        "kind": "direct_line",
        "languages": ["ru", "en"],
        "timezone": "Asia/Yekaterinburg",
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=30),
        "broadcast_starts_at": now + timedelta(days=1),
        "broadcast_ends_at": now + timedelta(days=1, hours=3),
        "answer_deadline_days": 10,
        "municipalities": MUNICIPALITIES,
        "topics": TOPICS,
        "accepts_video": True,
    }
    existing = find_event(engine, SLUG)
    if existing is None:
        event = create_event(engine, SLUG, **fields)
        codes = asyncio.run(_seed(engine, event, settings))
    else:
        event = update_event(engine, SLUG, **fields)
        codes = _existing_codes(engine, event.id or 0)
    engine.dispose()
    return codes


async def _seed(engine: Engine, event: Event, settings: Settings) -> list[str]:
    codes = []
    with SubmissionWriter(engine) as writer:
        for text, municipality, topic in QUESTIONS:
            given = {"text": text, "municipality": municipality, "topic": topic}
            data = {key: value for key, value in given.items() if value}
            draft = read_draft(data, event, max_text_chars=settings.max_text_chars)
            receipt = await writer.submit(draft, channel="web", deadline_days=10)
            codes.append(receipt.tracking_code)
    return codes


def _existing_codes(engine: Engine, event_id: int) -> list[str]:
    table = SUBMISSIONS
    query = (
        sa.select(table.c.tracking_code)
        .where(table.c.event_id == event_id)
        .order_by(table.c.id)
        .limit(len(QUESTIONS))
    )
    with engine.connect() as connection:
        return list(connection.execute(query).scalars())


def pages_to_open(codes: list[str]) -> list[tuple[str, str]]:
    """Labels and paths of the pages a newcomer should open."""
    pages = [
        ("Submission form (Russian)", f"/e/{SLUG}"),
        ("Submission form (English)", f"/e/{SLUG}?lang=en"),
        ("API description (OpenAPI)", "/openapi.json"),
        ("Health check", "/healthz"),
    ]
    if codes:
        pages.append(("Status page of a demo question", f"/s/{codes[0]}"))
        pages.append(("Same, through the JSON API", f"/api/submissions/{codes[0]}"))
    return pages


def commands_to_try() -> list[tuple[str, str]]:
    """Labels and commands that show what the clusterer made of the questions."""
    return [("Clusters, largest first", f"liveline clusters {SLUG}")]
