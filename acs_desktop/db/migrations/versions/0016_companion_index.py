"""The companions' places of a season counted from a small partial index (companion only),
instead of reading every invitation of the season (50 ms a season at 300,000 invitations; the
review counts them for each of the last five seasons).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: Union[str, Sequence[str], None] = "0015"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index(
        "ix_invitation_companion",
        "invitation",
        ["performance_id", "status"],
        sqlite_where=sa.text("companion IS 1"),
        postgresql_where=sa.text("companion IS true"),
    )


def downgrade() -> None:
    op.drop_index("ix_invitation_companion", table_name="invitation")
