"""Open data: the shown comments on the published ideas of public processes. No names, ever: a
comment says whether it is the city's answer, never who wrote it."""

from flask import jsonify, request, url_for

from participation.access import PUBLIC, access
from participation.api.serializers import page_args, paginated, timestamp
from participation.comments import bp
from participation.comments.models import Comment
from participation.comments.queries import open_comments
from participation.extensions import db
from participation.numbers import parse_int
from participation.text import render_rich_text


def comment_data(comment: Comment) -> dict:
    return {
        "id": comment.id,
        "idea_id": comment.idea_id,
        "answer_to": comment.parent_id,
        "text": render_rich_text(comment.body),
        "official": comment.is_official,
        "created_at": timestamp(comment.created_at),
        "links": {"idea": url_for("api.idea", idea_id=comment.idea_id, _external=True)},
    }


@bp.route("/api/v1/comments")
@access(PUBLIC)
def api_comments():
    page, per_page = page_args()
    idea_id = request.args.get("idea", type=parse_int)
    pagination = db.paginate(open_comments(idea_id), page=page, per_page=per_page, error_out=False)
    filters = {"idea": idea_id} if idea_id else {}
    response = jsonify(paginated(pagination, comment_data, "comments.api_comments", **filters))
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


OPENAPI = {
    "paths": {
        "/api/v1/comments": {
            "get": {
                "operationId": "listComments",
                "summary": "Comments on published ideas of public processes",
                "description": (
                    "The comments residents and the city wrote on published ideas, oldest first; an answer "
                    "names the comment it answers (`answer_to`). Hidden and erased comments are left out. "
                    "No comment names its author; `official` marks the city's answer. Open data: no "
                    "authentication."
                ),
                "tags": ["Ideas"],
                "parameters": [
                    {"name": "idea", "in": "query", "schema": {"type": "integer"}, "example": 1,
                     "description": "Only the comments on this idea."},
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                    {"name": "per_page", "in": "query",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
                ],
                "responses": {
                    "200": {
                        "description": "One page of comments.",
                        "content": {"application/json": {"schema": {
                            "type": "object",
                            "required": ["data", "meta", "links"],
                            "additionalProperties": False,
                            "properties": {
                                "data": {"type": "array", "items": {"$ref": "#/components/schemas/Comment"}},
                                "meta": {"$ref": "#/components/schemas/PageMeta"},
                                "links": {"$ref": "#/components/schemas/PageLinks"},
                            },
                        }}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Comment": {
                "type": "object",
                "required": ["id", "idea_id", "answer_to", "text", "official", "created_at", "links"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "integer"},
                    "idea_id": {"type": "integer"},
                    "answer_to": {"type": ["integer", "null"], "description": "The comment this one answers."},
                    "text": {"type": "string", "description": "Safe HTML."},
                    "official": {"type": "boolean", "description": "The city's answer, written by its staff."},
                    "created_at": {"type": "string", "format": "date-time"},
                    "links": {
                        "type": "object",
                        "required": ["idea"],
                        "additionalProperties": False,
                        "properties": {"idea": {"type": "string", "format": "uri"}},
                    },
                },
            }
        }
    },
}
