"""`participation plan …`: the multi-year plan from the command line."""

import click
from flask.cli import with_appcontext

from participation.extensions import db


@click.group("plan")
def plan_group() -> None:
    """The multi-year plan."""


@plan_group.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Show what would change without saving anything.")
@with_appcontext
def plan_import(file, dry_run: bool) -> None:
    """Import the plan from an XLSX or CSV file (all or nothing; importing again updates)."""
    from participation.plan.importer import KIND_LABELS, import_plan

    report = import_plan(file.read(), dry_run=dry_run)
    for error in report.errors:
        click.echo(str(error), err=True)
    if report.more_errors:
        click.echo(f"… and {report.more_errors} more errors.", err=True)
    if report.errors:
        db.session.rollback()
        click.echo("Nothing was imported.", err=True)
        raise SystemExit(1)
    for kind, counts in report.summary:
        click.echo(f"{KIND_LABELS[kind]}: {counts['new']} new, {counts['changed']} changed, "
                   f"{counts['unchanged']} unchanged")
    changed = report.changed()
    new = [change for change in changed if change.state == "new"]
    for change in changed if len(new) <= 30 else [change for change in changed if change.state != "new"]:
        fields = f" ({change.field_labels})" if change.fields else ""
        click.echo(f"  {change.state}: {change.code} {change.title}{fields}")
    if report.ignored_columns:
        click.echo(f"Ignored columns: {', '.join(report.ignored_columns)}")
    if dry_run:
        db.session.rollback()
        click.echo("Dry run: nothing was saved.")
        return
    db.session.commit()
    click.echo(f"Imported; {report.mails} mails to followers queued.")
