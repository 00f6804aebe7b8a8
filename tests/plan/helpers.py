"""Shared helpers for the plan's tests: the example file, an import, a changed copy, an idea."""

from pathlib import Path

from participation.extensions import db
from participation.ideas.models import Follow, Idea
from participation.plan.importer import ImportReport, import_plan
from tests.conftest import idea

DATA = Path(__file__).parent / "data"
EXAMPLE_CSV = DATA / "plan_example.csv"
EXAMPLE_XLSX = DATA / "plan_example.xlsx"


def example_text() -> str:
    return EXAMPLE_CSV.read_text(encoding="utf-8-sig")


def import_text(text: str, dry_run: bool = False) -> ImportReport:
    report = import_plan(text.encode("utf-8"), dry_run=dry_run)
    db.session.commit()
    return report


def import_example() -> ImportReport:
    report = import_plan(EXAMPLE_CSV.read_bytes(), dry_run=False)
    assert report.is_valid, [str(e) for e in report.errors]
    db.session.commit()
    return report


def replace_in_row(text: str, code: str, old: str, new: str) -> str:
    """The file with ``old`` replaced by ``new`` in the rows of action ``code``."""
    lines = text.splitlines()
    changed = [line.replace(old, new) if f";{code};" in line else line for line in lines]
    assert changed != lines, f"{old!r} not found in the rows of {code}"
    return "\n".join(changed) + "\n"


QUARTER_COLUMN = 18  # Kwartaal, Status and Toelichting are the last three columns of the example


def add_row(text: str, code: str, quarter: str, status: str, explanation: str, task: str | None = None) -> str:
    """A new quarter for a task of action ``code`` (its first, or the one titled ``task``): its row copied
    with another quarter, status and explanation."""
    lines = text.splitlines()
    row = next(line for line in lines if f";{code};" in line and (task is None or f";{task};" in line))
    cells = row.split(";")
    cells[QUARTER_COLUMN:] = [quarter, status, explanation]
    return "\n".join([*lines, ";".join(cells)]) + "\n"


def make_idea(process, title: str = "Een speelstraat in de Gentsestraat", status: str = "selected",
              author=None) -> Idea:
    """An idea the city has selected, as the plan links it to an action."""
    return idea(process, title=title, status=status, author=author, theme="people", body="<p>Tekst</p>")


def follow(user, idea) -> None:
    db.session.add(Follow(user_id=user.id, idea_id=idea.id))
    db.session.commit()
