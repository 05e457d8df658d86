"""Importing large and hostile files: the peak memory of checking (and of importing) a generated
season at two sizes, in a fresh process each, and how fast crafted files are refused.

Memory is the maximum resident size (ru_maxrss) of a child process that opens an empty store and
runs the import; "added" is that peak less the process's size just before the import (Python,
SQLAlchemy, openpyxl and the store loaded). The ratio between the two sizes shows whether memory
follows the file: it would be close to the ratio of the files if the lines were kept.

    python -m benchmarks import
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from acs_desktop.domain.french import format_int
from benchmarks.common import Result, median_time

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 22, 10, 0)
SMALL, LARGE = 65_000, 520_000  # booking lines: about 3.5 and 28 MB of CSV (the limit is 30 MB)
WRITE_SMALL, WRITE_LARGE = 10_000, 80_000  # for the import itself, which writes 1.5 invitations a line
PERFORMANCES, RELAYS, PARTNERS = 3000, 500, 20


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def generate(folder: Path, bookings: int) -> int:
    """A season 2024-2025 in CSV files, past and closed: `bookings` lines of reservations.csv
    spread over the performances, quotas kept, attendance and reasons filled. Returns its bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    partners = [f"Théâtre partenaire {p:02d}" for p in range(PARTNERS)]
    (folder / "partenaires.csv").write_text(
        "nom;commune\n" + "".join(f"{name};Nantes\n" for name in partners), encoding="utf-8"
    )
    (folder / "conventions.csv").write_text(
        "partenaire;saison;etat;places_engagees;abonnes_solidaires;dons_eur;valeur_place_eur\n"
        + "".join(f"{name};2024-2025;clôturée;500;100;5000,00;10,00\n" for name in partners),
        encoding="utf-8",
    )
    (folder / "relais.csv").write_text(
        "nom;type;commune\n" + "".join(f"Relais {r:03d};Centre social;Rezé\n" for r in range(RELAYS)), encoding="utf-8"
    )
    first = datetime(2024, 9, 15, 20, 30)
    days = [first + timedelta(days=(n * 7) % 270, hours=-(n % 3)) for n in range(PERFORMANCES)]
    per_performance = -(-bookings // PERFORMANCES)
    with (folder / "offres.csv").open("w", encoding="utf-8") as out:
        out.write("spectacle;discipline;partenaire;lieu;date;heure;places\n")
        for n, day in enumerate(days):
            out.write(
                f"Spectacle n° {n:04d};Théâtre;{partners[n % PARTNERS]};Grande salle;{day:%d/%m/%Y};{day:%H:%M};{per_performance * 2}\n"
            )
    with (folder / "reservations.csv").open("w", encoding="utf-8") as out:
        out.write("spectacle;date;heure;relais;places;presents;motif_non_utilisation\n")
        for line in range(bookings):
            n = line % PERFORMANCES
            places = 1 + line % 2
            used = places - (line % 5 == 0)
            reason = "Maladie ou imprévu" if used < places else ""
            out.write(
                f"Spectacle n° {n:04d};{days[n]:%d/%m/%Y};{days[n]:%H:%M};Relais {line % RELAYS:03d};{places};{used};{reason}\n"
            )
    return sum(p.stat().st_size for p in folder.iterdir())


CHILD = """
import json, resource, sys, time
from datetime import datetime
from pathlib import Path
from acs_desktop.db.store import open_store
from acs_desktop.services import Services
import openpyxl  # loaded before the baseline, as in the application
store = open_store(Path(sys.argv[2]))
services = Services(store, lambda: datetime(2026, 11, 22, 10, 0))
services.season_io.plan(Path(sys.argv[3]) / "partenaires.csv")  # every module of the import loaded
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
plan = services.season_io.plan(Path(sys.argv[3]))
assert plan.ok, [str(p) for p in plan.problems[:5]]
if sys.argv[1] == "apply":
    services.season_io.apply(plan)
print(json.dumps({"before": before, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "seconds": time.perf_counter() - started, "places": next(l.new for l in plan.lines if l.kind.startswith("Places"))}))
"""


def measure(mode: str, folder: Path, store: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(store), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout)


def run(workdir: Path) -> list[Result]:
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for mode, sizes in (("plan", (SMALL, LARGE)), ("apply", (WRITE_SMALL, WRITE_LARGE))):
        measured = []
        for bookings in sizes:
            folder = workdir / f"{mode}-{bookings}"
            size = generate(folder, bookings)
            store = workdir / f"{mode}-{bookings}.sqlite"
            measured.append((bookings, size, measure(mode, folder, store)))
        (n1, s1, _), (n2, s2, _) = measured
        what = "Vérification d'un import" if mode == "plan" else "Import complet (vérification puis écriture)"
        for bookings, size, m in measured:
            results.append(
                Result(
                    f"{what} de {format_int(bookings)} réservations ({_mb(size)} Mo de CSV) : mémoire maximale",
                    m["peak"] / 1024,
                    None,
                    unit="Mo",
                    note=f"{(m['peak'] - m['before']) / 1024:.0f} Mo above the process just before the import ({m['before'] / 1024:.0f} Mo); "
                    f"{m['seconds']:.1f} s; {format_int(m['places'])} places.",
                )
            )
        added = [max(m["peak"] - m["before"], 1) for _, _, m in measured]
        results.append(
            Result(
                f"{what} : mémoire ajoutée pour {n2 // n1}× plus de réservations (rapport entre les deux tailles)",
                added[1] / added[0],
                2.0,
                unit="×",
                note=f"files {s2 / s1:.1f}× larger; read line by line, the bookings counted (and, when importing, written by batches "
                "of 2,000), never kept: what the draft keeps is the performances, relays and partners."
                + (
                    " Before this change, checking the 28 MB file took 700 MB and 52 s (every line kept, as text and as cells)."
                    if mode == "plan"
                    else ""
                ),
            )
        )
    results += _hostile(workdir)
    return results


def _hostile(workdir: Path) -> list[Result]:
    from acs_desktop.db.store import open_store
    from acs_desktop.services import Services

    store = open_store(workdir / "hostile.sqlite")
    services = Services(store, lambda: NOW)
    data = ROOT / "tests" / "data"
    line = workdir / "une-ligne"
    line.mkdir(exist_ok=True)
    with (line / "reservations.csv").open("w", encoding="utf-8") as out:  # 29 MB without a line break
        out.write("spectacle;date;heure;relais;places\n" + ";" * (29 * 2**20))
    timings = {}
    for title, path in (
        ("du classeur « zip bomb » (3,7 Go déclarés, 2 Ko sur le disque)", data / "zip_bomb.xlsx"),
        ("du classeur « billion laughs » (entités XML : 3 Go de texte)", data / "billion_laughs.xlsx"),
        ("d'un fichier CSV de 29 Mo sur une seule ligne", line),
    ):
        plan = services.season_io.plan(path)
        assert plan.problems and not plan.ok
        timings[title] = median_time(lambda path=path: services.season_io.plan(path), repeat=3)
    store.close()
    return [
        Result(
            f"Refus {title}", seconds, 1.0, note="a French message naming the file (and the line); nothing read whole."
        )
        for title, seconds in timings.items()
    ]
