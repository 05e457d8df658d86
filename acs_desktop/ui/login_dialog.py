"""« Qui est là ? »: the name and password of a person with an account, at the start of a store
with accounts and when the window is locked (then the name of the person who was there, or
another's). A wrong name and a wrong password get the same sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from acs_desktop.services import Services
from acs_desktop.ui.widgets.form_dialog import FormDialog
from acs_desktop.ui.widgets.wrapping_label import WrappingLabel


class LoginDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None, *, name: str = "", locked: str = ""):
        """`locked`: why the window is locked (then the dialog is the lock's)."""
        super().__init__(
            "ACS Desktop verrouillé" if locked else "Connexion à ACS Desktop",
            parent,
            ok_text="Déverrouiller" if locked else "Se connecter",
        )
        self.setObjectName("loginDialog")
        self.services = services
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("Quitter")
        self.intro = WrappingLabel(
            f"{locked}\nTapez votre mot de passe pour reprendre, ou connectez-vous sous votre nom."
            if locked
            else "Cette base a des comptes : indiquez votre nom et votre mot de passe."
        )
        self.body.insertWidget(0, self.intro)
        self.name = self.add_field("name", "Nom", QLineEdit(name))
        self.password = self.add_field("password", "Mot de passe", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        (self.password if name else self.name).setFocus()

    def submit(self):
        try:
            return self.services.accounts.log_in(self.name.text(), self.password.text())
        finally:
            self.password.clear()
