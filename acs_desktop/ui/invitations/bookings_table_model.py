"""Columns of the bookings list: the season's (Invitations tab, fetched by pages) and a relay's."""

from acs_desktop.domain.print_urgency import PrintUrgency
from acs_desktop.ui.widgets.formats import format_date, format_datetime, format_int, format_time
from acs_desktop.ui.widgets.lazy_table_model import LazyRowsTableModel
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


def to_print_text(row) -> str:
    """« 2 », « 2 — urgent », « 2 — jamais éditées »."""
    if not row.booked:
        return ""
    if row.print_urgency is None or row.print_urgency is PrintUrgency.LATER:
        return format_int(row.booked)
    return f"{format_int(row.booked)} — {row.print_urgency.label}"


def places_text(row) -> str:
    """« 3 », « 3 (dont 1 accomp.) »: the companions' places among those held."""
    text = format_int(row.active_places)
    return f"{text} (dont {format_int(row.companions)} accomp.)" if row.companions else text


class BookingsTableModel(RowsTableModel):
    COLUMNS = (
        Column(
            "N°",
            lambda r: str(r.id),
            sort=lambda r: r.id,
            numeric=True,
            tip="Numéro de la réservation (sur les bordereaux et les marges des billets)",
        ),
        Column("Date", lambda r: format_date(r.starts_at), sort=lambda r: r.starts_at),
        Column("Heure", lambda r: format_time(r.starts_at), sort=lambda r: r.starts_at.time()),
        Column("Spectacle", lambda r: r.show_title, stretch=True),
        Column("Relais", lambda r: r.relay_name, stretch=True),
        Column(
            "Places",
            lambda r: places_text(r),
            sort=lambda r: r.active_places,
            numeric=True,
            tip="Places encore tenues par la réservation (dont les accompagnateurs : un proche, un bénévole)",
        ),
        Column(
            "À éditer",
            lambda r: to_print_text(r),
            sort=lambda r: r.booked,
            numeric=True,
            tip="Places dont le billet n'est pas encore édité ; « urgent » : la représentation est dans moins de jours que le réglage "
            "« Billets urgents » ; « jamais éditées » : la représentation est passée",
        ),
        Column("Éditées", lambda r: format_int(r.issued) if r.issued else "", sort=lambda r: r.issued, numeric=True),
        Column("Utilisées", lambda r: format_int(r.used) if r.used else "", sort=lambda r: r.used, numeric=True),
        Column(
            "Non utilisées", lambda r: format_int(r.unused) if r.unused else "", sort=lambda r: r.unused, numeric=True
        ),
        Column(
            "Annulées",
            lambda r: format_int(r.cancelled) if r.cancelled else "",
            sort=lambda r: r.cancelled,
            numeric=True,
        ),
        Column("Réservée le", lambda r: format_datetime(r.created_at), sort=lambda r: r.created_at),
    )

    def is_muted(self, row) -> bool:
        return row.active_places == 0


class SeasonBookingsTableModel(LazyRowsTableModel):
    """The season's bookings (126,000 at a network's 3,000,000 invitations): listed by pages,
    sorted and searched by the service (`BookingListService.booking_page`)."""

    COLUMNS = BookingsTableModel.COLUMNS
    SORT_KEYS = (  # one per column of COLUMNS
        "number",
        "date",
        "time",
        "show",
        "relay",
        "places",
        "booked",
        "issued",
        "used",
        "unused",
        "cancelled",
        "created",
    )

    def is_muted(self, row) -> bool:
        return row.active_places == 0


class SeasonBookings:
    """The source of `SeasonBookingsTableModel`: one season's bookings, from the services."""

    def __init__(self, booking_lists, season_id: int):
        self._lists = booking_lists
        self._season_id = season_id

    def page(self, text: str, order: str | None, descending: bool, after, limit: int | None, through, counted):
        return self._lists.booking_page(
            self._season_id,
            text=text,
            order=order,
            descending=descending,
            after=after,
            limit=limit,
            through=through,
            counted=counted,
        )

    def rows(self, ids: list[int]) -> list:
        return self._lists.bookings_by_id(ids)
