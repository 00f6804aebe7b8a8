"""`participation export KIND …`: one subcommand per registered export kind."""

import click
from flask.cli import with_appcontext


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
    @click.option("--process", "process_slug",
                  help="Only this process (its slug); the council kinds, which belong to rounds, ignore it.")
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
