"""`acs-desktop import` and `acs-desktop export`: seasons in and out of spreadsheets.

    acs-desktop import DOSSIER_OU_CLASSEUR [--dry-run]
    acs-desktop export --season 2025-2026 --out DOSSIER [--xlsx FICHIER.xlsx]

An import is all or nothing: every wrong line is listed (file, line, reason), then the lines that
wait for a refused one (file, line, and the line they wait for); nothing is written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from acs_desktop.commands import say_written
from acs_desktop.commands.season_arg import find_season
from acs_desktop.domain.french import format_int


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="importe une ou plusieurs saisons depuis un dossier de fichiers CSV ou un classeur XLSX",
        description="Importe des saisons (partenaires, conventions, relais, offres, réservations) : tout ou rien.",
    )
    parser.add_argument(
        "path", metavar="DOSSIER_OU_CLASSEUR", help="un dossier de fichiers CSV (partenaires.csv…) ou un classeur XLSX"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="vérifie seulement : montre ce qui serait créé, n'écrit rien"
    )
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser(
        "export",
        help="exporte une saison en fichiers CSV (et en classeur XLSX)",
        description="Exporte une saison dans les fichiers que l'import relit.",
    )
    parser.add_argument("--season", required=True, metavar="SAISON", help="la saison, par exemple 2025-2026")
    parser.add_argument("--out", metavar="DOSSIER", help="le dossier où écrire les fichiers CSV")
    parser.add_argument("--xlsx", metavar="FICHIER.xlsx", help="écrit aussi (ou seulement) un classeur XLSX")
    parser.set_defaults(handler=run_export)


def plan_lines(plan) -> list[str]:
    lines = []
    for line in plan.lines:
        if not line.new and not line.existing:
            continue
        text = f"  {line.kind} : {format_int(line.new)}"
        if line.existing:
            text += f" (et {format_int(line.existing)} déjà dans la base)"
        lines.append(text)
    return lines


def run_import(args, context) -> int:
    services = context.services
    plan = services.season_io.plan(Path(args.path))
    if plan.problems:
        print(f"Import refusé : {plan.refusal} ; rien n'a été écrit.", file=sys.stderr)
        for problem in plan.problems:
            if problem.depends_on is None:
                print(f"  {problem}", file=sys.stderr)
        waiting = [problem for problem in plan.problems if problem.depends_on is not None]
        if waiting:
            print("En attente d'une ligne refusée (vérifiées de nouveau après sa correction) :", file=sys.stderr)
            for problem in waiting:
                print(f"  {problem}", file=sys.stderr)
        for more in plan.unlisted:
            print(f"  {more}", file=sys.stderr)
        return 1
    if not plan.ok:
        print("Rien à importer : ces fichiers ne contiennent aucune ligne nouvelle.", file=sys.stderr)
        return 1
    seasons = ", ".join(plan.seasons)
    print(f"{'Vérification' if args.dry_run else 'Import'} de « {args.path} » (saisons {seasons}) :")
    print("\n".join(plan_lines(plan)))
    if args.dry_run:
        print("Rien n'a été écrit (--dry-run).")
        return 0
    services.season_io.apply(plan)
    print("Import terminé.")
    return 0


def run_export(args, context) -> int:
    if not args.out and not args.xlsx:
        print("Indiquez où écrire : --out DOSSIER (fichiers CSV) et/ou --xlsx FICHIER.xlsx.", file=sys.stderr)
        return 2
    services = context.services
    season = find_season(services, args.season)
    if args.out:
        written = services.season_io.export_csv(season.id, Path(args.out))
        say_written(f"Saison {season.label} exportée : {len(written)} fichiers CSV.", Path(args.out))
    if args.xlsx:
        services.season_io.export_xlsx(season.id, Path(args.xlsx))
        say_written(f"Saison {season.label} exportée en classeur XLSX.", Path(args.xlsx))
    return 0
