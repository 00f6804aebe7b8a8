"""The SDG pages count and list a goal's ideas from counters kept with the links and the statuses: they
stay right as moderators link, unlink and move ideas, and an upgrade fills them from the links a city has."""

import sqlite3
from datetime import timedelta

import flask_migrate

from participation import create_app
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.services import set_status
from participation.processes.services import VISITOR
from participation.sdgs import counters, queries
from participation.sdgs.models import IdeaGoal, IdeaTarget, SdgIdeaCount
from participation.sdgs.services import link_idea, unlink_idea
from tests.sdgs.helpers import make_idea


def _counts() -> set[tuple]:
    return {(c.goal_number, c.target_code, c.process_id, c.status, c.ideas)
            for c in db.session.scalars(db.select(SdgIdeaCount)) if c.ideas}


def _listed() -> set[tuple]:
    return {(g.idea_id, g.goal_number, g.linked_at) for g in db.session.scalars(db.select(IdeaGoal))}


def _as_recounted() -> tuple[set, set]:
    kept = _counts(), _listed()
    counters.recount()
    db.session.commit()
    return kept, (_counts(), _listed())


def test_linking_and_unlinking_keeps_the_goal_and_target_counts(client, make_process, make_user):
    moderator = make_user("moderator")
    process = make_process()
    school = make_idea(process, title="Een veilige schoolomgeving in Hulste")
    park = make_idea(process, title="Meer groen op de Markt")
    link_idea(school, "11.2", moderator)
    link_idea(school, "11.7", moderator)
    link_idea(park, "11.7", moderator)
    link_idea(park, "15.1", moderator)

    assert queries.idea_counts_by_goal(VISITOR) == {11: 2, 15: 1}
    assert queries.idea_counts_by_target(11, VISITOR) == {"11.2": 1, "11.7": 2}
    body = client.get("/sdgs/11").get_data(as_text=True)
    assert "Een veilige schoolomgeving in Hulste" in body and "Meer groen op de Markt" in body

    unlink_idea(school, "11.7")
    assert queries.idea_counts_by_goal(VISITOR) == {11: 2, 15: 1}
    assert queries.idea_counts_by_target(11, VISITOR) == {"11.2": 1, "11.7": 1}
    unlink_idea(park, "11.7")
    assert queries.idea_counts_by_goal(VISITOR) == {11: 1, 15: 1}
    assert queries.idea_counts_by_target(11, VISITOR) == {"11.2": 1}
    body = client.get("/sdgs/11").get_data(as_text=True)
    assert "Een veilige schoolomgeving in Hulste" in body and "Meer groen op de Markt" not in body
    kept, recounted = _as_recounted()
    assert kept == recounted


def test_a_hidden_idea_leaves_the_residents_counts_and_list_but_not_the_moderators(make_process, make_user,
                                                                                      client_as):
    moderator = make_user("moderator")
    process = make_process()
    idea = make_idea(process, title="Een speeltuin in Bavikhove")
    link_idea(idea, "11.7", moderator)
    set_status(idea, "hidden", moderator, "Dubbel ingediend.", notify=False)
    db.session.commit()

    assert queries.idea_counts_by_goal(VISITOR) == {}
    assert queries.idea_counts_by_target(11, VISITOR) == {}
    assert queries.idea_counts_by_goal(moderator) == {11: 1}
    assert queries.idea_counts_by_target(11, moderator) == {"11.7": 1}
    assert "Een speeltuin in Bavikhove" not in client_as("resident").get("/sdgs/11").get_data(as_text=True)
    assert "Een speeltuin in Bavikhove" in client_as("moderator").get("/sdgs/11").get_data(as_text=True)

    set_status(idea, "published", moderator, "Toch niet dubbel.", notify=False)
    db.session.commit()
    assert queries.idea_counts_by_goal(VISITOR) == {11: 1}
    kept, recounted = _as_recounted()
    assert kept == recounted


def test_ideas_of_a_staff_process_are_counted_for_employees_only(make_process, make_user):
    moderator = make_user("moderator")
    idea = make_idea(make_process("staff"), title="Een digitale balie voor het personeel")
    link_idea(idea, "16.6", moderator)
    assert queries.idea_counts_by_goal(VISITOR) == {}
    assert queries.idea_counts_by_goal(make_user("employee")) == {16: 1}


def test_goal_page_lists_the_newest_link_first_and_counts_its_pages(client, make_process, make_user, app):
    moderator = make_user("moderator")
    process = make_process()
    per_page = app.config["PER_PAGE"]
    ideas = [make_idea(process, title=f"Fietsstraat nummer {n}") for n in range(per_page + 2)]
    start = utcnow() - timedelta(days=1)
    for n, idea in enumerate(ideas):
        db.session.add(IdeaTarget(idea_id=idea.id, target_code="11.2", goal_number=11,
                                  created_at=start + timedelta(minutes=n)))
    db.session.commit()
    first, _codes = queries.ideas_for_goal(11, VISITOR, 1, per_page)
    assert first.total == per_page + 2 and first.pages == 2
    assert first.items[0].id == ideas[-1].id

    link_idea(ideas[0], "11.7", moderator)  # the oldest idea gets a new link: it comes first
    first, codes = queries.ideas_for_goal(11, VISITOR, 1, per_page)
    assert first.items[0].id == ideas[0].id and codes[ideas[0].id] == ["11.2", "11.7"]
    second, _codes = queries.ideas_for_goal(11, VISITOR, 2, per_page)
    assert [idea.id for idea in second.items] == [ideas[2].id, ideas[1].id]
    assert "Fietsstraat nummer 0" in client.get("/sdgs/11").get_data(as_text=True)


def test_an_upgrade_fills_the_counters_from_the_links_a_city_has(tmp_path):
    path = tmp_path / "city.db"
    older = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    with older.app_context():
        flask_migrate.upgrade(revision="invitations")  # the revision before the counters
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO processes (id, slug, title, summary, description, audience, created_at) "
                     "VALUES (1, 'hallo-harelbeke', 'Hallo Harelbeke', '', '', 'public', '2026-01-01')")
        conn.execute("INSERT INTO sdg_goals VALUES (11, '#FD9D24', 'Duurzame steden', 'Villes', 'Cities', "
                     "'', '', '')")
        for code in ("11.2", "11.7"):
            conn.execute("INSERT INTO sdg_targets (code, goal_number, position, text_nl, text_fr, text_en) "
                         f"VALUES ('{code}', 11, 0, '', '', '')")
        for idea, status in ((1, "published"), (2, "hidden")):
            conn.execute("INSERT INTO ideas (id, process_id, title, body, theme, on_behalf_consent, status, "
                         f"vote_count, created_at, updated_at) VALUES ({idea}, 1, 'Idee {idea}', '', 'people', 0, "
                         f"'{status}', 0, '2026-01-01', '2026-01-01')")
        conn.execute("INSERT INTO idea_targets (idea_id, target_code, goal_number, created_at) VALUES "
                     "(1, '11.2', 11, '2026-02-01'), (1, '11.7', 11, '2026-03-01'), (2, '11.7', 11, '2026-02-01')")
    with older.app_context():
        flask_migrate.upgrade()
    with sqlite3.connect(path) as conn:
        assert set(conn.execute("SELECT goal_number, target_code, process_id, status, ideas FROM sdg_idea_counts")) == {
            (11, "", 1, "published", 1), (11, "", 1, "hidden", 1), (11, "11.2", 1, "published", 1),
            (11, "11.7", 1, "published", 1), (11, "11.7", 1, "hidden", 1)}
        assert set(conn.execute("SELECT idea_id, goal_number, linked_at FROM idea_goals")) == {
            (1, 11, "2026-03-01"), (2, 11, "2026-02-01")}


def test_an_idea_deleted_with_its_links_leaves_the_counts(make_process, make_user):
    moderator = make_user("moderator")
    process = make_process()
    kept = make_idea(process, title="Een hondenweide in Stasegem")
    gone = make_idea(process, title="Een testidee")
    link_idea(kept, "11.7", moderator)
    link_idea(gone, "11.7", moderator)
    db.session.delete(gone)
    db.session.commit()
    assert queries.idea_counts_by_goal(VISITOR) == {11: 1}
    assert queries.idea_counts_by_target(11, VISITOR) == {"11.7": 1}
    kept_counts, recounted = _as_recounted()
    assert kept_counts == recounted
