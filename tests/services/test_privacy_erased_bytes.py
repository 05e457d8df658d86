"""Erased means erased in the store's files: after a season closing or « Effacer ses données »,
the erased first names, names, phones and emails are in no byte of the store nor of its -wal
(secure_delete zeroes freed space; the journal is checkpointed and truncated). On PostgreSQL:
in no byte of the database's table and index files (the tables are rewritten); the server's
write-ahead log and its own backups are the server's (README « Plusieurs postes »)."""

from pathlib import Path

from acs_desktop.services.relays import RelayInput

FIRST_NAME = "Zéphyrine"
REFERENT = ("Hortense Quelquechose", "06 12 34 56 78", "hortense.q@exemple.invalid")


def store_bytes(store) -> bytes:
    if store.path is not None:
        return b"".join(p.read_bytes() for p in store.path.parent.glob(store.path.name + "*"))
    # The server's files, read by the test (the throwaway server of tools/pg_sandbox lets its role
    # read the settings and ask a checkpoint, so that what is in memory is on disk).
    with store.engine.connect() as connection:
        connection.exec_driver_sql("CHECKPOINT")
        data = connection.exec_driver_sql("SHOW data_directory").scalar()
        oid = connection.exec_driver_sql("SELECT oid FROM pg_database WHERE datname = current_database()").scalar()
    return b"".join(p.read_bytes() for p in (Path(data) / "base" / str(oid)).iterdir() if p.is_file())


def test_a_closed_seasons_first_names_are_in_no_byte_of_the_store(
    services, store, make, season, convention_id, relay_id
):
    performance = make.performance(convention_id, quota=40)
    for _ in range(12):
        make.book(performance, relay_id, 2, first_names=(FIRST_NAME, FIRST_NAME))
    assert FIRST_NAME.encode() in store_bytes(store)
    services.privacy.close_season(season.id)
    assert FIRST_NAME.encode() not in store_bytes(store)


def test_an_erased_referent_is_in_no_byte_of_the_store(services, store, make):
    relay = services.relays.create_relay(RelayInput("CCAS", None, "Rezé"))
    referent = services.relays.save_referent(relay, *REFERENT)
    assert REFERENT[0].encode() in store_bytes(store)
    services.privacy.erase_referent(referent)
    leftover = [value for value in REFERENT if value.encode() in store_bytes(store)]
    assert leftover == []
