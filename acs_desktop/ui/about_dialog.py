"""À propos: the version, where the data lives, and the licences of what the application bundles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from acs_desktop import APP_NAME, __version__
from acs_desktop.resources import resource_path


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "acs-desktop.svg")))


class AboutDialog(QDialog):
    def __init__(self, where: str, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"À propos d'{APP_NAME}")
        self.resize(720, 560)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(72, 72))
        heading = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            "Gestion de l'Abonnement Culturel Solidaire : conventions, offres, relais, invitations, bilan de saison.<br><br>"
            f"<b>Données</b> : {where}<br><b>Sauvegardes</b> : {data_dir / 'sauvegardes'}"
        )
        heading.setWordWrap(True)
        heading.setTextInteractionFlags(
            heading.textInteractionFlags() | heading.textInteractionFlags().TextSelectableByMouse
        )
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(heading, 1)
        self.licences = QTextBrowser()
        self.licences.setOpenExternalLinks(True)
        try:
            self.licences.setMarkdown(resource_path("licences.md").read_text(encoding="utf-8"))
        except OSError:
            self.licences.setPlainText("Le fichier des licences est introuvable.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
