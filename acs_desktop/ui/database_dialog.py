"""« Base de données de ce poste » : the store file of this laptop, or a PostgreSQL server shared by
several desks. The server is reached in the background (an antenna's connection may take seconds)
and what it holds is said before anything is kept; the choice takes effect at the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLineEdit, QPushButton, QRadioButton, QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.services.store_choice import StoreChoiceService, split_password, with_password
from acs_desktop.ui.operations import Operation
from acs_desktop.ui.widgets.form_dialog import HINT_STYLE, FormDialog
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel

NEXT_START = "Le changement prendra effet au prochain démarrage d'ACS Desktop."


class DatabaseDialog(FormDialog):
    def __init__(self, desk: StoreChoiceService, parent: QWidget | None = None):
        super().__init__("Base de données de ce poste", parent)
        self.setMinimumWidth(620)
        self.desk = desk
        choice = desk.choice()
        self.local = QRadioButton("Ce poste seul : la base est un fichier du dossier des données (par défaut)")
        self.server = QRadioButton("Plusieurs postes : une base PostgreSQL partagée sur un serveur")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.server)
        self.form.addRow(self.local)
        self.form.addRow(self.server)
        address, password = split_password(choice.address or "")
        self.address = self.add_field(
            "address",
            "Adresse",
            QLineEdit(address),
            hint="postgresql://utilisateur@serveur/acs — ajoutez ?sslmode=require pour une antenne reliée au "
            "serveur par internet. Voir « Plusieurs postes » dans le mode d'emploi.",
        )
        self.address.setPlaceholderText("postgresql://utilisateur@serveur/acs")
        self.password = self.add_field("password", "Mot de passe", QLineEdit(password))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton("&Tester la connexion")
        self.test_button.clicked.connect(self.test_connection)
        self.form.addRow("", self.test_button)
        self.verdict = WrappingLabel()
        self.verdict.setStyleSheet(HINT_STYLE)
        self.form.addRow("", self.verdict)
        (self.server if choice.address else self.local).setChecked(True)
        self.server.toggled.connect(self._follow_choice)
        self.address.textChanged.connect(lambda: self.verdict.clear())
        self.password.textChanged.connect(lambda: self.verdict.clear())
        self.address.editingFinished.connect(self._hide_password)
        self._follow_choice()
        self.operation: Operation | None = None
        self.chosen: str | None = None  # what was kept, once accepted

    def _follow_choice(self) -> None:
        on_server = self.server.isChecked()
        self.address.setEnabled(on_server)
        self.password.setEnabled(on_server)
        self.test_button.setEnabled(on_server)

    def _hide_password(self) -> None:
        """An address pasted with its password: the password moves to its own (masked) field."""
        address, password = split_password(self.address.text().strip())
        if password:
            self.address.setText(address)
            self.password.setText(password)

    def chosen_address(self) -> str | None:
        """The address with its password (kept in the data folder, readable by its owner only)."""
        if not self.server.isChecked():
            return None
        return with_password(self.address.text().strip(), self.password.text())

    def test_connection(self) -> None:
        address = self.chosen_address() or ""
        self._run(lambda _progress: self.desk.check(address), self._say_verdict)

    def _say_verdict(self, verdict: object) -> None:
        self.verdict.setText(str(verdict))

    def accept(self) -> None:
        self.clear_errors()
        address = self.chosen_address()
        self._run(lambda _progress: self.desk.choose(address), lambda _result: self._chosen())

    def _chosen(self) -> None:
        self.chosen = self.chosen_address()
        self.verdict.setText(NEXT_START)
        super(FormDialog, self).accept()

    def _run(self, work, then) -> None:
        if self.operation is not None and self.operation.running:
            return
        self.clear_errors()
        self.verdict.setText("Connexion au serveur…" if self.server.isChecked() else "")
        self.buttons.setEnabled(False)
        self.test_button.setEnabled(False)
        self.operation = Operation(self, work, say_refusal=False)
        self.operation.succeeded.connect(then)
        self.operation.refused.connect(self._refused)
        self.operation.ended.connect(self._ended)
        self.operation.start()

    def _refused(self, message: str) -> None:
        self.verdict.clear()
        self.show_error(DomainError("server", message, field="address"))

    def _ended(self) -> None:
        self.buttons.setEnabled(True)
        self._follow_choice()

    def submit(self):  # the choice is saved by accept(), in the background
        return self.chosen_address()
