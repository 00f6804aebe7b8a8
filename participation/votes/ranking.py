"""The vote ranking: one computation of places, used by the live page, the JSON its script reads,
the frozen result, the exports and the process report, so that none of them can disagree.

Places are competition places (1, 2, 2, 4): an idea's place is one more than the number of ideas
with more votes, ideas with the same total share it, and the next place skips the shared ones.
Within a shared place, ideas are listed by title (the database's lower case, so every reader sorts
the same way), then by number.
"""

from dataclasses import dataclass

from sqlalchemy import Select, func, literal, select, union_all

from participation import page_cache
from participation.extensions import db
from participation.ideas.counters import idea_count
from participation.ideas.models import PUBLIC_STATUSES, Idea, ranking_order
from participation.votes.queries import RowPagination


@dataclass(frozen=True)
class Place:
    place: int
    shared: bool


@dataclass(frozen=True)
class RankedIdea:
    idea_id: int | None
    title: str
    votes: int
    rank: int
    shared: bool


def places(histogram: dict[int, int]) -> dict[int, Place]:
    """The place of each total, from how many ideas have that total ({votes: ideas}).

    A histogram of only the totals at or above some value gives the right places for those totals:
    a place depends only on the ideas with more votes."""
    found: dict[int, Place] = {}
    above = 0
    for votes in sorted(histogram, reverse=True):
        found[votes] = Place(above + 1, histogram[votes] > 1)
        above += histogram[votes]
    return found


def rank_rows(rows: list[tuple[int | None, str, int]]) -> list[RankedIdea]:
    """(idea id, title, votes) rows, already in ranking order, with their places."""
    histogram: dict[int, int] = {}
    for _id, _title, votes in rows:
        histogram[votes] = histogram.get(votes, 0) + 1
    found = places(histogram)
    return [RankedIdea(idea_id, title, votes, found[votes].place, found[votes].shared)
            for idea_id, title, votes in rows]


def _public_ideas(process_id: int) -> tuple:
    return Idea.process_id == process_id, Idea.status.in_(PUBLIC_STATUSES)


def public_count(process_id: int) -> int:
    """The number of published ideas of a process (from the counters), kept in the worker while no idea of
    the process is written (`page_cache.cards_scope`): votes do not change it."""
    key = "public"
    return page_cache.kept_fragments(
        f"ranking-count:{process_id}", (page_cache.CITY, page_cache.cards_scope(process_id)), [key],
        lambda _keys: {key: idea_count(process_id, PUBLIC_STATUSES)},
    )[key]


def live_ranking(process_id: int, search: str, page: int, per_page: int) -> RowPagination:
    """One page of the published ideas by their running totals, with their place among all ideas.

    The page itself is a plain sorted LIMIT on the (process, votes) index; the number of ideas comes from
    the counters per process and status, the places from the totals above the page's lowest one."""
    statement: Select = (
        select(Idea.id, Idea.title, Idea.vote_count)
        .where(*_public_ideas(process_id))
        .order_by(*ranking_order())
    )
    counter, total = None, None
    if search:
        matches = Idea.title.ilike(f"%{search}%")
        statement = statement.where(matches)
        counter = select(func.count()).select_from(Idea).where(*_public_ideas(process_id), matches)
    else:
        total = public_count(process_id)
    pagination = RowPagination(
        select=statement, session=db.session, counter=counter, total=total, page=page, per_page=per_page,
        error_out=False,
    )
    if pagination.items:
        # Only the ideas above the page's lowest total decide its places, and two rows at that total
        # whether it is shared, read in one statement: no read covers the whole process.
        lowest = min(votes for _id, _title, votes in pagination.items)
        above = (select(Idea.vote_count, func.count()).where(*_public_ideas(process_id), Idea.vote_count > lowest)
                 .group_by(Idea.vote_count))
        at_lowest = (select(Idea.id).where(*_public_ideas(process_id), Idea.vote_count == lowest)
                     .order_by(*ranking_order()).limit(2).subquery())
        two_at_lowest = select(literal(lowest), func.count()).select_from(at_lowest)
        histogram = {votes: n for votes, n in db.session.execute(union_all(above, two_at_lowest))}
        histogram[lowest] = histogram.get(lowest) or 1
        found = places(histogram)
        pagination.items = [
            RankedIdea(idea_id, title, votes, found[votes].place, found[votes].shared)
            for idea_id, title, votes in pagination.items
        ]
    return pagination


def places_by_process(process_ids: list[int] | None = None) -> dict[tuple[int, int], Place]:
    """{(process id, votes): place} for the published ideas of these processes (all when None)."""
    statement = (
        select(Idea.process_id, Idea.vote_count, func.count())
        .where(Idea.status.in_(PUBLIC_STATUSES))
        .group_by(Idea.process_id, Idea.vote_count)
    )
    if process_ids is not None:
        statement = statement.where(Idea.process_id.in_(process_ids))
    histograms: dict[int, dict[int, int]] = {}
    for process_id, votes, count in db.session.execute(statement):
        histograms.setdefault(process_id, {})[votes] = count
    return {
        (process_id, votes): place
        for process_id, histogram in histograms.items()
        for votes, place in places(histogram).items()
    }
