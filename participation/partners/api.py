"""Open data: the city's partners, each with the plan tasks that name it."""

from flask import abort, jsonify, url_for

from participation.access import PUBLIC, access
from participation.api import bp
from participation.api.openapi import NOT_FOUND, ref
from participation.partners import queries
from participation.partners.models import Partner, TaskPartner
from participation.plan.api import STATUS


def task_link_data(link: TaskPartner) -> dict:
    task = link.task
    return {
        "action": task.action.code,
        "title": task.title,
        "status": task.status,
        "named_in": link.named_in,
        "url": url_for("plan.action", code=task.action.code, _external=True),
    }


def partner_document(partner: Partner, links: list[TaskPartner]) -> dict:
    return {
        "slug": partner.slug,
        "name": partner.name,
        "full_name": partner.full_name or None,
        "description": partner.description,
        "site": partner.site or None,
        "url": url_for("partners.show", slug=partner.slug, _external=True),
        "tasks": [task_link_data(link) for link in links],
    }


@bp.route("/partners")
@access(PUBLIC)
def partners():
    found = queries.all_partners()
    links = queries.task_links_by_partner()
    return jsonify({"data": [partner_document(partner, links.get(partner.id, [])) for partner in found]})


@bp.route("/partners/<partner_slug>")
@access(PUBLIC)
def partner(partner_slug: str):
    found = queries.partner_by_slug(partner_slug)
    if found is None:
        abort(404)
    links = queries.task_links_by_partner([found.id])
    return jsonify({"data": partner_document(found, links.get(found.id, []))})


def _one(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {
        "type": "object", "required": ["data"], "additionalProperties": False, "properties": {"data": schema},
    }}}}


OPENAPI = {
    "paths": {
        "/api/v1/partners": {
            "get": {
                "operationId": "listPartners",
                "summary": "The organisations the city works with",
                "description": "Every partner the city lists, in its order, with the plan tasks that name it.",
                "tags": ["Partners"],
                "responses": {"200": _one({"type": "array", "items": ref("Partner")}, "The partners.")},
            }
        },
        "/api/v1/partners/{partner_slug}": {
            "get": {
                "operationId": "getPartner",
                "summary": "One partner with the plan tasks that name it",
                "tags": ["Partners"],
                "parameters": [{"name": "partner_slug", "in": "path", "required": True, "schema": {"type": "string"},
                                "example": "w13"}],
                "responses": {"200": _one(ref("Partner"), "The partner."), "404": NOT_FOUND},
            }
        },
    },
    "components": {"schemas": {
        "PartnerTask": {
            "type": "object", "additionalProperties": False,
            "required": ["action", "title", "status", "named_in", "url"],
            "properties": {
                "action": {"type": "string", "description": "Code of the task's action (D03/AP02/07)."},
                "title": {"type": "string", "description": "Title of the task."},
                "status": {**STATUS, "description": "Status of the task's latest quarter."},
                "named_in": {"type": "string", "enum": ["task", "explanation"],
                             "description": "task: the task or its action names the partner; explanation: only a "
                                            "quarterly explanation does."},
                "url": {"type": "string", "format": "uri", "description": "Page of the action."},
            },
        },
        "Partner": {
            "type": "object", "additionalProperties": False,
            "required": ["slug", "name", "full_name", "description", "site", "url", "tasks"],
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string", "description": "Name as the city writes it (W13)."},
                "full_name": {"type": ["string", "null"]},
                "description": {"type": "string", "description": "What the partner does with the city."},
                "site": {"type": ["string", "null"], "format": "uri"},
                "url": {"type": "string", "format": "uri", "description": "The partner's page."},
                "tasks": {"type": "array", "items": ref("PartnerTask")},
            },
        },
    }},
}
