"""What an import check finds wrong: the problems, listed up to `MAX_LISTED` per file and counted
beyond (a file of 300,000 wrong lines gives a list a person can read, and a bounded one); and the
lines that wait for a refused line they rely on, each naming that line (`Origin`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from acs_desktop.domain.french import quantity
from acs_desktop.services.season_io.records import ImportProblem

MAX_LISTED = 500  # problems listed per file: enough to correct a file


@dataclass(frozen=True)
class Origin:
    """The refused line (or file) that something would have come from."""

    place: str  # "offres.csv, ligne 3", or "offres.csv" for a whole file
    root: str  # the line refused in the first place: `place` itself, or the one `place` waits for
    whole_file: bool = False

    @property
    def text(self) -> str:
        if self.root != self.place:
            return f"{self.place}, en attente de {self.root}"
        return f"{self.place}, fichier refusé" if self.whole_file else f"{self.place}, refusée"


class Dependent(Exception):
    """The line relies on something a refused line would have defined."""

    def __init__(self, what: str, origin: Origin):
        super().__init__(what)
        self.what = what  # "de la représentation « Boléro » le 15/03/2026 à 20:00"
        self.origin = origin


def plural_lines(n: int) -> str:
    return quantity(n, "ligne")


class Problems:
    def __init__(self):
        self.listed: list[ImportProblem] = []
        self.to_correct = self.waiting = 0
        self._per_file: dict[str, int] = defaultdict(int)
        self._unlisted: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # where → [to correct, waiting]

    def add(self, problem: ImportProblem) -> None:
        waiting = problem.depends_on is not None
        if waiting:
            self.waiting += 1
        else:
            self.to_correct += 1
        if self._per_file[problem.where] < MAX_LISTED:
            self._per_file[problem.where] += 1
            self.listed.append(problem)
        else:
            self._unlisted[problem.where][waiting] += 1

    def wait(self, where: str, line: int, dependent: Dependent) -> Origin:
        """The line `where`, `line` waits for `dependent.origin`: listed so; what it would have
        defined waits for the same root."""
        message = f"dépend {dependent.what} ({dependent.origin.text}) : sera vérifiée de nouveau après correction."
        self.add(ImportProblem(where, line, message, depends_on=dependent.origin.place))
        return Origin(f"{where}, ligne {line}", dependent.origin.root)

    def unlisted(self) -> tuple[ImportProblem, ...]:
        """For each file past MAX_LISTED: « et 59 lignes à corriger de plus, non listées ici… »."""
        found = []
        for where, (bad, waiting) in self._unlisted.items():
            counts = " et ".join(
                text
                for n, text in (
                    (bad, f"{plural_lines(bad)} à corriger"),
                    (waiting, f"{plural_lines(waiting)} en attente"),
                )
                if n
            )
            found.append(
                ImportProblem(
                    where, None, f"et {counts} de plus, non listées ici : corrigez d'abord les lignes ci-dessus."
                )
            )
        return tuple(found)
