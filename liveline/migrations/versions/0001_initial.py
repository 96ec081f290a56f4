"""events, submissions, contacts, idempotency

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import liveline.models

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column(
            "opens_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "closes_at", liveline.models.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "broadcast_starts_at",
            liveline.models.UTCDateTime(timezone=True),
            nullable=True,
        ),
        sa.Column(
            "broadcast_ends_at",
            liveline.models.UTCDateTime(timezone=True),
            nullable=True,
        ),
        sa.Column("answer_deadline_days", sa.Integer(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("accepts_video", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_slug"), ["slug"], unique=True)

    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("tracking_code", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=True),
        sa.Column("topic", sa.String(length=100), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "status_changed_at",
            liveline.models.UTCDateTime(timezone=True),
            nullable=False,
        ),
        sa.Column(
            "answer_due_at", liveline.models.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submissions_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_submissions_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_submissions_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_submissions_tracking_code"), ["tracking_code"], unique=True
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column(
            "consent_version",
            sa.String(length=32),
            nullable=True,
        ),
        sa.Column(
            "consent_at", liveline.models.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("submission_id"),
    )
    op.create_table(
        "idempotency_records",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
        ),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_records")
    op.drop_table("contacts")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_tracking_code"))
        batch_op.drop_index(batch_op.f("ix_submissions_status"))
        batch_op.drop_index(batch_op.f("ix_submissions_event_id"))
        batch_op.drop_index(batch_op.f("ix_submissions_created_at"))

    op.drop_table("submissions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_slug"))

    op.drop_table("events")
