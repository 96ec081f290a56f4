"""Finding a submission by its tracking code, for its sender's status page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline.models import EVENTS, SUBMISSIONS
from liveline.tracking import parse_code


@dataclass(frozen=True)
class StatusView:
    """What a sender may see of their own submission: never anyone's contacts."""

    tracking_code: str
    status: str
    text: str
    municipality: str | None
    topic: str | None
    created_at: datetime
    status_changed_at: datetime
    answer_due_at: datetime | None
    event_slug: str
    event_title: str
    event_timezone: str
    event_languages: list[str]


def find_standing(engine: Engine, typed_code: str) -> StatusView | None:
    """The submission with the code a person typed, or None when there is none."""
    code = parse_code(typed_code)
    if code is None:
        return None
    query = (
        sa.select(
            SUBMISSIONS.c.tracking_code,
            SUBMISSIONS.c.status,
            SUBMISSIONS.c.text,
            SUBMISSIONS.c.municipality,
            SUBMISSIONS.c.topic,
            SUBMISSIONS.c.created_at,
            SUBMISSIONS.c.status_changed_at,
            SUBMISSIONS.c.answer_due_at,
            EVENTS.c.slug.label("event_slug"),
            EVENTS.c.title.label("event_title"),
            EVENTS.c.timezone.label("event_timezone"),
            EVENTS.c.languages.label("event_languages"),
        )
        .join(EVENTS, EVENTS.c.id == SUBMISSIONS.c.event_id)
        .where(SUBMISSIONS.c.tracking_code == code)
    )
    with engine.connect() as connection:
        row = connection.execute(query).mappings().first()
    return StatusView(**row) if row else None
