"""The OpenAPI 3.1 document: our paths plus the fragments other features provide.

A feature describes its own open data in `participation/<feature>/api.py` with a module-level

    OPENAPI = {"paths": {"/api/v1/sdgs": {...}}, "components": {"schemas": {"SdgGoal": {...}}}}

Path parameters should carry an `example` that exists in demo and test data; the test that walks every
route uses it when it has no value of its own.
"""

import copy
import importlib

# The modules whose OPENAPI fragment joins the document. The api blueprint reads them when the app starts:
# a module that does not exist, or has no OPENAPI, stops the start instead of leaving its paths out.
FRAGMENT_MODULES = (
    "participation.sdgs.api",
    "participation.advisory.api",
    "participation.plan.api",
    "participation.comments.api",
    "participation.indicators.api",
    "participation.partners.api",
)

JSON = "application/json"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def ok(schema: dict, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


NOT_FOUND = {"description": "Not found, or not public.", "content": {JSON: {"schema": ref("Error")}}}
PAGE_PARAMETERS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
]
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}, "example": "hallo-harelbeke"}
IDEA_ID = {"name": "idea_id", "in": "path", "required": True, "schema": {"type": "integer"}, "example": 1}

NULLABLE_STRING = {"type": ["string", "null"]}
TIMESTAMP = {"type": "string", "format": "date-time"}


def page_of(item: str) -> dict:
    return {
        "type": "object",
        "required": ["data", "meta", "links"],
        "additionalProperties": False,
        "properties": {
            "data": {"type": "array", "items": ref(item)},
            "meta": ref("PageMeta"),
            "links": ref("PageLinks"),
        },
    }


SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
            }
        },
    },
    "PageMeta": {
        "type": "object",
        "required": ["page", "per_page", "total", "pages"],
        "additionalProperties": False,
        "properties": {
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "total": {"type": "integer", "minimum": 0},
            "pages": {"type": "integer", "minimum": 0},
        },
    },
    "PageLinks": {
        "type": "object",
        "required": ["self", "first", "last", "prev", "next"],
        "additionalProperties": False,
        "properties": {
            "self": {"type": "string", "format": "uri"},
            "first": {"type": "string", "format": "uri"},
            "last": {"type": "string", "format": "uri"},
            "prev": {"type": ["string", "null"], "format": "uri"},
            "next": {"type": ["string", "null"], "format": "uri"},
        },
    },
    "Phase": {
        "type": "object",
        "required": ["kind", "position", "starts_at", "ends_at", "last_day", "is_open"],
        "additionalProperties": False,
        "properties": {
            "kind": {"type": "string", "enum": ["propose", "vote", "result"]},
            "position": {"type": "integer"},
            "starts_at": TIMESTAMP,
            "ends_at": {"type": ["string", "null"], "format": "date-time",
                        "description": "The moment the phase closes (Brussels time): midnight after its last day."},
            "last_day": {"type": ["string", "null"], "format": "date",
                         "description": "The last day the phase is open, up to and including 23:59 Brussels time."},
            "is_open": {"type": "boolean"},
        },
    },
    "Process": {
        "type": "object",
        "required": ["slug", "title", "summary", "current_phase", "phases", "links"],
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string"},
            "title": {"type": "string"},
            "summary": {"type": "string"},
            "description": {"type": "string", "description": "Safe HTML."},
            "current_phase": {"type": ["string", "null"], "enum": ["propose", "vote", "result", None]},
            "phases": {"type": "array", "items": ref("Phase")},
            "links": {
                "type": "object",
                "required": ["self", "ideas", "html"],
                "properties": {
                    "self": {"type": "string", "format": "uri"},
                    "ideas": {"type": "string", "format": "uri"},
                    "html": {"type": "string", "format": "uri"},
                },
            },
        },
    },
    "District": {
        "type": "object",
        "required": ["id", "name"],
        "additionalProperties": False,
        "description": "A deelgemeente of the city (Harelbeke, Bavikhove, Hulste).",
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    },
    "Neighbourhood": {
        "type": "object",
        "required": ["id", "name", "district_id"],
        "additionalProperties": False,
        "description": "A wijk of a deelgemeente (Stasegem in Harelbeke); it shares its deelgemeente's postcode.",
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "district_id": {"type": "integer"}},
    },
    "Place": {
        "type": "object",
        "required": ["id", "name", "postcode", "neighbourhoods"],
        "additionalProperties": False,
        "description": "A deelgemeente with its postcode and its wijken, in the city's order.",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "postcode": NULLABLE_STRING,
            "neighbourhoods": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "name"],
                    "additionalProperties": False,
                    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                },
            },
        },
    },
    "Idea": {
        "type": "object",
        "required": [
            "id", "process", "title", "body", "theme", "district", "neighbourhood", "point", "status", "vote_count",
            "sdg_targets", "answer", "partner", "created_at", "links",
        ],
        "additionalProperties": False,
        "description": "A published idea. It never names its author or anyone who voted.",
        "properties": {
            "id": {"type": "integer"},
            "process": {"type": "string", "description": "Slug of the process."},
            "title": {"type": "string"},
            "body": {"type": "string", "description": "Safe HTML."},
            "theme": {"type": "string", "description": (
                "Key of the city's chapter the idea is filed under (Harelbeke: people, prosperity, planet, "
                "public_services, partnership; the UN's five Ps: people, planet, prosperity, peace, partnership).")},
            "district": {"oneOf": [ref("District"), {"type": "null"}]},
            "neighbourhood": {
                "oneOf": [ref("Neighbourhood"), {"type": "null"}],
                "description": "The wijk the idea is about, when it is about one; it lies in `district`.",
            },
            "point": {
                "oneOf": [{
                    "type": "object", "required": ["latitude", "longitude"], "additionalProperties": False,
                    "properties": {"latitude": {"type": "number"}, "longitude": {"type": "number"}},
                }, {"type": "null"}],
                "description": "The spot the idea is about (WGS 84), when it names one.",
            },
            "status": {
                "type": "string",
                "enum": ["published", "selected", "not_selected", "in_progress", "realised"],
            },
            "vote_count": {"type": "integer", "minimum": 0},
            "sdg_targets": {
                "type": "array",
                "items": {"type": "string", "pattern": r"^\d{1,2}\.(\d{1,2}|[a-z])$"},
                "description": "Codes of the SDG targets a moderator linked the idea to (11.7, 1.a); details at "
                               "/api/v1/sdgs.",
            },
            "answer": {**NULLABLE_STRING, "description": "The city's answer, safe HTML."},
            "partner": {
                "oneOf": [{
                    "type": "object", "required": ["slug", "name"], "additionalProperties": False,
                    "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
                }, {"type": "null"}],
                "description": "The partner organisation the idea was proposed on behalf of, by someone it "
                               "invited to the process (/api/v1/partners/{slug}); null for most ideas.",
            },
            "created_at": TIMESTAMP,
            "links": {
                "type": "object",
                "required": ["self", "process"],
                "properties": {
                    "self": {"type": "string", "format": "uri"},
                    "process": {"type": "string", "format": "uri"},
                },
            },
        },
    },
    "IdeaFeatureCollection": {
        "type": "object",
        "required": ["type", "features"],
        "additionalProperties": False,
        "description": "GeoJSON (RFC 7946): the published ideas that have a spot on the map.",
        "properties": {
            "type": {"const": "FeatureCollection"},
            "features": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["type", "id", "geometry", "properties"],
                    "additionalProperties": False,
                    "properties": {
                        "type": {"const": "Feature"},
                        "id": {"type": "integer"},
                        "geometry": {
                            "type": "object",
                            "required": ["type", "coordinates"],
                            "additionalProperties": False,
                            "properties": {
                                "type": {"const": "Point"},
                                "coordinates": {
                                    "type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"},
                                    "description": "Longitude, latitude (WGS 84).",
                                },
                            },
                        },
                        "properties": {
                            "type": "object",
                            "required": ["title", "status", "theme", "place", "vote_count", "url"],
                            "additionalProperties": False,
                            "properties": {
                                "title": {"type": "string"},
                                "status": {"type": "string",
                                           "enum": ["published", "selected", "not_selected", "in_progress",
                                                    "realised"]},
                                "theme": {"type": "string"},
                                "place": {**NULLABLE_STRING, "description": "The wijk or deelgemeente, as the city "
                                                                            "names it."},
                                "vote_count": {"type": "integer", "minimum": 0},
                                "url": {"type": "string", "format": "uri", "description": "The idea's page."},
                            },
                        },
                    },
                },
            },
        },
    },
    "ProcessPage": page_of("Process"),
    "IdeaPage": page_of("Idea"),
}

PATHS = {
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This document.",
            "operationId": "openapi",
            "responses": {"200": ok({"type": "object", "required": ["openapi", "paths"]}, "OpenAPI 3.1 document.")},
        }
    },
    "/api/v1/processes": {
        "get": {
            "summary": "Public processes, newest first.",
            "operationId": "listProcesses",
            "parameters": PAGE_PARAMETERS,
            "responses": {"200": ok(ref("ProcessPage"), "A page of processes.")},
        }
    },
    "/api/v1/processes/{slug}": {
        "get": {
            "summary": "One public process with its phases.",
            "operationId": "getProcess",
            "parameters": [SLUG],
            "responses": {"200": ok(ref("Process"), "The process."), "404": NOT_FOUND},
        }
    },
    "/api/v1/processes/{slug}/ideas": {
        "get": {
            "summary": "The published ideas of a public process, most votes first (ties by title), as ranked live.",
            "operationId": "listProcessIdeas",
            "parameters": [
                SLUG,
                {"name": "district", "in": "query", "schema": {"type": "integer"},
                 "description": "Only ideas about this deelgemeente (also those about one of its wijken); ids at "
                                "/api/v1/places."},
                {"name": "neighbourhood", "in": "query", "schema": {"type": "integer"},
                 "description": "Only ideas about this wijk."},
                *PAGE_PARAMETERS,
            ],
            "responses": {"200": ok(ref("IdeaPage"), "A page of ideas."), "404": NOT_FOUND},
        }
    },
    "/api/v1/processes/{slug}/ideas.geojson": {
        "get": {
            "summary": "The published ideas of a public process that have a spot on the map, as GeoJSON.",
            "operationId": "processIdeasGeojson",
            "parameters": [SLUG],
            "responses": {
                "200": {"description": "A GeoJSON FeatureCollection, most votes first.",
                        "content": {"application/geo+json": {"schema": ref("IdeaFeatureCollection")}}},
                "404": NOT_FOUND,
            },
        }
    },
    "/api/v1/places": {
        "get": {
            "summary": "The city's deelgemeenten with their postcodes and wijken, the places ideas are about.",
            "operationId": "listPlaces",
            "responses": {"200": ok({
                "type": "object", "required": ["data"], "additionalProperties": False,
                "properties": {"data": {"type": "array", "items": ref("Place")}},
            }, "Every deelgemeente with its wijken.")},
        }
    },
    "/api/v1/ideas/{idea_id}": {
        "get": {
            "summary": "One published idea of a public process, with its vote total.",
            "operationId": "getIdea",
            "parameters": [IDEA_ID],
            "responses": {"200": ok(ref("Idea"), "The idea."), "404": NOT_FOUND},
        }
    },
}


def fragments() -> list[dict]:
    return [importlib.import_module(name).OPENAPI for name in FRAGMENT_MODULES]


def openapi_document() -> dict:
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Participation open data",
            "version": "1.0.0",
            "description": "Public, anonymous data of the participation platform: processes, published ideas "
                           "with vote totals, and what other features publish. Read-only; lists are paginated "
                           "with page and per_page (at most 100).",
        },
        "servers": [{"url": "/"}],
        "paths": copy.deepcopy(PATHS),
        "components": {"schemas": copy.deepcopy(SCHEMAS)},
    }
    for fragment in fragments():
        document["paths"].update(copy.deepcopy(fragment.get("paths", {})))
        document["components"]["schemas"].update(copy.deepcopy(fragment.get("components", {}).get("schemas", {})))
    return document
