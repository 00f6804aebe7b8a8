"""Open data of the advisory councils: the ambition points and the councils' ranking of published rounds.

Only what the note publishes: points, sub-themes, recommendations, SDG target codes, which councils
endorse the note, and the ranking of the proposals with its pairwise table. A council's ballot is shown
only as its part in the totals; no member and no person is ever named.
"""

from flask import abort, jsonify, url_for
from sqlalchemy.orm import selectinload

from participation.access import PUBLIC, access
from participation.advisory import queries
from participation.advisory.models import AmbitionPoint, Council, CouncilRound, Endorsement, SubTheme
from participation.api import bp
from participation.api.openapi import NOT_FOUND, PAGE_PARAMETERS, ok, page_of, ref
from participation.api.serializers import page_args, paginated, timestamp
from participation.extensions import db


def published_points():
    return (
        db.select(AmbitionPoint)
        .join(CouncilRound, AmbitionPoint.round_id == CouncilRound.id)
        .where(CouncilRound.step == "published")
        .options(
            selectinload(AmbitionPoint.round),
            selectinload(AmbitionPoint.sub_themes).selectinload(SubTheme.recommendations),
            selectinload(AmbitionPoint.targets),
        )
        .order_by(CouncilRound.published_at.desc(), CouncilRound.id.desc(), AmbitionPoint.number)
    )


def endorsing_councils(round_ids: set[int]) -> dict[int, list[str]]:
    """Round id -> names of the councils that endorse its note, in the councils' order."""
    if not round_ids:
        return {}
    rows = db.session.execute(
        db.select(Endorsement.round_id, Council.name)
        .join(Council, Endorsement.council_id == Council.id)
        .where(Endorsement.round_id.in_(round_ids), Endorsement.endorses.is_(True))
        .order_by(Council.position, Council.name)
    )
    found: dict[int, list[str]] = {}
    for round_id, name in rows:
        found.setdefault(round_id, []).append(name)
    return found


def round_data(round_: CouncilRound) -> dict:
    return {
        "id": round_.id,
        "slug": round_.slug,
        "title": round_.title,
        "published_at": timestamp(round_.published_at),
        "links": {
            "ranking": url_for("api.council_ranking", round_id=round_.id, _external=True),
            "html": url_for("advisory.note", slug=round_.slug, _external=True),
        },
    }


def city_data(state: queries.FollowUp) -> dict:
    """What the city does with a point: never part of the councils' text."""
    answer = state.answer
    return {
        "answer": None if answer is None else {"text": answer.text, "written_at": timestamp(answer.created_at)},
        "plan_actions": [{"code": action.code, "title": action.title, "status": action.status}
                         for action in state.actions],
    }


def point_data(point: AmbitionPoint, endorsed_by: list[str], state: queries.FollowUp) -> dict:
    return {
        "round": round_data(point.round),
        "number": point.number,
        "title": point.title,
        "vision": point.vision,
        "sub_themes": [
            {"title": sub_theme.title, "recommendations": [item.text for item in sub_theme.recommendations]}
            for sub_theme in point.sub_themes
        ],
        "sdg_targets": point.target_codes,
        "endorsed_by": endorsed_by,
        "city": city_data(state),
        "links": {"html": url_for("advisory.point", slug=point.round.slug, number=point.number, _external=True)},
    }


@bp.route("/ambition-points")
@access(PUBLIC)
def ambition_points():
    page, per_page = page_args()
    pagination = db.paginate(published_points(), page=page, per_page=per_page, error_out=False)
    endorsed = endorsing_councils({point.round_id for point in pagination.items})
    states = queries.followups(pagination.items)
    return jsonify(paginated(
        pagination, lambda point: point_data(point, endorsed.get(point.round_id, []), states[point.id]),
        "api.ambition_points",
    ))


@bp.route("/councils/rounds/<int:round_id>/ranking")
@access(PUBLIC)
def council_ranking(round_id: int):
    round_ = db.session.get(CouncilRound, round_id)
    if round_ is None or not round_.is_published:
        abort(404)
    result = queries.ranking_result(round_)
    proposals = {proposal.id: proposal for proposal in queries.proposals_of(round_)}

    def proposal_data(proposal_id: int) -> dict:
        proposal = proposals[proposal_id]
        score = None if result is None or result.scores is None else result.scores[proposal_id]
        return {"id": proposal.id, "title": proposal.title, "council": proposal.council.name, "score": score}

    tiers, place = [], 1
    for number, tier in enumerate(result.tiers if result else [], start=1):
        tiers.append({"tier": number, "place": place, "proposals": [proposal_data(pid) for pid in tier]})
        place += len(tier)
    pairwise = [] if result is None else [
        {"a": a, "b": b, "prefer_a": result.pairwise[a, b], "prefer_b": result.pairwise[b, a]}
        for a in result.order for b in result.order if a != b
    ]
    return jsonify({
        "round": round_data(round_),
        "method": round_.method,
        "ballots": 0 if result is None else result.total_weight,
        "tiers": tiers,
        "pairwise": pairwise,
    })


ROUND_ID = {"name": "round_id", "in": "path", "required": True, "schema": {"type": "integer"}, "example": 1}
URI = {"type": "string", "format": "uri"}

OPENAPI = {
    "paths": {
        "/api/v1/ambition-points": {
            "get": {
                "summary": "The ambition points of the published notes of the advisory councils.",
                "description": "Newest note first, points in their order. Each point with its sub-themes and "
                               "recommendations as the councils wrote them and the councils that endorse the note; "
                               "apart from those, what the city does with it: its SDG targets, answer and plan "
                               "actions.",
                "operationId": "listAmbitionPoints",
                "tags": ["Advisory councils"],
                "parameters": PAGE_PARAMETERS,
                "responses": {"200": ok(ref("AmbitionPointPage"), "A page of ambition points.")},
            }
        },
        "/api/v1/councils/rounds/{round_id}/ranking": {
            "get": {
                "summary": "The councils' aggregate ranking of the proposals of a published round.",
                "description": "The tiers, best first (proposals in one tier are tied), and the pairwise table: "
                               "for every two proposals A and B, how many council ballots rank A above B.",
                "operationId": "getCouncilRanking",
                "tags": ["Advisory councils"],
                "parameters": [ROUND_ID],
                "responses": {"200": ok(ref("CouncilRanking"), "The ranking."), "404": NOT_FOUND},
            }
        },
    },
    "components": {
        "schemas": {
            "CouncilRound": {
                "type": "object",
                "required": ["id", "slug", "title", "published_at", "links"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "integer"},
                    "slug": {"type": "string"},
                    "title": {"type": "string"},
                    "published_at": {"type": ["string", "null"], "format": "date-time"},
                    "links": {
                        "type": "object",
                        "required": ["ranking", "html"],
                        "additionalProperties": False,
                        "properties": {"ranking": URI, "html": URI},
                    },
                },
            },
            "AmbitionPoint": {
                "type": "object",
                "required": ["round", "number", "title", "vision", "sub_themes", "sdg_targets", "endorsed_by", "city",
                             "links"],
                "description": "A point as the councils wrote it (title, vision, sub-themes), who endorsed the note, "
                               "and apart from that what the city does with it: its SDG targets and `city`.",
                "additionalProperties": False,
                "properties": {
                    "round": ref("CouncilRound"),
                    "number": {"type": "integer", "minimum": 1},
                    "title": {"type": "string"},
                    "vision": {"type": "string"},
                    "sub_themes": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["title", "recommendations"],
                            "additionalProperties": False,
                            "properties": {
                                "title": {"type": ["string", "null"]},
                                "recommendations": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                    },
                    "sdg_targets": {
                        "type": "array", "items": {"type": "string", "examples": ["4.2"]},
                        "description": "The SDG targets the city links the point to, in numeric order (4.2 before "
                                       "16.2); the councils' note itself names no SDG.",
                    },
                    "endorsed_by": {
                        "type": "array", "items": {"type": "string"},
                        "description": "Names of the councils that endorse the note.",
                    },
                    "city": {
                        "type": "object",
                        "required": ["answer", "plan_actions"],
                        "additionalProperties": False,
                        "description": "What the city does with the point: its newest answer and the actions of "
                                       "the multi-year plan that carry it out (details at /api/v1/plan/actions).",
                        "properties": {
                            "answer": {
                                "oneOf": [{"type": "null"}, {
                                    "type": "object", "required": ["text", "written_at"], "additionalProperties": False,
                                    "properties": {"text": {"type": "string"},
                                                   "written_at": {"type": "string", "format": "date-time"}},
                                }],
                            },
                            "plan_actions": {
                                "type": "array",
                                "items": {
                                    "type": "object", "required": ["code", "title", "status"],
                                    "additionalProperties": False,
                                    "properties": {"code": {"type": "string", "examples": ["D03/AP01/02"]},
                                                   "title": {"type": "string"},
                                                   "status": {"type": ["string", "null"]}},
                                },
                            },
                        },
                    },
                    "links": {
                        "type": "object", "required": ["html"], "additionalProperties": False,
                        "properties": {"html": URI},
                    },
                },
            },
            "AmbitionPointPage": page_of("AmbitionPoint"),
            "RankedProposal": {
                "type": "object",
                "required": ["id", "title", "council", "score"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "council": {"type": "string", "description": "The council that wrote the proposal."},
                    "score": {"type": ["number", "null"], "description": "Borda points; null for Schulze."},
                },
            },
            "CouncilRanking": {
                "type": "object",
                "required": ["round", "method", "ballots", "tiers", "pairwise"],
                "additionalProperties": False,
                "properties": {
                    "round": ref("CouncilRound"),
                    "method": {"type": "string", "enum": ["schulze", "borda"]},
                    "ballots": {"type": "integer", "minimum": 0},
                    "tiers": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["tier", "place", "proposals"],
                            "additionalProperties": False,
                            "properties": {
                                "tier": {"type": "integer", "minimum": 1},
                                "place": {"type": "integer", "minimum": 1},
                                "proposals": {"type": "array", "items": ref("RankedProposal")},
                            },
                        },
                    },
                    "pairwise": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["a", "b", "prefer_a", "prefer_b"],
                            "additionalProperties": False,
                            "properties": {
                                "a": {"type": "integer", "description": "Id of proposal A."},
                                "b": {"type": "integer", "description": "Id of proposal B."},
                                "prefer_a": {"type": "integer", "minimum": 0},
                                "prefer_b": {"type": "integer", "minimum": 0},
                            },
                        },
                    },
                },
            },
        }
    },
}
