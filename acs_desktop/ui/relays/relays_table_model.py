"""Columns of the relays list."""

from acs_desktop.ui.widgets.formats import format_date, format_int, format_percent, yes_no
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


class RelaysTableModel(RowsTableModel):
    COLUMNS = (
        Column("Relais", lambda r: r.name, stretch=True),
        Column("Type", lambda r: r.relay_type, stretch=True),
        Column("Commune", lambda r: r.commune, stretch=True),
        Column("Actif", lambda r: yes_no(r.active)),
        Column("Réservées", lambda r: format_int(r.booked), sort=lambda r: r.booked, numeric=True),
        Column("Utilisées", lambda r: format_int(r.used), sort=lambda r: r.used, numeric=True),
        Column("Non utilisées", lambda r: format_int(r.unused), sort=lambda r: r.unused, numeric=True),
        Column(
            "Jamais éditées",
            lambda r: format_int(r.never_issued) if r.never_issued else "",
            sort=lambda r: r.never_issued,
            numeric=True,
            tip="Places réservées pour une représentation passée dont le billet n'a jamais été édité",
        ),
        Column(
            "Absences",
            lambda r: format_percent(r.no_show_rate),
            sort=lambda r: -1 if r.no_show_rate is None else r.no_show_rate,
            numeric=True,
            tip="Non utilisées ÷ éditées, pour les représentations passées (comme au bilan)",
        ),
        Column("Dernière réservation", lambda r: format_date(r.last_booking), sort=lambda r: r.last_booking or ""),
    )

    def is_muted(self, row) -> bool:
        return not row.active
