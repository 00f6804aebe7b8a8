"""At 10,000 ideas, no query of the pages residents visit most reads a whole table of ideas, votes or
idea words: each statement a request runs is explained by PostgreSQL and must find its rows by index."""

import random
import re

import pytest
from sqlalchemy import event, insert, select, text

from participation.extensions import db
from participation.ideas.counters import recount
from participation.ideas.models import Idea, IdeaTerm
from participation.ideas.similar import store_similar
from participation.ideas.words import idea_stems
from participation.sdgs import counters as sdg_counters
from participation.sdgs.models import IdeaTarget, SdgTarget
from participation.sdgs.services import load_reference_data
from participation.votes.models import Ballot, Vote, VoteRule
from tests.conftest import log_in

IDEAS = 10_000
WORDS = ("fietspad speeltuin bomen parking zitbank verlichting wandelpad buurthuis markt bibliotheek zwembad "
         "sporthal school rusthuis energie zonnepanelen regenwater plein straat wijk Hulste Bavikhove Stasegem "
         "veiligheid drempel zebrapad bus station afval compost bloemen moestuin natuur vijver park kunst").split()
WATCHED = re.compile(r"Seq Scan on (ideas|votes|idea_terms)\b")
# A sort of thousands of rows: a page sorted in memory instead of read in its order from an index.
LARGE_SORT = re.compile(r"Sort\s+\(cost=[0-9.]+\.\.[0-9.]+ rows=(\d+)")

@pytest.fixture
def large_process(app, make_process, make_user):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("The plans are PostgreSQL's: run with TEST_DATABASE_URL set to a PostgreSQL database")
    rng = random.Random(10)
    load_reference_data()
    process = make_process("public", phases=(("propose", -20, -10), ("vote", -1, 5)), slug="groot")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=10, max_per_idea=3))
    voters = [make_user() for _ in range(20)]
    texts = [(" ".join(rng.sample(WORDS, 4)).capitalize(), "<p>" + " ".join(rng.sample(WORDS, 6)) + "</p>")
             for _ in range(IDEAS)]
    db.session.execute(insert(Idea), [
        {"process_id": process.id, "title": title, "body": body, "theme": "people", "status": "published",
         "author_id": voters[n % len(voters)].id, "vote_count": 0} for n, (title, body) in enumerate(texts)
    ])
    ids = list(db.session.scalars(select(Idea.id).where(Idea.process_id == process.id).order_by(Idea.id)))
    db.session.execute(insert(IdeaTerm), [{"idea_id": i, "term": t} for i, (title, body) in zip(ids, texts, strict=True)
                                          for t in sorted(idea_stems(title, body))])
    targets = list(db.session.scalars(select(SdgTarget.code).where(SdgTarget.goal_number == 11)))
    db.session.execute(insert(IdeaTarget), [{"idea_id": i, "target_code": rng.choice(targets), "goal_number": 11}
                                            for i in ids[::10]])
    rows = []
    for voter in voters:  # as many vote rows as ideas, so that reading them all would show
        ballot = Ballot(process_id=process.id, user_id=voter.id, used=IDEAS // len(voters))
        db.session.add(ballot)
        db.session.flush()
        rows += [{"ballot_id": ballot.id, "idea_id": i, "user_id": voter.id, "count": 1}
                 for i in rng.sample(ids, IDEAS // len(voters))]
    db.session.execute(insert(Vote), rows)
    totals = select(db.func.sum(Vote.count)).where(Vote.idea_id == Idea.id).scalar_subquery()
    db.session.execute(db.update(Idea).where(Idea.process_id == process.id)
                       .values(vote_count=db.func.coalesce(totals, 0)))
    recount(process.id)
    sdg_counters.recount()
    viewed = db.session.get(Idea, ids[IDEAS // 2])
    store_similar(viewed)
    db.session.commit()
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return process, viewed, voters[0]


def plans_of(client, path: str) -> list[tuple[str, str]]:
    """(statement, plan) of every SELECT the request runs."""
    caught = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            caught.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        response = client.get(path)
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    assert response.status_code == 200, path
    plans = []
    with db.engine.connect() as conn:
        for statement, parameters in caught:
            rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
            plans.append((statement, "\n".join(row[0] for row in rows)))
    return plans


PAGES = (
    "/trajecten/groot", "/trajecten/groot?page=7", "/trajecten/groot?sorteer=votes&page=3",
    "/trajecten/groot?status=published", "/ideeen/{idea}", "/trajecten/groot/rangschikking",
    "/trajecten/groot/rangschikking?page=9", "/api/v1/processes/groot/ideas?page=4", "/plan/sdg/11",
    "/sdgs", "/sdgs/11", "/sdgs/11?page=5",
)


def reads_sorted(plan: str) -> bool:
    return any(int(rows) >= 1_000 for rows in LARGE_SORT.findall(plan))


def test_no_query_of_a_page_reads_every_idea_vote_or_word(large_process, client, app):
    process, viewed, voter = large_process
    whole = []
    for signed_in in (False, True):
        if signed_in:
            log_in(client, voter)
        for path in PAGES:
            whole += [(path, statement[:300], plan) for statement, plan in plans_of(client, path.format(idea=viewed.id))
                      if WATCHED.search(plan) or reads_sorted(plan)]
    assert not whole, "\n\n".join(f"{path}: {statement}\n{plan}" for path, statement, plan in whole)
