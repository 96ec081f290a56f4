"""The tables Liveline keeps: events, submissions, contacts and idempotency records.

Contacts (names, e-mails, phones) live in their own table, apart from the text of
the question, so that moderators, exports and logs can work on questions without
touching personal data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Column, Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back as an aware UTC datetime.

    SQLite keeps no time zone, PostgreSQL does; this makes both behave alike.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Any
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(
        self, value: datetime | None, dialect: Any
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_column(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def json_column() -> Any:
    return Field(default_factory=list, sa_column=Column(sa.JSON, nullable=False))


class Event(SQLModel, table=True):
    """A direct line, town hall, press conference or long-running proposals book."""

    __tablename__ = "events"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True, index=True)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=32)
    languages: list[str] = json_column()
    timezone: str = Field(default="Europe/Moscow", max_length=64)
    opens_at: datetime = utc_column()
    closes_at: datetime | None = utc_column(nullable=True)
    broadcast_starts_at: datetime | None = utc_column(nullable=True)
    broadcast_ends_at: datetime | None = utc_column(nullable=True)
    answer_deadline_days: int = 10
    municipalities: list[str] = json_column()
    topics: list[str] = json_column()
    accepts_video: bool = False
    created_at: datetime = utc_column()
    updated_at: datetime = utc_column()

    @property
    def language(self) -> str:
        """The event's own language: the first of its languages."""
        return self.languages[0] if self.languages else "ru"

    def is_open(self, now: datetime) -> bool:
        """True while the intake window is open at ``now``."""
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)


class Submission(SQLModel, table=True):
    """One question or video appeal from one sender, with where it stands."""

    __tablename__ = "submissions"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    tracking_code: str = Field(max_length=16, unique=True, index=True)
    text: str = Field(sa_column=Column(sa.Text, nullable=False))
    municipality: str | None = Field(default=None, max_length=100)
    topic: str | None = Field(default=None, max_length=100)
    language: str = Field(max_length=8)
    channel: str = Field(max_length=8)
    status: str = Field(max_length=16, index=True)
    created_at: datetime = utc_column(index=True)
    status_changed_at: datetime = utc_column()
    answer_due_at: datetime | None = utc_column(nullable=True)
    # What the clusterer decided; unset until it has seen the submission.
    clustered_at: datetime | None = utc_column(nullable=True, index=True)
    # The order in which the clusterer saw submissions; replaying them in this
    # order rebuilds exactly the clusters moderators were looking at.
    clustered_seq: int | None = Field(default=None, index=True)
    cluster_key: str | None = Field(default=None, max_length=32)
    screening: str | None = Field(default=None, max_length=16)
    screening_reason: str | None = Field(default=None, max_length=300)
    duplicate_of: int | None = Field(default=None)


class Contact(SQLModel, table=True):
    """The sender's name and contacts, and their consent to processing them."""

    __tablename__ = "contacts"

    id: int | None = Field(default=None, primary_key=True)
    submission_id: int = Field(foreign_key="submissions.id", unique=True)
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    consent_version: str | None = Field(default=None, max_length=32)
    consent_at: datetime | None = utc_column(nullable=True)


class IdempotencyRecord(SQLModel, table=True):
    """The first answer given to an ``Idempotency-Key``, to give again on retries."""

    __tablename__ = "idempotency_records"

    key: str = Field(primary_key=True, max_length=300)
    request_hash: str = Field(max_length=64)
    submission_id: int = Field(foreign_key="submissions.id")
    created_at: datetime = utc_column()


class Cluster(SQLModel, table=True):
    """One answerable question and everyone who asked it, as moderators see it.

    The clusterer of the event is its only writer; ``version`` grows with every
    change so that a moderator's command made on an older view can be refused.
    """

    __tablename__ = "clusters"
    __table_args__ = (sa.UniqueConstraint("event_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    key: str = Field(max_length=32)
    representative: str = Field(sa_column=Column(sa.Text, nullable=False))
    representative_id: int | None = None
    size: int = 0
    topic: str | None = Field(default=None, max_length=100)
    video_count: int = 0
    municipalities: dict[str, int] = Field(
        default_factory=dict, sa_column=Column(sa.JSON, nullable=False)
    )
    first_seen_at: datetime = utc_column()
    last_seen_at: datetime = utc_column()
    heat: float = 0.0
    version: int = 0
    updated_at: datetime = utc_column(index=True)


class MergeSuggestion(SQLModel, table=True):
    """Two clusters that probably hold the same question, offered to moderators.

    The clusterer replaces an event's suggestions as it finds better ones; it
    never merges on its own, so nothing changes under a moderator's eyes.
    """

    __tablename__ = "merge_suggestions"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="events.id", index=True)
    first_key: str = Field(max_length=32)
    second_key: str = Field(max_length=32)
    score: float
    reason: str = Field(max_length=300)
    created_at: datetime = utc_column()


def _table(model: type[SQLModel]) -> sa.Table:
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    return table


# The tables themselves, for queries written with SQLAlchemy Core.
EVENTS = _table(Event)
SUBMISSIONS = _table(Submission)
CONTACTS = _table(Contact)
IDEMPOTENCY_RECORDS = _table(IdempotencyRecord)
CLUSTERS = _table(Cluster)
MERGE_SUGGESTIONS = _table(MergeSuggestion)
