"""Seasons in and out of spreadsheets: export a season to CSV files or one XLSX workbook, and
import them back (or earlier years kept in spreadsheets), all or nothing.

    plan = services.season_io.plan(path)      # reads and checks everything, writes nothing
    if plan.ok:
        services.season_io.apply(plan)        # checks again and writes, in one transaction

Both read the files line by line and take an optional `progress(percent, text)`, called every few
hundred lines: if it returns False (or raises), the work stops there and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from acs_desktop.domain.accounts import Permission
from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import fault
from acs_desktop.domain.french import format_int
from acs_desktop.domain.progress import Progress
from acs_desktop.models import Season
from acs_desktop.services.base import Service, get_or_refuse
from acs_desktop.services.season_io.exporting import season_tables
from acs_desktop.services.season_io.files import SPECS, write_csv_folder, write_workbook
from acs_desktop.services.season_io.planning import Planner
from acs_desktop.services.season_io.reading import inspect
from acs_desktop.services.season_io.records import ImportPlan, ImportProblem, PlanLine
from acs_desktop.services.season_io.writing import Writer

__all__ = ["SPECS", "ImportPlan", "ImportProblem", "PlanLine", "SeasonIOService"]


class SeasonIOService(Service):
    # --- export ---------------------------------------------------------------------------
    def export_csv(self, season_id: int, folder: Path) -> list[Path]:
        """The season as `partenaires.csv`, `conventions.csv`, … in `folder` (referents' names,
        phones and e-mails, beneficiaries' first names: the direction's)."""
        self._desk.require(Permission.PERSONAL_EXPORT)
        with self._reading() as session:
            tables = season_tables(session, get_or_refuse(session, Season, season_id, "Cette saison"))
        return _written(lambda: write_csv_folder(Path(folder), tables), folder)

    def export_xlsx(self, season_id: int, path: Path) -> Path:
        """The season as one workbook whose sheets have the names of the CSV files."""
        self._desk.require(Permission.PERSONAL_EXPORT)
        with self._reading() as session:
            tables = season_tables(session, get_or_refuse(session, Season, season_id, "Cette saison"))
        return _written(lambda: write_workbook(Path(path), tables), path)

    # --- import ---------------------------------------------------------------------------
    def plan(self, path: Path, progress: Progress | None = None) -> ImportPlan:
        """Read a folder of CSV files or a workbook and check every line; nothing is written."""
        _step(progress, 0, "Examen des fichiers…")
        source = inspect(Path(path))
        with self._reading() as session:
            plan, _ = Planner(session, source, self._now(), _lines(progress, "Vérification")).run()
        return plan

    def apply(self, plan: ImportPlan, progress: Progress | None = None) -> ImportPlan:
        """Write what `plan` announced, in one transaction: everything, or nothing at all."""
        if plan.problems:
            raise DomainError("import_refused", f"L'import est refusé : {plan.refusal}.")
        _step(progress, 0, "Examen des fichiers…")
        source = inspect(Path(plan.source.path))
        if source.fingerprint != plan.source.fingerprint or source.refusals:
            raise DomainError(
                "import_stale", "Les fichiers ont changé depuis la vérification : relancez la vérification de l'import."
            )
        with self._writing() as session:
            planner = Planner(session, source, self._now(), _lines(progress, "Vérification et écriture"))
            writer = Writer(session, planner.draft, self._now())
            planner.draft.reservations.sink = writer.add_reservations
            fresh, _ = planner.run()
            if fresh.problems or fresh.lines != plan.lines:
                raise DomainError(
                    "import_stale", "La base a changé depuis la vérification : relancez la vérification de l'import."
                )
            if not fresh.ok:
                raise DomainError("import_empty", "Ces fichiers ne contiennent rien à importer.")
            _step(progress, 99, "Écriture des dernières lignes…")
            writer.finish()
            created = ", ".join(
                f"{line.new} {line.kind.lower()}"
                for line in fresh.lines
                if line.new and not line.kind.startswith("dont")
            )
            self._log(session, "import", "season", None, f"Import de « {plan.source.path} » : {created}")
            return fresh


def _step(progress: Progress | None, percent: int, text: str) -> None:
    """Say how far the import is, in percent; `progress` raises `Cancelled` to stop it."""
    if progress is not None:
        progress(percent, 100, text)


def _lines(progress: Progress | None, what: str):
    """The planner's `(lines read, total)` as `progress(percent, text)`."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        if total:
            _step(progress, min(98, done * 100 // total), f"{what} : ligne {format_int(done)} sur {format_int(total)}…")
        else:
            _step(progress, 0, f"{what} : ligne {format_int(done)}…")

    return report


def _written(write, target):
    try:
        return write()
    except OSError as exc:
        raise fault(exc, target) or DomainError(
            "export_failed", f"Impossible d'écrire « {target} » ({exc.strerror or exc})."
        ) from None
