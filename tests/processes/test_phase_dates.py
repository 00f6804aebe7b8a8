"""A phase's last day is inclusive: "tot en met 20/12/2026" is open until 23:59 Brussels time."""

from datetime import date, datetime

from participation.clock import end_of_day, start_of_day
from participation.extensions import db
from participation.processes.models import Process
from participation.votes.rules import CLOSED, OPEN, vote_state

FORM = {
    "title": "Buurtbudget", "slug": "buurtbudget", "summary": "", "description": "", "audience": "public",
    "propose_starts": "2026-12-01", "propose_ends": "2026-12-10",
    "vote_starts": "2026-12-11", "vote_ends": "2026-12-20",
    "result_starts": "2026-12-21", "result_ends": "",
}


def saved(admin, **changes) -> Process:
    response = admin.post("/beheer/trajecten/nieuw", data={**FORM, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(db.select(Process).where(Process.slug == FORM["slug"]))


def test_voting_is_open_at_2359_brussels_on_the_last_day_and_closed_at_midnight(admin_client):
    process = saved(admin_client)
    # Winter: Brussels is UTC+1, so 20/12 23:59 there is 22:59 UTC and midnight is 23:00 UTC.
    assert vote_state(process, datetime(2026, 12, 20, 22, 59)) == OPEN
    assert vote_state(process, datetime(2026, 12, 20, 22, 59, 59)) == OPEN
    assert vote_state(process, datetime(2026, 12, 20, 23, 0)) == CLOSED
    assert process.phase_at(datetime(2026, 12, 20, 23, 0)).kind == "result"
    # The first day opens at midnight Brussels time, not UTC.
    assert process.phase_at(datetime(2026, 11, 30, 22, 59)) is None
    assert process.phase_at(datetime(2026, 11, 30, 23, 0)).kind == "propose"


def test_summer_time_moves_the_closing_moment_with_the_clock(admin_client):
    process = saved(admin_client, propose_starts="2027-06-01", propose_ends="2027-06-30", vote_starts="",
                    vote_ends="", result_starts="", result_ends="")
    # Summer: Brussels is UTC+2.
    assert process.phase_at(datetime(2027, 6, 30, 21, 59)).kind == "propose"
    assert process.phase_at(datetime(2027, 6, 30, 22, 0)) is None


def test_a_phase_may_last_one_day_and_the_next_opens_the_day_after(admin_client):
    process = saved(admin_client, vote_starts="2026-12-11", vote_ends="2026-12-11", result_starts="2026-12-12")
    vote = process.phases[1]
    assert (vote.starts_at, vote.ends_at) == (start_of_day(date(2026, 12, 11)), end_of_day(date(2026, 12, 11)))
    assert vote.last_day == date(2026, 12, 11)


def test_a_phase_cannot_open_on_the_last_day_of_the_phase_before(admin_client):
    response = admin_client.post("/beheer/trajecten/nieuw", data={**FORM, "vote_starts": "2026-12-10"})
    assert "Deze fase opent voor de laatste dag van de vorige fase voorbij is." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Process)) == 0


def test_pages_and_the_form_say_the_last_day(admin_client, client):
    process = saved(admin_client)
    form = admin_client.get(f"/beheer/trajecten/{process.id}").get_data(as_text=True)
    assert 'name="vote_ends" type="date" value="2026-12-20"' in form
    assert "Stemfase: laatste dag" in form
    page = client.get("/trajecten/buurtbudget").get_data(as_text=True)
    assert "11/12/2026 tot en met 20/12/2026" in page
    assert "01/12/2026 tot en met 10/12/2026" in page


def test_the_ranking_says_voting_is_open_until_2359_on_the_last_day(client_as, make_process):
    process = make_process(phases=[("vote", -1, None)])
    process.phases[0].ends_at = end_of_day(date(2099, 12, 20))
    db.session.commit()
    page = client_as("resident").get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "tot en met 20/12/2099 23:59" in page


def test_the_api_gives_the_last_day_and_brussels_times(client, admin_client):
    saved(admin_client)
    phases = client.get("/api/v1/processes/buurtbudget").get_json()["phases"]
    vote = next(phase for phase in phases if phase["kind"] == "vote")
    assert vote["last_day"] == "2026-12-20"
    assert vote["ends_at"] == "2026-12-21T00:00:00+01:00"
    assert vote["starts_at"] == "2026-12-11T00:00:00+01:00"
