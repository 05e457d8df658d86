"""Columns of the performances list (Offres)."""

from acs_desktop.domain.states import PerformanceState
from acs_desktop.ui.widgets.formats import format_date, format_int, format_time
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


class OffersTableModel(RowsTableModel):
    COLUMNS = (
        Column(
            "N°",
            lambda r: str(r.id),
            sort=lambda r: r.id,
            numeric=True,
            tip="Numéro de la représentation (pour la ligne de commande)",
        ),
        Column("Date", lambda r: format_date(r.starts_at), sort=lambda r: r.starts_at),
        Column("Heure", lambda r: format_time(r.starts_at), sort=lambda r: r.starts_at.time()),
        Column("Spectacle", lambda r: r.show_title, stretch=True),
        Column("Partenaire", lambda r: r.partner_name, stretch=True),
        Column("Discipline", lambda r: r.discipline, stretch=True),
        Column("Salle", lambda r: r.venue_name, stretch=True),
        Column("Quota", lambda r: format_int(r.quota), sort=lambda r: r.quota, numeric=True),
        Column("Réservées", lambda r: format_int(r.booked), sort=lambda r: r.booked, numeric=True),
        Column("Restantes", lambda r: format_int(r.remaining), sort=lambda r: r.remaining, numeric=True),
        Column("Utilisées", lambda r: format_int(r.used), sort=lambda r: r.used, numeric=True),
        Column(
            "En attente", lambda r: format_int(r.waiting) if r.waiting else "", sort=lambda r: r.waiting, numeric=True
        ),
        Column("État", lambda r: r.state.label),
    )

    def is_muted(self, row) -> bool:
        return row.state is PerformanceState.CANCELLED
