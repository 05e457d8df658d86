"""`acs-desktop booking-form`: a relay's booking form (XLSX to fill, and its PDF twin), or every
active relay's into a folder.

    acs-desktop booking-form --relay "CCAS de Rezé" [--season 2026-2027] [--out bon.xlsx]
    acs-desktop booking-form --all [--season 2026-2027] [--out DOSSIER]

The PDF is written beside the workbook, under the same name. Whole or not at all: all the files
are put in place together, or none.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from acs_desktop.commands import say_written
from acs_desktop.commands.documents import SEASON_HELP, find_relay, find_season
from acs_desktop.domain.french import quantity
from acs_desktop.exports.atomic import write_documents, write_files
from acs_desktop.services import Services


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "booking-form",
        help="écrit le bon de réservation d'un relais (XLSX à remplir, et sa version PDF à imprimer)",
        description="Écrit le bon de réservation d'un relais : les représentations ouvertes à la réservation, "
        "avec les places restantes, une colonne « Places demandées » à remplir, et ses réservations en cours "
        "avec « Places à rendre ». Un classeur XLSX à renvoyer rempli, et sa version PDF à imprimer, "
        "écrite à côté sous le même nom.",
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--relay", metavar="RELAIS", help="nom ou numéro du relais")
    which.add_argument("--all", action="store_true", help="un bon pour chaque relais actif, dans un dossier")
    parser.add_argument("--season", metavar="SAISON", help=SEASON_HELP)
    parser.add_argument(
        "--out",
        metavar="FICHIER.xlsx",
        help="le classeur à écrire (le PDF est écrit à côté) ; avec --all, le dossier où écrire les bons ; "
        "par défaut un nom parlant dans le dossier courant",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context) -> int:
    services: Services = context.services
    season = find_season(services, args.season)
    if args.all:
        folder = Path(args.out) if args.out else Path.cwd()
        documents = services.documents.booking_forms(season.id)
        write_documents(documents, folder)
        say_written(
            f"Bons de réservation de la saison {season.label} : "
            f"{quantity(len(documents) // 2, 'relais', 'relais')} (classeur XLSX et PDF).",
            folder,
        )
        return 0
    relay = find_relay(services, args.relay)
    workbook, pdf = services.documents.booking_form(relay.id, season.id)
    requested = Path(args.out) if args.out else None
    if requested is None or requested.is_dir():
        folder = requested or Path.cwd()
        workbook_path, pdf_path = folder / workbook.filename, folder / pdf.filename
    else:
        workbook_path = (
            requested if requested.suffix.lower() == ".xlsx" else requested.with_name(requested.name + ".xlsx")
        )
        pdf_path = workbook_path.with_suffix(".pdf")
    write_files({workbook_path: workbook.content, pdf_path: pdf.content}, folder=workbook_path.parent)
    print(workbook.summary.removesuffix(" (classeur).") + ".")
    print(f"→ {workbook_path.resolve()}")
    print(f"→ {pdf_path.resolve()}")
    return 0
