"""The booking forms applied, by identifier: the same returned form never books twice.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "imported_form",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("form_key", sa.String(length=40), nullable=False),
        sa.Column("relay_id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_form")),
        sa.UniqueConstraint("form_key", name=op.f("uq_imported_form_form_key")),
    )


def downgrade() -> None:
    op.drop_table("imported_form")
