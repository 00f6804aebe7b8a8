"""The `participation` command: Flask's commands (run, db …) plus demo, users and mail."""

import secrets

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext

from participation.extensions import db


def _create_app():
    from participation import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main() -> None:
    """Participation platform: manage the database, demo data, users, mail and exports."""


@click.group("demo")
def demo_group() -> None:
    """Demo data from the city's own documents."""


@demo_group.command("load")
@click.option("--city", default="harelbeke", show_default=True, help="Folder of city data to load.")
@click.option("--if-empty", is_flag=True, help="Only load when the database holds no city yet.")
@with_appcontext
def demo_load(city: str, if_empty: bool) -> None:
    """Load the city, its districts, councils, processes and demo accounts (idempotent)."""
    from participation.core.face import FaceError
    from participation.core.queries import current_city
    from participation.demo.loader import load_demo

    if if_empty and current_city() is not None:
        click.echo("Demo data already loaded.")
        return
    try:
        report = load_demo(city)
    except FaceError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    for line in report.lines:
        click.echo(line)
    if report.new_accounts:
        click.echo("\nDemo accounts (passwords are shown this once):")
        for email, roles, password in report.new_accounts:
            click.echo(f"  {email:40} {password:24} {', '.join(roles)}")


@click.group("users")
def users_group() -> None:
    """Accounts and roles."""


@users_group.command("create-admin")
@click.argument("email")
@click.option("--name", default="Beheerder", show_default=True)
@click.option("--password", help="Without it, a strong password is generated and printed once.")
@with_appcontext
def create_admin(email: str, name: str, password: str | None) -> None:
    """Create (or promote) an administrator account."""
    from participation.access import ADMINISTRATOR
    from participation.accounts.services import create_user

    password = password or secrets.token_urlsafe(12)
    create_user(email, password, name, [ADMINISTRATOR])
    db.session.commit()
    click.echo(f"Administrator {email} is ready. Password: {password}")


@click.group("mail")
def mail_group() -> None:
    """The outbox of e-mails."""


@mail_group.command("send")
@with_appcontext
def mail_send() -> None:
    """Send the mails waiting in the outbox; failures stay queued."""
    from participation.mail.services import send_pending

    sent, failed = send_pending()
    click.echo(f"Sent {sent}, failed {failed}.")
    if failed:
        raise SystemExit(1)


@mail_group.command("digest")
@with_appcontext
def mail_digest() -> None:
    """Queue the weekly digest for everyone who chose it (run once a week, then `mail send`)."""
    from participation.notifications.services import send_digests

    mails, changes = send_digests()
    db.session.commit()
    click.echo(f"Digests queued: {mails} ({changes} changes).")


@click.group("images")
def images_group() -> None:
    """The photos of ideas."""


@images_group.command("prune")
@with_appcontext
def images_prune() -> None:
    """Remove stored photo files that no idea names any more."""
    from participation.ideas.images import prune_files

    click.echo(f"{prune_files()} files removed")


@click.group("search")
def search_group() -> None:
    """The site's search index."""


@search_group.command("rebuild")
@with_appcontext
def search_rebuild() -> None:
    """Write the search index anew from the data (after an upgrade, or data written around the app)."""
    from participation.search.index import rebuild

    count = rebuild()
    db.session.commit()
    click.echo(f"{count} documents indexed")


def register_commands(app: Flask) -> None:
    from participation.exports.cli import export_group
    from participation.ideas.cli import ideas_group
    from participation.partners.cli import partners_group
    from participation.plan.cli import plan_group
    from participation.sdgs.cli import sdg_group

    for group in (demo_group, users_group, mail_group, images_group, search_group, sdg_group, plan_group, export_group,
                  partners_group, ideas_group):
        app.cli.add_command(group)
