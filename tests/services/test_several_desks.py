"""Two desks, one last place: on a PostgreSQL store, desks booking at the same moment never
take more places than the quota, and the desk that comes second reads why in French."""

import multiprocessing

from tests.conftest import TODAY
from tests.desks import book_in_turn
from tests.factories import Factory

ROUNDS = 200


def test_two_desks_racing_for_the_last_place_200_times_never_oversell(server_store, tmp_path):
    from acs_desktop.services import Services

    services = Services(server_store, lambda: TODAY)
    make = Factory(services)
    season = make.season("2026-2027")
    convention = make.convention(make.partner("Théâtre de la Ville"), season.id, places=ROUNDS)
    performances = [make.performance(convention, quota=1, in_days=10 + n % 50) for n in range(ROUNDS)]
    relays = [make.relay("CCAS de Rezé"), make.relay("Maison des Solidarités", commune="Nantes")]

    spawn = multiprocessing.get_context("spawn")
    barrier, out = spawn.Barrier(2), spawn.Queue()
    desks = [
        spawn.Process(
            target=book_in_turn,
            args=(server_store.address, str(tmp_path / f"desk{n}"), TODAY, performances, relays[n], 1, barrier, out),
        )
        for n in range(2)
    ]
    for desk in desks:
        desk.start()
    said = [out.get(timeout=300) for _ in desks]
    for desk in desks:
        desk.join(60)

    outcomes = [line for desk_said in said for line in desk_said]
    assert [line for line in outcomes if line[1] == "raw"] == []  # never a raw error
    for performance_id in performances:
        assert services.bookings.held_places(performance_id) == 1  # the quota, never more
        mine = sorted(line[1] for line in outcomes if line[0] == performance_id)
        assert mine == ["booked", "quota_exceeded"]
    refusals = {line[2] for line in outcomes if line[1] == "quota_exceeded"}
    assert all("Il ne reste plus assez de places" in message for message in refusals)
    # Both desks won some rounds: they did race (a desk that always came first would prove nothing).
    assert {winner for winner, n in _wins(outcomes, said).items() if n > 0} == {0, 1}


def _wins(outcomes, said) -> dict[int, int]:
    return {n: sum(1 for line in desk_said if line[1] == "booked") for n, desk_said in enumerate(said)}
