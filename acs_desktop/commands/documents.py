"""`acs-desktop tickets | attendance | slip | catalogue`: the printed documents, without the window.

They write the same PDF as the window's « Documents » menu, through the same services. Printing
tickets marks them issued, as in the window: the output file is opened before anything is
marked, so that a file that cannot be written leaves the tickets as they were.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from acs_desktop.commands import say_written
from acs_desktop.domain.documents import Document
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import fault
from acs_desktop.services import Services
from acs_desktop.services.documents import TicketSelection
from acs_desktop.services.relays import RelayRow
from acs_desktop.services.seasons import SeasonInfo

OUT_HELP = "fichier PDF à écrire (ou dossier où l'écrire) ; par défaut un nom parlant dans le dossier courant"
SEASON_HELP = "saison, par exemple 2026-2027 (par défaut : la saison en cours)"


def register(subparsers) -> None:
    tickets = subparsers.add_parser(
        "tickets",
        help="imprime des billets en PDF et les marque comme édités",
        description="Écrit les billets en PDF (8 par page A4, avec traits de coupe) et les marque comme édités. "
        "Un billet déjà imprimé porte la mention « Duplicata » et garde son code.",
    )
    which = tickets.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--booking", type=int, metavar="N°", help="les billets d'une réservation (y compris ceux déjà imprimés)"
    )
    which.add_argument(
        "--relay", metavar="RELAIS", help="les billets pas encore imprimés d'un relais pour la saison (nom ou numéro)"
    )
    which.add_argument(
        "--performance", type=int, metavar="N°", help="les billets pas encore imprimés d'une représentation"
    )
    tickets.add_argument("--season", metavar="SAISON", help=SEASON_HELP + " ; avec --relay")
    tickets.add_argument(
        "--reprint", action="store_true", help="avec --performance : aussi les billets déjà imprimés (duplicata)"
    )
    tickets.add_argument("--out", metavar="FICHIER.pdf", help=OUT_HELP)
    tickets.set_defaults(handler=run_tickets)

    attendance = subparsers.add_parser(
        "attendance",
        help="écrit la feuille d'émargement d'une représentation",
        description="Écrit la feuille d'émargement d'une représentation pour l'accueil du partenaire : "
        "les codes des billets remis, dans l'ordre, avec les cases présent / absent, sans le nom des relais "
        "(comme les billets). --with-relays écrit l'exemplaire de l'association, par relais.",
    )
    attendance.add_argument("--performance", type=int, metavar="N°", required=True, help="numéro de la représentation")
    attendance.add_argument(
        "--with-relays",
        action="store_true",
        help="avec le nom des relais, billets groupés par relais (exemplaire de l'association)",
    )
    attendance.add_argument("--out", metavar="FICHIER.pdf", help=OUT_HELP)
    attendance.set_defaults(handler=run_attendance)

    slip = subparsers.add_parser(
        "slip",
        help="écrit le bordereau de remise d'un relais",
        description="Écrit le bordereau de remise : les places à venir d'un relais pour la saison (ou d'une réservation), "
        "leurs codes, et comment rendre une place qui ne servira pas.",
    )
    which = slip.add_mutually_exclusive_group(required=True)
    which.add_argument("--relay", metavar="RELAIS", help="nom ou numéro du relais")
    which.add_argument("--booking", type=int, metavar="N°", help="une seule réservation")
    slip.add_argument("--season", metavar="SAISON", help=SEASON_HELP + " ; avec --relay")
    slip.add_argument("--out", metavar="FICHIER.pdf", help=OUT_HELP)
    slip.set_defaults(handler=run_slip)

    catalogue = subparsers.add_parser(
        "catalogue",
        help="écrit le catalogue des places de la saison",
        description="Écrit le catalogue de la saison pour la présentation aux relais : les représentations à venir "
        "où il reste des places, par date, avec la discipline, le partenaire et la salle.",
    )
    catalogue.add_argument("--season", metavar="SAISON", help=SEASON_HELP)
    catalogue.add_argument(
        "--all", action="store_true", help="toutes les représentations non annulées, même complètes ou passées"
    )
    catalogue.add_argument("--out", metavar="FICHIER.pdf", help=OUT_HELP)
    catalogue.set_defaults(handler=run_catalogue)


# --- the commands ---------------------------------------------------------------------------------
def run_tickets(args: argparse.Namespace, context) -> int:
    services: Services = context.services
    if args.reprint and args.performance is None:
        raise DomainError(
            "option_reprint", "--reprint ne s'emploie qu'avec --performance (une réservation se réimprime toute seule)."
        )
    if args.relay is not None:
        selection = TicketSelection(
            relay_id=find_relay(services, args.relay).id, season_id=find_season(services, args.season).id
        )
    else:
        selection = TicketSelection(
            booking_id=args.booking, performance_id=args.performance, include_printed=args.reprint
        )
    # Marked issued only once the file is on the disk: a full disk marks nothing.
    return _write(lambda: services.documents.prepare_tickets(selection), args.out, then=services.documents.printed)


def run_attendance(args: argparse.Namespace, context) -> int:
    return _write(
        lambda: context.services.documents.attendance_sheet(args.performance, with_relays=args.with_relays), args.out
    )


def run_slip(args: argparse.Namespace, context) -> int:
    services: Services = context.services
    if args.booking is not None:
        return _write(lambda: services.documents.relay_slip(booking_id=args.booking), args.out)
    relay, season = find_relay(services, args.relay), find_season(services, args.season)
    return _write(lambda: services.documents.relay_slip(relay_id=relay.id, season_id=season.id), args.out)


def run_catalogue(args: argparse.Namespace, context) -> int:
    services: Services = context.services
    season = find_season(services, args.season)
    return _write(lambda: services.documents.catalogue(season.id, everything=args.all), args.out)


# --- finding what the person named ----------------------------------------------------------------
def find_season(services: Services, label: str | None) -> SeasonInfo:
    seasons = services.seasons.list_seasons()
    if label is None:
        season = services.seasons.default_season()
        if season is None:
            raise DomainError("no_season", "Aucune saison n'existe encore : créez-en une dans la fenêtre.")
        return season
    wanted = label.strip().replace("/", "-")
    for season in seasons:
        if season.label == wanted or str(season.id) == wanted:
            return season
    known = ", ".join(s.label for s in seasons) or "aucune"
    raise DomainError("season_unknown", f"La saison « {label} » n'existe pas (saisons : {known}).")


def find_relay(services: Services, text: str) -> RelayRow:
    """A relay by number, by its exact name (or "name (commune)"), or by a part of its name;
    several relays answering is refused with the list of their numbers."""
    relays = services.relays.list_relays()
    wanted = text.strip()
    if wanted.isdigit():
        for relay in relays:
            if relay.id == int(wanted):
                return relay
        raise DomainError("relay_unknown", f"Aucun relais ne porte le numéro {wanted}.")
    key = _fold(wanted)
    exact = [r for r in relays if key in (_fold(r.name), _fold(f"{r.name} ({r.commune})"))]
    matches = exact or [r for r in relays if key in _fold(r.name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise DomainError("relay_unknown", f"Aucun relais ne s'appelle « {wanted} ».")
    listing = "\n".join(f"  n° {r.id} : {r.name} ({r.commune})" for r in matches)
    raise DomainError(
        "relay_ambiguous",
        f"Plusieurs relais répondent à « {wanted} » :\n{listing}\nDonnez son numéro, par exemple --relay {matches[0].id}.",
    )


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


# --- writing --------------------------------------------------------------------------------------
def _write(make: Callable[[], Document], out: str | None, then: Callable[[Document], Document] | None = None) -> int:
    """Make the document and write it to `out` (a file, or a folder for the document's own
    name; the current folder by default). A temporary file is created first, so that a folder
    that cannot be written refuses before anything is done; `then` (marking tickets issued) runs
    once the document is flushed to the disk, just before it is put in place."""
    requested = Path(out) if out else None
    into_folder = requested is None or requested.is_dir()
    folder = (requested or Path.cwd()) if into_folder else requested.parent
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed once written, then put in place
            dir=folder, prefix=".acs-", suffix=".pdf", delete=False
        )
    except OSError as error:
        raise fault(error, folder) or DomainError(
            "write_failed", f"Impossible d'écrire dans « {folder} » : {error.strerror or error}."
        ) from None
    temporary = Path(handle.name)
    try:
        with handle:
            document = make()
            handle.write(document.content)
            handle.flush()
            os.fsync(handle.fileno())  # a disk that fills up on flushing says it before the document is in place
        if then is not None:
            document = then(document)
        path = folder / document.filename if into_folder else requested
        os.chmod(temporary, 0o666 & ~_umask())  # a temporary file is private; the document need not be
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        said = fault(
            OSError(error.errno, error.strerror),
            requested if not into_folder else folder,
            outcome="Aucun fichier n'a été laissé à moitié écrit.",
        )
        if said is None:
            raise
        raise said from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    say_written(document.summary, path)
    return 0


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
