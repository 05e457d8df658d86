"""The review's plain data: places added up field by field."""

from acs_desktop.domain.review import PLACE_FIELDS, PlaceCounts


def test_places_total_adds_each_field_of_its_own():
    counts = [PlaceCounts(*(10 * k + i for i in range(len(PLACE_FIELDS)))) for k in range(1, 4)]
    total = PlaceCounts.total(counts)
    assert total == PlaceCounts(60, 63, 66, 69, 72, 75, 78)
    assert counts[0] + counts[1] + counts[2] == total
    assert total.issued == sum(c.issued for c in counts) and total.never_issued == sum(c.never_issued for c in counts)


def test_places_total_of_nothing_is_zero_everywhere():
    assert PlaceCounts.total([]) == PlaceCounts()
    assert PlaceCounts.total(iter(())) == PlaceCounts()
