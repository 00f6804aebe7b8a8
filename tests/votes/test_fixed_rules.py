"""Once someone voted, the rules of the vote are fixed: the rule stays, the vote phase keeps its opening
date and can only be extended, and a closed vote (its result frozen) is not reopened."""

from datetime import timedelta

from participation.database import utcnow
from participation.extensions import db
from participation.processes.services import local_day
from participation.votes.models import Ballot, VoteRule
from participation.votes.rules import vote_phase
from tests.votes.conftest import CLOSED


def process_form(process, **changes) -> dict:
    data = {"title": process.title, "slug": process.slug, "summary": process.summary or "",
            "description": process.description or "", "audience": process.audience}
    for phase in process.phases:
        data[f"{phase.kind}_starts"] = local_day(phase.starts_at).isoformat()
        data[f"{phase.kind}_ends"] = local_day(phase.ends_at).isoformat() if phase.ends_at else ""
    return {**data, **changes}


def day(offset: int) -> str:
    return local_day(utcnow() + timedelta(days=offset)).isoformat()


def voted(voting, login, client_as, phases=None):
    process, ideas = voting(kind="dots", budget=3, max_per_idea=3, **({"phases": phases} if phases else {}))
    resident = client_as("resident")
    if phases is None:
        for _ in range(3):
            assert resident.post(f"/stemmen/ideeen/{ideas[0].id}").status_code in (200, 302)
    else:
        db.session.add(Ballot(process_id=process.id, user_id=resident.user.id, used=0))
        db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Ballot)) == 1
    return process


def test_an_open_vote_with_ballots_cannot_be_moved_or_shortened(voting, login, client_as):
    process = voted(voting, login, client_as)
    admin = client_as("administrator")
    url = f"/beheer/trajecten/{process.id}"
    page = admin.post(url, data=process_form(process, vote_starts=day(2), vote_ends=day(9))).get_data(as_text=True)
    assert "Er is al gestemd in dit traject: de stemfase behoudt haar begindatum." in page
    page = admin.post(url, data=process_form(process, vote_ends=day(2))).get_data(as_text=True)
    assert "de stemfase kan enkel verlengd worden" in page
    page = admin.post(url, data=process_form(process, vote_starts="", vote_ends="")).get_data(as_text=True)
    assert "de stemfase kan niet verwijderd worden" in page
    before = local_day(vote_phase(process).ends_at)
    response = admin.post(url, data=process_form(process, vote_ends=day(20)))
    assert response.status_code == 302
    db.session.refresh(process)
    assert local_day(vote_phase(process).ends_at) > before


def test_the_rule_stays_once_someone_voted_even_if_the_phase_lies_ahead(voting, login, client_as):
    process = voted(voting, login, client_as)
    phase = vote_phase(process)
    phase.starts_at = utcnow() + timedelta(days=2)  # as an earlier version let an administrator do
    phase.ends_at = utcnow() + timedelta(days=9)
    db.session.commit()
    admin = client_as("administrator")
    page = admin.post(f"/beheer/trajecten/{process.slug}/stemregel",
                      data={"kind": "dots", "budget": "1", "max_per_idea": "1"}).get_data(as_text=True)
    assert "Er is al gestemd in dit traject: de stemregel kan niet meer veranderen." in page
    assert db.session.get(VoteRule, process.id).budget == 3


def test_a_closed_vote_is_not_reopened(voting, login, client_as):
    process = voted(voting, login, client_as, phases=CLOSED)
    admin = client_as("administrator")
    page = admin.post(f"/beheer/trajecten/{process.id}",
                      data=process_form(process, vote_ends=day(5))).get_data(as_text=True)
    assert "De stemfase is afgesloten en haar uitslag vastgelegd" in page
    db.session.refresh(process)
    assert vote_phase(process).ends_at < utcnow()
    page = admin.post(f"/beheer/trajecten/{process.id}", data=process_form(process, title="Nieuwe titel"))
    assert page.status_code == 302


def test_without_ballots_the_vote_phase_may_still_move(voting, client_as):
    process, _ideas = voting()
    response = client_as("administrator").post(f"/beheer/trajecten/{process.id}",
                                                data=process_form(process, vote_starts=day(2), vote_ends=day(9)))
    assert response.status_code == 302
