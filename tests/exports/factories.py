"""Ideas, districts and their wijken for export, report and API tests, written straight to the database."""

from participation.core.models import City, District, Neighbourhood
from participation.extensions import db
from participation.ideas.models import Idea

POSTCODES = {"Harelbeke": "8530", "Bavikhove": "8531", "Hulste": "8531"}


def district(name: str = "Harelbeke", position: int = 0) -> District:
    city = db.session.scalar(db.select(City)) or City(name="Harelbeke", slug="harelbeke")
    found = District(name=name, position=position, city=city, postcode=POSTCODES.get(name))
    db.session.add(found)
    db.session.commit()
    return found


def neighbourhood(name: str = "Stasegem", district_: District | None = None) -> Neighbourhood:
    """A wijk of a deelgemeente (by default Stasegem, in Harelbeke)."""
    district_ = district_ or db.session.scalar(db.select(District).where(District.name == "Harelbeke")) or district()
    found = Neighbourhood(name=name, district=district_, position=len(district_.neighbourhoods))
    db.session.add(found)
    db.session.commit()
    return found


def idea(process, title: str = "Meer bomen op de markt", status: str = "published", votes: int = 0,
         theme: str = "planet", author=None, district=None, entered_by=None, answer: str | None = None,
         body: str = "<p>Schaduw in de zomer.</p>", neighbourhood=None) -> Idea:
    district = neighbourhood.district if neighbourhood is not None else district
    made = Idea(
        process_id=process.id, title=title, body=body, theme=theme, status=status, vote_count=votes,
        author_id=author.id if author else None, district_id=district.id if district else None,
        neighbourhood_id=neighbourhood.id if neighbourhood else None,
        entered_by_id=entered_by.id if entered_by else None, answer=answer,
    )
    db.session.add(made)
    db.session.commit()
    return made


def counted_votes(made: Idea, votes: int) -> None:
    """Give an idea `votes` votes as ballots and vote rows, as the frozen result counts them."""
    from participation.votes.models import Ballot, Vote

    for _ in range(votes):
        ballot = Ballot(process_id=made.process_id, used=1)
        db.session.add(ballot)
        db.session.flush()
        db.session.add(Vote(ballot_id=ballot.id, idea_id=made.id, count=1))
    made.vote_count = votes
    db.session.commit()
