"""Columns of the review's tables: partners and donations, surplus allocations, relays, kinds of
relay and communes, disciplines, months, reasons for non-use, and every key figure."""

from PySide6.QtCore import Qt

from acs_desktop.domain.review import month_label
from acs_desktop.ui.widgets.formats import format_int, format_money, format_percent
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


def _rate_sort(value):
    return -1 if value is None else value


def count(title: str, get, tip: str = "") -> Column:
    return Column(title, lambda r: format_int(get(r)), sort=get, numeric=True, tip=tip)


def money(title: str, get, tip: str = "") -> Column:
    return Column(
        title,
        lambda r: format_money(get(r)) if get(r) is not None else "—",
        sort=lambda r: get(r) or 0,
        numeric=True,
        tip=tip,
    )


def rate(title: str, get, tip: str = "") -> Column:
    return Column(title, lambda r: format_percent(get(r)), sort=lambda r: _rate_sort(get(r)), numeric=True, tip=tip)


PARTICIPATION_TIP = "Places utilisées ÷ places éditées, pour les représentations déjà passées"


def place_columns() -> tuple[Column, ...]:
    return (
        count("Réservées", lambda r: r.places.booked),
        count("Éditées", lambda r: r.places.issued),
        count(
            "Jamais éditées",
            lambda r: r.places.never_issued,
            "Réservées pour une représentation passée, le billet jamais édité",
        ),
        count("Utilisées", lambda r: r.places.used),
        count("Non utilisées", lambda r: r.places.unused),
        count("Annulées", lambda r: r.places.cancelled),
        rate("Participation", lambda r: r.places.participation_rate, PARTICIPATION_TIP),
    )


class FiguresTableModel(RowsTableModel):
    """Every key figure beside the previous season (rows: FigureChange)."""

    COLUMNS = (
        Column("Chiffre", lambda c: c.label, tip="Survolez un chiffre pour lire sa définition"),
        Column("Cette saison", lambda c: c.value_text, sort=lambda c: float(c.value or 0), numeric=True),
        Column("Saison précédente", lambda c: c.previous_text, sort=lambda c: float(c.previous or 0), numeric=True),
        Column("Écart", lambda c: c.change_text, sort=lambda c: float(c.change or 0), numeric=True),
        Column("Définition", lambda c: c.definition.definition, stretch=True),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            return self.row_at(index.row()).definition.definition
        return super().data(index, role)


class PartnersTableModel(RowsTableModel):
    COLUMNS = (
        Column("Partenaire", lambda p: p.partner, stretch=True),
        Column("Convention", lambda p: p.state),
        count("Spectacles", lambda p: p.shows),
        count("Représentations", lambda p: p.performances),
        count("Places engagées", lambda p: p.places_committed),
        count("Places offertes", lambda p: p.places_offered),
        count("Abonnés solidaires", lambda p: p.solidarity_subscribers),
        money("Dons", lambda p: p.donations),
        money("Valeur d'une place", lambda p: p.place_value),
        count("Places financées", lambda p: p.places_funded, "Dons ÷ valeur d'une place, arrondi à l'unité inférieure"),
        *place_columns(),
        money(
            "Surplus de don", lambda p: p.surplus, "Dons − valeur d'une place × places engagées, lorsque c'est positif"
        ),
        count("Places non couvertes", lambda p: p.places_uncovered, "Places engagées que les dons ne financent pas"),
        money(
            "Manque de financement",
            lambda p: p.shortfall,
            "Valeur d'une place × places engagées − dons, lorsque c'est positif",
        ),
        money("Surplus prévu", lambda p: p.surplus_planned),
        money("Surplus réalisé", lambda p: p.surplus_done),
    )

    def is_muted(self, row) -> bool:
        return row.state == "brouillon"


class AllocationsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Partenaire", lambda a: a.partner, stretch=True),
        Column("Affectation du surplus", lambda a: a.kind, stretch=True),
        money("Montant prévu", lambda a: a.planned_amount),
        count("Places prévues", lambda a: a.planned_places),
        money("Montant réalisé", lambda a: a.done_amount),
        Column(
            "Places réalisées",
            lambda a: "—" if a.done_places is None else format_int(a.done_places),
            sort=lambda a: a.done_places or 0,
            numeric=True,
        ),
    )


class RelayLinesTableModel(RowsTableModel):
    COLUMNS = (
        Column("Relais", lambda r: r.relay, stretch=True),
        Column("Type", lambda r: r.relay_type),
        Column("Commune", lambda r: r.commune, stretch=True),
        *place_columns(),
        rate(
            "Absences",
            lambda r: r.places.no_show_rate,
            "Places non utilisées ÷ places éditées, représentations passées",
        ),
    )


class GroupsTableModel(RowsTableModel):
    """Relays grouped by kind or by commune; the first column's title is given when built."""

    def __init__(self, first: str, parent=None):
        super().__init__(parent)
        self.COLUMNS = (
            Column(first, lambda g: g.name, stretch=True),
            count("Relais", lambda g: g.relays),
            *place_columns(),
        )


class DisciplinesTableModel(RowsTableModel):
    COLUMNS = (
        Column("Discipline", lambda d: d.discipline, stretch=True),
        count("Spectacles", lambda d: d.shows),
        count("Représentations", lambda d: d.performances),
        count("Places offertes", lambda d: d.places_offered),
        *place_columns(),
    )


class MonthsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Mois", lambda m: month_label(m.month), sort=lambda m: m.month.isoformat()),
        count("Représentations", lambda m: m.performances),
        count("Places offertes", lambda m: m.places_offered),
        *place_columns(),
    )


class ReasonsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Motif de non-utilisation", lambda r: r.reason, stretch=True),
        count("Places", lambda r: r.count),
        rate("Part", lambda r: r.share, "Part des places non utilisées de la saison"),
        Column(
            "Saison précédente",
            lambda r: "—" if r.previous is None else format_int(r.previous),
            sort=lambda r: r.previous or 0,
            numeric=True,
        ),
    )
