"""A person's own data: everything we hold about them as JSON, and deleting their account.

Features add what they hold about a person with two hooks, registered at import time:

    register_collector("votes", lambda user: [...])   # a section of the download
    register_eraser(unlink_votes)                     # runs inside the deletion's transaction
    register_words_eraser(erase_comments)             # only when the person asks to erase their words

An eraser must leave counts intact (a vote stays counted, only its link to the person goes) and must not
commit: `delete_account` commits once, after every eraser has run, or rolls everything back.
"""

import secrets
from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, update

from participation.accounts.models import User, UserRole
from participation.accounts.sessions import end_every_login
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Follow, Idea

ANONYMOUS_AUTHOR = _l("anonymous resident")

Collector = Callable[[User], list | dict]
Eraser = Callable[[User], None]
_COLLECTORS: dict[str, Collector] = {}
_ERASERS: list[Eraser] = []
_WORDS_ERASERS: list[Eraser] = []


def register_collector(name: str, collect: Collector) -> None:
    _COLLECTORS[name] = collect


def register_eraser(erase: Eraser) -> None:
    if erase not in _ERASERS:
        _ERASERS.append(erase)


def register_words_eraser(erase: Eraser) -> None:
    """What a person wrote for others to read (comments) stays without their name when they leave,
    unless they ask to erase it: then these run, before the other erasers unlink the rest."""
    if erase not in _WORDS_ERASERS:
        _WORDS_ERASERS.append(erase)


def author_name(idea: Idea) -> str:
    """The name shown with an idea: its author's, or "anonymous resident" once they left."""
    author = idea.author
    if author is None or author.deleted_at is not None:
        return str(ANONYMOUS_AUTHOR)
    return author.display_name


def _stamp(value) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def collect_personal_data(user: User) -> dict:
    ideas = db.session.execute(
        db.select(Idea.id, Idea.title, Idea.body, Idea.status, Idea.theme, Idea.created_at, Idea.process_id)
        .where(Idea.author_id == user.id)
        .order_by(Idea.created_at, Idea.id)
    ).all()
    follows = db.session.execute(
        db.select(Follow.idea_id, Idea.title, Follow.created_at)
        .join(Idea, Follow.idea_id == Idea.id)
        .where(Follow.user_id == user.id)
        .order_by(Follow.created_at)
    ).all()
    data = {
        "profile": {
            "name": user.display_name,
            "email": user.email,
            "language": user.locale,
            "roles": sorted(user.role_names),
            "created_at": _stamp(user.created_at),
            "email_confirmed_at": _stamp(user.email_confirmed_at),
            "mail_preference": user.mail_preference,
        },
        "ideas": [
            {"id": i.id, "title": i.title, "text": i.body, "status": i.status, "theme": i.theme,
             "process_id": i.process_id, "created_at": _stamp(i.created_at)}
            for i in ideas
        ],
        "follows": [{"idea_id": f.idea_id, "title": f.title, "since": _stamp(f.created_at)} for f in follows],
    }
    for name, collect in _COLLECTORS.items():
        data[name] = collect(user)
    return data


def delete_account(user: User, erase_words: bool = False) -> None:
    """Remove the person, keep what they gave: their ideas stay, without a name; their follows go.
    Their comments stay without a name too, or are erased when they ask (`erase_words`).

    The account row stays as an empty shell (no name, no address, no password, no roles) so that
    references kept for counting, like an idea entered at the desk, keep pointing somewhere.
    """
    if erase_words:
        for erase in _WORDS_ERASERS:
            erase(user)
    db.session.execute(update(Idea).where(Idea.author_id == user.id).values(author_id=None))
    db.session.execute(delete(Follow).where(Follow.user_id == user.id))
    for erase in _ERASERS:
        erase(user)
    db.session.execute(delete(UserRole).where(UserRole.user_id == user.id))
    end_every_login(user)
    user.email = f"verwijderd-{user.id}@invalid"
    user.display_name = ""
    user.locale = None
    user.set_password(secrets.token_urlsafe(32))
    user.email_confirmed_at = None
    user.deleted_at = utcnow()
    db.session.expire(user, ["roles"])
    db.session.flush()
