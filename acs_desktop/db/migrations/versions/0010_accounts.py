"""People at the desk: accounts with a role, who did what in the activity log, the idle lock.

A store keeps no account until the director creates the first one; until then nothing changes
(no login, everything allowed). The activity log's lines written before have no author. The
window locks after `lock_minutes` without a key or a click (0: never), 10 by default.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-20
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("name", name=op.f("uq_account_name")),
    )
    with op.batch_alter_table("activity_entry") as batch:
        batch.add_column(sa.Column("who", sa.String(length=80), nullable=True))
    with op.batch_alter_table("association_settings") as batch:
        batch.add_column(sa.Column("lock_minutes", sa.Integer(), nullable=False, server_default="10"))


def downgrade() -> None:
    with op.batch_alter_table("association_settings") as batch:
        batch.drop_column("lock_minutes")
    with op.batch_alter_table("activity_entry") as batch:
        batch.drop_column("who")
    op.drop_table("account")
