from datetime import date

from acs_desktop.domain.seasons import parse_season_label, previous_season_label, season_label_for


def test_season_runs_september_to_august():
    assert parse_season_label(" 2025 - 2026 ") == ("2025-2026", date(2025, 9, 1), date(2026, 8, 31))


def test_season_of_a_date():
    assert season_label_for(date(2026, 11, 22)) == "2026-2027"
    assert season_label_for(date(2026, 8, 31)) == "2025-2026"
    assert previous_season_label("2026-2027") == "2025-2026"
