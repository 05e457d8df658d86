"""A version number on every record a dialog edits and saves.

Several desks may share one store: a dialog keeps the version of the record it read, every UPDATE
says `WHERE id = ? AND version = ?` and raises the number, so a desk saving over what another
desk saved meanwhile is told so instead of overwriting it. The records already there start at 1.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

VERSIONED_TABLES = (
    "association_settings",
    "partner",
    "partner_contact",
    "venue",
    "convention",
    "surplus_allocation",
    "follow_up_entry",
    "show",
    "performance",
    "relay",
    "referent",
    "relay_follow_up",
    "non_use_reason",
)


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
