"""Small counts protected: the threshold under which a count about people reads « moins de N »
in what leaves the office (the funders' report, its XLSX and CSV). 0 or 1: no protection.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: Union[str, Sequence[str], None] = "0014"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("association_settings") as batch:
        batch.add_column(sa.Column("small_count_threshold", sa.Integer(), nullable=False, server_default="5"))


def downgrade() -> None:
    with op.batch_alter_table("association_settings") as batch:
        batch.drop_column("small_count_threshold")
