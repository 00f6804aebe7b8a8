"""An administrator sets up processes and their phases; dates that overlap or run backwards are refused."""

from datetime import date

from participation.extensions import db
from participation.processes.models import Phase, Process
from participation.processes.services import local_day

NEW = {
    "title": "Buurtbudget Stasegem", "slug": "buurtbudget-stasegem", "summary": "Ideeën voor je buurt.",
    "description": "<p>Wat doen we met het budget?</p>", "audience": "public",
    "propose_starts": "2027-01-01", "propose_ends": "2027-02-01",
    "vote_starts": "2027-02-01", "vote_ends": "2027-03-01",
    "result_starts": "2027-03-01", "result_ends": "",
}


def phases_of(slug: str) -> list[tuple[str, date, date | None]]:
    process = db.session.scalar(db.select(Process).where(Process.slug == slug))
    return [(p.kind, local_day(p.starts_at), local_day(p.ends_at)) for p in process.phases]


def test_administrator_creates_a_process_with_its_phases(client_as):
    admin = client_as("administrator")
    assert admin.get("/beheer/trajecten/nieuw").status_code == 200
    response = admin.post("/beheer/trajecten/nieuw", data=NEW, follow_redirects=True)
    assert "Het traject “Buurtbudget Stasegem” is bewaard." in response.get_data(as_text=True)
    assert phases_of("buurtbudget-stasegem") == [
        ("propose", date(2027, 1, 1), date(2027, 2, 1)),
        ("vote", date(2027, 2, 1), date(2027, 3, 1)),
        ("result", date(2027, 3, 1), None),
    ]


def test_dates_that_run_backwards_are_refused_and_nothing_is_saved(client_as):
    response = client_as("administrator").post("/beheer/trajecten/nieuw", data={**NEW, "propose_ends": "2026-12-01"})
    assert "Een fase moet sluiten nadat ze opent." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Process)) == 0


def test_overlapping_phases_are_refused(client_as):
    response = client_as("administrator").post("/beheer/trajecten/nieuw", data={**NEW, "vote_starts": "2027-01-15"})
    assert "Deze fase opent voor de vorige fase sluit." in response.get_data(as_text=True)
    response = client_as("administrator").post("/beheer/trajecten/nieuw", data={**NEW, "propose_ends": ""})
    assert "De fase ervoor sluit nooit" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Process)) == 0


def test_a_process_needs_a_phase_and_a_free_web_address(client_as, make_process):
    make_process("public", slug="bezet")
    admin = client_as("administrator")
    empty = {**NEW, **{f"{k}_{e}": "" for k in ("propose", "vote", "result") for e in ("starts", "ends")}}
    assert "Geef minstens één fase een begindatum." in admin.post("/beheer/trajecten/nieuw", data=empty).get_data(
        as_text=True)
    taken = admin.post("/beheer/trajecten/nieuw", data={**NEW, "slug": "bezet"}).get_data(as_text=True)
    assert "Een ander traject gebruikt dit webadres al." in taken


def test_administrator_changes_the_phases_of_a_process(client_as, make_process):
    process = make_process("public", slug="wijzig", phases=[("vote", -5, 5), ("result", 5, None)])
    admin = client_as("administrator")
    form = admin.get(f"/beheer/trajecten/{process.id}").get_data(as_text=True)
    assert 'name="vote_starts"' in form
    response = admin.post(f"/beheer/trajecten/{process.id}", data={**NEW, "slug": "wijzig", "result_starts": ""})
    assert response.status_code == 302
    assert [kind for kind, _, _ in phases_of("wijzig")] == ["propose", "vote"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Phase)) == 2


def test_the_current_phase_follows_the_clock(make_process):
    process = make_process("public", phases=[("propose", -10, -1), ("vote", -1, 3), ("result", 3, None)])
    assert process.current_phase.kind == "vote"


def test_a_date_in_the_year_one_is_a_form_error(client_as):
    admin = client_as("administrator")
    for field, value in (("propose_starts", "0001-01-01"), ("vote_ends", "9999-12-31")):
        response = admin.post("/beheer/trajecten/nieuw", data={**NEW, field: value})
        assert response.status_code in (200, 422), field
        assert "Kies een datum tussen 01/01/2000 en 31/12/2099." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Process)) is None
