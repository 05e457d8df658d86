"""`backup --to DIR`, `restore FILE`, `check`, `move-to ADDRESS`: the store's safety from the
command line. On a PostgreSQL store (several desks), `backup` writes a store file of its rows,
`check` checks the database's schema, and `restore` is refused (it would erase the other desks'
work): a backup goes back to a server through `move-to`, into an empty database."""

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
    move = subparsers.add_parser(
        "move-to",
        help="copie la base de ce poste dans une base PostgreSQL vide (plusieurs postes), puis la vérifie",
    )
    move.add_argument("target", metavar="ADRESSE", help="postgresql://utilisateur@serveur/base (une base vide)")
    move.set_defaults(handler=run_move_to, opens_store=False, exclusive=True)


def run_backup(args, context) -> int:
    if context.address is not None:
        return _server_backup(args, context)
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


def _server_backup(args, context) -> int:
    from acs_desktop.db.server import open_server_store
    from acs_desktop.db.transfer import write_server_backup

    now = datetime.now()
    try:
        store = open_server_store(context.address, context.data_dir, pool_size=1)
        try:
            target = write_server_backup(store, args.to / f"acs-{now:%Y-%m-%d-%H%M}.sqlite")
        finally:
            store.close()
    except StoreError as error:
        print(error.message, file=sys.stderr)
        return 1
    note_copy_outside(context.data_dir, args.to, now)
    print(f"Sauvegarde de la base partagée écrite (une base de poste, restaurable sur un portable) : {target}")
    return 0


def run_move_to(args, context) -> int:
    from acs_desktop.db.engine import is_server_address
    from acs_desktop.db.server import shown_address
    from acs_desktop.db.transfer import TransferError, move_to
    from acs_desktop.domain.french import format_int, quantity

    if context.address is not None:
        print(
            "Ce poste travaille déjà sur une base PostgreSQL : move-to copie la base d'un poste (son fichier).",
            file=sys.stderr,
        )
        return 1
    if not is_server_address(args.target):
        print(
            f"« {args.target} » n'est pas l'adresse d'une base PostgreSQL (postgresql://utilisateur@serveur/base).",
            file=sys.stderr,
        )
        return 1
    if not context.store_path.exists():
        print(f"Aucune base à transférer dans « {context.data_dir} ».", file=sys.stderr)
        return 1
    shown = shown_address(args.target)
    print(f"Transfert de « {context.store_path} » vers « {shown} »…")
    try:
        result = move_to(context.store_path, args.target, context.data_dir)
    except (StoreError, TransferError) as error:
        print(f"Transfert refusé : {error.message}", file=sys.stderr)
        return 1
    print(
        f"Transfert vérifié : {format_int(result.total)} lignes copiées, mêmes nombres dans chaque table et même bilan "
        f"pour {quantity(result.seasons_compared, 'saison')}."
    )
    print(f'Les postes s\'y connectent avec : acs-desktop --database "{shown}" (ou le réglage « Base de données »).')
    print(f"La base de ce poste reste telle quelle : {context.store_path}")
    return 0


def run_restore(args, context) -> int:
    if context.address is not None:
        from acs_desktop.services.safety import RESTORE_ON_SERVER

        print(f"Restauration refusée : {RESTORE_ON_SERVER}", file=sys.stderr)
        return 1
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
    if context.address is not None:
        return _server_check(context)
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


def _server_check(context) -> int:
    from acs_desktop.db.server import open_server_store, shown_address
    from acs_desktop.db.transfer import count_rows
    from acs_desktop.domain.french import format_int

    try:
        store = open_server_store(context.address, context.data_dir, pool_size=1)
    except StoreError as error:
        print(error.message)
        print("Résultat : la base partagée n'a pas pu être vérifiée.")
        return 1
    try:
        with store.engine.connect() as connection:
            rows = sum(count_rows(connection).values())
    finally:
        store.close()
    print(f"Base partagée : {shown_address(context.address)}")
    print(f"Schéma à jour, {format_int(rows)} lignes. L'intégrité des fichiers est celle du serveur PostgreSQL.")
    print("Résultat : la base est saine.")
    return 0
