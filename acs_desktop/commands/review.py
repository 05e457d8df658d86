"""`acs-desktop report`: the funders' report of a season (PDF), and its tables in XLSX or CSV.

acs-desktop report --season 2025-2026 --out bilan.pdf [--xlsx bilan.xlsx] [--csv DOSSIER]
"""

from __future__ import annotations

from pathlib import Path

from acs_desktop.commands import say_written
from acs_desktop.commands.season_arg import find_season
from acs_desktop.exports.atomic import write_document, write_documents


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="écrit le bilan de saison pour les financeurs (PDF), et ses tableaux (XLSX, CSV)",
        description="Écrit le rapport de bilan d'une saison pour les partenaires et les financeurs.",
    )
    parser.add_argument("--season", required=True, metavar="SAISON", help="la saison, par exemple 2025-2026")
    parser.add_argument("--out", required=True, metavar="FICHIER.pdf", help="le rapport PDF à écrire")
    parser.add_argument("--xlsx", metavar="FICHIER.xlsx", help="écrit aussi les tableaux du bilan dans un classeur")
    parser.add_argument(
        "--csv", metavar="DOSSIER", help="écrit aussi les tableaux du bilan en fichiers CSV dans ce dossier"
    )
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    services = context.services
    season = find_season(services, args.season)
    # Whole or not at all: never a 0-byte report on a full disk.
    report = services.documents.review_report(season.id)
    say_written(report.summary, write_document(report, Path(args.out), make_folder=True))
    if args.xlsx:
        workbook = services.documents.review_workbook(season.id)
        say_written(workbook.summary, write_document(workbook, Path(args.xlsx), make_folder=True))
    if args.csv:
        written = write_documents(services.documents.review_csv(season.id), Path(args.csv))
        say_written(f"Tableaux du bilan en CSV : {len(written)} fichiers.", Path(args.csv))
    return 0
