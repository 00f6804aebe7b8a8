"""The public tracker: per SDG the tasks, their statuses and the budget, as the city's report shows them."""

import re

from sqlalchemy import select

from participation.extensions import db
from participation.plan import services
from participation.plan.models import PlanAction
from participation.plan.queries import sdg_summaries
from participation.plan.spreadsheet import Status
from tests.plan.helpers import import_example, make_idea


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_sdg_03_totals_match_the_report():
    import_example()
    [summary] = sdg_summaries(3)
    assert summary.tasks == 23
    assert summary.expenses_total == 703_573_900
    assert summary.expenses_ordered == 248_931_000
    assert summary.expenses_percent == 35
    assert summary.counts == {Status.IN_PROGRESS: 18, Status.NOT_STARTED: 3, Status.DONE: 2}
    assert (summary.income_total, summary.income_received, summary.income_percent) == (6_097_000, 3_071_900, 50)


def test_sdg_03_page_shows_the_report_figures(client):
    import_example()
    page = text_of(client.get("/plan/sdg/3"))
    assert "Goede gezondheid en welzijn" in page
    for figure in ("7.035.739 €", "2.489.310 €", "35 %", "Taken 23", "Bezig: 18", "Niet gestart: 3", "Voltooid: 2"):
        assert figure in page, figure
    # the report's budget table rounds to whole euros: AP04 347.462,40 € is shown as 347.462 €
    assert "347.462 €" in page and "347.462,40" not in page


def test_overview_lists_each_sdg_with_its_tasks(client):
    import_example()
    page = text_of(client.get("/plan"))
    for sdg, tasks in (("01", 3), ("02", 2), ("03", 23), ("10", 17)):
        assert f"SDG {sdg}" in page and f"{tasks} taken" in page
    assert "64 % besteld" in page


def test_empty_plan_and_unknown_pages(client):
    assert "nog niet" in text_of(client.get("/plan"))
    assert client.get("/plan/sdg/18").status_code == 404
    assert client.get("/plan/sdg/5").status_code == 200
    assert client.get("/plan/acties/D99/AP01/01").status_code == 404


def test_action_page_shows_budget_timeline_and_ideas(client, make_process):
    import_example()
    process = make_process("public", slug="hallo-harelbeke")
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D03/AP04/01"))
    services.link_idea(make_idea(process, title="Een buurtdokter in Hulste"), action, None)
    services.link_idea(make_idea(process, title="Verborgen idee", status="published"), action, None)
    hidden = make_idea(process, title="Niet te zien", status="published")
    services.link_idea(hidden, action, None)
    hidden.status = "hidden"
    db.session.commit()
    page = text_of(client.get("/plan/acties/D03/AP04/01"))
    assert "347.462,40 €" in page and "37.390,60 €" in page and "11 %" in page
    assert "2023KW1" in page and "Bezig" in page
    assert "Een buurtdokter in Hulste" in page and "Verborgen idee" in page
    assert "Niet te zien" not in page


def test_tracker_pages_run_a_fixed_number_of_queries(client, count_queries):
    import_example()
    client.get("/plan/sdg/3")
    with count_queries() as overview:
        client.get("/plan")
    with count_queries() as sdg_page:
        client.get("/plan/sdg/3")
    with count_queries() as small_sdg:
        client.get("/plan/sdg/1")
    with count_queries() as action_page:
        client.get("/plan/acties/D03/AP01/01")
    assert overview.count <= 6
    assert sdg_page.count <= 10
    assert sdg_page.count == small_sdg.count  # 23 actions cost what 3 cost
    assert action_page.count <= 8


def test_goal_partial_lists_actions_of_the_goal_and_of_its_targets(app, client_as):
    import_example()
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D10/AP01/04"))
    services.set_targets(action, services.parse_target_codes("3.8"))
    db.session.commit()
    with app.test_request_context():
        from flask import render_template_string

        html = render_template_string('{% include "plan/_goal_actions.html" %}', goal=type("G", (), {"number": 3}))
    assert "D03/AP01/01" in html and "D10/AP01/04" in html and "D01/AP02/01" not in html


def test_residents_search_an_action_by_code_or_title(client):
    import_example()
    page = text_of(client.get("/plan?q=vrijetijdssite"))
    assert "2 acties gevonden" in page
    assert "D03/AP05/01a" in page and "D03/AP05/01b" in page
    assert "1 actie gevonden" in text_of(client.get("/plan?q=d10/ap01/04"))
    assert "Geen enkele actie" in text_of(client.get("/plan?q=zwembad"))
