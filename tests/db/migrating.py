"""Taking a store back to an earlier revision, as a migration test starts (foreign keys off, one
transaction, as `db.store.migrate` goes up)."""

from alembic import command

from acs_desktop.db.engine import make_engine
from acs_desktop.db.store import alembic_config


def downgrade(path, revision: str) -> None:
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def invitation_indexes(path) -> dict[str, list[str]]:
    """The invitation table's own indexes (ix_…) in the store file, each with its columns."""
    engine = make_engine(path)
    with engine.connect() as connection:
        names = [r[1] for r in connection.exec_driver_sql("PRAGMA index_list(invitation)") if r[1].startswith("ix_")]
        found = {name: [c[2] for c in connection.exec_driver_sql(f"PRAGMA index_info({name})")] for name in names}
    engine.dispose()
    return found
