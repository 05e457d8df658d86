"""`acs-desktop import-requests`: returned booking forms, read, shown, then applied.

    acs-desktop import-requests BON.xlsx [BON2.xlsx…] [--dry-run]

The forms are applied in the order they arrived (their files' modification times), each all or
nothing; each line says what was (or, with --dry-run, would be) done: booked, waiting list,
places returned, refused and why. A form changed beyond its fillable cells is refused whole.
"""

from __future__ import annotations

import sys
from pathlib import Path

from acs_desktop.domain.form_imports import FormsImport, LineOutcome
from acs_desktop.domain.french import quantity
from acs_desktop.domain.ticket_codes import display


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import-requests",
        help="importe des bons de réservation renvoyés par les relais (réservations, liste d'attente, places rendues)",
        description="Importe des bons de réservation remplis par les relais, dans l'ordre où ils sont arrivés "
        "(date de modification des fichiers) : chaque ligne est réservée, inscrite en liste d'attente, "
        "rendue ou refusée (avec la raison). Chaque bon est importé en entier ou pas du tout ; "
        "un bon déjà importé ne réserve rien une seconde fois.",
    )
    parser.add_argument("paths", nargs="+", metavar="BON.xlsx", help="un ou plusieurs bons de réservation remplis")
    parser.add_argument("--dry-run", action="store_true", help="montre seulement ce qui serait fait, n'écrit rien")
    parser.set_defaults(handler=run)


def describe(result: FormsImport) -> list[str]:
    lines = []
    for form in result.forms:
        if form.refused:
            lines.append(f"{form.file_name} : refusé. {form.refusal}")
            continue
        lines.append(
            f"{form.file_name} — bon n° {form.form_key} de « {form.relay_name} » (saison {form.season_label}) :"
        )
        if not form.lines:
            lines.append("  aucune ligne remplie.")
        for line in form.lines:
            said = f"  {line.sheet}, ligne {line.line} : {line.performance}, {line.asked} — {line.outcome.label} : {line.detail}"
            if line.codes:
                said += f" ; codes {', '.join(display(code) for code in line.codes)}"
            lines.append(said)
    return lines


def run(args, context) -> int:
    services = context.services
    preview = services.form_imports.preview([Path(p) for p in args.paths])
    if not args.dry_run:
        preview = services.form_imports.apply(preview)
    print("\n".join(describe(preview)))
    booked, waiting, returned, refused = (
        preview.count(o) for o in (LineOutcome.BOOKED, LineOutcome.WAITING, LineOutcome.RETURNED, LineOutcome.REFUSED)
    )
    totals = (
        f"{quantity(booked, 'ligne réservée', 'lignes réservées')}, {waiting} en liste d'attente, "
        f"{quantity(returned, 'retour', 'retours')} de places, {quantity(refused, 'ligne refusée', 'lignes refusées')}, "
        f"{quantity(preview.refused_forms, 'bon refusé', 'bons refusés')}."
    )
    print(("Rien n'a été écrit (--dry-run) : " if args.dry_run else "Import terminé : ") + totals)
    if preview.refused_forms:
        print(
            "Un bon refusé n'a rien réservé : demandez au relais de renvoyer le bon tel qu'il l'a reçu, rempli.",
            file=sys.stderr,
        )
        return 1
    return 0
