"""Districts, their wijken and counted votes for export, report and API tests, written straight to the
database (the ideas themselves come from ``tests.conftest.idea``)."""

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
