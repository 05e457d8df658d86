"""`acs-desktop report`: the funders' report of a season (PDF), and its tables in XLSX or CSV.

    acs-desktop report --season 2025-2026 --out bilan.pdf [--xlsx bilan.xlsx] [--csv DOSSIER]
"""

from __future__ import annotations

from pathlib import Path

from acs_desktop.commands import say_written
from acs_desktop.commands.season_arg import find_season
from acs_desktop.domain.errors import DomainError
from acs_desktop.exports.atomic import write_file


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="écrit le bilan de saison pour les financeurs (PDF), et ses tableaux (XLSX, CSV)",
        description="Écrit le rapport de bilan d'une saison pour les partenaires et les financeurs.",
    )
    parser.add_argument("--season", required=True, metavar="SAISON", help="la saison, par exemple 2025-2026")
    parser.add_argument("--out", required=True, metavar="FICHIER.pdf", help="le rapport PDF à écrire")
    parser.add_argument("--xlsx", metavar="FICHIER.xlsx", help="écrit aussi les tableaux du bilan dans un classeur")
    parser.add_argument("--csv", metavar="DOSSIER", help="écrit aussi les tableaux du bilan en fichiers CSV dans ce dossier")
    parser.set_defaults(handler=run)


def write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, data)  # whole or not at all: never a 0-byte report on a full disk
    except OSError as exc:
        raise DomainError("write_failed", f"Impossible d'écrire « {path} » ({exc.strerror or exc}).") from None


def run(args, context) -> int:
    services = context.services
    season = find_season(services, args.season)
    out = Path(args.out)
    pdf = services.review.report_pdf(season.id)
    write(out, pdf)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    say_written(f"Bilan de la saison {season.label} : {pages} pages.", out)
    if args.xlsx:
        write(Path(args.xlsx), services.review.report_xlsx(season.id))
        say_written("Tableaux du bilan en classeur XLSX.", Path(args.xlsx))
    if args.csv:
        written = services.review.report_csv(season.id, Path(args.csv))
        say_written(f"Tableaux du bilan en CSV : {len(written)} fichiers.", Path(args.csv))
    return 0
