"""The part of a page that is the same for a group of viewers, kept so a signed-in page renders only its layout.

An anonymous visitor's page comes whole from the page cache (`page_cache.py`). A signed-in person's page
cannot (its layout holds their menu, notifications and log-out form), but on a city-wide page like an SDG
goal the rest is often the same for everyone who sees the same ideas. Such a view calls `render_shared`
with a *viewer key*: a value that is equal for every viewer who sees the same content (for lists of ideas,
`ideas.queries.listing_audience`), or None when this viewer's content is their own (staff with forms).

The template's blocks (title, head, content, scripts) are rendered once per viewer key, address, language
and city-wide generation of the page cache, and kept in its store; later requests load nothing for the
content and render the layout around the kept blocks (`_shared_page.html`). A write that changes a
city-wide page bumps the generation, so the blocks are rendered afresh as the anonymous page is.

A block that holds this request's form token is never kept: a form belongs to one session.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, g, render_template, request
from flask.signals import before_render_template, template_rendered
from flask_babel import get_locale
from markupsafe import Markup

from participation.page_cache import CITY, cache, generation

BLOCKS = ("title", "head", "content", "scripts")


def render_shared(template_name: str, viewer_key: Hashable | None, load: Callable[[], dict[str, Any]]) -> str:
    """The page `template_name` with the context `load()` returns; its blocks kept for `viewer_key`."""
    if viewer_key is None or not current_app.config["PAGE_CACHE"] or request.method != "GET":
        return render_template(template_name, **load())
    key = _key(template_name, viewer_key)
    kept = cache.get(key)
    if kept is not None:
        return render_template("_shared_page.html", shared_blocks={name: Markup(text) for name, text in kept.items()})
    page, blocks = _render_keeping_blocks(template_name, load())
    if _is_shareable(blocks):
        cache.set(key, blocks)
    return page


def _key(template_name: str, viewer_key: Hashable) -> str:
    words = f"{template_name}|{get_locale()}|{request.full_path}|{viewer_key!r}|{generation(CITY)}"
    return "blocks:" + hashlib.sha256(words.encode()).hexdigest()


def _render_keeping_blocks(template_name: str, context: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Render the page as `render_template` does, and note what each of its own blocks wrote."""
    app = current_app._get_current_object()
    template = app.jinja_env.get_or_select_template(template_name)
    app.update_template_context(context)
    before_render_template.send(app, _async_wrapper=app.ensure_sync, template=template, context=context)
    rendering = template.new_context(context)
    blocks: dict[str, str] = {}
    for name in BLOCKS:
        if name in rendering.blocks:
            rendering.blocks[name][0] = _noting(rendering.blocks[name][0], name, blocks)
    try:
        page = template.environment.concat(template.root_render_func(rendering))
    except Exception:
        template.environment.handle_exception()
    template_rendered.send(app, _async_wrapper=app.ensure_sync, template=template, context=context)
    return page, blocks


def _noting(block: Callable, name: str, blocks: dict[str, str]) -> Callable:
    def render(context):
        parts = list(block(context))
        blocks[name] = "".join(parts)
        yield from parts

    return render


def _is_shareable(blocks: dict[str, str]) -> bool:
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return not token or not any(token in text for text in blocks.values())
