"""Columns of the lists beside the bookings: a booking's invitations, the waiting list, the
performances whose attendance is still to record, and the relays to warn."""

from acs_desktop.domain.states import WaitingStatus
from acs_desktop.domain.ticket_codes import display
from acs_desktop.ui.widgets.formats import format_date, format_datetime, format_int, format_time
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


class InvitationsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Code", lambda r: display(r.code), sort=lambda r: r.code),
        Column("État", lambda r: r.status.label),
        Column("Prénom", lambda r: r.first_name or ""),
        Column("Pour", lambda r: "accompagnateur" if r.companion else "personne suivie"),
        Column(
            "Impressions",
            lambda r: format_int(r.print_count) if r.print_count else "",
            sort=lambda r: r.print_count,
            numeric=True,
        ),
        Column("Motif", lambda r: r.reason),
        Column("Commentaire", lambda r: r.comment, stretch=True),
    )


class WaitingTableModel(RowsTableModel):
    COLUMNS = (
        Column(
            "Représentation",
            lambda r: f"{format_date(r.starts_at)} {format_time(r.starts_at)} — {r.show_title}",
            sort=lambda r: r.starts_at,
            stretch=True,
        ),
        Column("Relais", lambda r: r.relay_name, stretch=True),
        Column("Places", lambda r: format_int(r.places), sort=lambda r: r.places, numeric=True),
        Column(
            "Proposées",
            lambda r: format_int(r.offered_places) if r.status is WaitingStatus.OFFERED else "",
            sort=lambda r: r.offered_places,
            numeric=True,
        ),
        Column("Depuis le", lambda r: format_datetime(r.created_at), sort=lambda r: r.created_at),
    )


class PendingSheetsTableModel(RowsTableModel):
    ID_FIELD = "performance_id"
    COLUMNS = (
        Column(
            "Représentation",
            lambda r: f"{format_date(r.starts_at)} {format_time(r.starts_at)} — {r.show_title}",
            sort=lambda r: r.starts_at,
            stretch=True,
        ),
        Column("À relever", lambda r: format_int(r.pending), sort=lambda r: r.pending, numeric=True),
    )


class WarningsTableModel(RowsTableModel):
    ID_FIELD = "booking_id"
    COLUMNS = (
        Column(
            "Représentation annulée",
            lambda r: f"{format_date(r.starts_at)} {format_time(r.starts_at)} — {r.show_title}",
            sort=lambda r: r.starts_at,
            stretch=True,
        ),
        Column("Relais", lambda r: r.relay_name, stretch=True),
        Column("Places", lambda r: format_int(r.places), sort=lambda r: r.places, numeric=True),
    )


class UnprintedTableModel(RowsTableModel):
    """Bookings whose tickets are not printed: urgent (the performance is near), in good time, or
    never printed for a performance now past."""

    ID_FIELD = "booking_id"
    COLUMNS = (
        Column(
            "Représentation",
            lambda r: f"{format_date(r.starts_at)} {format_time(r.starts_at)} — {r.show_title}",
            sort=lambda r: r.starts_at,
            stretch=True,
        ),
        Column("Relais", lambda r: r.relay_name, stretch=True),
        Column("Places", lambda r: format_int(r.places), sort=lambda r: r.places, numeric=True),
        Column("État", lambda r: r.urgency.label),
    )
