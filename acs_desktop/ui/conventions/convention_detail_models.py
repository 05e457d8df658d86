"""Columns of the lists under a convention: surplus allocations and follow-up log."""

from acs_desktop.ui.widgets.formats import format_date, format_int, format_money
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


def _optional_int(value) -> str:
    return "" if value is None else format_int(value)


class AllocationsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Usage", lambda r: r.data.kind.label),
        Column(
            "Prévu", lambda r: format_money(r.data.planned_amount), sort=lambda r: r.data.planned_amount, numeric=True
        ),
        Column(
            "Places prévues",
            lambda r: format_int(r.data.planned_places) if r.data.planned_places else "",
            sort=lambda r: r.data.planned_places,
            numeric=True,
        ),
        Column("Décidé le", lambda r: format_date(r.data.decided_on), sort=lambda r: r.data.decided_on or ""),
        Column(
            "Réalisé", lambda r: format_money(r.data.done_amount), sort=lambda r: r.data.done_amount or 0, numeric=True
        ),
        Column(
            "Places réalisées",
            lambda r: _optional_int(r.data.done_places),
            sort=lambda r: r.data.done_places or 0,
            numeric=True,
        ),
        Column("Réalisé le", lambda r: format_date(r.data.done_on), sort=lambda r: r.data.done_on or ""),
        Column("Note", lambda r: r.data.note, stretch=True),
    )
