"""Who is at the desk of a store, in this process: nobody, or one account.

One `Desk` per store object (`desk_of(sessions)`), shared by every service of it — the window's,
a command's, a background job's — so that the verb asking a permission and the activity log see
the same person. The desk keeps only the account's id and name: what the account may do is read
from the store at each question, so a role changed or an account deactivated at another desk
counts at once.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select

from acs_desktop.domain.accounts import Permission, Role, allows
from acs_desktop.domain.errors import DomainError
from acs_desktop.models import Account

NOT_LOGGED_IN = "Cette base a des comptes : connectez-vous d'abord. Rien n'a été modifié."


@dataclass(frozen=True)
class AccountInfo:
    id: int
    name: str
    role: Role
    active: bool
    created_at: datetime

    @property
    def role_label(self) -> str:
        return self.role.label


def account_info(account: Account) -> AccountInfo:
    return AccountInfo(account.id, account.name, Role(account.role), account.active, account.created_at)


class Desk:
    def __init__(self, sessions) -> None:
        self._sessions = sessions
        self._id: int | None = None
        self._name: str | None = None

    @property
    def name(self) -> str | None:
        """The name of the person logged in (what the activity log records), None if nobody."""
        return self._name

    def enter(self, account: AccountInfo) -> None:
        self._id, self._name = account.id, account.name

    def leave(self) -> None:
        self._id = self._name = None

    def person(self) -> AccountInfo | None:
        """The account logged in, as the store has it now; None if nobody is, or if that account
        was deactivated or is no longer in the store (a restored backup)."""
        if self._id is None:
            return None
        with self._sessions.read() as session, session.begin():
            account = session.get(Account, self._id)
            if account is None or account.name != self._name or not account.active:
                return None
            return account_info(account)

    def store_has_accounts(self) -> bool:
        with self._sessions.read() as session, session.begin():
            return bool(session.scalar(select(exists().where(Account.id.is_not(None)))))

    def can(self, permission: Permission) -> bool:
        try:
            self.require(permission)
        except DomainError:
            return False
        return True

    def require(self, permission: Permission) -> None:
        """Refuse (DomainError, nothing changed) unless the person at the desk may do this; in a
        store without accounts everything is allowed."""
        person = self.person()
        if person is None:
            if not self.store_has_accounts():
                return
            raise DomainError("not_logged_in", NOT_LOGGED_IN)
        if not allows(person.role, permission):
            raise DomainError(
                "not_allowed",
                f"{permission.label} : réservé à la direction. Le compte « {person.name} » est un compte "
                f"{person.role.label} ; rien n'a été modifié.",
            )


def desk_of(sessions) -> Desk:
    """The desk of this store (made the first time it is asked)."""
    desk = getattr(sessions, "_acs_desk", None)
    if desk is None:
        desk = Desk(sessions)
        with contextlib.suppress(AttributeError):  # a sessions object that refuses attributes
            sessions._acs_desk = desk
    return desk
