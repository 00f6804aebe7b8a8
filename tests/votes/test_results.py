"""The ranking: live during the vote phase, frozen after it, ties shown as shared ranks."""

from datetime import timedelta

from flask import g, render_template_string

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import Ballot, ResultRow, ResultSnapshot, RoomTally, Vote
from participation.votes.ranking import places, rank_rows
from tests.votes.conftest import CLOSED, LATER


def give(idea, voters: int, *, process) -> None:
    """Votes as they would be after the vote phase, written straight into the tables."""
    for _ in range(voters):
        ballot = Ballot(process_id=process.id, used=1)
        db.session.add(ballot)
        db.session.flush()
        db.session.add(Vote(ballot_id=ballot.id, idea_id=idea.id, count=1))
    idea.vote_count += voters
    db.session.commit()


def test_ties_share_a_rank_and_the_next_rank_skips():
    rows = rank_rows([(1, "Bomen", 5), (3, "Fietspad", 3), (2, "Zitbanken", 3), (4, "Speeltuin", 1)])
    assert [(r.title, r.rank, r.shared) for r in rows] == [
        ("Bomen", 1, False), ("Fietspad", 2, True), ("Zitbanken", 2, True), ("Speeltuin", 4, False),
    ]
    # a histogram of only the highest totals gives the same places for them
    assert {votes: (p.place, p.shared) for votes, p in places({5: 1, 3: 2}).items()} == {5: (1, False), 3: (2, True)}


def test_live_ranking_shows_totals_and_shared_ranks(voting, make_idea, client):
    process, _ideas = voting(ideas=0)
    make_idea(process, "Meer bomen", votes=4)
    make_idea(process, "Veilig fietspad", votes=2)
    make_idea(process, "Zitbanken", votes=2)
    make_idea(process, "Verborgen", status="hidden", votes=9)
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert page.index("Meer bomen") < page.index("Veilig fietspad") < page.index("Zitbanken")
    assert "Verborgen" not in page
    assert page.count(">gedeeld<") == 2
    assert "De totalen zijn live" in page
    assert "delen een plaats" in page


def test_ranking_search_keeps_the_overall_rank(voting, make_idea, client):
    process, _ideas = voting(ideas=0)
    make_idea(process, "Meer bomen", votes=4)
    make_idea(process, "Veilig fietspad", votes=2)
    page = client.get(f"/trajecten/{process.slug}/rangschikking?q=fiets").get_data(as_text=True)
    assert "Veilig fietspad" in page and "Meer bomen" not in page
    assert '<span class="rank-number">2</span>' in page
    assert "Geen enkel idee" in client.get(f"/trajecten/{process.slug}/rangschikking?q=xyz").get_data(as_text=True)


def test_before_the_vote_phase_there_is_no_ranking_yet(voting, client):
    process, _ideas = voting(phases=LATER)
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "Stemmen kan vanaf" in page and "<table" not in page


def test_a_process_without_vote_phase_has_no_ranking(make_process, client):
    process = make_process(phases=(("propose", -1, 10),))
    assert client.get(f"/trajecten/{process.slug}/rangschikking").status_code == 404


def test_result_is_frozen_on_first_read_after_close_and_later_changes_do_not_alter_it(voting, make_idea, client):
    process, _ideas = voting(phases=CLOSED, ideas=0)
    trees = make_idea(process, "Meer bomen")
    bikes = make_idea(process, "Veilig fietspad")
    give(trees, 3, process=process)
    give(bikes, 1, process=process)
    assert db.session.scalar(db.select(db.func.count()).select_from(ResultSnapshot)) == 0

    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "Deze uitslag is definitief" in page
    snapshot = db.session.scalar(db.select(ResultSnapshot))
    assert (snapshot.voters, snapshot.votes, snapshot.ideas) == (4, 4, 2)

    trees.title = "Een nieuwe titel"
    bikes.vote_count = 99
    db.session.commit()
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "Meer bomen" in page and "Een nieuwe titel" not in page and "99" not in page
    rows = db.session.execute(db.select(ResultRow.title, ResultRow.votes, ResultRow.rank).order_by(ResultRow.position))
    assert [tuple(r) for r in rows] == [("Meer bomen", 3, 1), ("Veilig fietspad", 1, 2)]
    assert db.session.scalar(db.select(db.func.count()).select_from(ResultSnapshot)) == 1


def test_the_result_is_not_frozen_while_voting_is_open(voting, client):
    process, _ideas = voting()
    client.get(f"/trajecten/{process.slug}/rangschikking")
    assert db.session.scalar(db.select(db.func.count()).select_from(ResultSnapshot)) == 0


def test_ranking_page_does_not_query_per_idea(voting, make_idea, client_as, count_queries):
    process, _ideas = voting("dots", budget=5, max_per_idea=2, ideas=0)
    client = client_as("resident")
    for n in range(4):
        make_idea(process, f"Idee {n}")
    url = f"/trajecten/{process.slug}/rangschikking"
    with count_queries() as few:
        client.get(url)
    for n in range(16):
        make_idea(process, f"Nog een idee {n}")
    with count_queries() as many:
        body = client.get(url).get_data(as_text=True)
    assert body.count('data-vote-form="cast"') == 20
    assert many.count == few.count


def test_partials_load_the_persons_votes_once(app, voting, make_idea, make_user, count_queries):
    from flask_login import login_user

    from participation.ideas.queries import with_list_loads
    from participation.votes.queries import load_my_votes

    process, _ideas = voting()
    user = make_user()
    template = (
        '{% from "ideas/_card.html" import idea_card %}'
        '{% for idea in ideas %}{{ idea_card(idea, process=process, mv=mv) }}{% endfor %}'
        '{% with sections={"votes": {"mine": mv, "room": none}} %}'
        '{% include "votes/_idea_box.html" with context %}{% endwith %}'
    )

    def render() -> tuple[str, int]:
        with app.test_request_context("/"):
            login_user(user)
            g.pop("vote_script_done", None)
            db.session.expire_all()
            ideas = list(db.session.scalars(with_list_loads(db.select(Idea).where(Idea.process_id == process.id))))
            with count_queries() as counter:
                mv = load_my_votes(ideas[0].process, user)
                html = render_template_string(template, ideas=ideas, process=ideas[0].process, idea=ideas[0], mv=mv)
            return html, counter.count

    html, few = render()
    for n in range(9):
        make_idea(process, f"Nog een idee {n}")
    html, many = render()
    assert html.count('data-vote-form="cast"') == 13
    assert "Jouw stemmen op dit idee" in html
    assert many <= few <= 6  # the vote box, the ballot and the votes; the cards add the chapters, once


def test_totals_for_administrators_never_name_a_voter(voting, make_user, client_as, login, app):
    process, (idea, *_rest) = voting()
    voter = make_user(name="Marieke Vandenberghe", email="marieke@example.org")
    login(app.test_client(), voter).post(f"/stemmen/ideeen/{idea.id}")
    admin = client_as("administrator")
    page = admin.get(f"/beheer/trajecten/{process.slug}/stemmen").get_data(as_text=True)
    assert "Stemmers" in page and "kloppen met elkaar" in page
    for url in (f"/beheer/trajecten/{process.slug}/stemmen", f"/trajecten/{process.slug}/rangschikking"):
        for client in (admin, client_as("moderator")):
            body = client.get(url).get_data(as_text=True)
            assert "Marieke" not in body and "marieke@example.org" not in body


def test_closing_a_second_ago_shows_the_frozen_result(voting, client):
    process, _ideas = voting()
    process.phases[1].ends_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "definitief" in client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 3


def test_the_frozen_result_has_a_chart_with_its_table(voting, make_idea, client):
    process, _ideas = voting(phases=CLOSED, ideas=0)
    give(make_idea(process, "Meer bomen"), 3, process=process)
    give(make_idea(process, "Veilig fietspad"), 1, process=process)
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    chart = page.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    assert 'role="img"' in chart and 'aria-labelledby="result-chart-title result-chart-desc"' in chart
    assert "<title id=\"result-chart-title\">Stemmen per idee, top 2</title>" in chart
    assert "Een balk per idee" in chart.split("<desc", 1)[1]
    assert "1. Meer bomen" in chart and "2. Veilig fietspad" in chart
    assert page.index("</figure>") < page.index('<table class="table ranking"')
    assert "<svg" not in client.get(f"/trajecten/{process.slug}/rangschikking?q=bomen").get_data(as_text=True)


def reads_tallies(statements: list[str]) -> bool:
    """Whether a statement read tallies (not only asked, in the page's first statement, whether any exist)."""
    return any(statement.lstrip().startswith("SELECT room_tallies.") for statement in statements)


def test_an_idea_page_reads_votes_in_the_room_only_in_a_vote_phase_and_when_there_are(
        make_process, make_idea, make_meeting, client, count_queries, voting):
    quiet = make_idea(make_process("public"), title="Een bank aan de Leie")
    with count_queries() as counter:
        page = client.get(f"/ideeen/{quiet.id}").get_data(as_text=True)
    assert 'class="vote-box"' not in page
    assert not reads_tallies(counter.statements)
    process, (voted, *_rest) = voting()
    with count_queries() as counter:
        page = client.get(f"/ideeen/{voted.id}").get_data(as_text=True)
    assert 'class="vote-box"' in page and "in de zaal" not in page
    assert not reads_tallies(counter.statements)
    meeting = make_meeting(process, title="de infoavond", kind="info_evening")
    db.session.add(RoomTally(meeting_id=meeting.id, idea_id=voted.id, votes=12))
    db.session.commit()
    with count_queries() as counter:
        page = client.get(f"/ideeen/{voted.id}").get_data(as_text=True)
    assert reads_tallies(counter.statements) and "12 stemmen in de zaal" in page
