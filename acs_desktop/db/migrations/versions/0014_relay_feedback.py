"""The relays' feedback after a performance (one per booking: a short text, an optional 1–4 scale,
whether the director quotes it), and companions: an invitation for a family member or a
volunteer going along, counted apart (the invitations already there are not).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: Union[str, Sequence[str], None] = "0013"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("invitation") as batch:
        batch.add_column(sa.Column("companion", sa.Boolean(), nullable=False, server_default="0"))
    op.create_table(
        "relay_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("scale", sa.Integer(), nullable=True),
        sa.Column("quoted", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint(
            "scale IS NULL OR (scale >= 1 AND scale <= 4)", name=op.f("ck_relay_feedback_scale_range")
        ),
        sa.ForeignKeyConstraint(
            ["booking_id"], ["booking.id"], name=op.f("fk_relay_feedback_booking_id_booking"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_feedback")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_relay_feedback_booking_id")),
    )


def downgrade() -> None:
    op.drop_table("relay_feedback")
    with op.batch_alter_table("invitation") as batch:
        batch.drop_column("companion")
