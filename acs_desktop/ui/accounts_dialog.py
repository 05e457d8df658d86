"""« Comptes et rôles »: who may open the window and what they may do. The direction creates
accounts, changes a role, gives a new password, deactivates (never deletes) an account."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from acs_desktop.domain.accounts import MIN_PASSWORD_LENGTH, Role
from acs_desktop.domain.errors import DomainError
from acs_desktop.services import Services
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.form_dialog import HINT_STYLE, FormDialog
from acs_desktop.ui.widgets.formats import format_datetime
from acs_desktop.ui.widgets.list_panel import ListPanel
from acs_desktop.ui.widgets.messages import messages
from acs_desktop.ui.widgets.table_model import Column, RowsTableModel
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel

ROLES = (Role.DIRECTION, Role.VOLUNTEER)
ABOUT = (
    "La direction fait tout. Un compte bénévole réserve, relève la présence et imprime les documents, "
    "mais ne restaure pas de sauvegarde, n'efface pas de données personnelles, ne clôture pas de saison, "
    "ne change pas les réglages et n'exporte pas de données personnelles."
)
NO_ACCOUNT = (
    "Aucun compte : la base s'ouvre sans mot de passe et tout est permis. Le premier compte créé est un compte "
    "direction ; ensuite, chacun se connecte à l'ouverture."
)


class AccountsTableModel(RowsTableModel):
    COLUMNS = (
        Column("Nom", lambda r: r.name, stretch=True),
        Column("Rôle", lambda r: r.role.label),
        Column("Actif", lambda r: "oui" if r.active else "désactivé"),
        Column("Créé le", lambda r: format_datetime(r.created_at), sort=lambda r: r.created_at),
    )

    def is_muted(self, row) -> bool:
        return not row.active


class AccountDialog(FormDialog):
    """A new account (name, role, password), or a new password for `account`."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, account=None, first: bool = False):
        super().__init__(f"Nouveau mot de passe pour {account.name}" if account else "Nouveau compte", parent)
        self.services = services
        self.account = account
        self.name, self.role = QLineEdit(), QComboBox()
        if account is None:
            self.add_field("name", "Nom", self.name)
            self.add_field("role", "Rôle", self.role)
            for role in ROLES:
                self.role.addItem(role.label, role)
            if first:
                self.role.setEnabled(False)
                self.role.setToolTip("Le premier compte est un compte direction.")
        self.password = self.add_field(
            "password", "Mot de passe", QLineEdit(), hint=f"Au moins {MIN_PASSWORD_LENGTH} caractères."
        )
        self.confirm = self.add_field("confirm", "Mot de passe (encore)", QLineEdit())
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)

    def submit(self):
        if self.password.text() != self.confirm.text():
            raise DomainError("password_mismatch", "Les deux mots de passe ne sont pas les mêmes.", field="confirm")
        if self.account is not None:
            return self.services.accounts.reset_password(self.account.id, self.password.text())
        return self.services.accounts.create_account(self.name.text(), self.role.currentData(), self.password.text())


class AccountsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("accountsDialog")
        self.setWindowTitle("Comptes et rôles")
        self.resize(760, 460)
        self.about = WrappingLabel(ABOUT)
        self.about.setStyleSheet(HINT_STYLE)
        self.panel = ListPanel("Comptes", AccountsTableModel(self), on_add=self._add, add_text="Nouveau compte…")
        for text, slot in (
            ("Changer le rôle…", self._change_role),
            ("Nouveau mot de passe…", self._reset_password),
            ("Désactiver / réactiver", self._toggle),
        ):
            self.panel.add_button_for(text, slot)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.panel)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        rows = self.services.accounts.list_accounts()
        self.about.setText(ABOUT if rows else f"{NO_ACCOUNT}\n\n{ABOUT}")
        self.panel.set_rows(rows)
        if select:
            self.panel.view.select_ids([select])

    def _add(self) -> None:
        dialog = AccountDialog(self.services, self, first=not self.panel.view.model.rowCount())
        if dialog.exec():
            self.reload(getattr(dialog.result_value, "id", None))

    def _change_role(self) -> None:
        row = self.panel.view.current_row()
        if row is None:
            return
        chosen = messages().choice(
            self, "Changer le rôle", f"Rôle de {row.name} :", [role.label for role in ROLES], details=ABOUT
        )
        if chosen is not None and perform(self, lambda: self.services.accounts.set_role(row.id, ROLES[chosen])):
            self.reload(row.id)

    def _reset_password(self) -> None:
        row = self.panel.view.current_row()
        if row is not None and AccountDialog(self.services, self, account=row).exec():
            messages().information(self, "Nouveau mot de passe", f"Le mot de passe de {row.name} a été changé.")

    def _toggle(self) -> None:
        row = self.panel.view.current_row()
        if row and perform(self, lambda: self.services.accounts.set_active(row.id, not row.active)):
            self.reload(row.id)
