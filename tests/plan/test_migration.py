"""The migration to tasks keeps what the plan held: actions keep their ids and links, each gets a task with
its title, status and quarterly updates, and its budget moves to its action plan. A row that points at an
action through a foreign key (its SDG targets here, like the links of ideas and ambition points) survives:
on SQLite, copying the table in a batch would have deleted them all."""

import flask_migrate
from sqlalchemy import create_engine, text

from participation import create_app


def rows(conn, sql: str) -> list[tuple]:
    return [tuple(row) for row in conn.execute(text(sql))]


def test_actions_keep_their_links_history_and_budget(tmp_path):
    url = f"sqlite:///{tmp_path / 'before.db'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        flask_migrate.upgrade(revision="plain_titles")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=ON"))
        conn.execute(text("INSERT INTO plan_policy_goals (id, code, title, sdg) "
                          "VALUES (1, 'D10', 'Iedereen telt mee', 10)"))
        conn.execute(text("INSERT INTO plan_action_plans (id, goal_id, code, title, label) "
                          "VALUES (1, 1, 'AP01', 'Fiere en betrokken bewoners', '')"))
        conn.execute(text(
            "INSERT INTO plan_actions (id, action_plan_id, code, title, description, expenses_total, expenses_ordered, "
            "status) VALUES (7, 1, 'D10/AP01/04', 'Uitwerking ideeën Hallo Harelbeke', '', 37710000, 1780200, "
            "'in_progress'), (8, 1, 'D10/AP01/03', 'Promo Hallo Harelbeke', '', NULL, NULL, 'done')"
        ))
        conn.execute(text(
            "INSERT INTO plan_status_updates (action_id, year, quarter, status, explanation) VALUES "
            "(7, 2023, 1, 'in_progress', 'Eerste ideeën'), (7, 2023, 2, 'in_progress', 'Meer ideeën'), "
            "(8, 2023, 1, 'done', 'Klaar')"
        ))
        conn.execute(text("INSERT INTO plan_action_targets (action_id, target_code) VALUES (7, '16.7')"))
    engine.dispose()

    with app.app_context():
        flask_migrate.upgrade()
    engine = create_engine(url)
    with engine.connect() as conn:
        assert rows(conn, "SELECT id, code FROM plan_actions ORDER BY id") == [(7, "D10/AP01/04"), (8, "D10/AP01/03")]
        assert rows(conn, "SELECT action_id, title, status FROM plan_tasks ORDER BY action_id") == [
            (7, "Uitwerking ideeën Hallo Harelbeke", "in_progress"), (8, "Promo Hallo Harelbeke", "done")]
        assert rows(conn, "SELECT t.action_id, u.action_id, u.year, u.quarter FROM plan_status_updates u "
                          "JOIN plan_tasks t ON t.id = u.task_id ORDER BY u.id") == [
            (7, 7, 2023, 1), (7, 7, 2023, 2), (8, 8, 2023, 1)]
        assert rows(conn, "SELECT expenses_total, expenses_ordered FROM plan_action_plans") == [(37710000, 1780200)]
        assert rows(conn, "SELECT action_id, target_code FROM plan_action_targets") == [(7, "16.7")]
    engine.dispose()
