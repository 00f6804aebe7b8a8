"""The public pages of the partners: the index with counts, and one page per partner."""

from flask import abort, render_template
from flask_login import current_user

from participation.access import PUBLIC, access
from participation.partners import bp, queries


@bp.route("/partners")
@access(PUBLIC)
def index():
    return render_template("partners/index.html", rows=queries.partner_rows(current_user))


@bp.route("/partners/<slug>")
@access(PUBLIC)
def show(slug: str):
    partner = queries.partner_by_slug(slug)
    if partner is None:
        abort(404)
    links = queries.links_of_partner(partner)
    return render_template(
        "partners/show.html", partner=partner,
        named=[link for link in links if link.named_in == "task"],
        mentioned=[link for link in links if link.named_in == "explanation"],
        processes=queries.processes_with(partner, current_user),
    )
