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
