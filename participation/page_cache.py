"""Whole pages for anonymous visitors, kept until what they show changes.

A page is stored only when an anonymous visitor asked for it with GET, it answered 200 and it set no
cookie: so never a page with a flash message, a form whose CSRF token lives in a session, or anything
personal. Its key is the path with its query, the language and the generations it depends on: one
per process (ideas, votes, followers of that process) and one for the city-wide pages (everything
else that is not an account, a login or a mail). A commit that changed something bumps the
generations it touched, so the next request renders afresh: a vote or a new idea shows at once.

With `REDIS_URL` pages and generations live in Redis, shared by every worker. Without it they live
in each process's memory (`SimpleCache`), which is right for one process (`make run`); several
workers without Redis each keep their own pages, and a change made through one worker shows in the
others after `PAGE_CACHE_SECONDS`.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, current_app, g, has_app_context, has_request_context, request, session
from flask_caching import Cache
from sqlalchemy import event, select
from sqlalchemy.orm import Session

cache = Cache()
T = TypeVar("T")
K = TypeVar("K")

CITY = "city"
# Pages served from the cache, each with how its process is found from the address (None: city-wide).
PAGES = {
    "processes.show": "slug",
    "votes.ranking": "slug",
    "api.process_ideas": "slug",
    "ideas.show": "idea",
    "sdgs.goal": None,
    "sdgs.index": None,
    "plan.sdg": None,
    "plan.index": None,
}
# Changes that no cached page shows: accounts, logins, mails.
UNSHOWN = {"users", "user_roles", "login_sessions", "login_failures", "outbox_messages"}


def init_app(app: Flask) -> None:
    redis_url = app.config.get("REDIS_URL")
    cache.init_app(app, config={
        "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache",
        "CACHE_REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "participation:",
        "CACHE_DEFAULT_TIMEOUT": app.config["PAGE_CACHE_SECONDS"],
        "CACHE_THRESHOLD": 2000,
    })
    app.before_request(serve_stored_page)
    app.after_request(store_page)


def generation(scope: str) -> str:
    """The scope's generation, read from the cache once per request."""
    known = g.setdefault("page_generations", {}) if has_request_context() else {}
    found = known.get(scope)
    if found is None:
        found = cache.get(f"gen:{scope}")
        if found is None:
            found = uuid.uuid4().hex
            cache.set(f"gen:{scope}", found, timeout=0)
        known[scope] = found
    return found


def bump(scopes: set[str]) -> None:
    known = g.setdefault("page_generations", {}) if has_request_context() else {}
    for scope in scopes:
        known[scope] = uuid.uuid4().hex
        cache.set(f"gen:{scope}", known[scope], timeout=0)


def city_wide(name: str, load: Callable[[], T], keep_in_request: bool = True) -> T:
    """A city-wide value every page shows (the city's face, its chapters), kept in this worker while the
    city-wide generation stands, and at most PAGE_CACHE_SECONDS (the time another worker's change may
    take to show without Redis). Without the page cache: read once per request (`keep_in_request`),
    or every time.

    The value must not be tied to a database session: plain data, or an instance already expunged.
    """
    if not current_app.config["PAGE_CACHE"]:
        if not keep_in_request:
            return load()
        if name not in g:
            setattr(g, name, load())
        return getattr(g, name)
    kept = current_app.extensions.setdefault("city_wide", {})
    current, now = generation(CITY), time.monotonic()
    found = kept.get(name)
    if found is None or found[0] != current or now - found[1] > current_app.config["PAGE_CACHE_SECONDS"]:
        found = (current, now, load())
        kept[name] = found
    return found[2]


FRAGMENTS_KEPT = 4096  # per name (a process's cards in one language): a few hundred kB of HTML at most


def kept_fragments(name: str, scopes: tuple[str, ...], keys: list[K], render: Callable[[list[K]], dict[K, T]]
                   ) -> dict[K, T]:
    """Parts of a page that every viewer shares (an idea's card without the viewer's vote forms), kept in
    this worker under `name` while the generations of `scopes` stand, and at most PAGE_CACHE_SECONDS.
    `render` makes the missing ones, {key: fragment}, for the keys it is handed (it may leave out a key
    that no longer exists). Without the page cache every fragment is rendered.

    `scopes` must be bumped by every write that changes a fragment. The generations are read before
    `render` reads the database, so a fragment is never older than the generation it is kept under.
    """
    if not current_app.config["PAGE_CACHE"]:
        return render(keys)
    generations = tuple(generation(scope) for scope in scopes)
    kept = current_app.extensions.setdefault("fragments", {})
    now = time.monotonic()
    found = kept.get(name)
    if (found is None or found[0] != generations or now - found[1] > current_app.config["PAGE_CACHE_SECONDS"]
            or len(found[2]) > FRAGMENTS_KEPT):
        found = (generations, now, {})
        kept[name] = found
    fragments = found[2]
    missing = [key for key in keys if key not in fragments]
    if missing:
        fragments.update(render(missing))
    return {key: fragments[key] for key in keys if key in fragments}


def forget_city_wide(name: str) -> None:
    """After a change written past the ORM (a city's data loaded in bulk): read it again."""
    current_app.extensions.get("city_wide", {}).pop(name, None)
    g.pop(name, None)


def _process_of_page() -> int | None | bool:
    """The process id the page depends on, None for a city-wide page, False when unknown (no cache)."""
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.processes.models import Process

    kind = PAGES[request.endpoint]
    if kind is None:
        return None
    args = request.view_args or {}
    if kind == "slug":
        key = f"slug:{args.get('slug')}:{generation(CITY)}"  # a renamed process bumps the city
        found = cache.get(key)
        if found is None:
            found = db.session.scalar(select(Process.id).where(Process.slug == args.get("slug")))
            if found is not None:
                cache.set(key, found)
    else:
        key = f"idea-process:{args.get('idea_id')}"  # an idea never changes process
        found = cache.get(key)
        if found is None:
            found = db.session.scalar(select(Idea.process_id).where(Idea.id == args.get("idea_id")))
            if found is not None:
                cache.set(key, found)
    return found if found is not None else False


def _page_key() -> str | None:
    if not current_app.config["PAGE_CACHE"] or request.method != "GET" or request.endpoint not in PAGES:
        return None
    if session.get("_user_id") or session.get("_flashes") or request.args.get("sorteer") == "random":
        return None
    if request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")):
        return None  # "stay logged in": the person is signed in once the login restores the session
    process_id = _process_of_page()
    if process_id is False:
        return None
    generations = generation(CITY) + ("" if process_id is None else generation(f"process:{process_id}"))
    language = session.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]
    return "page:" + hashlib.sha256(f"{language}|{request.full_path}|{generations}".encode()).hexdigest()


def serve_stored_page():
    key = _page_key()
    g.page_key = key
    if key is None:
        return None
    stored = cache.get(key)
    if stored is None:
        return None
    body, content_type, etag = stored
    g.page_from_cache = True
    if etag in request.if_none_match:
        return Response(status=304, headers={"ETag": f'"{etag}"'})
    return Response(body, content_type=content_type, headers={"ETag": f'"{etag}"', "X-Page-Cache": "hit"})


def store_page(response: Response) -> Response:
    key = g.get("page_key")
    if key is None or g.get("page_from_cache") or response.status_code != 200 or response.direct_passthrough:
        return response
    if "Set-Cookie" in response.headers or session.modified or session.get("_flashes"):
        return response
    body = response.get_data()
    etag = hashlib.sha256(body).hexdigest()[:32]
    cache.set(key, (body, response.content_type, etag))
    response.set_etag(etag)
    return response


def changed(session_: Session, *scopes: str) -> None:
    """Mark what a write changed, for changes made past the ORM (the votes' atomic updates)."""
    session_.info.setdefault("page_scopes", set()).update(scopes)


def process_scope(process_id: int) -> str:
    return f"process:{process_id}"


def cards_scope(process_id: int) -> str:
    """What the cards of a process's ideas show but their votes: bumped with the process's scope by every
    write to its ideas, their status or their edits, but not by a vote (`changed` with the process scope)
    nor a follow, so the cards stay kept while votes come in. The rest of a card (photos, comments, places,
    partners) is city-wide."""
    return f"cards:{process_id}"


@event.listens_for(Session, "after_flush")
def _note_changes(session_: Session, _context) -> None:
    from participation.ideas.models import Idea

    scopes = session_.info.setdefault("page_scopes", set())
    for instance in (*session_.new, *session_.dirty, *session_.deleted):
        table = getattr(instance, "__tablename__", None)
        if table is None or table in UNSHOWN:
            continue
        if isinstance(instance, Idea):
            scopes.update({process_scope(instance.process_id), cards_scope(instance.process_id), CITY})
        elif getattr(instance, "idea_id", None) is not None and table in ("follows", "idea_status_changes",
                                                                          "idea_edits", "votes"):
            idea = session_.get(Idea, instance.idea_id)
            if idea is not None:
                scopes.add(process_scope(idea.process_id))
                if table in ("idea_status_changes", "idea_edits"):
                    scopes.add(cards_scope(idea.process_id))
        else:
            scopes.add(CITY)


@event.listens_for(Session, "after_commit")
def _bump_after_commit(session_: Session) -> None:
    scopes = session_.info.pop("page_scopes", None)
    if scopes and has_app_context() and current_app.config["PAGE_CACHE"]:
        bump(scopes)


@event.listens_for(Session, "after_rollback")
def _forget_on_rollback(session_: Session) -> None:
    session_.info.pop("page_scopes", None)
