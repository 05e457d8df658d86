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


def _desks_at_once(address, data_dir, clock, n, work) -> list:
    """`work(services, desk_number)` on `n` desks (each its own store, connection and thread),
    started together; what each returned or raised, in desk order."""
    import threading

    from acs_desktop.db.server import open_server_store
    from acs_desktop.services import Services

    stores = [open_server_store(address, data_dir / f"poste{k}", pool_size=1) for k in range(n)]
    start = threading.Barrier(n)
    outcomes: list = [None] * n

    def desk(k):
        start.wait(30)
        try:
            outcomes[k] = work(Services(stores[k], clock), k)
        except Exception as error:
            outcomes[k] = error

    threads = [threading.Thread(target=desk, args=(k,)) for k in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for store in stores:
        store.close()
    return outcomes


def test_two_desks_recording_the_same_tickets_record_each_once(server_store, tmp_path):
    from acs_desktop.domain.errors import DomainError
    from acs_desktop.domain.states import InvitationStatus
    from acs_desktop.services import Services
    from tests.conftest import FakeClock

    clock = FakeClock(TODAY)
    services = Services(server_store, clock)
    make = Factory(services)
    season = make.season("2026-2027")
    performance = make.performance(make.convention(make.partner(), season.id), quota=40, in_days=2)
    for relay in (make.relay("CCAS de Rezé"), make.relay("Le Toit", commune="Nantes")):
        make.issued_booking(performance, relay, 20)
    codes = [line.code for line in services.attendance.sheet(performance)]
    clock.advance(days=3)  # the evening after: the sheet is recorded, at two desks at once

    def record_all(desk, _k):
        said = []
        for code in codes:
            try:
                desk.attendance.record_code(performance, code)
                said.append("recorded")
            except DomainError as refused:
                said.append(refused.code)
        return said

    outcomes = _desks_at_once(server_store.address, tmp_path, clock, 2, record_all)
    assert not any(isinstance(outcome, Exception) for outcome in outcomes), outcomes
    for one, other in zip(*outcomes, strict=True):
        assert sorted((one, other)) == ["already_recorded", "recorded"]  # each ticket once, never twice
    statuses = [line.status for line in services.attendance.sheet(performance)]
    assert statuses.count(InvitationStatus.USED) == 40


def test_places_returned_at_one_desk_while_another_books_never_exceed_the_quota(server_store, tmp_path):
    from acs_desktop.domain.errors import DomainError
    from acs_desktop.services import Services
    from acs_desktop.services.bookings import BookingRequest

    services = Services(server_store, lambda: TODAY)
    make = Factory(services)
    season = make.season("2026-2027")
    convention = make.convention(make.partner(), season.id, places=400)
    full, waiting, latecomer = make.relay("CCAS"), make.relay("Le Toit"), make.relay("La Halte", commune="Nantes")
    rounds = []
    for n in range(30):
        performance = make.performance(convention, quota=4, in_days=5 + n)
        booking = make.book(performance, full, 4).booking_id
        services.bookings.join_waiting_list(performance, waiting, 2)
        rounds.append((performance, booking))

    def work(desk, k):
        said = []
        for performance, booking in rounds:
            try:
                if k == 0:
                    desk.bookings.return_places(booking, 2)  # offered to the waiting relay
                else:
                    desk.bookings.book_places(BookingRequest(performance, latecomer, 2))
                said.append("done")
            except DomainError as refused:
                said.append(refused.code)
        return said

    returned, booked = _desks_at_once(server_store.address, tmp_path, lambda: TODAY, 2, work)
    assert returned == ["done"] * len(rounds)
    assert set(booked) <= {"done", "quota_exceeded"}
    offered: dict[int, int] = {}
    for row in services.booking_lists.list_waiting(season.id):
        offered[row.performance_id] = offered.get(row.performance_id, 0) + row.offered_places
    for performance, _booking in rounds:
        held = services.bookings.held_places(performance)
        assert held + offered.get(performance, 0) <= 4  # the places given back went to one of them, never both
    assert sum(offered.values()) + booked.count("done") * 2 == 2 * len(rounds)  # and none was lost
