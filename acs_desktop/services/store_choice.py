"""This desk's choice of store: the file of its data folder (one laptop), or a PostgreSQL server
shared by several desks. Kept in the data folder, read at the next start (the command line's
--database and ACS_DATABASE come first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from acs_desktop.db.engine import is_server_address, make_server_engine
from acs_desktop.db.location import save_database, saved_database
from acs_desktop.db.server import inspect_database, shown_address
from acs_desktop.db.store import HEAD_REVISION, StoreError
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import describe

NOT_AN_ADDRESS = (
    "« {address} » n'est pas l'adresse d'une base PostgreSQL. Elle s'écrit "
    "postgresql://utilisateur@serveur/base (ajoutez ?sslmode=require pour un serveur joint par internet)."
)


def split_password(address: str) -> tuple[str, str]:
    """The address without its password, and the password (typed apart, never shown)."""
    parts = urlsplit(address)
    if parts.password is None:
        return address, ""
    user, host = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0], parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def with_password(address: str, password: str) -> str:
    """`address` carrying `password` (a password already in the address is replaced)."""
    address, _old = split_password(address)
    parts = urlsplit(address)
    if not password or "@" not in parts.netloc:
        return address
    user, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


@dataclass(frozen=True)
class StoreChoice:
    address: str | None  # None: the store file of the data folder

    @property
    def shown(self) -> str:
        return shown_address(self.address) if self.address else ""


class StoreChoiceService:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)

    def choice(self) -> StoreChoice:
        return StoreChoice(saved_database(self.data_dir))

    def check(self, address: str) -> str:
        """Reach the server and say, in French, what the database is; refuse what it cannot be.
        Reads only: nothing is created or migrated until a desk starts on it."""
        address = address.strip()
        if not is_server_address(address):
            raise DomainError("not_an_address", NOT_AN_ADDRESS.format(address=address), field="address")
        engine = make_server_engine(address, pool_size=1)
        try:
            with engine.connect() as connection:
                state = inspect_database(connection, address)
        except StoreError as error:
            raise DomainError(error.code, error.message, field="address") from None
        except Exception as error:
            said = describe(error, shown_address(address))
            if said is None:
                raise
            raise DomainError("server", said, field="address") from None
        finally:
            engine.dispose()
        if not state.has_tables:
            return "Base vide : ACS Desktop la préparera au prochain démarrage (ou y transférera la base de ce poste avec « move-to »)."
        if state.revision != HEAD_REVISION:
            return "Base ACS Desktop d'une version antérieure : elle sera mise à jour au prochain démarrage."
        return "Base ACS Desktop à jour : prête pour ce poste."

    def choose(self, address: str | None) -> None:
        """Keep this desk's choice (None: the store file); checked first when it is a server."""
        if address is not None and address.strip():
            self.check(address)
            save_database(self.data_dir, address)
        else:
            save_database(self.data_dir, None)
