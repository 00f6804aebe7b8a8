from flask import abort, jsonify, request

from participation.access import PUBLIC, access
from participation.api import bp
from participation.api.openapi import openapi_document
from participation.api.queries import (
    open_idea,
    open_idea_points,
    open_ideas,
    open_process,
    open_processes,
    sdg_targets_of,
)
from participation.api.serializers import idea_data, idea_feature, page_args, paginated, place_data, process_data
from participation.core import queries as core_queries
from participation.extensions import csrf, db
from participation.ideas.queries import known_total, paginate_ideas
from participation.numbers import parse_int

csrf.exempt(bp)


@bp.after_request
def open_data_headers(response):
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    return response


@bp.route("/openapi.json")
@access(PUBLIC)
def openapi():
    return jsonify(openapi_document())


@bp.route("/processes")
@access(PUBLIC)
def processes():
    page, per_page = page_args()
    pagination = db.paginate(open_processes(), page=page, per_page=per_page, error_out=False)
    return jsonify(paginated(pagination, process_data, "api.processes"))


@bp.route("/processes/<slug>")
@access(PUBLIC)
def process(slug: str):
    found = open_process(slug)
    if found is None:
        abort(404)
    return jsonify(process_data(found, full=True))


@bp.route("/processes/<slug>/ideas")
@access(PUBLIC)
def process_ideas(slug: str):
    found = open_process(slug)
    if found is None:
        abort(404)
    page, per_page = page_args()
    place = {key: request.args.get(key, type=parse_int) for key in ("district", "neighbourhood")}
    statement = open_ideas(found, place["district"], place["neighbourhood"])
    pagination = paginate_ideas(statement, page, per_page,
                                known_total(found.id, filtered=bool(place["district"] or place["neighbourhood"])))
    targets = sdg_targets_of([item.id for item in pagination.items])
    filters = {key: value for key, value in place.items() if value}
    return jsonify(
        paginated(pagination, lambda item: idea_data(item, targets.get(item.id)), "api.process_ideas", slug=slug,
                  **filters)
    )


@bp.route("/processes/<slug>/ideas.geojson")
@access(PUBLIC)
def process_ideas_geojson(slug: str):
    """The published ideas of a public process that have a spot, for a map (GeoJSON, RFC 7946)."""
    found = open_process(slug)
    if found is None:
        abort(404)
    collection = {"type": "FeatureCollection", "features": [idea_feature(item) for item in open_idea_points(found)]}
    response = jsonify(collection)
    response.mimetype = "application/geo+json"
    return response


@bp.route("/ideas/<int:idea_id>")
@access(PUBLIC)
def idea(idea_id: int):
    found = open_idea(idea_id)
    if found is None:
        abort(404)
    return jsonify(idea_data(found, sdg_targets_of([found.id]).get(found.id)))


@bp.route("/places")
@access(PUBLIC)
def places():
    return jsonify({"data": [place_data(district) for district in core_queries.places()]})
