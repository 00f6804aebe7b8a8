"""`participation partners …`: a municipality's own partners from the command line."""

import click
from flask.cli import with_appcontext

from participation.extensions import db


@click.group("partners")
def partners_group() -> None:
    """The organisations the city works with."""


@partners_group.command("load")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change without saving.")
@with_appcontext
def partners_load(file, dry_run: bool) -> None:
    """Load the city's partners from a JSON file (see docs/partners.md); loading again updates them and
    links the plan's tasks that name them."""
    from participation.partners.cityfile import PartnersFileError, read_partners
    from participation.partners.services import save_partners

    try:
        items = read_partners(file.read())
    except PartnersFileError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        raise SystemExit(1) from None
    report = save_partners(items)
    click.echo(report.line())
    if dry_run:
        db.session.rollback()
        click.echo("Dry run: nothing was saved.")
        return
    db.session.commit()
