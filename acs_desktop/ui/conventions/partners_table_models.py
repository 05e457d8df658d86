"""Columns of the partners list and of a partner's contacts and halls."""

from acs_desktop.ui.widgets.formats import format_int
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel


class PartnersTableModel(RowsTableModel):
    COLUMNS = (
        Column("Partenaire", lambda r: r.name, stretch=True),
        Column("Commune", lambda r: r.commune),
        Column("Téléphone", lambda r: r.phone),
        Column("Courriel", lambda r: r.email),
        Column("Conventions", lambda r: format_int(r.conventions), sort=lambda r: r.conventions, numeric=True),
        Column("État", lambda r: "archivé" if r.archived else "actif"),
    )

    def is_muted(self, row) -> bool:
        return row.archived


class ContactsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Contact", lambda r: r.name, stretch=True),
        Column("Fonction", lambda r: r.role),
        Column("Téléphone", lambda r: r.phone),
        Column("Courriel", lambda r: r.email),
    )


class VenuesTableModel(RowsTableModel):
    COLUMNS = (
        Column("Salle", lambda r: r.name, stretch=True),
        Column("Adresse", lambda r: r.address, stretch=True),
        Column("Code postal", lambda r: r.postal_code),
        Column("Commune", lambda r: r.commune),
    )
