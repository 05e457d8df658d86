"""`acs-desktop todo [--season SAISON]`: the lines of « À faire », without the window.

The same lines as the page the window opens on, through the same service: grouped, the most
urgent first, one line each. Read-only: it runs while the window is open.
"""

from __future__ import annotations

import argparse

from acs_desktop.commands.season_arg import find_season
from acs_desktop.services import Services
from acs_desktop.services.todo import TodoUrgency

NOTHING = "Rien à faire aujourd'hui."


def register(subparsers) -> None:
    todo = subparsers.add_parser(
        "todo",
        help="affiche ce qui attend aujourd'hui (la page « À faire »)",
        description="Affiche ce qui attend aujourd'hui, comme la page « À faire » : billets urgents à éditer, "
        "présence à relever, places proposées sans réponse, relais à prévenir d'une annulation, conventions "
        "encore en brouillon, copie sur un support externe.",
    )
    todo.add_argument("--season", metavar="SAISON", help="la saison, par exemple 2026-2027 (par défaut : l'actuelle)")
    todo.set_defaults(handler=run_todo, exclusive=False)


def run_todo(args: argparse.Namespace, context) -> int:
    services: Services = context.services
    season = find_season(services, args.season) if args.season else services.seasons.default_season()
    if season is None:
        print("Aucune saison dans cette base.")
        return 0
    groups = services.todo.groups(season.id)
    print(f"À faire — saison {season.label}")
    if not groups:
        print(NOTHING)
    for group in groups:
        print()
        print(group.title + (" — urgent" if group.urgency is TodoUrgency.NOW else ""))
        for item in group.items:
            print(f"  - {item.text}")
    return 0
