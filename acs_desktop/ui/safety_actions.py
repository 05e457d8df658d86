"""Back up to a folder (a USB key), restore a backup, close a season: the window's side of data safety."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from acs_desktop.domain.errors import DomainError
from acs_desktop.exports.atomic import write_file
from acs_desktop.services import Services
from acs_desktop.services.privacy import Erased, copies_text
from acs_desktop.ui.operations import perform
from acs_desktop.ui.widgets.messages import messages


def backup_to_folder(parent: QWidget, services: Services) -> Path | None:
    folder = messages().folder(parent, "Sauvegarder vers… (une clé USB, par exemple)", str(Path.home()))
    if not folder:
        return None
    done = perform(parent, lambda: services.safety.backup_to(Path(folder)))
    if done:
        messages().information(parent, "Sauvegarde faite", f"La base a été copiée et vérifiée :\n{done.value}")
        return done.value
    return None


def restore_from_file(parent: QWidget, services: Services) -> bool:
    start = services.safety.data_dir / "sauvegardes"
    file = messages().open_file(
        parent, "Restaurer une sauvegarde", str(start if start.exists() else Path.home()), "Sauvegardes ACS (*.sqlite)"
    )
    if not file:
        return False
    try:
        services.safety.check(Path(file))
    except DomainError as error:
        messages().refusal(parent, error.message, "Sauvegarde refusée")
        return False
    if not messages().question(
        parent,
        "Restaurer une sauvegarde",
        f"Remplacer la base actuelle par la sauvegarde\n« {file} » ?\n\nLa base actuelle est d'abord gardée en copie dans le dossier des sauvegardes.",
        yes="Restaurer",
    ):
        return False
    done = perform(parent, lambda: services.safety.restore(Path(file)))
    if done:
        messages().information(
            parent,
            "Sauvegarde restaurée",
            f"La sauvegarde est en place.\nL'ancienne base est gardée ici :\n{done.value.previous_kept_at}",
        )
    return bool(done)


def close_season(parent: QWidget, services: Services, season_id: int, label: str) -> bool:
    names = services.privacy.first_names_held(season_id)
    question = (
        f"Clôturer la saison {label} ?\n\nToutes ses conventions passent en « clôturée » (plus aucune réservation) et "
        f"les {names} prénom(s) de bénéficiaires encore enregistrés sont effacés définitivement. Les chiffres restent."
    )
    if not messages().question(parent, "Clôturer la saison", question, yes="Clôturer"):
        return False
    done = perform(parent, lambda: services.privacy.close_season(season_id))
    if done:
        closed = done.value
        messages().information(
            parent,
            "Saison clôturée",
            f"Saison {label} clôturée ; {closed.first_names} prénom(s) effacé(s).\n\n"
            + copies_text(closed.copies_erased, closed.copies_unreachable),
        )
    return bool(done)


def report_erasure(parent: QWidget, title: str, erased: Erased) -> None:
    """Say where the erasure reached (the store, its copies) and which copies it could not."""
    messages().information(
        parent, title, "Données effacées de la base.\n\n" + copies_text(erased.copies_erased, erased.copies_unreachable)
    )


def export_person(parent: QWidget, title: str, json_text: str, default_name: str) -> None:
    file = messages().save_file(parent, title, str(Path.home() / default_name), "JSON (*.json)")
    if file:
        try:
            write_file(Path(file), json_text.encode("utf-8"))
        except DomainError as error:  # a full disk, a read-only folder: said as such
            messages().refusal(parent, error.message)
            return
        except OSError as exc:
            messages().refusal(parent, f"Le fichier n'a pas pu être écrit ({exc.strerror}).")
            return
        messages().information(parent, title, f"Données exportées : {file}")
