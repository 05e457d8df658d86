"""Seasons in and out of spreadsheets: export a season to CSV files or one XLSX workbook, and
import them back (or earlier years kept in spreadsheets), all or nothing.

    plan = services.season_io.plan(path)      # reads and checks everything, writes nothing
    if plan.ok:
        services.season_io.apply(plan)        # checks again and writes, in one transaction
"""

from __future__ import annotations

from pathlib import Path

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.faults import fault
from acs_desktop.models import Season
from acs_desktop.services.base import Service, get_or_refuse
from acs_desktop.services.season_io.exporting import season_tables
from acs_desktop.services.season_io.files import SPECS, read_source, write_csv_folder, write_workbook
from acs_desktop.services.season_io.planning import Planner
from acs_desktop.services.season_io.records import ImportPlan, ImportProblem, PlanLine
from acs_desktop.services.season_io.writing import Writer

__all__ = ["SPECS", "ImportPlan", "ImportProblem", "PlanLine", "SeasonIOService"]


class SeasonIOService(Service):
    # --- export ---------------------------------------------------------------------------
    def export_csv(self, season_id: int, folder: Path) -> list[Path]:
        """The season as `partenaires.csv`, `conventions.csv`, … in `folder`."""
        with self._reading() as session:
            tables = season_tables(session, get_or_refuse(session, Season, season_id, "Cette saison"))
        return _written(lambda: write_csv_folder(Path(folder), tables), folder)

    def export_xlsx(self, season_id: int, path: Path) -> Path:
        """The season as one workbook whose sheets have the names of the CSV files."""
        with self._reading() as session:
            tables = season_tables(session, get_or_refuse(session, Season, season_id, "Cette saison"))
        return _written(lambda: write_workbook(Path(path), tables), path)

    # --- import ---------------------------------------------------------------------------
    def plan(self, path: Path) -> ImportPlan:
        """Read a folder of CSV files or a workbook and check every line; nothing is written."""
        source = read_source(Path(path))
        with self._reading() as session:
            plan, _ = Planner(session, source, self._now()).run()
        return plan

    def apply(self, plan: ImportPlan) -> ImportPlan:
        """Write what `plan` announced, in one transaction: everything, or nothing at all."""
        if plan.problems:
            raise DomainError("import_refused", f"L'import est refusé : {len(plan.problems)} ligne(s) à corriger.")
        with self._writing() as session:
            fresh, draft = Planner(session, plan.source, self._now()).run()
            if fresh.problems or fresh.lines != plan.lines:
                raise DomainError("import_stale", "La base a changé depuis la vérification : relancez la vérification de l'import.")
            if not fresh.ok:
                raise DomainError("import_empty", "Ces fichiers ne contiennent rien à importer.")
            Writer(session, draft, self._now()).write()
            created = ", ".join(f"{line.new} {line.kind.lower()}" for line in fresh.lines if line.new and not line.kind.startswith("dont"))
            self._log(session, "import", "season", None, f"Import de « {plan.source.path} » : {created}")
            return fresh


def _written(write, target):
    try:
        return write()
    except OSError as exc:
        raise fault(exc, target) or DomainError("export_failed", f"Impossible d'écrire « {target} » ({exc.strerror or exc}).") from None
