"""Pages of ideas that other features' views render: the process page with its ideas (`processes.show`).
A view imports this module, never another feature's view."""

import random

from flask import current_app, render_template, request, session, url_for
from flask_login import current_user

from participation.ideas import queries, rules
from participation.ideas.cards import filter_form, process_cards, process_facts
from participation.numbers import parse_int
from participation.processes.models import Process
from participation.processes.services import is_shareable


def shuffle_seed() -> int:
    """A random order that stays the same for one visitor while they page through it."""
    if "shuffle_seed" not in session:
        session["shuffle_seed"] = random.randint(1, queries.SHUFFLE_MODULUS - 1)
    return session["shuffle_seed"]


def render_process_page(process: Process, **extra):
    """The process page: what it is about, its phases, and its ideas with filters and pages; `extra` is
    what the calling view adds (the sessions, the viewer's votes `mv`). The ideas are plain rows with their
    kept cards (`cards.process_cards`)."""
    filters = queries.IdeaFilters.from_args(request.args)
    note, has_points, total = process_facts(process, filters)
    page = queries.process_idea_rows(
        process, filters, current_user, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"],
        seed=shuffle_seed() if filters.sort == "random" else 1, total=total,
    )
    return render_template(
        "ideas/process.html", process=process, page=page, filters=filters, filter_form=filter_form(filters),
        can_propose=rules.can_propose(current_user, process),
        can_enter_for_resident=rules.can_enter_for_resident(current_user, process),
        propose_open=rules.is_propose_open(process), shareable=is_shareable(process),
        cards=process_cards(process, page.items),
        note=note,
        map_url=url_for("api.process_ideas_geojson", slug=process.slug)
        if is_shareable(process) and has_points else None,
        **extra,
    )
