"""Importing the plan: a dry run shows the changes, a re-import updates, a bad file changes nothing."""

from sqlalchemy import func, select

from participation.extensions import db
from participation.plan.importer import import_plan
from participation.plan.models import ActionPlan, PlanAction, PolicyGoal, StatusUpdate
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
        "goals": sorted(db.session.execute(select(PolicyGoal.code, PolicyGoal.title, PolicyGoal.sdg)).all()),
        "plans": sorted(db.session.execute(select(ActionPlan.code, ActionPlan.title, ActionPlan.label)).all()),
        "actions": sorted(
            db.session.execute(
                select(
                    PlanAction.code, PlanAction.title, PlanAction.description, PlanAction.expenses_total,
                    PlanAction.expenses_ordered, PlanAction.income_total, PlanAction.income_received,
                    PlanAction.status,
                )
            ).all()
        ),
        "updates": sorted(
            db.session.execute(
                select(StatusUpdate.action_id, StatusUpdate.year, StatusUpdate.quarter, StatusUpdate.status,
                       StatusUpdate.explanation)
            ).all()
        ),
    }


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_dry_run_shows_what_would_be_new_and_writes_nothing():
    report = import_plan(EXAMPLE_CSV.read_bytes(), dry_run=True)
    db.session.commit()
    assert report.is_valid and not report.applied
    assert report.count("goal", "new") == 4
    assert report.count("action_plan", "new") == 13
    assert report.count("action", "new") == 45
    assert report.count("status_update", "new") == 45
    assert count(PolicyGoal) == count(PlanAction) == count(StatusUpdate) == 0


def test_importing_the_example_twice_gives_the_same_plan():
    first = import_example()
    assert first.applied and first.count("action", "new") == 45
    snapshot = plan_snapshot()
    second = import_example()
    assert plan_snapshot() == snapshot
    assert count(PlanAction) == 45 and count(StatusUpdate) == 45 and count(PolicyGoal) == 4
    assert not second.has_changes
    assert second.count("action", "unchanged") == 45


def test_xlsx_and_csv_give_the_same_plan():
    import_example()
    snapshot = plan_snapshot()
    report = import_plan(EXAMPLE_XLSX.read_bytes(), dry_run=False)
    db.session.commit()
    assert report.is_valid and not report.has_changes
    assert plan_snapshot() == snapshot


def test_belgian_amounts_are_stored_in_cents():
    import_example()
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D01/AP02/01"))
    assert action.expenses_total == 533_300
    assert action.expenses_ordered == 343_300
    assert action.income_total is None  # a blank cell is not zero
    assert action.expenses_percent == 64


def test_a_corrected_title_updates_the_action_and_the_dry_run_names_the_field():
    import_example()
    text = replace_in_row(example_text(), "D10/AP01/04", "Uitwerking ideeën", "Ideeën van")
    dry = import_text(text, dry_run=True)
    [change] = dry.changed()
    assert (change.kind, change.code, change.state, change.fields) == ("action", "D10/AP01/04", "changed", ["title"])
    assert db.session.scalar(select(PlanAction.title).where(PlanAction.code == "D10/AP01/04")).startswith("Uitwerking")
    import_text(text)
    title = db.session.scalar(select(PlanAction.title).where(PlanAction.code == "D10/AP01/04"))
    assert title == "Ideeën van Hallo Harelbeke"
    assert count(PlanAction) == 45


def test_a_new_quarter_adds_an_update_and_changes_the_status():
    import_example()
    text = add_row(example_text(), "D10/AP01/04", "2023KW2", "Voltooid", "Alle ideeën zijn verwerkt.")
    report = import_text(text)
    assert report.count("status_update", "new") == 1
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == "D10/AP01/04"))
    assert action.status == "done"
    assert [(u.period.code, u.status) for u in action.updates] == [("2023KW2", "done"), ("2023KW1", "in_progress")]


def test_a_bad_amount_is_refused_with_its_row_and_nothing_changes():
    import_example()
    snapshot = plan_snapshot()
    text = replace_in_row(example_text(), "D01/AP02/01", "5.333 €", "5,333.00 €")
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
    text = replace_in_row(example_text(), "D10/AP01/04", "Uitwerking ideeën Hallo Harelbeke", "Andere titel")
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
    assert count(PlanAction) == 45
