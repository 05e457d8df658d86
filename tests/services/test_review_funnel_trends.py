"""The review's funnel (offered → booked → printed → used) per partner and per kind of relay,
and its trends over the last seasons: each built from the key figures' own computation, so
that they add up to the key figures and agree with each season's review."""

import pytest

from acs_desktop.domain.review import (
    FUNNEL_STEPS,
    NO_DATA,
    NOT_RECORDED,
    TREND_FIGURES,
    funnel_total,
    partner_funnel,
    relay_type_funnel,
    trends_title,
)


def season_id(services, label):
    return next(s.id for s in services.seasons.list_seasons() if s.label == label)


@pytest.fixture
def review(demo_services):
    return demo_services.review.review(season_id(demo_services, "2026-2027"))


def test_the_funnels_total_is_the_key_figures(review):
    f = review.figures
    total = funnel_total(f)
    assert total.steps == tuple(getattr(f, key) for key in FUNNEL_STEPS)
    assert total.steps == (f.places_offered, f.booked, f.issued, f.used)
    assert f.places_offered > f.booked > f.issued > f.used > 0  # the demo has something at every step


def test_per_partner_the_funnel_adds_up_to_the_key_figures(review):
    lines = partner_funnel(review)
    assert len(lines) == len(review.partners) == 11
    for index, key in enumerate(FUNNEL_STEPS):
        assert sum(line.steps[index] for line in lines) == getattr(review.figures, key), key


def test_per_relay_kind_the_funnel_starts_from_booked_and_adds_up(review):
    lines = relay_type_funnel(review)
    assert len(lines) > 1
    assert all(line.offered is None for line in lines)
    assert funnel_total(review.figures, offered=False).offered is None
    for index, key in enumerate(FUNNEL_STEPS[1:], start=1):
        assert sum(line.steps[index] for line in lines) == getattr(review.figures, key), key


def test_the_trends_are_each_seasons_own_key_figures(demo_services, review):
    assert [t.season_label for t in review.trends] == ["2025-2026", "2026-2027"]
    for line in review.trends:
        assert line.has_data
        assert line.figures == demo_services.review.key_figures(season_id(demo_services, line.season_label))
        for key in TREND_FIGURES:
            assert line.value(key) == getattr(line.figures, key)
    assert review.trends[-1].figures == review.figures
    assert review.trends[0].figures == review.previous
    assert review.trends[0].text("used") == "804"
    assert trends_title(review) == "Tendances sur 2 saisons"


def test_a_season_without_data_reads_as_such(demo_services):
    demo_services.seasons.create_season("2023-2024")  # in the store, no convention
    review = demo_services.review.review(season_id(demo_services, "2026-2027"))
    assert [(t.season_label, t.status) for t in review.trends] == [
        ("2023-2024", NO_DATA),
        ("2024-2025", NOT_RECORDED),  # a label missing in between is said, not skipped
        ("2025-2026", ""),
        ("2026-2027", ""),
    ]
    empty = review.trends[0]
    assert not empty.has_data and empty.figures is not None and empty.figures.conventions == 0
    assert [empty.value(key) for key in TREND_FIGURES] == [None] * len(TREND_FIGURES)
    assert empty.text("places_offered") == "pas de données"
    assert review.trends[1].text("used") == "saison non enregistrée"
    assert trends_title(review) == "Tendances sur 4 saisons"


def test_at_most_five_seasons_ending_with_the_chosen_one(demo_services):
    for first in range(2018, 2025):
        if first != 2025:
            demo_services.seasons.create_season(f"{first}-{first + 1}")
    current = demo_services.review.review(season_id(demo_services, "2026-2027"))
    assert [t.season_label for t in current.trends] == [
        "2022-2023",
        "2023-2024",
        "2024-2025",
        "2025-2026",
        "2026-2027",
    ]
    past = demo_services.review.review(season_id(demo_services, "2025-2026"))
    assert [t.season_label for t in past.trends][-1] == "2025-2026"
    assert len(past.trends) == 5


def test_a_single_season_has_one_trend_line(services, make):
    season = make.season("2026-2027")
    review = services.review.review(season.id)
    assert [(t.season_label, t.status) for t in review.trends] == [("2026-2027", NO_DATA)]
    assert trends_title(review) == "Tendances d'une saison à l'autre"
