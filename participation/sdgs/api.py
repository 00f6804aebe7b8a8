"""Open data: the 17 goals with their targets, in Dutch, French and English, and the city's
sentence per goal. The first route of the platform's API (/api/v1)."""

from flask import jsonify, url_for

from participation.access import PUBLIC, access
from participation.sdgs import bp, queries
from participation.sdgs.models import LANGUAGES, SdgGoal


def goal_document(goal: SdgGoal, sentence: str | None) -> dict:
    return {
        "number": goal.number,
        "colour": goal.colour,
        "title": {language: goal.title(language) for language in LANGUAGES},
        "long_title": {language: goal.long_title(language) for language in LANGUAGES},
        "city_statement": sentence,
        "url": url_for("sdgs.goal", number=goal.number, _external=True),
        "targets": [
            {"code": target.code, "text": {language: target.text(language) for language in LANGUAGES}}
            for target in goal.targets
        ],
    }


@bp.route("/api/v1/sdgs")
@access(PUBLIC)
def api_goals():
    statements = queries.statements_by_goal()
    documents = [
        goal_document(goal, statements[goal.number].sentence if goal.number in statements else None)
        for goal in queries.all_goals(with_targets=True)
    ]
    response = jsonify(documents)
    response.headers["Cache-Control"] = "public, max-age=3600"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


_TEXTS = {
    "type": "object",
    "required": list(LANGUAGES),
    "properties": {language: {"type": "string"} for language in LANGUAGES},
    "additionalProperties": False,
}

OPENAPI = {
    "paths": {
        "/api/v1/sdgs": {
            "get": {
                "operationId": "listSdgs",
                "summary": "The 17 Sustainable Development Goals with their 169 targets",
                "description": (
                    "Every goal with its UN colour, its short and long title and its targets, each text in "
                    "Dutch (nl), French (fr) and English (en), and the city's own sentence for the goal "
                    "when it has one. Open data: no authentication."
                ),
                "tags": ["SDGs"],
                "responses": {
                    "200": {
                        "description": "The goals in order, 1 to 17.",
                        "content": {
                            "application/json": {
                                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/SdgGoal"}}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "SdgTexts": _TEXTS,
            "SdgTarget": {
                "type": "object",
                "required": ["code", "text"],
                "properties": {
                    "code": {"type": "string", "pattern": r"^\d{1,2}\.(\d{1,2}|[a-z])$", "examples": ["11.7", "1.a"]},
                    "text": {"$ref": "#/components/schemas/SdgTexts"},
                },
                "additionalProperties": False,
            },
            "SdgGoal": {
                "type": "object",
                "required": ["number", "colour", "title", "long_title", "city_statement", "url", "targets"],
                "properties": {
                    "number": {"type": "integer", "minimum": 1, "maximum": 17},
                    "colour": {"type": "string", "pattern": "^#[0-9A-F]{6}$"},
                    "title": {"$ref": "#/components/schemas/SdgTexts"},
                    "long_title": {"$ref": "#/components/schemas/SdgTexts"},
                    "city_statement": {"type": ["string", "null"]},
                    "url": {"type": "string", "format": "uri"},
                    "targets": {"type": "array", "items": {"$ref": "#/components/schemas/SdgTarget"}},
                },
                "additionalProperties": False,
            },
        }
    },
}
