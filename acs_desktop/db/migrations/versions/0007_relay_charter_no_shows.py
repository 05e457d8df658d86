"""The relays' charter, the places unused without notice, the relays' follow-up log.

The settings hold the charter (text, version) and the threshold of places unused without notice;
each relay the charter version it signed and when; each reason for non-use whether a place
unused for it was lost without notice (set by label for the default list); a relay's follow-up
log, like the conventions'.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The default reasons whose places were lost without notice (a phone call would have freed them).
WITHOUT_NOTICE = (
    "Oubli ou erreur de date",
    "Motif inconnu",
    "Appréhension (« ce n'est pas pour moi »)",
    "Arrivée en retard",
    "Billet perdu",
)


def upgrade() -> None:
    with op.batch_alter_table("association_settings") as batch:
        batch.add_column(sa.Column("charter_text", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("charter_version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("no_show_threshold", sa.Integer(), nullable=False, server_default="3"))
    with op.batch_alter_table("relay") as batch:
        batch.add_column(sa.Column("charter_version", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("charter_signed_on", sa.Date(), nullable=True))
    with op.batch_alter_table("non_use_reason") as batch:
        batch.add_column(sa.Column("without_notice", sa.Boolean(), nullable=False, server_default="0"))
    reasons = sa.table("non_use_reason", sa.column("label", sa.String), sa.column("without_notice", sa.Boolean))
    op.execute(reasons.update().where(reasons.c.label.in_(WITHOUT_NOTICE)).values(without_notice=True))
    op.create_table(
        "relay_follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("relay_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("kind", sa.Enum("meeting", "decision", "exchange", "other", name="followupkind", native_enum=False, length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["relay_id"], ["relay.id"], name=op.f("fk_relay_follow_up_relay_id_relay"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relay_follow_up")),
    )
    op.create_index(op.f("ix_relay_follow_up_relay_id"), "relay_follow_up", ["relay_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_relay_follow_up_relay_id"), table_name="relay_follow_up")
    op.drop_table("relay_follow_up")
    with op.batch_alter_table("non_use_reason") as batch:
        batch.drop_column("without_notice")
    with op.batch_alter_table("relay") as batch:
        batch.drop_column("charter_signed_on")
        batch.drop_column("charter_version")
    with op.batch_alter_table("association_settings") as batch:
        batch.drop_column("no_show_threshold")
        batch.drop_column("charter_version")
        batch.drop_column("charter_text")
