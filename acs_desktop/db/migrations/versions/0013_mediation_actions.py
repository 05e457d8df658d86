"""The association's mediation actions: dated, of a kind, with the partners and relays that took
part and the number of people reached (counted in the review and listed in the report).

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-05
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: Union[str, Sequence[str], None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KINDS = ("presentation", "meeting", "visit", "artists", "closing")


def upgrade() -> None:
    op.create_table(
        "mediation_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum(*KINDS, name="mediationkind", native_enum=False, length=20), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.CheckConstraint("people >= 0", name=op.f("ck_mediation_action_people_not_negative")),
        sa.ForeignKeyConstraint(
            ["season_id"], ["season.id"], name=op.f("fk_mediation_action_season_id_season"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mediation_action")),
    )
    op.create_index(op.f("ix_mediation_action_season_id"), "mediation_action", ["season_id"], unique=False)
    for other in ("partner", "relay"):
        table = f"mediation_action_{other}"
        op.create_table(
            table,
            sa.Column("action_id", sa.Integer(), nullable=False),
            sa.Column(f"{other}_id", sa.Integer(), nullable=False),
            sa.ForeignKeyConstraint(
                ["action_id"],
                ["mediation_action.id"],
                name=op.f(f"fk_{table}_action_id_mediation_action"),
                ondelete="CASCADE",
            ),
            sa.ForeignKeyConstraint(
                [f"{other}_id"], [f"{other}.id"], name=op.f(f"fk_{table}_{other}_id_{other}"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("action_id", f"{other}_id", name=op.f(f"pk_{table}")),
        )
        op.create_index(op.f(f"ix_{table}_{other}_id"), table, [f"{other}_id"], unique=False)


def downgrade() -> None:
    for other in ("relay", "partner"):
        table = f"mediation_action_{other}"
        op.drop_index(op.f(f"ix_{table}_{other}_id"), table_name=table)
        op.drop_table(table)
    op.drop_index(op.f("ix_mediation_action_season_id"), table_name="mediation_action")
    op.drop_table("mediation_action")
