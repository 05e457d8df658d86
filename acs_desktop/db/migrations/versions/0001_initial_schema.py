"""Initial schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Money columns are INTEGER cents (see acs_desktop.models.base.Money); migrations spell the
storage type so that they never depend on application code that may change later.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('activity_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_entry'))
    )
    with op.batch_alter_table('activity_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_entry_at'), ['at'], unique=False)

    op.create_table('association_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=False),
    sa.Column('commune', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('website', sa.String(length=120), nullable=False),
    sa.Column('logo_png', sa.LargeBinary(), nullable=True),
    sa.Column('retention_months', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_association_settings'))
    )
    op.create_table('discipline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discipline')),
    sa.UniqueConstraint('name', name=op.f('uq_discipline_name'))
    )
    op.create_table('non_use_reason',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_non_use_reason')),
    sa.UniqueConstraint('label', name=op.f('uq_non_use_reason_label'))
    )
    op.create_table('partner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=False),
    sa.Column('commune', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner')),
    sa.UniqueConstraint('name', name=op.f('uq_partner_name'))
    )
    op.create_table('relay_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relay_type')),
    sa.UniqueConstraint('name', name=op.f('uq_relay_type_name'))
    )
    op.create_table('season',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=9), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('names_anonymised_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_season')),
    sa.UniqueConstraint('label', name=op.f('uq_season_label'))
    )
    op.create_table('convention',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('draft', 'signed', 'running', 'review', 'closed', name='conventionstate', native_enum=False, length=20), nullable=False),
    sa.Column('places_committed', sa.Integer(), nullable=False),
    sa.Column('solidarity_subscribers', sa.Integer(), nullable=False),
    sa.Column('donations', sa.Integer(), nullable=False),
    sa.Column('place_value', sa.Integer(), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('donations >= 0', name=op.f('ck_convention_donations_positive')),
    sa.CheckConstraint('place_value >= 0', name=op.f('ck_convention_place_value_positive')),
    sa.CheckConstraint('places_committed >= 0', name=op.f('ck_convention_places_committed_positive')),
    sa.CheckConstraint('solidarity_subscribers >= 0', name=op.f('ck_convention_subscribers_positive')),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_convention_partner_id_partner'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['season_id'], ['season.id'], name=op.f('fk_convention_season_id_season'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_convention')),
    sa.UniqueConstraint('partner_id', 'season_id', name=op.f('uq_convention_partner_id_season_id'))
    )
    with op.batch_alter_table('convention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_convention_season_id'), ['season_id'], unique=False)

    op.create_table('partner_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_partner_contact_partner_id_partner'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_contact'))
    )
    with op.batch_alter_table('partner_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_contact_partner_id'), ['partner_id'], unique=False)

    op.create_table('relay',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('relay_type_id', sa.Integer(), nullable=True),
    sa.Column('commune', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['relay_type_id'], ['relay_type.id'], name=op.f('fk_relay_relay_type_id_relay_type'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relay')),
    sa.UniqueConstraint('name', 'commune', name=op.f('uq_relay_name_commune'))
    )
    with op.batch_alter_table('relay', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relay_relay_type_id'), ['relay_type_id'], unique=False)

    op.create_table('venue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=10), nullable=False),
    sa.Column('commune', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partner.id'], name=op.f('fk_venue_partner_id_partner'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue')),
    sa.UniqueConstraint('partner_id', 'name', name=op.f('uq_venue_partner_id_name'))
    )
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_venue_partner_id'), ['partner_id'], unique=False)

    op.create_table('follow_up_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('kind', sa.Enum('meeting', 'decision', 'exchange', 'other', name='followupkind', native_enum=False, length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['convention.id'], name=op.f('fk_follow_up_entry_convention_id_convention'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_entry'))
    )
    with op.batch_alter_table('follow_up_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_entry_convention_id'), ['convention_id'], unique=False)

    op.create_table('referent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('relay_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['relay_id'], ['relay.id'], name=op.f('fk_referent_relay_id_relay'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referent'))
    )
    with op.batch_alter_table('referent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referent_relay_id'), ['relay_id'], unique=False)

    op.create_table('show',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('discipline_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['convention_id'], ['convention.id'], name=op.f('fk_show_convention_id_convention'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['discipline_id'], ['discipline.id'], name=op.f('fk_show_discipline_id_discipline'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_show')),
    sa.UniqueConstraint('convention_id', 'title', name=op.f('uq_show_convention_id_title'))
    )
    with op.batch_alter_table('show', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_show_convention_id'), ['convention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_show_discipline_id'), ['discipline_id'], unique=False)

    op.create_table('surplus_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convention_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('extra_places', 'management', name='allocationkind', native_enum=False, length=20), nullable=False),
    sa.Column('planned_amount', sa.Integer(), nullable=False),
    sa.Column('planned_places', sa.Integer(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('done_amount', sa.Integer(), nullable=True),
    sa.Column('done_places', sa.Integer(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.CheckConstraint('planned_amount >= 0', name=op.f('ck_surplus_allocation_planned_amount_positive')),
    sa.CheckConstraint('planned_places >= 0', name=op.f('ck_surplus_allocation_planned_places_positive')),
    sa.ForeignKeyConstraint(['convention_id'], ['convention.id'], name=op.f('fk_surplus_allocation_convention_id_convention'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surplus_allocation'))
    )
    with op.batch_alter_table('surplus_allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_surplus_allocation_convention_id'), ['convention_id'], unique=False)

    op.create_table('performance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('show_id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('quota', sa.Integer(), nullable=False),
    sa.Column('booking_deadline', sa.DateTime(), nullable=True),
    sa.Column('state', sa.Enum('on_offer', 'cancelled', name='performancestate', native_enum=False, length=20), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_note', sa.String(length=300), nullable=False),
    sa.CheckConstraint('quota >= 0', name=op.f('ck_performance_quota_positive')),
    sa.ForeignKeyConstraint(['show_id'], ['show.id'], name=op.f('fk_performance_show_id_show'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_performance_venue_id_venue'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_performance'))
    )
    with op.batch_alter_table('performance', schema=None) as batch_op:
        batch_op.create_index('ix_performance_show_starts', ['show_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_performance_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_performance_venue_id'), ['venue_id'], unique=False)

    op.create_table('booking',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('performance_id', sa.Integer(), nullable=False),
    sa.Column('relay_id', sa.Integer(), nullable=False),
    sa.Column('referent_id', sa.Integer(), nullable=True),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deadline_override', sa.Boolean(), nullable=False),
    sa.Column('names_on_tickets', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('places_cancelled_by_partner', sa.Integer(), nullable=False),
    sa.Column('warned_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('places > 0', name=op.f('ck_booking_places_positive')),
    sa.ForeignKeyConstraint(['performance_id'], ['performance.id'], name=op.f('fk_booking_performance_id_performance'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['referent_id'], ['referent.id'], name=op.f('fk_booking_referent_id_referent'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['relay_id'], ['relay.id'], name=op.f('fk_booking_relay_id_relay'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking'))
    )
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_performance_id'), ['performance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_referent_id'), ['referent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_booking_relay_id'), ['relay_id'], unique=False)

    op.create_table('waiting_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('performance_id', sa.Integer(), nullable=False),
    sa.Column('relay_id', sa.Integer(), nullable=False),
    sa.Column('places', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('waiting', 'offered', 'accepted', 'passed', 'withdrawn', name='waitingstatus', native_enum=False, length=20), nullable=False),
    sa.Column('offered_at', sa.DateTime(), nullable=True),
    sa.Column('offered_places', sa.Integer(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('places > 0', name=op.f('ck_waiting_entry_places_positive')),
    sa.ForeignKeyConstraint(['performance_id'], ['performance.id'], name=op.f('fk_waiting_entry_performance_id_performance'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['relay_id'], ['relay.id'], name=op.f('fk_waiting_entry_relay_id_relay'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waiting_entry'))
    )
    with op.batch_alter_table('waiting_entry', schema=None) as batch_op:
        batch_op.create_index('ix_waiting_entry_performance_status', ['performance_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_waiting_entry_relay_id'), ['relay_id'], unique=False)

    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('performance_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('status', sa.Enum('booked', 'issued', 'used', 'unused', 'cancelled', name='invitationstatus', native_enum=False, length=20), nullable=False),
    sa.Column('first_name', sa.String(length=40), nullable=True),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('print_count', sa.Integer(), nullable=False),
    sa.Column('attendance_at', sa.DateTime(), nullable=True),
    sa.Column('reason_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_invitation_booking_id_booking'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['performance_id'], ['performance.id'], name=op.f('fk_invitation_performance_id_performance'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reason_id'], ['non_use_reason.id'], name=op.f('fk_invitation_reason_id_non_use_reason'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('code', name=op.f('uq_invitation_code'))
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_booking_id'), ['booking_id'], unique=False)
        batch_op.create_index('ix_invitation_performance_status', ['performance_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_invitation_reason_id'), ['reason_id'], unique=False)
        batch_op.create_index('ix_invitation_status', ['status'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index('ix_invitation_status')
        batch_op.drop_index(batch_op.f('ix_invitation_reason_id'))
        batch_op.drop_index('ix_invitation_performance_status')
        batch_op.drop_index(batch_op.f('ix_invitation_booking_id'))

    op.drop_table('invitation')
    with op.batch_alter_table('waiting_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiting_entry_relay_id'))
        batch_op.drop_index('ix_waiting_entry_performance_status')

    op.drop_table('waiting_entry')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_relay_id'))
        batch_op.drop_index(batch_op.f('ix_booking_referent_id'))
        batch_op.drop_index(batch_op.f('ix_booking_performance_id'))

    op.drop_table('booking')
    with op.batch_alter_table('performance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_performance_venue_id'))
        batch_op.drop_index(batch_op.f('ix_performance_starts_at'))
        batch_op.drop_index('ix_performance_show_starts')

    op.drop_table('performance')
    with op.batch_alter_table('surplus_allocation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_surplus_allocation_convention_id'))

    op.drop_table('surplus_allocation')
    with op.batch_alter_table('show', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_show_discipline_id'))
        batch_op.drop_index(batch_op.f('ix_show_convention_id'))

    op.drop_table('show')
    with op.batch_alter_table('referent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referent_relay_id'))

    op.drop_table('referent')
    with op.batch_alter_table('follow_up_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_entry_convention_id'))

    op.drop_table('follow_up_entry')
    with op.batch_alter_table('venue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_venue_partner_id'))

    op.drop_table('venue')
    with op.batch_alter_table('relay', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relay_relay_type_id'))

    op.drop_table('relay')
    with op.batch_alter_table('partner_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_contact_partner_id'))

    op.drop_table('partner_contact')
    with op.batch_alter_table('convention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_season_id'))
        batch_op.drop_index(batch_op.f('ix_convention_partner_id'))

    op.drop_table('convention')
    op.drop_table('season')
    op.drop_table('relay_type')
    op.drop_table('partner')
    op.drop_table('non_use_reason')
    op.drop_table('discipline')
    op.drop_table('association_settings')
    with op.batch_alter_table('activity_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_entry_at'))

    op.drop_table('activity_entry')
