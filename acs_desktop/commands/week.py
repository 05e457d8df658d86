"""`acs-desktop week [--from JJ/MM/AAAA]`: the call list of the seven days ahead, without the window.

The same PDF as « Documents › Semaine à venir », through the same service; written like the other
documents (`--out`: a file or a folder). A date that cannot be read is refused before anything is
written.
"""

from __future__ import annotations

import argparse

from acs_desktop.commands.documents import OUT_HELP, _write
from acs_desktop.domain.french import parse_date
from acs_desktop.services import Services


def register(subparsers) -> None:
    week = subparsers.add_parser(
        "week",
        help="écrit la semaine à venir : les relais à appeler la veille",
        description="Écrit la liste d'appels des 7 jours à venir (le jour de départ compris) : chaque représentation, "
        "et pour chaque relais qui y a des places le référent à appeler, son téléphone, le nombre de places "
        "et si les billets sont partis ; les représentations annulées à part, avec les relais à prévenir.",
    )
    week.add_argument(
        "--from",
        dest="start",
        metavar="JJ/MM/AAAA",
        help="premier jour de la semaine, par exemple 14/02/2026 (par défaut : aujourd'hui)",
    )
    week.add_argument("--out", metavar="FICHIER.pdf", help=OUT_HELP)
    week.set_defaults(handler=run_week)


def run_week(args: argparse.Namespace, context) -> int:
    services: Services = context.services
    start = parse_date(args.start, what="--from") if args.start is not None else None
    return _write(lambda: services.week.week_ahead(start), args.out)
