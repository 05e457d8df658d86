"""Every name of a store made 80 characters long (or the column's limit), each still unique: the
worst case a window must fit on a small laptop screen."""

from __future__ import annotations

from sqlalchemy import text

LENGTH = 80
FILLER = " de la Métropole et des Communes Associées du Grand Ouest Atlantique et du Pays"
# table, column, longest allowed (the column's own limit when it is below 80)
NAMED = (
    ("partner", "name", LENGTH),
    ("partner_contact", "name", LENGTH),
    ("venue", "name", LENGTH),
    ("show", "title", LENGTH),
    ("discipline", "name", 60),
    ("relay", "name", LENGTH),
    ("relay", "commune", LENGTH),
    ("relay_type", "name", LENGTH),
    ("referent", "name", LENGTH),
    ("non_use_reason", "label", LENGTH),
    ("association_settings", "name", LENGTH),
)


def long_name(name: str, length: int = LENGTH) -> str:
    """`name` kept at the start (names stay unique and recognisable), filled up to `length`."""
    return (name + FILLER * 3)[:length].rstrip().ljust(length, "x")


def lengthen_names(store) -> None:
    with store.write() as session, session.begin():
        for table, column, length in NAMED:
            rows = session.execute(text(f'SELECT id, "{column}" FROM "{table}"')).all()
            for row_id, value in rows:
                session.execute(
                    text(f'UPDATE "{table}" SET "{column}" = :v WHERE id = :id'),
                    {"v": long_name(value or "", length), "id": row_id},
                )
