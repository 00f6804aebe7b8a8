"""`participation ideas …`: upkeep of what is kept per idea."""

import click
from flask.cli import with_appcontext


@click.group("ideas")
def ideas_group() -> None:
    """The ideas of every process."""


@ideas_group.group("similar")
def similar_group() -> None:
    """The similar ideas stored per idea, which its page shows."""


@similar_group.command("rebuild")
@click.option("--all", "every", is_flag=True, help="Compute every idea's list again, not only the missing ones.")
@with_appcontext
def similar_rebuild(every: bool) -> None:
    """Store the similar ideas of the ideas that have no list yet (after an upgrade, or ideas written
    around the app)."""
    from participation.ideas.similar import rebuild_similar

    click.echo(f"{rebuild_similar(every=every)} ideas got their similar ideas")


@ideas_group.group("texts")
def texts_group() -> None:
    """Each idea's body as its page shows it, kept rendered."""


@texts_group.command("fill")
@with_appcontext
def texts_fill() -> None:
    """Render and keep the body of the ideas that have none kept (after an upgrade, or ideas written around
    the app); their pages otherwise do it one by one."""
    from participation.ideas.texts import fill_rendered_bodies

    click.echo(f"{fill_rendered_bodies()} ideas got their body rendered")
