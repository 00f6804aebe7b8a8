"""Objects as the API shows them: only public fields, never a person."""

from datetime import datetime

from flask import request, url_for

from participation.clock import iso_brussels
from participation.ideas.models import Idea
from participation.numbers import parse_int
from participation.processes.models import Phase, Process
from participation.text import render_rich_text

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


def timestamp(value: datetime | None) -> str | None:
    """Brussels time with its offset, as the pages show it."""
    return iso_brussels(value)


def iso_day(value) -> str | None:
    return None if value is None else value.isoformat()


def phase_data(phase: Phase) -> dict:
    return {
        "kind": phase.kind, "position": phase.position, "starts_at": timestamp(phase.starts_at),
        "ends_at": timestamp(phase.ends_at), "last_day": iso_day(phase.last_day), "is_open": phase.is_open,
    }


def process_data(process: Process, full: bool = False) -> dict:
    data = {
        "slug": process.slug,
        "title": process.title,
        "summary": process.summary or "",
        "current_phase": process.current_phase.kind if process.current_phase else None,
        "phases": [phase_data(phase) for phase in process.phases],
        "links": {
            "self": url_for("api.process", slug=process.slug, _external=True),
            "ideas": url_for("api.process_ideas", slug=process.slug, _external=True),
            "html": url_for("processes.show", slug=process.slug, _external=True),
        },
    }
    if full:
        data["description"] = render_rich_text(process.description)
    return data


def idea_data(idea: Idea, sdg_targets: list[str] | None = None) -> dict:
    return {
        "id": idea.id,
        "process": idea.process.slug,
        "title": idea.title,
        "body": render_rich_text(idea.body),
        "theme": idea.theme,
        "district": None if idea.district is None else {"id": idea.district.id, "name": idea.district.name},
        "neighbourhood": None if idea.neighbourhood is None else {
            "id": idea.neighbourhood.id, "name": idea.neighbourhood.name, "district_id": idea.neighbourhood.district_id,
        },
        "point": {"latitude": idea.latitude, "longitude": idea.longitude} if idea.has_point else None,
        "status": idea.status,
        "vote_count": idea.vote_count,
        "sdg_targets": list(sdg_targets or []),
        "answer": render_rich_text(idea.answer) if idea.answer else None,
        "partner": None if idea.partner is None else {"slug": idea.partner.slug, "name": idea.partner.name},
        "created_at": timestamp(idea.created_at),
        "links": {
            "self": url_for("api.idea", idea_id=idea.id, _external=True),
            "process": url_for("api.process", slug=idea.process.slug, _external=True),
        },
    }


def page_args() -> tuple[int, int]:
    page = max(request.args.get("page", 1, type=parse_int) or 1, 1)
    per_page = request.args.get("per_page", DEFAULT_PER_PAGE, type=parse_int) or DEFAULT_PER_PAGE
    return page, min(max(per_page, 1), MAX_PER_PAGE)


def paginated(pagination, serialize, endpoint: str, **values) -> dict:
    """The envelope of every list: data, meta (counts) and links (first, last, prev, next)."""

    def link(page: int | None) -> str | None:
        if page is None:
            return None
        return url_for(endpoint, page=page, per_page=pagination.per_page, _external=True, **values)

    last = max(pagination.pages, 1)
    return {
        "data": [serialize(item) for item in pagination.items],
        "meta": {
            "page": pagination.page, "per_page": pagination.per_page,
            "total": pagination.total, "pages": pagination.pages,
        },
        "links": {
            "self": link(pagination.page),
            "first": link(1),
            "last": link(last),
            "prev": link(pagination.prev_num) if pagination.has_prev else None,
            "next": link(pagination.next_num) if pagination.has_next else None,
        },
    }


def place_data(district) -> dict:
    return {
        "id": district.id,
        "name": district.name,
        "postcode": district.postcode,
        "neighbourhoods": [{"id": wijk.id, "name": wijk.name} for wijk in district.neighbourhoods],
    }


def idea_feature(idea: Idea) -> dict:
    """An idea as a GeoJSON Feature: its point (longitude first, as GeoJSON wants) and what a map shows."""
    return {
        "type": "Feature",
        "id": idea.id,
        "geometry": {"type": "Point", "coordinates": [idea.longitude, idea.latitude]},
        "properties": {
            "title": idea.title,
            "status": idea.status,
            "theme": idea.theme,
            "place": idea.place,
            "vote_count": idea.vote_count,
            "url": url_for("ideas.show", idea_id=idea.id, _external=True),
        },
    }
