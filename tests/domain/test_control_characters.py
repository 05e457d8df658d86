"""Control characters (NUL and the other C0 characters but tab and line breaks) are refused at
input and at import, with a French message; nothing is written."""

import pytest

from acs_desktop.domain.errors import DomainError
from acs_desktop.domain.validation import optional_text, required_text
from acs_desktop.services.relays import RelayInput


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x1b", "\x1f", "\x7f"])
def test_a_control_character_is_refused_in_a_name(char):
    with pytest.raises(DomainError) as refused:
        required_text(f"CCAS{char} de Rezé", "Le nom du relais", "name")
    assert refused.value.code == "control_character" and "caractère de contrôle" in refused.value.message
    with pytest.raises(DomainError):
        optional_text(f"note{char}", "Notes", "notes", multiline=True)


def test_tabs_and_line_breaks_stay_allowed_where_a_text_allows_them():
    assert required_text("CCAS\tde\nRezé\r\n", "Le nom", "name") == "CCAS de Rezé"
    assert optional_text("ligne 1\nligne 2", "Notes", "notes", multiline=True) == "ligne 1\nligne 2"


def test_a_relay_named_with_a_nul_is_refused_and_nothing_is_written(services):
    with pytest.raises(DomainError) as refused:
        services.relays.create_relay(RelayInput("CCAS\x00", None, "Rezé"))
    assert refused.value.code == "control_character"
    assert services.relays.list_relays() == []


def test_a_nul_in_an_imported_file_is_a_refusal_with_file_and_line(services, tmp_path):
    folder = tmp_path / "saison"
    folder.mkdir()
    (folder / "relais.csv").write_text("nom;type;commune\nCCAS;;Rezé\nCentre\x00 social;;Nantes\n", encoding="utf-8")
    plan = services.season_io.plan(folder)
    assert [str(p) for p in plan.problems] == [
        "relais.csv, ligne 3 : La colonne nom contient un caractère de contrôle invisible (U+0000, position 7) : retirez-le."
    ]
    assert not plan.ok
