"""Accounts: who may open the window, with which role; logging in and out of the desk.

A store starts with no account (everything allowed, no login). The first account made must be a
direction account, and its maker is then logged in as it; afterwards only the direction manages
accounts, and the store always keeps at least one active direction account.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acs_desktop.domain.accounts import GRANTED, MIN_PASSWORD_LENGTH, Permission, Role
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.validation import required_text
from acs_desktop.models import Account
from acs_desktop.services.base import Service, get_or_refuse, save_named
from acs_desktop.services.desk import AccountInfo, account_info
from acs_desktop.services.passwords import decoy, hash_password, verify_password

WRONG_LOGIN = "Nom ou mot de passe incorrect."


def _password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            "password_too_short",
            f"Le mot de passe doit avoir au moins {MIN_PASSWORD_LENGTH} caractères.",
            field="password",
        )
    return hash_password(password)


class AccountService(Service):
    def has_accounts(self) -> bool:
        """Whether the store has accounts (then the window asks who is there)."""
        return self._desk.store_has_accounts()

    def who(self) -> AccountInfo | None:
        """The person logged in at this desk, None if nobody (or a store without accounts)."""
        return self._desk.person()

    def require(self, permission: Permission) -> None:
        """Refused (DomainError) unless the person at the desk may do this."""
        self._desk.require(permission)

    def permissions(self) -> frozenset[Permission]:
        """What the person at the desk may do now: everything in a store without accounts."""
        person = self._desk.person()
        if person is None:
            return frozenset() if self._desk.store_has_accounts() else frozenset(Permission)
        return GRANTED[person.role]

    def can(self, permission: Permission) -> bool:
        """Whether the person at the desk may do this (what the window shows or hides)."""
        return self._desk.can(permission)

    def list_accounts(self) -> list[AccountInfo]:
        self._desk.require(Permission.ACCOUNTS)
        with self._reading() as session:
            return [account_info(a) for a in session.scalars(select(Account).order_by(func.lower(Account.name)))]

    # --- logging in ------------------------------------------------------------------------
    def log_in(self, name: str, password: str) -> AccountInfo:
        """The account named `name` if `password` is its own and it is active: the desk is now
        theirs. Otherwise one refusal, the same whether the name exists or not."""
        with self._reading() as session:
            account = session.scalar(select(Account).where(func.lower(Account.name) == name.strip().lower()))
            stored = account.password_hash if account is not None else decoy()
            right = verify_password(password, stored)
            if account is None or not right or not account.active:
                raise DomainError("login_refused", WRONG_LOGIN, field="password")
            info = account_info(account)
        self._desk.enter(info)
        with self._writing() as session:
            self._log(session, "login", "account", info.id, f"Connexion de {info.name} ({info.role.label})")
        return info

    def log_out(self) -> None:
        self._desk.leave()

    # --- managing accounts (the direction) -------------------------------------------------
    def create_account(self, name: str, role: Role, password: str) -> AccountInfo:
        self._desk.require(Permission.ACCOUNTS)
        values = {
            "name": required_text(name, "Le nom", "name", 80),
            "role": Role(role).value,
            "password_hash": _password(password),
            "active": True,
            "created_at": self._now(),
        }
        with self._writing() as session:
            siblings = [(a.id, a.name) for a in session.scalars(select(Account))]
            if not siblings and role != Role.DIRECTION:
                raise DomainError(
                    "first_account_direction",
                    "Le premier compte doit être un compte direction : c'est lui qui gère ensuite les autres.",
                    field="role",
                )
            account = save_named(
                session,
                Account,
                None,
                values,
                what="Ce compte",
                siblings=siblings,
                refusal=lambda taken: DomainError(
                    "account_name_taken", f"Un compte s'appelle déjà « {taken} ».", field="name"
                ),
            )
            info = account_info(account)
            if not siblings:  # the first account: its maker is now logged in as it
                self._desk.enter(info)
            self._log(session, "create", "account", info.id, f"Compte {info.name} ({info.role.label}) créé")
            return info

    def set_role(self, account_id: int, role: Role) -> AccountInfo:
        self._desk.require(Permission.ACCOUNTS)
        role = Role(role)
        with self._writing() as session:
            account = get_or_refuse(session, Account, account_id, "Ce compte")
            before = Role(account.role)
            account.role = role.value
            self._keep_a_director(session)
            self._log(
                session, "update", "account", account_id, f"Rôle de {account.name} : {before.label} → {role.label}"
            )
            return account_info(account)

    def reset_password(self, account_id: int, password: str) -> None:
        self._desk.require(Permission.ACCOUNTS)
        hashed = _password(password)
        with self._writing() as session:
            account = get_or_refuse(session, Account, account_id, "Ce compte")
            account.password_hash = hashed
            self._log(session, "update", "account", account_id, f"Nouveau mot de passe pour {account.name}")

    def set_active(self, account_id: int, active: bool) -> AccountInfo:
        self._desk.require(Permission.ACCOUNTS)
        me = self.who()
        if not active and me is not None and me.id == account_id:
            raise DomainError(
                "own_account", "Vous ne pouvez pas désactiver votre propre compte : demandez-le à une autre direction."
            )
        with self._writing() as session:
            account = get_or_refuse(session, Account, account_id, "Ce compte")
            account.active = active
            self._keep_a_director(session)
            action = "activate" if active else "deactivate"
            self._log(
                session, action, "account", account_id, f"Compte {account.name} {'réactivé' if active else 'désactivé'}"
            )
            return account_info(account)

    @staticmethod
    def _keep_a_director(session: Session) -> None:
        session.flush()
        directors = session.scalar(
            select(func.count()).where(Account.role == Role.DIRECTION.value, Account.active.is_(True))
        )
        if not directors:
            raise DomainError(
                "last_director",
                "C'est le dernier compte direction actif : la base doit en garder un. Rien n'a été modifié.",
            )
