"""`acs-desktop report`: the funders' report of a season (PDF), and its tables in XLSX or CSV.

acs-desktop report --season 2025-2026 --out bilan.pdf [--xlsx bilan.xlsx] [--csv DOSSIER]
acs-desktop report --verify bilan.pdf     (do its figures still match the store? exit 0 yes, 1 no)
"""

from __future__ import annotations

from pathlib import Path

from acs_desktop.commands import say_written
from acs_desktop.commands.season_arg import find_season
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.french import format_date
from acs_desktop.exports.atomic import write_document, write_documents


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="écrit le bilan de saison pour les financeurs (PDF), et ses tableaux (XLSX, CSV)",
        description="Écrit le rapport de bilan d'une saison pour les partenaires et les financeurs.",
    )
    parser.add_argument("--season", metavar="SAISON", help="la saison, par exemple 2025-2026")
    parser.add_argument("--out", metavar="FICHIER.pdf", help="le rapport PDF à écrire")
    parser.add_argument("--xlsx", metavar="FICHIER.xlsx", help="écrit aussi les tableaux du bilan dans un classeur")
    parser.add_argument(
        "--csv", metavar="DOSSIER", help="écrit aussi les tableaux du bilan en fichiers CSV dans ce dossier"
    )
    parser.add_argument(
        "--verify",
        metavar="FICHIER.pdf",
        help="vérifie que les chiffres d'un bilan édité correspondent toujours à la base (code 0 : oui, 1 : non)",
    )
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    if args.verify:
        if args.season or args.out or args.xlsx or args.csv:
            raise DomainError("verify_alone", "--verify s'emploie seul : le fichier à vérifier, sans autre option.")
        return verify(Path(args.verify), context.services)
    if not (args.season and args.out):
        raise DomainError(
            "report_arguments", "Indiquez la saison (--season) et le rapport à écrire (--out), ou --verify FICHIER.pdf."
        )
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


def verify(path: Path, services) -> int:
    """Says in French whether the report's figures still match the store: 0 if so, 1 if not."""
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise DomainError("file_missing", f"Le fichier {path} n'existe pas.") from None
    check = services.documents.check_report(content)
    stamp = check.stamp
    edited = f"le bilan de la saison {stamp.season_label} édité le {format_date(stamp.as_of)} à {stamp.as_of:%H:%M}"
    if check.matches:
        print(
            f"Les chiffres correspondent : {edited} (empreinte {stamp.fingerprint}, petits nombres sous "
            f"{stamp.threshold}) dit toujours ce que dit la base."
        )
        return 0
    if check.recomputed is None:
        print(
            f"Les chiffres ne correspondent plus : la saison {stamp.season_label} n'est plus dans la base ({edited})."
        )
        return 1
    print(
        f"Les chiffres ne correspondent plus : la base a changé depuis {edited}. "
        f"Empreinte du rapport : {stamp.fingerprint} ; recalculée à la même date : {check.recomputed}. "
        "Éditez un nouveau bilan si ces changements doivent y figurer."
    )
    return 1
