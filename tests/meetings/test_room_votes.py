"""Votes counted in the room at a session held in the vote phase: entered per idea by the facilitator,
kept apart from the online votes, shown beside them, and counted apart and together in the report."""

from datetime import date

from participation.exports.queries import participation_figures
from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.services import IdeaText, enter_from_session, merge_ideas, set_status
from participation.votes.models import Ballot, RoomTally, Vote, VoteRule
from participation.votes.services import cast_vote

VOTING = (("propose", -30, -10), ("vote", -2, 10))


def voting_process(make_process, **kwargs):
    process = make_process(phases=VOTING, **kwargs)
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=5, max_per_idea=3))
    db.session.commit()
    return process


def test_a_facilitator_enters_the_votes_from_the_room_apart_from_the_votes_online(
        client_as, make_process, make_meeting, make_idea, make_user):
    process = voting_process(make_process, slug="hallo-harelbeke", title="Hallo Harelbeke")
    bank = make_idea(process, title="Een bank op de Markt")
    speelplein = make_idea(process, title="Een speelplein in Hulste")
    voter = make_user()
    cast_vote(voter, bank)
    db.session.commit()
    evening = make_meeting(process, title="de infoavond in Hulste", kind="info_evening", held_on=date(2026, 11, 30),
                           attendance=[("Inwoners", 30)])
    moderator = client_as("moderator")
    url = f"/trajecten/hallo-harelbeke/sessies/{evening.id}/stemmen"

    form = moderator.get(url).get_data(as_text=True)
    assert "Een bank op de Markt" in form and f'name="votes-{speelplein.id}"' in form
    response = moderator.post(url, data={f"votes-{bank.id}": "12", f"votes-{speelplein.id}": "7"})

    assert response.status_code == 302
    assert {(t.idea_id, t.votes) for t in db.session.scalars(db.select(RoomTally))} == {(bank.id, 12),
                                                                                         (speelplein.id, 7)}
    db.session.expire_all()
    assert db.session.get(Idea, bank.id).vote_count == 1  # the online total stays the online total
    assert db.session.scalar(db.select(db.func.count(Vote.id))) == 1
    assert db.session.scalar(db.select(db.func.count(Ballot.id))) == 1  # no ballot for the room
    page = client_as(None).get(f"/ideeen/{bank.id}").get_data(as_text=True)
    assert "online stemmen" in page and "12 stemmen in de zaal" in page
    assert "uit de infoavond in Hulste van 30/11/2026" in page
    session_page = client_as(None).get(f"/trajecten/hallo-harelbeke/sessies/{evening.id}").get_data(as_text=True)
    assert "Stemmen in de zaal" in session_page and ">12<" in session_page
    ranking = client_as(None).get("/trajecten/hallo-harelbeke/rangschikking").get_data(as_text=True)
    assert "Er werden 19 stemmen geteld in de zaal" in ranking and "telt alleen de online stemmen" in ranking

    figures = participation_figures(process)
    assert (figures.votes, figures.room_votes, figures.votes_together) == (1, 19, 20)
    assert [(s.title, s.people, s.votes) for s in figures.room.sessions] == [("de infoavond in Hulste", 30, 19)]


def test_saving_again_replaces_the_sessions_tally_and_zero_removes_it(
        moderator_client, make_process, make_meeting, make_idea):
    process = voting_process(make_process, slug="hallo-harelbeke")
    bank = make_idea(process, title="Een bank op de Markt")
    evening = make_meeting(process, title="de infoavond", kind="info_evening")
    url = f"/trajecten/hallo-harelbeke/sessies/{evening.id}/stemmen"
    moderator_client.post(url, data={f"votes-{bank.id}": "12"})
    moderator_client.post(url, data={f"votes-{bank.id}": ""})
    assert db.session.scalar(db.select(db.func.count(RoomTally.id))) == 0
    refused = moderator_client.post(url, data={f"votes-{bank.id}": "twaalf"})
    assert refused.status_code == 200 and "Vul een geheel getal van 0 of meer in." in refused.get_data(as_text=True)


def test_votes_from_the_room_only_while_the_vote_phase_is_open_and_only_by_facilitators(
        client_as, make_process, make_meeting, make_idea):
    open_process = voting_process(make_process, slug="hallo-harelbeke")
    bank = make_idea(open_process)
    meeting = make_meeting(open_process, title="de infoavond", kind="info_evening")
    url = f"/trajecten/hallo-harelbeke/sessies/{meeting.id}/stemmen"
    for role in ("resident", "employee", "council_member"):
        assert client_as(role).post(url, data={f"votes-{bank.id}": "3"}).status_code == 403
    proposing = make_process(slug="nog-geen-stemfase", phases=(("propose", -1, 10), ("vote", 11, 20)))
    idea = make_idea(proposing)
    early = make_meeting(proposing, title="de workshop", kind="workshop")
    page = client_as("moderator").post(f"/trajecten/nog-geen-stemfase/sessies/{early.id}/stemmen",
                                       data={f"votes-{idea.id}": "3"})
    assert "zolang de stemfase open is" in page.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(RoomTally.id))) == 0


def test_a_merged_duplicate_brings_its_votes_from_the_room_along(moderator_client, make_process, make_meeting,
                                                                 make_idea, make_user):
    process = voting_process(make_process, slug="hallo-harelbeke")
    kept, duplicate = make_idea(process, title="Een bank op de Markt"), make_idea(process, title="Zitbank Markt")
    first = make_meeting(process, title="de infoavond", kind="info_evening")
    second = make_meeting(process, title="de wijkwandeling", kind="workshop")
    moderator_client.post(f"/trajecten/hallo-harelbeke/sessies/{first.id}/stemmen",
                          data={f"votes-{kept.id}": "4", f"votes-{duplicate.id}": "3"})
    moderator_client.post(f"/trajecten/hallo-harelbeke/sessies/{second.id}/stemmen",
                          data={f"votes-{duplicate.id}": "2"})

    merge_ideas(duplicate, kept, make_user("moderator"), "Hetzelfde voorstel.")
    db.session.commit()

    tallies = {(t.meeting_id, t.idea_id): t.votes for t in db.session.scalars(db.select(RoomTally))}
    assert tallies == {(first.id, kept.id): 7, (second.id, kept.id): 2}
    assert participation_figures(process).room_votes == 9


def test_the_sdg_game_counts_each_idea_once_in_the_report_also_when_merged(make_process, make_meeting, make_idea,
                                                                          make_user):
    """The seeds: about 80 employees played the SDG game in January 2024 (004); the concretisation with the
    management team on 19 February gives no count. An idea written at the game that an employee also
    proposed online is merged into it: one idea, counted once, not once online and once in the room."""
    process = make_process("staff", slug="inspiratienota-2040", title="Inspiratienota 2040")
    game = make_meeting(process, month_only=True, attendance=[("Medewerkers", 80)])
    make_meeting(process, title="de concretisering", kind="workshop", held_on=date(2024, 2, 19), attendance=[])
    online = make_idea(process, title="Een deelfietsenpunt aan het station", author=make_user("employee"))
    make_idea(process, title="Thuiswerken met minder verplaatsingen", author=make_user("employee"))
    facilitator = make_user("moderator")
    from_room = [enter_from_session(process, facilitator, IdeaText(title=title, body="Uit de zaal.", theme="planet"),
                                    game.id) for title in ("Deelfietsen tussen de diensten", "Groene speelplaatsen")]
    for idea in from_room:
        set_status(idea, "published", facilitator, "Gepubliceerd.", notify=False)
    db.session.commit()
    before = participation_figures(process)
    assert (before.online_ideas, before.room.ideas, before.ideas) == (2, 2, 4)

    merge_ideas(from_room[0], online, facilitator, "Hetzelfde voorstel: deelfietsen.")
    db.session.commit()
    figures = participation_figures(process)

    assert (figures.online_ideas, figures.room.ideas, figures.ideas) == (2, 1, 3)
    assert [(s.title, s.people, s.ideas) for s in figures.room.sessions] == [
        ("het SDG-spel", 80, 1), ("de concretisering", 0, 0)]
    assert (figures.people, figures.room.people, figures.people_together) == (2, 80, 82)
    assert sum(count for _theme, count in figures.by_theme) == figures.ideas
    assert figures.authors == 2 and figures.via_desk == 0
