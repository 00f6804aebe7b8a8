"""Many requests at once: two tabs, a double click, many voters. Totals must equal the successes."""

import threading

from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import Ballot, ResultSnapshot, Vote
from participation.votes.queries import process_totals
from tests.votes.conftest import CLOSED

JSON = {"Accept": "application/json"}


def fire(requests: list) -> list[int]:
    """Run each (client, url) at the same moment in its own thread; return the status codes."""
    barrier = threading.Barrier(len(requests))
    codes: list[int | None] = [None] * len(requests)

    def run(index: int, client, url: str) -> None:
        barrier.wait()
        codes[index] = client.post(url, headers=JSON).status_code

    threads = [threading.Thread(target=run, args=(i, c, u)) for i, (c, u) in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    db.session.expire_all()
    return codes


def counters(process_id: int) -> tuple[int, int, int]:
    totals = process_totals(process_id)
    return totals.votes_spent, totals.votes_on_ideas, totals.counters


def clients_for(app, login, user, n: int) -> list:
    return [login(app.test_client(), user) for _ in range(n)]


def test_a_double_click_counts_one_support(app, voting, make_user, login):
    process, (idea, *_rest) = voting()
    user = make_user()
    codes = fire([(client, f"/stemmen/ideeen/{idea.id}") for client in clients_for(app, login, user, 8)])
    assert codes.count(200) == 1 and codes.count(409) == 7
    assert db.session.get(Idea, idea.id).vote_count == 1
    assert counters(process.id) == (1, 1, 1)


def test_one_account_in_many_tabs_never_spends_more_than_its_budget(app, voting, make_user, login):
    process, ideas = voting("dots", budget=3, max_per_idea=2, ideas=4)
    user = make_user()
    tabs = clients_for(app, login, user, 8)
    codes = fire([(tab, f"/stemmen/ideeen/{ideas[i % 4].id}") for i, tab in enumerate(tabs)])
    assert codes.count(200) == 3 and codes.count(409) == 5
    assert db.session.scalar(db.select(Ballot.used)) == 3
    assert db.session.scalar(db.select(db.func.count()).select_from(Ballot)) == 1
    assert max(db.session.scalars(db.select(Vote.count))) <= 2
    assert counters(process.id) == (3, 3, 3)


def test_many_voters_at_once_every_success_is_counted(app, voting, make_user, login):
    process, (first, second) = voting("dots", budget=2, max_per_idea=2, ideas=2)
    requests = []
    for _ in range(6):
        user = make_user()
        client = login(app.test_client(), user)
        requests += [(client, f"/stemmen/ideeen/{first.id}"), (client, f"/stemmen/ideeen/{second.id}")]
    codes = fire(requests)
    assert codes.count(200) == 12
    assert db.session.get(Idea, first.id).vote_count + db.session.get(Idea, second.id).vote_count == 12
    assert counters(process.id) == (12, 12, 12)


def test_casting_and_taking_back_at_once_loses_nothing(app, voting, make_user, login):
    process, (idea, *_rest) = voting("dots", budget=5, max_per_idea=5, ideas=1)
    user = make_user()
    first = login(app.test_client(), user)
    for _ in range(3):
        first.post(f"/stemmen/ideeen/{idea.id}")
    tabs = clients_for(app, login, user, 10)
    urls = [f"/stemmen/ideeen/{idea.id}"] * 5 + [f"/stemmen/ideeen/{idea.id}/intrekken"] * 5
    codes = fire(list(zip(tabs, urls, strict=True)))
    cast_ok = codes[:5].count(200)
    withdrawn = codes[5:].count(200)
    assert db.session.get(Idea, idea.id).vote_count == 3 + cast_ok - withdrawn
    assert 0 <= db.session.get(Idea, idea.id).vote_count <= 5
    spent, on_ideas, totals = counters(process.id)
    assert spent == on_ideas == totals == 3 + cast_ok - withdrawn


def test_two_first_readers_freeze_the_result_once(app, voting):
    process, (idea, *_rest) = voting(phases=CLOSED)
    url = f"/trajecten/{process.slug}/rangschikking"
    barrier = threading.Barrier(6)
    codes: list[int] = []

    def read(client) -> None:
        barrier.wait()
        codes.append(client.get(url).status_code)

    threads = [threading.Thread(target=read, args=(app.test_client(),)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    db.session.expire_all()
    assert codes == [200] * 6
    assert db.session.scalar(db.select(db.func.count()).select_from(ResultSnapshot)) == 1
