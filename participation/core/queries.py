from flask import has_request_context
from sqlalchemy.orm import selectinload

from participation.core.models import City, District, Neighbourhood, district_label
from participation.extensions import db


def current_city() -> City | None:
    return db.session.scalars(db.select(City).order_by(City.id).limit(1)).first()


def district_choices() -> list[tuple[int, str]]:
    """The deelgemeenten in the city's order, for a select (kept while the city stays the same: every
    process page's filter shows them). Callers copy it before changing it."""
    return _city_wide("district_choices", _district_choices)


def neighbourhood_choices() -> dict[str, list[tuple[int, str]]]:
    """The wijken grouped under their deelgemeente's label, in the city's order, for a select with groups
    (kept as `district_choices` is)."""
    return _city_wide("neighbourhood_choices", _neighbourhood_choices)


def _city_wide(name: str, load):
    if not has_request_context():
        return load()
    from participation.page_cache import city_wide

    return city_wide(name, load, keep_in_request=False)


def _district_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        db.select(District.id, District.name, District.postcode).order_by(District.position, District.name)
    )
    return [(row.id, district_label(row.name, row.postcode)) for row in rows]


def _neighbourhood_choices() -> dict[str, list[tuple[int, str]]]:
    rows = db.session.execute(
        db.select(Neighbourhood.id, Neighbourhood.name, District.name, District.postcode)
        .join(District, Neighbourhood.district_id == District.id)
        .order_by(District.position, District.name, Neighbourhood.position, Neighbourhood.name)
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for wijk_id, name, district, postcode in rows:
        groups.setdefault(district_label(district, postcode), []).append((wijk_id, name))
    return groups


def neighbourhood(neighbourhood_id: int) -> Neighbourhood | None:
    return db.session.get(Neighbourhood, neighbourhood_id)


def places() -> list[District]:
    """Every deelgemeente with its wijken, for the open data."""
    return list(db.session.scalars(
        db.select(District).options(selectinload(District.neighbourhoods)).order_by(District.position, District.name)
    ))


def city_asset(column) -> str | bytes | None:
    """One of the city's deferred face files (logo, favicon, share image), read only where it is served."""
    return db.session.scalar(db.select(column).order_by(City.id).limit(1))
