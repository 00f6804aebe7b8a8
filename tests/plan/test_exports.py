"""The multi-year plan as exports: tasks, budgets in euros per action plan, quarterly updates, action codes of ideas."""

import csv
import io
import json

import openpyxl

from participation.extensions import db
from participation.plan.models import IdeaAction, PlanAction, PlanTask
from tests.conftest import idea
from tests.exports.test_exports import read_csv
from tests.plan.helpers import add_row, example_text, import_example, import_text

HEADERS = [
    "sdg", "beleidsdoelstelling_code", "beleidsdoelstelling", "actieplan_code", "actieplan", "actie_code", "actie",
    "taak", "dienst", "status",
]
BUDGET_HEADERS = [
    "sdg", "beleidsdoelstelling_code", "actieplan_code", "actieplan", "uitgaven_totaal", "besteld",
    "besteld_procent", "uitgaven_resterend", "ontvangsten_totaal", "ontvangen", "ontvangen_procent",
    "ontvangsten_resterend", "taken_volgens_rapport",
]


def action(code: str) -> PlanAction:
    return db.session.scalar(db.select(PlanAction).where(PlanAction.code == code))


def test_plan_actions_csv_has_a_row_per_task(admin_client):
    import_example()
    rows = read_csv(admin_client.get("/beheer/exports/plan_actions.csv").data)

    assert list(rows[0]) == HEADERS
    assert len(rows) == db.session.scalar(db.select(db.func.count(PlanTask.id))) == 161
    hr = next(row for row in rows if row["taak"] == "P&O Uitrol HR-software")
    assert hr | {"actieplan": "", "actie": ""} == {
        "sdg": "16", "beleidsdoelstelling_code": "D16",
        "beleidsdoelstelling": "Vrede, veiligheid en sterke publieke diensten", "actieplan_code": "AP02",
        "actieplan": "", "actie_code": "D16/AP02/03", "actie": "", "taak": "P&O Uitrol HR-software",
        "dienst": "P&O", "status": "Bezig",
    }
    assert [row["sdg"] for row in rows] == sorted((row["sdg"] for row in rows), key=int)


def test_plan_budgets_csv_has_euros_with_shares_and_remainders(admin_client):
    import_example()
    rows = read_csv(admin_client.get("/beheer/exports/plan_budgets.csv").data)
    assert list(rows[0]) == BUDGET_HEADERS
    legal = next(row for row in rows if row["beleidsdoelstelling_code"] == "D01" and row["actieplan_code"] == "AP02")
    assert legal | {"actieplan": ""} == {
        "sdg": "1", "beleidsdoelstelling_code": "D01", "actieplan_code": "AP02", "actieplan": "",
        "uitgaven_totaal": "5333", "besteld": "3433", "besteld_procent": "64", "uitgaven_resterend": "1900",
        "ontvangsten_totaal": "", "ontvangen": "", "ontvangen_procent": "", "ontvangsten_resterend": "",
        "taken_volgens_rapport": "2",
    }
    goal = next(row for row in rows if row["beleidsdoelstelling_code"] == "D03" and not row["actieplan_code"])
    assert (goal["uitgaven_totaal"], goal["besteld"], goal["besteld_procent"]) == ("7035739", "2489310", "35")


def test_cents_stay_exact_and_a_blank_budget_stays_blank(admin_client):
    import_example()
    plan = action("D01/AP02/01").action_plan
    plan.expenses_total, plan.expenses_ordered = 123456, None
    db.session.commit()
    data = json.loads(admin_client.get("/beheer/exports/plan_budgets.json").data)
    found = next(row for row in data if row["beleidsdoelstelling_code"] == "D01" and row["actieplan_code"] == "AP02")
    assert (found["uitgaven_totaal"], found["besteld"], found["besteld_procent"]) == (1234.56, None, None)
    assert found["uitgaven_resterend"] == 1234.56
    assert found["ontvangsten_totaal"] is None


def test_plan_budgets_xlsx_has_numbers_as_numbers(admin_client):
    import_example()
    response = admin_client.get("/beheer/exports/plan_budgets.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == BUDGET_HEADERS
    legal = next(row for row in rows if row[1] == "D01" and row[2] == "AP02")
    assert legal[4:8] == (5333, 3433, 64, 1900)


def test_plan_updates_list_every_quarter_of_every_task(admin_client):
    import_text(add_row(example_text(), "D10/AP01/04", "2023KW2", "Voltooid", "Eerste ideeën zijn uitgevoerd."))
    rows = read_csv(admin_client.get("/beheer/exports/plan_updates.csv").data)

    assert list(rows[0]) == ["actie_code", "taak", "kwartaal", "status", "toelichting"]
    of_action = [(row["kwartaal"], row["status"], row["toelichting"]) for row in rows
                 if row["actie_code"] == "D10/AP01/04"]
    assert of_action[0][:2] == ("2023KW1", "Bezig")
    assert of_action[1] == ("2023KW2", "Voltooid", "Eerste ideeën zijn uitgevoerd.")
    assert len([row for row in rows if row["actie_code"] == "D16/AP02/03"]) == 9


def test_plan_updates_json_parses(admin_client):
    import_example()
    data = json.loads(admin_client.get("/beheer/exports/plan_updates.json").data)
    assert data and set(data[0]) == {"actie_code", "taak", "kwartaal", "status", "toelichting"}


def test_ideas_export_names_the_actions_that_carry_out_each_idea(admin_client, make_process, make_user):
    import_example()
    process = make_process(slug="hallo-harelbeke")
    linked = idea(process, "Speelstraat in Hulste")
    idea(process, "Zonder actie")
    for code in ("D10/AP01/04", "D01/AP02/01"):
        db.session.add(IdeaAction(idea_id=linked.id, action_id=action(code).id))
    db.session.commit()

    rows = {row["titel"]: row for row in read_csv(admin_client.get("/beheer/exports/ideas.csv").data)}
    assert rows["Speelstraat in Hulste"]["actie_codes"] == "D01/AP02/01, D10/AP01/04"
    assert rows["Zonder actie"]["actie_codes"] == ""


def test_plan_kinds_ignore_the_process_filter_and_are_open_data(admin_client, make_process):
    import_example()
    make_process(slug="hallo-harelbeke")
    page = admin_client.get("/beheer/exports?traject=hallo-harelbeke").get_data(as_text=True)
    assert "Meerjarenplan: taken" in page
    assert "/beheer/exports/plan_actions.csv?traject" not in page
    everything = read_csv(admin_client.get("/beheer/exports/plan_actions.csv").data)
    assert len(everything) > 10


def test_plan_actions_from_the_command_line(app, tmp_path):
    import_example()
    target = tmp_path / "acties.csv"
    result = app.test_cli_runner().invoke(args=["export", "plan_actions", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert rows[0]["sdg"] == "1"
    assert "D10/AP01/04" in {row["actie_code"] for row in rows}


def test_plan_exports_run_a_fixed_number_of_queries(admin_client, make_process, count_queries):
    import_example()
    process = make_process()
    idea(process, "Eerste")
    with count_queries() as few:
        for kind in ("plan_actions", "plan_budgets", "plan_updates", "ideas"):
            admin_client.get(f"/beheer/exports/{kind}.csv")
    for n in range(5):
        linked = idea(process, f"Idee {n}")
        db.session.add(IdeaAction(idea_id=linked.id, action_id=action("D10/AP01/04").id))
    import_text(add_row(example_text(), "D10/AP01/04", "2023KW2", "Voltooid", "Klaar."))
    with count_queries() as many:
        for kind in ("plan_actions", "plan_budgets", "plan_updates", "ideas"):
            admin_client.get(f"/beheer/exports/{kind}.csv")
    assert many.count == few.count
