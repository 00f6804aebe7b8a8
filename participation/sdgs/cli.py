"""`participation sdg …`: load the goals and targets, and ask the suggester from the command line."""

import json

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from participation.extensions import db


@click.group("sdg")
def sdg_group() -> None:
    """The 17 SDGs and their 169 targets."""


@sdg_group.command("load")
@with_appcontext
def sdg_load() -> None:
    """Load the goals and targets shipped with the platform (idempotent)."""
    from participation.sdgs.services import load_reference_data

    goals, targets = load_reference_data()
    db.session.commit()
    click.echo(f"{goals} SDG goals and {targets} targets loaded (nl, fr, en).")


@sdg_group.command("suggest")
@click.argument("text")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 169), help="How many targets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@with_appcontext
def sdg_suggest(text: str, top: int, as_json: bool) -> None:
    """Suggest the SDG targets a Dutch TEXT is closest to, with the words that matched."""
    from participation.sdgs.reference import reference_goals
    from participation.sdgs.services import current_statements, suggester

    try:
        statements = current_statements()
    except SQLAlchemyError:  # no database yet: the shipped targets alone still answer
        db.session.rollback()
        statements = {}
    suggestions = suggester(statements).suggest(text, top=top)
    texts = {t["code"]: t["text"]["nl"] for goal in reference_goals() for t in goal["targets"]}
    if as_json:
        click.echo(json.dumps(
            [
                {"target": s.target, "goal": s.goal, "score": s.score, "matched_words": list(s.matched_words),
                 "text": texts[s.target]}
                for s in suggestions
            ],
            ensure_ascii=False, indent=2,
        ))
        return
    if not suggestions:
        click.echo("No target matches this text.")
        return
    for s in suggestions:
        click.echo(f"{s.target:>6}  {s.score:.3f}  {', '.join(s.matched_words)}")
        click.echo(f"        {texts[s.target][:110]}")
