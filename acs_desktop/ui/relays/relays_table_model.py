"""Columns of the relays list."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from acs_desktop.ui.widgets.formats import format_date, format_int, format_percent, yes_no
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel

ALERT = QBrush(QColor("#b00020"))
CHARTER_ORDER = {"unsigned": 0, "outdated": 1, "current": 2}


COUNTING = "…"  # the season's counts not shown yet: they follow the names (`RelayService.relay_counts`)


def counted(text: Callable[[Any], str]) -> Callable[[Any], str]:
    """A count's text, or « … » while the row waits for the season's counts."""
    return lambda row: text(row) if row.counted else COUNTING


def without_notice_text(row) -> str:
    """« 4 (seuil atteint) » once the threshold is reached: readable without the colour."""
    if not row.counted:
        return COUNTING
    if not row.without_notice:
        return ""
    return f"{format_int(row.without_notice)} (seuil atteint)" if row.no_show_alert else format_int(row.without_notice)


class RelaysTableModel(RowsTableModel):
    COLUMNS = (
        Column("Relais", lambda r: r.name, stretch=True),
        Column("Type", lambda r: r.relay_type, stretch=True),
        Column("Commune", lambda r: r.commune, stretch=True),
        Column("Actif", lambda r: yes_no(r.active)),
        Column(
            "Charte",
            lambda r: r.charter.label,
            sort=lambda r: (CHARTER_ORDER[r.charter.state.value], r.charter.signed_on or ""),
            tip="La version de la charte signée par le relais, comparée à celle des réglages de l'association",
        ),
        Column("Réservées", counted(lambda r: format_int(r.booked)), sort=lambda r: r.booked, numeric=True),
        Column("Utilisées", counted(lambda r: format_int(r.used)), sort=lambda r: r.used, numeric=True),
        Column("Non utilisées", counted(lambda r: format_int(r.unused)), sort=lambda r: r.unused, numeric=True),
        Column(
            "Sans prévenir",
            without_notice_text,
            sort=lambda r: r.without_notice,
            numeric=True,
            tip="Places non utilisées cette saison pour un motif compté « sans prévenir » (liste des motifs) ; "
            "à partir du seuil des réglages, une réservation pour ce relais est signalée",
        ),
        Column(
            "Jamais éditées",
            counted(lambda r: format_int(r.never_issued) if r.never_issued else ""),
            sort=lambda r: r.never_issued,
            numeric=True,
            tip="Places réservées pour une représentation passée dont le billet n'a jamais été édité",
        ),
        Column(
            "Absences",
            counted(lambda r: format_percent(r.no_show_rate)),
            sort=lambda r: -1 if r.no_show_rate is None else r.no_show_rate,
            numeric=True,
            tip="Non utilisées ÷ éditées, pour les représentations passées (comme au bilan)",
        ),
        Column(
            "Dernière réservation", counted(lambda r: format_date(r.last_booking)), sort=lambda r: r.last_booking or ""
        ),
    )
    WITHOUT_NOTICE = 8

    def is_muted(self, row) -> bool:
        return not row.active

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.WITHOUT_NOTICE
            and self.row_at(index.row()).no_show_alert
        ):
            return ALERT
        return super().data(index, role)
