"""clustering

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import liveline.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("representative", sa.Text(), nullable=False),
        sa.Column("representative_id", sa.Integer(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=True),
        sa.Column("video_count", sa.Integer(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column(
            "first_seen_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "last_seen_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("heat", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at", liveline.models.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "key"),
    )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_clusters_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_clusters_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "clustered_at",
                liveline.models.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("clustered_seq", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("cluster_key", sa.String(length=32), nullable=True)
        )
        batch_op.add_column(sa.Column("screening", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("screening_reason", sa.String(length=300), nullable=True)
        )
        batch_op.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_submissions_clustered_at"), ["clustered_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_submissions_clustered_seq"), ["clustered_seq"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_clustered_seq"))
        batch_op.drop_index(batch_op.f("ix_submissions_clustered_at"))
        batch_op.drop_column("duplicate_of")
        batch_op.drop_column("screening_reason")
        batch_op.drop_column("screening")
        batch_op.drop_column("cluster_key")
        batch_op.drop_column("clustered_seq")
        batch_op.drop_column("clustered_at")

    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clusters_updated_at"))
        batch_op.drop_index(batch_op.f("ix_clusters_event_id"))

    op.drop_table("clusters")
