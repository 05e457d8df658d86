"""`backup --to DIR`, `restore FILE`, `check`: the store's safety from the command line."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from acs_desktop.db.backup import check_store, note_copy_outside, restore_backup, write_backup
from acs_desktop.db.store import StoreError
from acs_desktop.domain.faults import describe


def register(subparsers) -> None:
    backup = subparsers.add_parser("backup", help="copie la base (vérifiée) dans un dossier, par exemple une clé USB")
    backup.add_argument("--to", required=True, metavar="DOSSIER", type=Path, help="dossier où écrire la copie")
    # The copy holds every person's data, and a restore replaces the store: with accounts, the
    # direction's (`cli._authorise` checks `permission` before the handler runs).
    backup.set_defaults(handler=run_backup, opens_store=False, exclusive=False, permission="personal_export")
    restore = subparsers.add_parser("restore", help="remplace la base par une sauvegarde, après l'avoir vérifiée")
    restore.add_argument("file", metavar="FICHIER", type=Path)
    restore.set_defaults(handler=run_restore, opens_store=False, exclusive=True, permission="restore")
    check = subparsers.add_parser("check", help="vérifie la base (intégrité, liens, version)")
    check.set_defaults(handler=run_check, opens_store=False, exclusive=False)


def run_backup(args, context) -> int:
    if not context.store_path.exists():
        print(f"Aucune base à sauvegarder dans « {context.data_dir} ».", file=sys.stderr)
        return 1
    now = datetime.now()
    try:
        target = write_backup(context.store_path, args.to / f"acs-{now:%Y-%m-%d-%H%M}.sqlite")
    except StoreError as error:
        print(error.message, file=sys.stderr)
        return 1
    except OSError as exc:
        print(
            describe(exc, args.to) or f"La copie n'a pas pu être écrite dans « {args.to} » ({exc.strerror}).",
            file=sys.stderr,
        )
        return 1
    note_copy_outside(context.data_dir, args.to, now)  # « À faire » stops reminding for a week
    print(f"Sauvegarde écrite : {target}")
    return 0


def run_restore(args, context) -> int:
    try:
        result = restore_backup(args.file, context.store_path, context.data_dir, datetime.now())
    except StoreError as error:
        print(f"Restauration refusée : {error.message}", file=sys.stderr)
        return 1
    print(f"Base restaurée depuis « {result.restored_from} ».")
    if result.previous_kept_at:
        what = "La base endommagée a été mise de côté" if result.previous_was_damaged else "L'ancienne base est gardée"
        print(f"{what} : {result.previous_kept_at}")
    return 0


def run_check(args, context) -> int:
    report = check_store(context.store_path)
    for line in report.lines:
        print(line)
    if report.fault:  # the machine stopped the check: the store is not said damaged
        print(
            "Résultat : la base n'a pas pu être vérifiée ; elle n'est pas endommagée pour autant. Relancez la vérification une fois le problème réglé."
        )
    else:
        print(
            "Résultat : la base est saine."
            if report.ok
            else "Résultat : la base a un problème. Restaurez la dernière sauvegarde (acs-desktop restore FICHIER)."
        )
    return 0 if report.ok else 1
