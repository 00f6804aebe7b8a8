"""SDG links as an export, and the target codes of each idea in the ideas export."""

import io
import json

import openpyxl

from participation.extensions import db
from participation.plan.models import PlanAction
from participation.plan.services import set_targets
from participation.sdgs.models import IdeaTarget
from tests.conftest import idea
from tests.exports.test_exports import read_csv
from tests.plan.helpers import import_example

HEADERS = ["onderwerp", "onderwerp_id", "traject", "titel", "subdoel", "sdg", "gekoppeld_op"]


def link(an_idea, *codes: str) -> None:
    for code in codes:
        goal = int(code.split(".")[0])
        db.session.add(IdeaTarget(idea_id=an_idea.id, target_code=code, goal_number=goal))
    db.session.commit()


def link_action(code: str, *targets: str) -> None:
    action = db.session.scalar(db.select(PlanAction).where(PlanAction.code == code))
    set_targets(action, list(targets))
    db.session.commit()


def test_sdg_links_list_links_of_ideas_and_plan_actions(admin_client, make_process):
    import_example()
    process = make_process(slug="hallo-harelbeke")
    trees = idea(process, "Meer bomen op de markt")
    link(trees, "13.2", "11.7")
    link_action("D10/AP01/04", "16.7")

    rows = read_csv(admin_client.get("/beheer/exports/sdg_links.csv").data)

    assert list(rows[0]) == HEADERS
    assert [(r["onderwerp"], r["onderwerp_id"], r["traject"], r["titel"], r["subdoel"], r["sdg"]) for r in rows] == [
        ("Idee", str(trees.id), "hallo-harelbeke", "Meer bomen op de markt", "11.7", "11"),
        ("Idee", str(trees.id), "hallo-harelbeke", "Meer bomen op de markt", "13.2", "13"),
        ("Actie van het meerjarenplan", "D10/AP01/04", "",
         "Participatie-initiatieven vertalen zich in concrete acties voor de burger", "16.7", "16"),
    ]
    assert rows[0]["gekoppeld_op"] and rows[2]["gekoppeld_op"] == ""


def test_sdg_links_for_one_process_hold_only_its_ideas(admin_client, make_process):
    import_example()
    mine = idea(make_process(slug="hallo-harelbeke"), "Speelstraat")
    other = idea(make_process(slug="ander-traject"), "Zitbank")
    link(mine, "11.7")
    link(other, "3.8")
    link_action("D10/AP01/04", "16.7")

    rows = read_csv(admin_client.get("/beheer/exports/sdg_links.csv?traject=hallo-harelbeke").data)
    assert [(row["titel"], row["subdoel"]) for row in rows] == [("Speelstraat", "11.7")]


def test_sdg_links_xlsx_keeps_codes_as_text_and_json_parses(admin_client, make_process):
    link(idea(make_process(), "Speelstraat"), "11.7", "1.a")
    sheet = openpyxl.load_workbook(io.BytesIO(admin_client.get("/beheer/exports/sdg_links.xlsx").data)).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["E2"].value == "1.a" and sheet["E3"].data_type == "s" and sheet["E3"].value == "11.7"
    assert sheet["F3"].value == 11
    data = json.loads(admin_client.get("/beheer/exports/sdg_links.json").data)
    assert [row["subdoel"] for row in data] == ["1.a", "11.7"]
    assert data[0]["sdg"] == 1


def test_ideas_export_has_the_target_codes_of_each_idea(admin_client, make_process):
    process = make_process()
    linked = idea(process, "Speelstraat")
    idea(process, "Zonder subdoel")
    link(linked, "13.2", "11.7")
    rows = {row["titel"]: row for row in read_csv(admin_client.get("/beheer/exports/ideas.csv").data)}
    assert rows["Speelstraat"]["sdg_subdoelen"] == "11.7, 13.2"
    assert rows["Zonder subdoel"]["sdg_subdoelen"] == ""


def test_sdg_links_name_no_one(admin_client, make_process, make_user):
    moderator = make_user("moderator", email="mona@harelbeke.be", name="Moderator Mona")
    trees = idea(make_process(), "Meer bomen", author=make_user(name="Auteur Ahmed"))
    db.session.add(IdeaTarget(idea_id=trees.id, target_code="11.7", goal_number=11, linked_by_id=moderator.id))
    db.session.commit()
    data = admin_client.get("/beheer/exports/sdg_links.csv").get_data(as_text=True)
    assert "Mona" not in data and "Ahmed" not in data and "@" not in data


def test_sdg_exports_run_a_fixed_number_of_queries(admin_client, make_process, count_queries):
    process = make_process()
    link(idea(process, "Eerste"), "11.7")
    with count_queries() as few:
        admin_client.get("/beheer/exports/sdg_links.csv")
        admin_client.get("/beheer/exports/ideas.csv")
    for n in range(12):
        link(idea(process, f"Idee {n}"), "11.7", "13.2")
    with count_queries() as many:
        admin_client.get("/beheer/exports/sdg_links.csv")
        admin_client.get("/beheer/exports/ideas.csv")
    assert many.count == few.count
