"""Columns of the conventions list."""

from acs_desktop.domain.states import ConventionState
from acs_desktop.ui.widgets.formats import format_date, format_int, format_money
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


def surplus_or_shortfall(row) -> str:
    """« 240,00 € », or « manque 200,00 € (20 places) » when the donations do not cover the places committed."""
    if row.shortfall:
        return f"manque {format_money(row.shortfall)} ({format_int(row.places_uncovered)} place{'s' if row.places_uncovered > 1 else ''})"
    return format_money(row.surplus)


class ConventionsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Partenaire", lambda r: r.partner_name, stretch=True),
        Column("État", lambda r: r.state.label, sort=lambda r: list(ConventionState).index(r.state)),
        Column(
            "Places engagées", lambda r: format_int(r.places_committed), sort=lambda r: r.places_committed, numeric=True
        ),
        Column(
            "Places financées",
            lambda r: format_int(r.places_funded),
            sort=lambda r: r.places_funded,
            numeric=True,
            tip="Dons ÷ valeur d'une place, arrondi à l'unité inférieure",
        ),
        Column("Réservées", lambda r: format_int(r.booked), sort=lambda r: r.booked, numeric=True),
        Column("Utilisées", lambda r: format_int(r.used), sort=lambda r: r.used, numeric=True),
        Column(
            "Abonnés solidaires",
            lambda r: format_int(r.solidarity_subscribers),
            sort=lambda r: r.solidarity_subscribers,
            numeric=True,
        ),
        Column("Dons", lambda r: format_money(r.donations), sort=lambda r: r.donations, numeric=True),
        Column("Valeur d'une place", lambda r: format_money(r.place_value), sort=lambda r: r.place_value, numeric=True),
        Column(
            "Surplus ou manque",
            surplus_or_shortfall,
            sort=lambda r: r.surplus - r.shortfall,
            numeric=True,
            tip="Surplus : dons − places engagées × valeur d'une place ; manque : les places engagées que les dons ne couvrent pas",
        ),
        Column("Signée le", lambda r: format_date(r.signed_on), sort=lambda r: r.signed_on or ""),
    )

    def is_muted(self, row) -> bool:
        return row.state is ConventionState.CLOSED
