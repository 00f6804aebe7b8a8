"""`participation sdg …`: load the goals and targets, and ask the suggester from the command line."""

import json
import time

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


@sdg_group.command("train")
@with_appcontext
def sdg_train() -> None:
    """Train the suggester anew on every labelled text: the plan, the targets, the city's sentences,
    moderators' links and their accepted or refused suggestions."""
    from participation.sdgs.trained import train_suggester

    started = time.perf_counter()
    suggester, examples = train_suggester()
    click.echo(f"SDG suggester trained on {examples} examples over {len(suggester.goals)} goals "
               f"in {time.perf_counter() - started:.1f} s.")


@sdg_group.command("suggest")
@click.argument("text")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 169), help="How many suggestions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@with_appcontext
def sdg_suggest(text: str, top: int, as_json: bool) -> None:
    """Suggest SDG goals, then targets within them, for a Dutch TEXT, with the words that led to each.

    Suggestions come goal by goal, best goal first; a goal none of whose targets shares words with the
    text comes alone, with "target" null."""
    from participation.sdgs.reference import goal_title, target_text

    suggestions = _suggester().suggest(text, top=top)
    rows = [
        {"target": s.target, "goal": s.goal, "score": s.score, "matched_words": list(s.matched_words),
         "text": target_text(s.target) if s.target else goal_title(s.goal)}
        for s in suggestions
    ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("No goal matches this text.")
        return
    for row in rows:
        click.echo(f"{row['target'] or row['goal']:>6}  {row['score']:.3f}  {', '.join(row['matched_words'])}")
        click.echo(f"        {row['text'][:110]}")


def _suggester():
    """The trained suggester; without a database, one trained on the shipped targets and words alone."""
    from participation.sdgs.trained import current_suggester, fit
    from participation.sdgs.training import keyword_examples, load_keywords, reference_examples

    try:
        return current_suggester()
    except SQLAlchemyError:
        db.session.rollback()
        return fit([*reference_examples(), *keyword_examples(load_keywords())], places=())
