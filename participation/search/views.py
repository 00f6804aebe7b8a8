from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from participation.access import PUBLIC, access
from participation.search import bp
from participation.search.index import KINDS, query_words, search_groups, search_kind

QUERY_MAX = 200
KIND_LABELS = {
    "process": _l("Processes"),
    "idea": _l("Ideas"),
    "plan_action": _l("Actions and tasks of the multi-year plan"),
    "sdg_target": _l("SDG targets"),
    "ambition_point": _l("Ambition points of the advisory councils"),
}


@bp.route("/zoeken")
@access(PUBLIC)
def results():
    """With a kind (`?soort=idea`) one kind a page at a time; without, the best few of every kind."""
    query = (request.args.get("q") or "").strip()[:QUERY_MAX]
    kind = request.args.get("soort", "")
    kind = kind if kind in KINDS else ""
    searchable = bool(query_words(query))
    groups, page = [], None
    if searchable and kind:
        page = search_kind(query, current_user, kind, request.args.get("page", 1, type=int),
                           current_app.config["PER_PAGE"])
    elif searchable:
        groups = search_groups(query, current_user)
    return render_template("search/results.html", query=query, kind=kind, groups=groups, page=page,
                           searchable=searchable, kind_labels=KIND_LABELS)
