from participation.core.models import City, District
from participation.extensions import db


def current_city() -> City | None:
    return db.session.scalars(db.select(City).order_by(City.id).limit(1)).first()


def district_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        db.select(District.id, District.name, District.postcode).order_by(District.position, District.name)
    )
    return [(row.id, f"{row.name} ({row.postcode})" if row.postcode else row.name) for row in rows]


def city_asset(column) -> str | bytes | None:
    """One of the city's deferred face files (logo, favicon, share image), read only where it is served."""
    return db.session.scalar(db.select(column).order_by(City.id).limit(1))
