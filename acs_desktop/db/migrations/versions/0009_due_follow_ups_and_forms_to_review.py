"""A follow-up line's next step (what, by when, done), and an imported form's lines to look at.

Each line of the conventions' and relays' follow-up logs gets a next step, its due date and a
« fait » mark; each applied booking form the number of its lines refused and put on the waiting
list, the refused lines' texts and a « vu » mark. The forms applied before this revision get their
counts from their summary (« 2 lignes refusées ») and count as seen: the director had their report
on screen when they were imported, and their refused lines' texts were not kept.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-14
"""
import re
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FOLLOW_UP_TABLES = ("follow_up_entry", "relay_follow_up")


def _count(summary: str, words: str) -> int:
    found = re.search(r"(\d+) " + words, summary or "")
    return int(found.group(1)) if found else 0


def upgrade() -> None:
    for table in FOLLOW_UP_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("next_step", sa.Text(), nullable=False, server_default=""))
            batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))
            batch.add_column(sa.Column("done", sa.Boolean(), nullable=False, server_default="0"))
    with op.batch_alter_table("imported_form") as batch:
        batch.add_column(sa.Column("refused", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("waiting", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("refused_lines", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("seen", sa.Boolean(), nullable=False, server_default="0"))
    forms = sa.table(
        "imported_form",
        sa.column("id", sa.Integer),
        sa.column("summary", sa.Text),
        sa.column("refused", sa.Integer),
        sa.column("waiting", sa.Integer),
        sa.column("seen", sa.Boolean),
    )
    connection = op.get_bind()
    for form_id, summary in connection.execute(sa.select(forms.c.id, forms.c.summary)).all():
        connection.execute(
            forms.update()
            .where(forms.c.id == form_id)
            .values(
                refused=_count(summary, "lignes? refusées?"),
                waiting=_count(summary, "en liste d'attente"),
                seen=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("imported_form") as batch:
        batch.drop_column("seen")
        batch.drop_column("refused_lines")
        batch.drop_column("waiting")
        batch.drop_column("refused")
    for table in FOLLOW_UP_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("done")
            batch.drop_column("due_on")
            batch.drop_column("next_step")
