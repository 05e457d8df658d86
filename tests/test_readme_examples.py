"""Every `acs-desktop COMMAND …` example of the README works on the demo store as written.

The lines are read from the README's code blocks and run in-process through `cli.main`, with
nothing changed but `--data-dir` given: once with the optional `[…]` parts left out, once with
them all. The demo is the one of the test suite (loaded on TODAY), and the commands see TODAY as
"now", so the numbers in the README (a booking, a performance, a relay) stay those of the demo.
`import` reads what `export` wrote just before into an empty store (into the demo, which holds
those lines already, it would have nothing to import).
"""

import functools
import re
import shlex
import shutil
from pathlib import Path

import pytest

from acs_desktop import services as services_module
from acs_desktop.cli import build_parser, main
from acs_desktop.db.store import open_store
from acs_desktop.services import Services
from tests.conftest import FakeClock

README = Path(__file__).resolve().parent.parent / "README.md"
OPTIONAL = re.compile(r"\s*\[([^\]]*)\]")


def readme_lines() -> list[str]:
    blocks = re.findall(r"^```\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("acs-desktop ")]


def readme_examples() -> list[str]:
    """The example lines of the code blocks that run a command (not the window's own lines), on
    the laptop's store: those naming a server (« Plusieurs postes ») need one, and
    tests/commands/test_server_store.py runs the same commands on a real one."""
    commands = set(next(a for a in build_parser()._actions if a.dest == "command").choices)
    return [line for line in readme_lines() if line.split()[1] in commands and "postgresql://" not in line]


def test_the_server_examples_name_commands_that_exist():
    parser = build_parser()
    server = [line for line in readme_lines() if "postgresql://" in line]
    assert len(server) >= 2  # move-to, and a backup of the server
    for line in server:
        argv = shlex.split(line)[1:]
        parsed = parser.parse_args(argv)
        assert parsed.command in ("move-to", "backup"), line


def variant(line: str, *, with_options: bool) -> list[str]:
    text = OPTIONAL.sub((lambda m: " " + m.group(1)) if with_options else "", line)
    return shlex.split(text)[1:]


def test_the_readme_has_the_examples_it_should():
    found = [line.split()[1] for line in readme_examples()]
    assert found == [
        "tickets",
        "tickets",
        "tickets",
        "attendance",
        "slip",
        "catalogue",
        "week",
        "booking-form",
        "booking-form",
        "booking-form",
        "import-requests",
        "report",
        "report",
        "export",
        "import",
    ]


def few_relays(path: Path) -> None:
    """`booking-form --all` writes a form per active relay: the relays the README names and two
    others stay active, enough to run the example without writing 47 forms twice."""
    store = open_store(path)
    try:
        services = Services(store, FakeClock())
        active = services.relays.list_relays(include_inactive=False)
        named = {r.id for r in active if r.name == "CCAS d'Orvault" or r.id == 12}
        kept = named | set([r.id for r in active if r.id not in named][:2])
        for relay in active:
            if relay.id not in kept:
                services.relays.set_active(relay.id, False)
    finally:
        store.close()


@pytest.mark.parametrize("with_options", [False, True], ids=["as-written", "with-every-option"])
def test_every_readme_example_works_on_the_demo(
    with_options, tmp_path, demo_template, template_store, monkeypatch, capsys
):
    monkeypatch.setattr(services_module, "Services", functools.partial(services_module.Services, clock=FakeClock()))
    demo, empty = tmp_path / "demo", tmp_path / "vide"
    for folder, source in ((demo, demo_template), (empty, template_store)):
        folder.mkdir()
        shutil.copyfile(source, folder / "acs.sqlite")
    few_relays(demo / "acs.sqlite")
    work = tmp_path / "travail"
    work.mkdir()
    monkeypatch.chdir(work)  # the relative names of the examples land here
    for line in readme_examples():
        argv = variant(line, with_options=with_options)
        data_dir = empty if argv[0] == "import" else demo
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        assert code == 0, f"{line}\n{out}{err}"
        assert "Traceback" not in out + err
    assert (work / "bilan.pdf").exists() and (work / "saison-2025-2026" / "partenaires.csv").exists()
