"""The week ahead on paper: a summary at the top, each performance by date with its relays to call."""

from datetime import date, datetime, timedelta

from acs_desktop.domain.week_ahead import CallLine, WeekAheadData, WeekPerformance
from acs_desktop.printing.week_ahead import render_week_ahead
from tests.printing import samples
from tests.printing.pdf_tools import flat, fonts, page_count, pages_text, text_rows

START = date(2027, 2, 13)
PRINTED_AT = datetime(2027, 2, 12, 9, 0)


def readable(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split())


def rows(pdf: bytes, page: int = 1) -> list[str]:
    return [readable(row) for row in text_rows(pdf, page, tolerance=4)]  # the larger box sits a little lower


def call(relay: str, referent: str = "Sophie Nguyen", places: int = 2, printed: int = 2, **more) -> CallLine:
    return CallLine(relay, "Nantes", referent, more.pop("phone", "06 73 12 34 45"), False, places, printed, **more)


def performance(n: int, starts_at: datetime, *calls: CallLine, cancelled: bool = False) -> WeekPerformance:
    return WeekPerformance(n, samples.heading(starts_at=starts_at), calls, cancelled)


def week(*performances: WeekPerformance, cancelled: tuple[WeekPerformance, ...] = ()) -> WeekAheadData:
    return WeekAheadData(samples.identity(), START, performances, cancelled, PRINTED_AT)


def test_summary_then_each_performance_with_its_relays_to_call():
    data = week(
        performance(
            1,
            datetime(2027, 2, 13, 20, 30),
            call("CCAS de Nantes"),
            call("Maison de quartier", "Marc Haddad", places=5, printed=2, phone="06 81 64 52 69"),
        ),
        performance(2, datetime(2027, 2, 15, 15, 0), call("Mission locale", "", places=1, printed=0, phone="")),
    )
    pdf = render_week_ahead(data)
    lines = rows(pdf)
    assert lines.index("2 représentations, 3 relais à appeler, 8 places, dont 4 billets pas encore édités.") < (
        lines.index("Samedi 13 février 2027 · 20 h 30")
    )
    first = lines.index("Samedi 13 février 2027 · 20 h 30")
    assert lines[first + 1] == readable(samples.AWKWARD_TITLE_IN_PARAGRAPHS)
    assert lines[first + 2] == "Théâtre de l'Estuaire — Salle de l'Érdre, 4 quai de la Fosse, 44000 Nantes"
    assert lines[first + 3] == "Appelé Relais Référent·e Téléphone Places Billets"
    assert lines[first + 4] == "☐ CCAS de Nantes Sophie Nguyen 06 73 12 34 45 2 billets édités"
    assert "☐ Maison de quartier (Nantes) Marc Haddad 06 81 64 52 69 5 2 billets édités sur 5" in lines
    assert "Lundi 15 février 2027 · 15 h" in lines
    assert "☐ Mission locale (Nantes) pas de référent — 1 billet à éditer" in lines
    assert lines[0].startswith("Les Amis du Spectacle") and "SEMAINE À VENIR" in lines[0]
    assert "Du 13/02/2027 au 19/02/2027" in " ".join(lines[:4])
    assert "Du samedi 13 au vendredi 19 février 2027" in lines
    assert lines[-1] == "Semaine à venir · du 13/02/2027 au 19/02/2027 page 1 / 1"
    assert all(fonts(pdf).values())


def test_the_relay_s_phone_says_so():
    data = week(performance(1, datetime(2027, 2, 13, 20, 30), CallLine("CHRS", "", "", "02 40 00 00 01", True, 1, 1)))
    lines = rows(render_week_ahead(data))
    row = lines.index("☐ CHRS pas de référent 1 billet édité")  # the others centred on the phone's two lines
    assert lines[row - 1 : row + 2] == ["02 40 00 00 01", "☐ CHRS pas de référent 1 billet édité", "(relais)"]


def test_a_performance_without_places_says_so():
    lines = rows(render_week_ahead(week(performance(1, datetime(2027, 2, 14, 17, 0)))))
    assert "Dimanche 14 février 2027 · 17 h" in lines and "Aucune place réservée par un relais." in lines
    assert "Appelé Relais Référent·e Téléphone Places Billets" not in lines


def test_cancelled_performances_apart_with_the_relays_to_warn():
    data = week(
        performance(1, datetime(2027, 2, 13, 20, 30), call("CCAS de Nantes")),
        cancelled=(
            performance(
                2,
                datetime(2027, 2, 16, 20, 0),
                call("Accueil de jour", warned_at=datetime(2027, 2, 10, 11, 0)),
                call("CCAS de Nantes", places=3),
                cancelled=True,
            ),
        ),
    )
    lines = rows(render_week_ahead(data))
    assert lines[lines.index("Représentations annulées : relais à prévenir") + 1] == (
        "Mardi 16 février 2027 · 20 h · annulée"
    )
    assert lines.index("Samedi 13 février 2027 · 20 h 30") < lines.index("Représentations annulées : relais à prévenir")
    assert "Appelé Relais Référent·e Téléphone Places Prévenu" in lines
    assert "☐ Accueil de jour (Nantes) Sophie Nguyen 06 73 12 34 45 2 le 10/02/2027" in lines
    assert "☐ CCAS de Nantes Sophie Nguyen 06 73 12 34 45 3 à prévenir" in lines
    assert "1 représentation annulée : 1 relais à prévenir." in " ".join(lines)


def test_an_empty_week_says_so_in_one_sentence():
    pdf = render_week_ahead(week())
    lines = rows(pdf)
    assert "Aucune représentation du 13/02/2027 au 19/02/2027 : personne à appeler cette semaine." in lines
    assert page_count(pdf) == 1 and not any("Appelé" in line or "À appeler la veille" in line for line in lines)


def test_a_long_week_runs_on_numbered_pages_and_keeps_each_performance_whole():
    performances = [
        performance(
            n,
            datetime(2027, 2, 13, 14, 0) + timedelta(hours=7 * n),
            *(call(f"Relais {n}-{r}", places=1, printed=r % 2) for r in range(6)),
        )
        for n in range(14)
    ]
    pdf = render_week_ahead(week(*performances))
    pages = page_count(pdf)
    assert pages > 1 and rows(pdf, pages)[-1].endswith(f"page {pages} / {pages}")
    for page in range(1, pages + 1):  # a heading and its six relays on one page
        found = pages_text(pdf)[page - 1]
        for n in range(14):
            if f"Relais {n}-0" in found:
                assert f"Relais {n}-5" in found


def test_the_title_says_the_week_briefly():
    def title(start: date) -> str:
        return WeekAheadData(samples.identity(), start, (), (), PRINTED_AT).title

    assert title(date(2027, 2, 13)) == "Du samedi 13 au vendredi 19 février 2027"
    assert title(date(2027, 2, 24)) == "Du mercredi 24 février au mardi 2 mars 2027"
    assert title(date(2026, 12, 28)) == "Du lundi 28 décembre 2026 au dimanche 3 janvier 2027"
    assert title(date(2027, 3, 1)) == "Du lundi 1er au dimanche 7 mars 2027"


def test_no_beneficiary_first_name_on_it(services, make, convention_id, relay_id):
    performance_id = make.performance(convention_id, in_days=1)
    make.book(performance_id, relay_id, 2, names_on_tickets=True, first_names=("Kévin", "Zélie"))
    content = flat(services.week.week_ahead().content)
    assert "CCAS (Rezé)" in content and "2 billets à éditer" in content
    assert "Kévin" not in content and "Zélie" not in content
