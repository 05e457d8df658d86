"""Default lists: reasons for non-use (domain.md), disciplines, kinds of relay; the settings row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NON_USE_REASONS = (
    "Maladie ou imprévu",
    "Transport ou distance",
    "Garde d'enfants",
    "Oubli ou erreur de date",
    "Appréhension (« ce n'est pas pour moi »)",
    "Billet non remis à temps",
    "Billet perdu",
    "Représentation annulée ou modifiée",
    "Refus à l'entrée",
    "Arrivée en retard",
    "Motif inconnu",
)
DISCIPLINES = (
    "Théâtre", "Danse", "Musique", "Chanson", "Cirque", "Jeune public",
    "Humour", "Opéra", "Arts de la rue", "Marionnettes", "Cinéma", "Exposition",
)
RELAY_TYPES = (
    "CCAS", "Centre social", "Centre d'hébergement (CHRS)", "Accueil de jour",
    "Association d'insertion", "Service social départemental", "Mission locale",
    "Épicerie solidaire", "Autre",
)


def _insert_default_lists() -> None:
    reasons = sa.table("non_use_reason", sa.column("label"), sa.column("position"), sa.column("active"))
    op.bulk_insert(reasons, [{"label": label, "position": i, "active": True} for i, label in enumerate(NON_USE_REASONS)])
    disciplines = sa.table("discipline", sa.column("name"))
    op.bulk_insert(disciplines, [{"name": name} for name in DISCIPLINES])
    relay_types = sa.table("relay_type", sa.column("name"))
    op.bulk_insert(relay_types, [{"name": name} for name in RELAY_TYPES])
    settings = sa.table(
        "association_settings",
        *(sa.column(c) for c in ("id", "name", "address", "postal_code", "commune", "phone", "email", "website", "retention_months", "notes")),
    )
    op.bulk_insert(settings, [{
        "id": 1, "name": "", "address": "", "postal_code": "", "commune": "", "phone": "",
        "email": "", "website": "", "retention_months": 24, "notes": "",
    }])


def upgrade() -> None:
    _insert_default_lists()


def downgrade() -> None:
    for table in ("association_settings", "relay_type", "discipline", "non_use_reason"):
        op.execute(sa.text(f"DELETE FROM {table}"))
