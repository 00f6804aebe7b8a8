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
    from participation.core.queries import current_city
    from participation.demo.loader import load_demo

    if if_empty and current_city() is not None:
        click.echo("Demo data already loaded.")
        return
    report = load_demo(city)
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


class ExportGroup(click.Group):
    """`participation export KIND`: one subcommand per registered export kind."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from participation.exports.registry import export_kinds

        return sorted(kind.kind for kind in export_kinds())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        from participation.exports.registry import get_kind

        kind = get_kind(name)
        return None if kind is None else export_command(kind.kind, str(kind.description or kind.title))


def export_command(kind_name: str, help_text: str) -> click.Command:
    @click.command(kind_name, help=help_text)
    @click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True)
    @click.option("--process", "process_slug", help="Only this process (its slug).")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), required=True,
                  help="File to write; - for standard output.")
    @with_appcontext
    def command(fmt: str, process_slug: str | None, output: str) -> None:
        from participation.exports.services import ExportError, export_bytes, resolve

        try:
            kind, options = resolve(kind_name, fmt, process_slug)
        except ExportError as error:
            raise click.UsageError(str(error)) from error
        written = 0
        with click.open_file(output, "wb") as handle:
            for chunk in export_bytes(kind, fmt, options):
                handle.write(chunk)
                written += len(chunk)
        if output != "-":
            click.echo(f"Wrote {written} bytes to {output}.", err=True)

    return command


@click.group("export", cls=ExportGroup)
def export_group() -> None:
    """Export results as CSV, XLSX or JSON (see docs/exports.md)."""


def register_commands(app: Flask) -> None:
    for group in (demo_group, users_group, mail_group, export_group):
        app.cli.add_command(group)
