"""Covering indexes on the invitations, for lists and the review at 300,000 invitations.

The counts per performance, per booking and per relay of a season read these indexes alone
(never the table): (performance_id, status, booking_id) replaces (performance_id, status), and
(booking_id, status) replaces (booking_id). The planner's statistics are refreshed (ANALYZE).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.drop_index("ix_invitation_performance_status", table_name="invitation")
    op.drop_index("ix_invitation_booking_id", table_name="invitation")
    op.create_index("ix_invitation_performance_status_booking", "invitation", ["performance_id", "status", "booking_id"])
    op.create_index("ix_invitation_booking_status", "invitation", ["booking_id", "status"])
    op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_invitation_booking_status", table_name="invitation")
    op.drop_index("ix_invitation_performance_status_booking", table_name="invitation")
    op.create_index("ix_invitation_booking_id", "invitation", ["booking_id"])
    op.create_index("ix_invitation_performance_status", "invitation", ["performance_id", "status"])
