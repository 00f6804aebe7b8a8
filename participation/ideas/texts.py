"""An idea's body as its page shows it, rendered when the body is written instead of on every page.

Rendering a text (markdown-it, then bleach's parser twice) costs one to two milliseconds, and the idea's
page showed its body, its summary and the words its similar ideas share from it on every request. So the
idea keeps its body rendered and sanitised (`body_html`) and its words without marks (`body_words`),
filled by the mapper events below whenever the ORM writes a body: submitting, the desk, a session, an edit,
a moderator's correction, the demo. Rows written around the ORM (a bulk insert, an older version) have
None: their page renders the body and stores it after answering (`shown_body`), and
`participation ideas texts fill` stores them in batches. A change to how texts render must empty both
columns in its migration (`participation.text`).
"""

from dataclasses import dataclass

from flask import after_this_request, current_app, has_request_context
from markupsafe import Markup
from sqlalchemy import bindparam, event, inspect, select

from participation.extensions import db
from participation.ideas.models import Idea
from participation.text import render_rich_text, rich_text_words, words_summary


@dataclass(frozen=True)
class ShownBody:
    """An idea's body as its page shows it: the HTML, and its words for the summary and shared words."""

    html: Markup
    words: str

    def summary(self, length: int = 200) -> str:
        return words_summary(self.words, length)


def rendered_body(body: str | None) -> tuple[str, str]:
    """The HTML and the words of a body, as `render_rich_text` and `rich_text_words` make them."""
    return str(render_rich_text(body)), rich_text_words(body)


def rendered_columns(body: str | None) -> dict[str, str]:
    """The kept columns of a body, for a bulk insert of ideas."""
    html, words = rendered_body(body)
    return {"body_html": html, "body_words": words}


def keep_rendered_body(idea: Idea) -> None:
    idea.body_html, idea.body_words = rendered_body(idea.body)


@event.listens_for(Idea, "before_insert")
def _render_new_body(_mapper, _connection, idea: Idea) -> None:
    keep_rendered_body(idea)


@event.listens_for(Idea, "before_update")
def _render_changed_body(_mapper, _connection, idea: Idea) -> None:
    """A body written again renders again; an older row without its rendering gets it on any write. (Only
    what is loaded is read: a flush must not load.)"""
    state = inspect(idea)
    kept_none = "body" in state.dict and state.dict.get("body_html", "") is None
    if kept_none or state.attrs.body.history.has_changes():
        keep_rendered_body(idea)


def shown_body(idea: Idea) -> ShownBody:
    """The idea's body as its page shows it: as kept, or rendered now when it was not kept yet (and then
    stored once the page has answered)."""
    if idea.body_html is not None and idea.body_words is not None:
        return ShownBody(Markup(idea.body_html), idea.body_words)
    html, words = rendered_body(idea.body)
    if has_request_context():
        _store_after_answer(idea.id, idea.body, html, words)
    return ShownBody(Markup(html), words)


def _store_after_answer(idea_id: int, body: str, html: str, words: str) -> None:
    @after_this_request
    def store(response):
        try:
            _store(idea_id, body, html, words)
            db.session.commit()
        except Exception:  # the page has answered; the next one renders again
            db.session.rollback()
            current_app.logger.exception("Could not keep the rendered body of idea %s", idea_id)
        return response


def _store(idea_id: int, body: str, html: str, words: str) -> None:
    _store_many([{"idea_id": idea_id, "source": body, "html": html, "words": words}])


def _store_many(rendered: list[dict]) -> None:
    """Keep renderings, each unless its body changed or was rendered since; the time of change stays."""
    ideas = Idea.__table__
    db.session.execute(
        ideas.update()
        .where(ideas.c.id == bindparam("idea_id"), ideas.c.body_html.is_(None), ideas.c.body == bindparam("source"))
        .values(body_html=bindparam("html"), body_words=bindparam("words"), updated_at=ideas.c.updated_at),
        rendered,
    )


def fill_rendered_bodies(batch: int = 500) -> int:
    """Render and keep the body of every idea that has none kept, committing per batch (a large city's run
    can stop and go on later). Returns how many ideas got theirs."""
    done = 0
    last = 0
    while True:
        rows = db.session.execute(
            select(Idea.id, Idea.body).where(Idea.body_html.is_(None), Idea.id > last).order_by(Idea.id).limit(batch)
        ).all()
        if not rows:
            return done
        _store_many([{"idea_id": idea_id, "source": body, **dict(zip(("html", "words"), rendered_body(body),
                                                                         strict=True))} for idea_id, body in rows])
        db.session.commit()
        done += len(rows)
        last = rows[-1].id
