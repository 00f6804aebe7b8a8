"""Importing the plan: a dry run shows the changes, a re-import updates, a bad file changes nothing."""

import io
import time
import zipfile

import pytest
from sqlalchemy import func, select

from participation.demo.loader import city_folder
from participation.extensions import db
from participation.plan.importer import import_plan
from participation.plan.models import ActionPlan, PlanAction, PlanTask, PolicyGoal, StatusUpdate
from participation.plan.money import format_amount
from participation.plan.queries import sdg_summaries
from participation.plan.spreadsheet import Status
from tests.datafiles import DELIMITERS, ENCODINGS, resave
from tests.plan.helpers import (
    EXAMPLE_CSV,
    EXAMPLE_XLSX,
    add_row,
    example_text,
    import_example,
    import_text,
    replace_in_row,
)


def plan_snapshot() -> dict:
    """Everything the import writes, in a form that compares."""
    return {
        "goals": sorted(db.session.execute(select(
            PolicyGoal.code, PolicyGoal.title, PolicyGoal.sdg, PolicyGoal.expenses_total, PolicyGoal.expenses_ordered,
            PolicyGoal.income_total, PolicyGoal.income_received,
        )).all()),
        "plans": sorted(db.session.execute(select(
            ActionPlan.code, ActionPlan.title, ActionPlan.label, ActionPlan.expenses_total,
            ActionPlan.expenses_ordered, ActionPlan.income_total, ActionPlan.income_received, ActionPlan.reported_tasks,
        )).all(), key=str),
        "actions": sorted(db.session.execute(
            select(PlanAction.code, PlanAction.title, PlanAction.description, PlanAction.status)
        ).all()),
        "tasks": sorted(db.session.execute(
            select(PlanTask.action_id, PlanTask.title, PlanTask.service, PlanTask.status, PlanTask.position)
        ).all()),
        "updates": sorted(
            db.session.execute(
                select(StatusUpdate.task_id, StatusUpdate.action_id, StatusUpdate.year, StatusUpdate.quarter,
                       StatusUpdate.status, StatusUpdate.explanation)
            ).all()
        ),
    }


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


GOALS, PLANS, ACTIONS, TASKS = 12, 40, 122, 161


def test_dry_run_shows_what_would_be_new_and_writes_nothing():
    report = import_plan(EXAMPLE_CSV.read_bytes(), dry_run=True)
    db.session.commit()
    assert report.is_valid and not report.applied
    assert report.count("goal", "new") == GOALS
    assert report.count("action_plan", "new") == PLANS
    assert report.count("action", "new") == ACTIONS
    assert report.count("task", "new") == TASKS
    assert report.count("status_update", "new") == TASKS
    assert count(PolicyGoal) == count(PlanAction) == count(PlanTask) == count(StatusUpdate) == 0


def test_importing_the_example_twice_gives_the_same_plan():
    first = import_example()
    assert first.applied and first.count("task", "new") == TASKS
    snapshot = plan_snapshot()
    second = import_example()
    assert plan_snapshot() == snapshot
    assert (count(PlanAction), count(PlanTask), count(StatusUpdate), count(PolicyGoal)) == (
        ACTIONS, TASKS, TASKS, GOALS)
    assert not second.has_changes
    assert second.count("task", "unchanged") == TASKS


def test_xlsx_and_csv_give_the_same_plan():
    import_example()
    snapshot = plan_snapshot()
    report = import_plan(EXAMPLE_XLSX.read_bytes(), dry_run=False)
    db.session.commit()
    assert report.is_valid and not report.has_changes
    assert plan_snapshot() == snapshot


DEMO_PLAN = city_folder("harelbeke") / "plan.csv"


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", DELIMITERS)
def test_the_city_s_plan_reads_the_same_in_every_encoding_and_delimiter(encoding, delimiter):
    text = DEMO_PLAN.read_text(encoding="utf-8-sig")
    report = import_plan(resave(text, encoding=encoding, delimiter=delimiter), dry_run=False)
    db.session.commit()
    assert report.is_valid, [str(error) for error in report.errors]
    assert not report.ignored_columns
    assert db.session.scalar(select(PolicyGoal.expenses_total).where(PolicyGoal.code == "D01")) == 533_300
    assert db.session.scalar(select(func.count()).where(StatusUpdate.explanation.contains(
        "De samenwerking met DYZO werd geëvalueerd op 9/3/2023."))) == 1
    again = import_plan(text.encode("utf-8-sig"), dry_run=True)
    assert again.is_valid and not again.has_changes


def test_the_nine_tasks_of_one_action_are_imported_under_it():
    import_example()
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D16/AP02/03"))
    assert len(action.tasks) == 9
    assert [(task.service, task.title) for task in action.tasks][6:] == [
        ("P&O", "P&O Uitrol HR-software"),
        ("P&O", "P&O Evolutie naar innovatieve arbeidsorganisatie"),
        ("P&O", "P&O Ziekteverzuim remediëren"),
    ]
    assert {task.status for task in action.tasks} == {"in_progress"}
    assert action.status == "in_progress"
    assert len(action.updates) == 9
    assert action.action_plan.title == "Nieuwe manieren van werken versterken de organisatie"


def test_budgets_are_kept_per_action_plan_in_whole_euros():
    import_example()
    plan = db.session.scalar(
        select(ActionPlan).join(PolicyGoal).where(PolicyGoal.code == "D01", ActionPlan.code == "AP02")
    )
    assert (plan.expenses_total, plan.expenses_ordered) == (533_300, 343_300)
    assert plan.income_total is None  # a blank cell is not zero
    assert plan.expenses_percent == 64
    amounts = db.session.scalars(select(ActionPlan.expenses_total).where(ActionPlan.expenses_total.is_not(None)))
    assert all(amount % 100 == 0 for amount in amounts)


def test_sdg_11_figures_are_the_report_s():
    import_example()
    (summary,) = sdg_summaries(11)
    assert (format_amount(summary.expenses_total), format_amount(summary.expenses_ordered)) == (
        "2.918.926 €", "1.437.910 €")
    assert summary.expenses_percent == 49
    assert summary.tasks == 31
    assert [summary.counts[status] for status in Status] == [4, 27, 0]


def test_a_corrected_action_text_updates_the_action_and_the_dry_run_names_the_field():
    import_example()
    old = "Participatie-initiatieven vertalen zich"
    text = replace_in_row(example_text(), "D10/AP01/04", old, "Ideeën worden")
    dry = import_text(text, dry_run=True)
    [change] = dry.changed()
    assert (change.kind, change.code, change.state, change.fields) == ("action", "D10/AP01/04", "changed", ["title"])
    assert db.session.scalar(select(PlanAction.title).where(PlanAction.code == "D10/AP01/04")).startswith(old)
    import_text(text)
    title = db.session.scalar(select(PlanAction.title).where(PlanAction.code == "D10/AP01/04"))
    assert title == "Ideeën worden in concrete acties voor de burger"
    assert count(PlanAction) == ACTIONS


def test_a_reimport_matches_tasks_by_action_code_and_title():
    """A task whose title changed is a new task; the old one is kept with its updates (an import never deletes),
    and the dry run says which is new."""
    import_example()
    text = replace_in_row(example_text(), "D16/AP02/03", "P&O Uitrol HR-software", "P&O Uitrol van de HR-software")
    dry = import_text(text, dry_run=True)
    new = [(c.kind, c.code, c.title) for c in dry.changed()]
    assert ("task", "D16/AP02/03", "P&O Uitrol van de HR-software") in new
    assert ("status_update", "D16/AP02/03 2023KW1", "P&O Uitrol van de HR-software: Bezig") in [
        (c.kind, c.code, str(c.title)) for c in dry.changed()]
    import_text(text)
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D16/AP02/03"))
    assert len(action.tasks) == 10
    assert count(PlanTask) == TASKS + 1


def test_a_new_quarter_adds_an_update_and_changes_the_status():
    import_example()
    text = add_row(example_text(), "D10/AP01/04", "2023KW2", "Voltooid", "Alle ideeën zijn verwerkt.")
    report = import_text(text)
    assert report.count("status_update", "new") == 1
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D10/AP01/04"))
    assert action.status == "done" and action.tasks[0].status == "done"
    assert [(u.period.code, u.status) for u in action.updates] == [("2023KW2", "done"), ("2023KW1", "in_progress")]


def test_an_action_is_done_only_when_all_its_tasks_are():
    import_example()
    text = add_row(example_text(), "D16/AP02/03", "2023KW2", "Voltooid", "Klaar.", task="P&O Uitrol HR-software")
    import_text(text)
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D16/AP02/03"))
    assert [task.status for task in action.tasks].count("done") == 1
    assert action.status == "in_progress"


def test_a_bad_amount_is_refused_with_its_row_and_nothing_changes():
    import_example()
    snapshot = plan_snapshot()
    text = replace_in_row(example_text(), "D01/AP02/01", ";5.333 €;3.433 €;;;2;", ";5,333.00 €;3.433 €;;;2;")
    text = replace_in_row(text, "D10/AP01/04", "Uitwerking ideeën Hallo Harelbeke", "Nieuwe titel")
    report = import_text(text)
    assert not report.applied
    [error] = report.errors
    assert (error.row, error.column) == (3, "Uitgaven totaal")
    assert "5,333.00 €" in str(error.message)
    assert plan_snapshot() == snapshot


def test_an_unknown_sdg_is_refused_with_its_row_on_an_empty_database():
    lines = example_text().splitlines()
    lines[5] = "18" + lines[5][lines[5].index(";"):]
    report = import_text("\n".join(lines))
    assert [(e.row, e.column) for e in report.errors] == [(6, "SDG")]
    assert count(PolicyGoal) == count(PlanAction) == 0


def test_a_file_that_is_no_spreadsheet_is_refused():
    report = import_plan(b"\xd0\xcf\x11\xe0 old excel", dry_run=False)
    assert report.errors and report.errors[0].row == 1 and not report.applied


def test_a_failure_half_way_changes_nothing(monkeypatch):
    import_example()
    snapshot = plan_snapshot()
    from participation.plan import importer

    def broken(news):
        db.session.execute(select(func.count()).select_from(PlanAction).where(PlanAction.code == func.nonexistent()))

    monkeypatch.setattr(importer, "notify_followers", broken)
    text = add_row(example_text(), "D10/AP01/04", "2023KW2", "Voltooid", "Alle ideeën zijn verwerkt.")
    report = import_text(text)
    assert not report.applied and report.errors
    assert plan_snapshot() == snapshot


def test_cli_imports_with_a_dry_run_first(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["plan", "import", str(EXAMPLE_CSV), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Dry run" in result.output
    assert count(PlanAction) == 0
    result = runner.invoke(args=["plan", "import", str(EXAMPLE_CSV)])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert count(PlanAction) == ACTIONS and count(PlanTask) == TASKS


def test_a_zip_bomb_is_refused_before_it_is_read_and_nothing_changes(app):
    import_example()
    snapshot = plan_snapshot()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<row/>" * 2_000_000)
    app.config["PLAN_IMPORT_MAX_UNPACKED_MB"] = 5
    started = time.perf_counter()
    report = import_plan(buffer.getvalue(), dry_run=False)
    assert time.perf_counter() - started < 2
    [error] = report.errors
    assert "meer dan de toegelaten 5 MB" in str(error)
    assert plan_snapshot() == snapshot


def test_a_long_file_of_lines_is_refused_by_its_row_count(app):
    app.config["PLAN_IMPORT_MAX_ROWS"] = 20_000
    report = import_plan(b"x\n" * 300_000, dry_run=True)
    [error] = report.errors
    assert "meer dan 20.000 rijen" in str(error)
    assert count(PolicyGoal) == 0


def test_errors_beyond_the_limit_are_counted_not_listed(app):
    app.config["PLAN_IMPORT_MAX_ERRORS"] = 200
    lines = example_text().splitlines()
    bad = [lines[0]] + ["99" + line[line.index(";"):] for line in lines[1:]] * 2
    report = import_plan("\n".join(bad).encode(), dry_run=True)
    assert len(report.errors) == 200
    assert report.more_errors == 2 * (len(lines) - 1) - 200
    assert count(PolicyGoal) == 0
