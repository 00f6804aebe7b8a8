"""The public tracker: per SDG the tasks, their statuses and the budget, as the city's report shows them."""

import re

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.plan import services
from participation.plan.models import PlanAction
from participation.plan.queries import chapter_summaries, sdg_summaries
from participation.plan.spreadsheet import Status
from tests.plan.helpers import import_example, make_idea


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


# The progress report's figures per SDG: expenses (total, ordered, %, remaining), income (total, received, %,
# remaining), the tasks it counts, and the tasks it shows per status (not started, in progress, done).
# None: the report leaves the cell blank.
REPORT = {
    1: (5_333, 3_433, 64, 1_900, None, None, None, None, 3, (0, 3, 0)),
    2: (28_000, 5_521, 20, 22_479, None, None, None, None, 2, (0, 1, 1)),
    3: (7_035_739, 2_489_310, 35, 4_546_429, 60_970, 30_719, 50, 30_251, 23, (3, 17, 2)),
    4: (107_103, 2_657, 2, 104_446, 36_788, 1_122, 3, 35_666, 5, (0, 5, 0)),
    6: (3_052_501, 2_253_056, 74, 799_445, 2_296_690, None, None, 2_296_690, 14, (1, 12, 0)),
    # The report shows 238.231 € remaining: it subtracts amounts in cents it does not show.
    7: (664_426, 426_196, 64, 238_230, 464_599, None, None, 464_599, 5, (0, 5, 0)),
    8: (187_410, 73_524, 39, 113_886, 6_000, None, None, 6_000, 10, (0, 10, 0)),
    10: (601_360, 162_325, 27, 439_035, 189_679, 113_452, 60, 76_227, 17, (0, 14, 2)),
    # The report shows 1.338.623 € income remaining, for the same reason.
    11: (2_918_926, 1_437_910, 49, 1_481_016, 1_456_419, 117_797, 8, 1_338_622, 31, (4, 27, 0)),
    13: (3_053_386, 779_494, 26, 2_273_892, 1_512_438, 9_178, 1, 1_503_260, 14, (0, 14, 0)),
    15: (227_225, None, None, 227_225, None, None, None, None, 9, (1, 6, 2)),
    16: (5_334_455, 1_558_008, 29, 3_776_447, 0, None, None, 0, 31, (5, 26, 0)),
}


def euros(cents):
    return None if cents is None else cents // 100


def test_every_sdg_has_the_report_figures():
    import_example()
    summaries = {summary.sdg: summary for summary in sdg_summaries()}
    assert sorted(summaries) == sorted(REPORT)
    for sdg, (total, ordered, share, left, income, received, in_share, in_left, counted, statuses) in REPORT.items():
        s = summaries[sdg]
        assert (euros(s.expenses_total), euros(s.expenses_ordered), s.expenses_percent,
                euros(s.expenses_remaining)) == (total, ordered, share, left), sdg
        assert (euros(s.income_total), euros(s.income_received), s.income_percent,
                euros(s.income_remaining)) == (income, received, in_share, in_left), sdg
        assert s.reported_tasks == counted, sdg
        assert tuple(s.counts[status] for status in Status) == statuses, sdg
        assert s.tasks == sum(statuses) == counted - s.hidden_tasks, sdg


def test_chapters_count_the_tasks_of_the_report_charts():
    """People 50, Prosperity 46, Planet 37 and Public Services 31 tasks, as the report's charts, under the
    city's own chapters (SDG 10 under People, SDG 11 under Prosperity, SDG 6 under Planet)."""
    from participation.core.chapters import chapter_of_goal, forget_chapters
    from participation.demo.chapters import load_chapters
    from participation.demo.loader import city_folder

    load_chapters(city_folder("harelbeke"), [])
    db.session.commit()
    forget_chapters()
    import_example()
    chapters = chapter_summaries(sdg_summaries())

    def chapter_of(*sdgs):
        keys = {chapter_of_goal(sdg).key for sdg in sdgs}
        assert len(keys) == 1
        (key,) = keys
        return next(chapter for chapter in chapters if chapter.key == key)

    assert [chapter.label for chapter in chapters] == ["People", "Prosperity", "Planet", "Public Services"]
    assert sum(chapter.reported_tasks for chapter in chapters) == 164
    assert sum(chapter.tasks for chapter in chapters) == 161
    public = chapter_of(16)
    assert (public.reported_tasks, [public.counts[s] for s in Status]) == (31, [5, 26, 0])
    assert euros(public.expenses_total) == 5_334_455
    planet = chapter_of(6, 13, 15)
    assert (planet.reported_tasks, [planet.counts[s] for s in Status]) == (37, [3 - 1, 32, 2])
    # The report's chart: 6.333.112 € expenses, 3.809.128 € income.
    assert (euros(planet.expenses_total), euros(planet.income_total)) == (6_333_112, 3_809_128)
    assert chapter_of(1, 2, 3, 4, 10).reported_tasks == 50
    prosperity = chapter_of(7, 8, 11)
    assert prosperity.reported_tasks == 46
    # The report's chart says 3.770.763 €: its goals, rounded each, add up to one euro less.
    assert (euros(prosperity.expenses_total), euros(prosperity.income_total)) == (3_770_762, 1_927_018)


def test_sdg_03_page_shows_the_report_figures(client):
    import_example()
    page = text_of(client.get("/plan/sdg/3"))
    assert "Goede gezondheid en welzijn" in page
    for figure in ("7.035.739 €", "2.489.310 €", "35 %", "4.546.429 €", "60.970 €", "30.719 €", "50 %", "30.251 €"):
        assert figure in page, figure
    assert "347.462 €" in page and ",40" not in page
    assert "telt 1 taak meer dan het toont" in page


def test_sdg_16_page_lists_the_tasks_under_their_actions(client):
    import_example()
    html = client.get("/plan/sdg/16").get_data(as_text=True)
    page = text_of(client.get("/plan/sdg/16"))
    assert "5.334.455 €" in page and "1.558.008 €" in page and "29 %" in page and "3.776.447 €" in page
    assert html.count('class="task-item"') == 31
    assert "P&amp;O Uitrol HR-software" in html.replace("P&O", "P&amp;O")
    assert "Taak niet getoond" not in page


def test_overview_shows_each_chapter_and_sdg_with_its_figures(client):
    import_example()
    page = text_of(client.get("/plan"))
    for sdg in ("SDG 01", "SDG 06", "SDG 11", "SDG 16"):
        assert sdg in page
    assert "2.918.926 € 1.437.910 € 49 % 1.481.016 €" in page
    assert "31 4 27 0" in page  # SDG 11: tasks, not started, in progress, done


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
    assert "347.462 €" in page and "37.391 €" in page and "11 %" in page
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


def test_goal_page_lists_actions_of_the_goal_and_of_its_targets(client):
    import_example()
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D10/AP01/04"))
    services.set_targets(action, services.parse_target_codes("3.8"))
    db.session.commit()
    html = client.get("/sdgs/3").get_data(as_text=True)
    assert "D03/AP01/01" in html and "D10/AP01/04" in html and "D01/AP02/01" not in html


def test_residents_search_an_action_by_code_or_title(client):
    import_example()
    page = text_of(client.get("/plan?q=integriteitsverhaal"))
    assert "1 actie gevonden" in page and "D16/AP02/03" in page
    page = text_of(client.get("/plan?q=atelier"))
    assert "1 actie gevonden" in page and "D16/AP01/04" in page
    assert "1 actie gevonden" in text_of(client.get("/plan?q=d10/ap01/04"))
    assert "Geen enkele actie" in text_of(client.get("/plan?q=zwembad"))


@pytest.mark.parametrize(("role", "manages"), [
    ("anonymous", False), ("resident", False), ("employee", False), ("moderator", False), ("administrator", True),
])
def test_only_an_administrator_is_offered_the_import_and_the_quarterly_update(client_as, role, manages):
    import_example()
    browser = client_as(role)
    index = browser.get("/plan").get_data(as_text=True)
    action = browser.get("/plan/acties/D03/AP01/01").get_data(as_text=True)
    assert "/plan/sdg/3" in index and "D03/AP01/01" in action
    assert ('href="/beheer/plan"' in index) is manages
    assert ('href="/beheer/plan/acties/D03/AP01/01"' in action) is manages
