"""The plan tracker as open data: per SDG, the actions paginated and filtered, one action with its updates."""

from participation.extensions import db
from participation.plan.models import IdeaAction, PlanAction
from participation.plan.services import set_targets
from tests.conftest import idea
from tests.plan.helpers import add_row, example_text, import_example, import_text

CODE = "D10/AP01/04"


def action(code: str) -> PlanAction:
    return db.session.scalar(db.select(PlanAction).where(PlanAction.code == code))


def test_plan_gives_per_sdg_tasks_per_status_and_budget_totals(client):
    import_example()
    body = client.get("/api/v1/plan").get_json()

    first = body["data"][0]
    assert first["sdg"] == 1
    assert first["policy_goals"][0] == {"code": "D01", "title": "Geen armoede"}
    assert sum(first["statuses"].values()) == first["tasks"]
    assert first["links"]["actions"].endswith("/api/v1/plan/actions?sdg=1")
    actions_of_sdg_1 = client.get("/api/v1/plan/actions?sdg=1&per_page=100").get_json()["data"]
    assert first["tasks"] == first["reported_tasks"] == sum(len(a["tasks"]) for a in actions_of_sdg_1) == 3
    assert first["budget"]["expenses_ordered"] == 3433
    assert [s["sdg"] for s in body["data"]] == sorted(s["sdg"] for s in body["data"])
    sdg_3 = next(s for s in body["data"] if s["sdg"] == 3)
    assert (sdg_3["tasks"], sdg_3["reported_tasks"]) == (22, 23)
    assert sdg_3["budget"]["expenses_total"] == 7_035_739


def test_plan_gives_the_figures_per_chapter(client):
    import_example()
    chapters = {c["key"]: c for c in client.get("/api/v1/plan").get_json()["chapters"]}
    assert sum(c["reported_tasks"] for c in chapters.values()) == 164
    assert sum(c["tasks"] for c in chapters.values()) == 161


def test_an_action_lists_its_tasks(client):
    import_example()
    body = client.get("/api/v1/plan/actions/D16/AP02/03").get_json()
    assert len(body["tasks"]) == 9
    assert body["tasks"][6] == {"title": "P&O Uitrol HR-software", "service": "P&O", "status": "in_progress"}
    assert body["budget"]["expenses_total"] is None  # SDG 16's action plans have no budget of their own


def test_actions_are_paginated_and_filtered_by_sdg(client):
    import_example()
    total = db.session.scalar(db.select(db.func.count(PlanAction.id)))

    page = client.get("/api/v1/plan/actions?per_page=5").get_json()
    assert page["meta"] == {"page": 1, "per_page": 5, "total": total, "pages": -(-total // 5)}
    assert page["links"]["next"].endswith("/api/v1/plan/actions?page=2&per_page=5")

    tenth = client.get("/api/v1/plan/actions?sdg=10").get_json()
    assert tenth["data"] and {a["sdg"] for a in tenth["data"]} == {10}
    assert all(a["code"].startswith("D10/") for a in tenth["data"])
    assert "sdg=10" in tenth["links"]["self"]


def test_a_wrong_sdg_filter_is_a_bad_request(client):
    for value in ("0", "18", "drie"):
        response = client.get(f"/api/v1/plan/actions?sdg={value}")
        assert response.status_code == 400
        assert response.get_json() == {"error": {"status": 400, "message": "Bad Request"}}


def test_action_budget_is_in_euros_with_share_and_remainder(client):
    import_example()
    legal = client.get("/api/v1/plan/actions/D01/AP02/01").get_json()
    assert legal["budget"] == {
        "expenses_total": 5333, "expenses_ordered": 3433, "expenses_percent": 64, "expenses_remaining": 1900,
        "income_total": None, "income_received": None, "income_percent": None, "income_remaining": None,
    }
    assert legal["policy_goal"]["code"] == "D01" and legal["action_plan"]["code"] == "AP02"


def test_action_shows_updates_latest_first_targets_and_only_public_ideas(client, make_process, make_user):
    import_text(add_row(example_text(), CODE, "2023KW2", "Voltooid", "Eerste ideeën zijn uitgevoerd."))
    carried_out = action(CODE)
    set_targets(carried_out, ["16.7"])
    moderator = make_user("moderator", name="Moderator Mona")
    shown = idea(make_process(slug="hallo-harelbeke"), "Speelstraat in Hulste", status="selected",
                 author=make_user(name="Auteur Ahmed"))
    waiting = idea(make_process(slug="ander-traject"), "Nog niet gemodereerd", status="submitted")
    internal = idea(make_process("staff", slug="personeel"), "Koffie voor iedereen", status="selected")
    for linked in (shown, waiting, internal):
        db.session.add(IdeaAction(idea_id=linked.id, action_id=carried_out.id, linked_by_id=moderator.id))
    db.session.commit()

    body = client.get(f"/api/v1/plan/actions/{CODE}").get_json()

    assert [(u["quarter"], u["status"]) for u in body["updates"]] == [("2023KW2", "done"), ("2023KW1", "in_progress")]
    assert body["updates"][0]["task"] == "Uitwerking ideeën Hallo Harelbeke"
    assert body["status"] == "done"
    assert body["targets"] == ["16.7"]
    assert body["ideas"] == [
        {"id": shown.id, "title": "Speelstraat in Hulste", "url": f"http://localhost/api/v1/ideas/{shown.id}"}
    ]
    text = client.get(f"/api/v1/plan/actions/{CODE}").get_data(as_text=True)
    assert "Mona" not in text and "Ahmed" not in text


def test_unknown_action_is_not_found_as_json(client):
    import_example()
    response = client.get("/api/v1/plan/actions/D99/AP99/99")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_action_list_does_not_query_per_action(client, count_queries):
    import_example()
    with count_queries() as few:
        client.get("/api/v1/plan/actions?per_page=2")
    with count_queries() as many:
        client.get("/api/v1/plan/actions?per_page=40")
    assert many.count == few.count


def test_idea_answers_carry_their_sdg_target_codes(client, make_process):
    from participation.sdgs.models import IdeaTarget

    process = make_process(slug="hallo-harelbeke")
    linked = idea(process, "Meer bomen", votes=3)
    idea(process, "Zonder subdoel")
    for code, goal in (("13.2", 13), ("11.7", 11)):
        db.session.add(IdeaTarget(idea_id=linked.id, target_code=code, goal_number=goal))
    db.session.commit()

    listed = client.get("/api/v1/processes/hallo-harelbeke/ideas").get_json()["data"]
    assert [(i["title"], i["sdg_targets"]) for i in listed] == [("Meer bomen", ["11.7", "13.2"]),
                                                                ("Zonder subdoel", [])]
    assert client.get(f"/api/v1/ideas/{linked.id}").get_json()["sdg_targets"] == ["11.7", "13.2"]


def test_action_code_may_come_with_its_slashes_encoded(client):
    import_example()
    response = client.get("/api/v1/plan/actions/D10%2FAP01%2F04")
    assert response.status_code == 200
    assert response.get_json()["code"] == CODE
    assert response.get_json()["links"]["self"].endswith(f"/api/v1/plan/actions/{CODE}")
