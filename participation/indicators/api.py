"""Open data: the city's indicators per SDG, with every yearly value (measured or projected)."""

from flask import abort, jsonify, request, url_for

from participation.access import PUBLIC, access
from participation.api import bp
from participation.api.openapi import ref
from participation.indicators import services
from participation.indicators.models import Indicator


def _number(value):
    return None if value is None else float(value)


def indicator_document(indicator: Indicator) -> dict:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "source": indicator.source,
        "sdg": indicator.goal_number,
        "target": indicator.target_code,
        "better": indicator.better,
        "url": url_for("sdgs.goal", number=indicator.goal_number, _external=True),
        "values": [
            {"year": value.year, "value": _number(value.value), "kind": value.kind,
             "flemish_average": _number(value.flemish_average), "note": value.note}
            for value in indicator.values
        ],
    }


@bp.route("/indicators")
@access(PUBLIC)
def indicators():
    sdg = request.args.get("sdg")
    if sdg is not None:
        if not sdg.isascii() or not sdg.isdigit() or not 1 <= int(sdg) <= 17:
            abort(400, "sdg must be a number from 1 to 17.")
        found = services.for_goal(int(sdg))
    else:
        found = services.all_indicators()
    return jsonify({"data": [indicator_document(indicator) for indicator in found]})


OPENAPI = {
    "paths": {
        "/api/v1/indicators": {
            "get": {
                "operationId": "listIndicators",
                "summary": "The city's indicators per SDG",
                "description": "Every indicator with its unit, source, SDG (and target), which way is better, and "
                               "its values per year, each measured or projected, with the Flemish average where "
                               "the city gives it.",
                "tags": ["SDGs"],
                "parameters": [{"name": "sdg", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                         "maximum": 17}, "example": 3}],
                "responses": {
                    "200": {"description": "The indicators.", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["data"], "additionalProperties": False,
                        "properties": {"data": {"type": "array", "items": ref("Indicator")}},
                    }}}},
                    "400": {"description": "The sdg is not a number from 1 to 17.",
                            "content": {"application/json": {"schema": ref("Error")}}},
                },
            }
        }
    },
    "components": {"schemas": {
        "IndicatorValue": {
            "type": "object", "additionalProperties": False,
            "required": ["year", "value", "kind", "flemish_average", "note"],
            "properties": {
                "year": {"type": "integer"},
                "value": {"type": "number"},
                "kind": {"type": "string", "enum": ["measured", "projected"]},
                "flemish_average": {"type": ["number", "null"]},
                "note": {"type": "string"},
            },
        },
        "Indicator": {
            "type": "object", "additionalProperties": False,
            "required": ["code", "name", "unit", "source", "sdg", "target", "better", "url", "values"],
            "properties": {
                "code": {"type": "string"},
                "name": {"type": "string"},
                "unit": {"type": "string"},
                "source": {"type": "string"},
                "sdg": {"type": "integer", "minimum": 1, "maximum": 17},
                "target": {"type": ["string", "null"]},
                "better": {"type": "string", "enum": ["higher", "lower", "none"]},
                "url": {"type": "string", "format": "uri"},
                "values": {"type": "array", "items": ref("IndicatorValue")},
            },
        },
    }},
}
