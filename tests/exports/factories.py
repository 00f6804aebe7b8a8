"""Ideas and districts for export, report and API tests, written straight to the database."""

from participation.core.models import City, District
from participation.extensions import db
from participation.ideas.models import Idea


def district(name: str = "Stasegem", position: int = 0) -> District:
    city = db.session.scalar(db.select(City)) or City(name="Harelbeke", slug="harelbeke")
    found = District(name=name, position=position, city=city)
    db.session.add(found)
    db.session.commit()
    return found


def idea(process, title: str = "Meer bomen op de markt", status: str = "published", votes: int = 0,
         theme: str = "planet", author=None, district=None, entered_by=None, answer: str | None = None,
         body: str = "<p>Schaduw in de zomer.</p>") -> Idea:
    made = Idea(
        process_id=process.id, title=title, body=body, theme=theme, status=status, vote_count=votes,
        author_id=author.id if author else None, district_id=district.id if district else None,
        entered_by_id=entered_by.id if entered_by else None, answer=answer,
    )
    db.session.add(made)
    db.session.commit()
    return made
