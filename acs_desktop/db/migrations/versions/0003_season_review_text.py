"""The qualitative part of the season review, saved with the season: objectives, highlights,
relays' feedback, next steps and the explanation of gaps from what was planned.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = ("review_objectives", "review_highlights", "review_relay_feedback", "review_next_steps", "review_gaps")


def upgrade() -> None:
    with op.batch_alter_table("season", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("season", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
