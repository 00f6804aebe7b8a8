"""Read-side helpers: the lists of ideas with their filters, search and eager loading, written once."""

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination, SelectPagination
from sqlalchemy import ColumnElement, Select, and_, event, exists, func, or_, select, true
from sqlalchemy.orm import Session, joinedload, selectinload

from participation.access import MODERATOR
from participation.accounts.models import User
from participation.core.chapters import chapter_keys
from participation.extensions import db
from participation.ideas.counters import idea_count
from participation.ideas.models import (
    PUBLIC_STATUSES,
    Follow,
    Idea,
    IdeaEdit,
    IdeaStatusChange,
    IdeaTerm,
    ranking_order,
)
from participation.ideas.words import stems
from participation.numbers import parse_int
from participation.processes.invitations import invited_process_ids
from participation.processes.models import Process
from participation.processes.services import VISITOR, audiences_visible_to, process_visibility

SORTS = ("new", "votes", "random")
SHUFFLE_MODULUS = 10_007  # a prime: (id * seed) mod p orders ideas differently per seed, the same each time


def _is_moderator(viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False)) and viewer.has_any_role(MODERATOR)


def _was_public_when_merged():
    """A merged idea keeps the visibility it had: public only if it was public when it was merged."""
    return exists().where(
        IdeaStatusChange.idea_id == Idea.id,
        IdeaStatusChange.to_status == "merged",
        IdeaStatusChange.from_status.in_(PUBLIC_STATUSES),
    )


def idea_visibility(viewer, *, listing: bool = False) -> ColumnElement[bool]:
    """The one rule "which ideas may this viewer see", as a SQL condition on `Idea`.

    `viewer` is a user (`current_user`, a `User`, or an anonymous user such as
    `processes.services.VISITOR`). An idea is visible when its process is open to the viewer
    (`processes.services.process_visibility`: public to everyone; staff-only to employees,
    councils-only to council members, invited-only to staff; moderators and administrators to all;
    and any process to the people of a partner invited to it, while the invitation holds) and:

    - its status is public (published, selected, not selected, in progress, realised); or
    - it was merged into another idea while it was public; or
    - the viewer wrote it or entered it at the desk (the author follows their own new or hidden idea); or
    - the viewer is a moderator or administrator (every status).

    With `listing=True` the condition is the one for lists of ideas (process pages, SDG and plan pages,
    the API): people see only ideas with a public status there (not their own new ones, nor merged
    ones), moderators still every status of the processes they see.

    Needs no join: compose it into any statement that selects from `Idea`, e.g.
    ``select(Idea.id).join(...).where(idea_visibility(current_user, listing=True))``.
    """
    if listing:
        return listing_visibility(viewer, Idea.process_id, Idea.status)
    audience = Idea.process_id.in_(select(Process.id).where(process_visibility(viewer)))
    if _is_moderator(viewer):
        return audience
    statuses = [Idea.status.in_(PUBLIC_STATUSES), db.and_(Idea.status == "merged", _was_public_when_merged())]
    if getattr(viewer, "is_authenticated", False):
        statuses += [Idea.author_id == viewer.id, Idea.entered_by_id == viewer.id]
    return db.and_(audience, or_(*statuses))


def listing_visibility(viewer, process_id, status) -> ColumnElement[bool]:
    """The rule of `idea_visibility` for lists, on any process and status columns: for counters kept per
    process and status (``sdgs.counters``), which count what a viewer sees without reading the ideas.
    In a list, whether an idea shows depends only on its process (open to the viewer or not) and its status."""
    audience = process_id.in_(select(Process.id).where(process_visibility(viewer)))
    if _is_moderator(viewer):
        return audience
    return db.and_(audience, status.in_(PUBLIC_STATUSES))


def listing_audience(viewer) -> tuple:
    """What `listing_visibility` depends on, as a value: two viewers with the same value see the same lists
    (a resident without invitations the same as an anonymous visitor). For someone signed in it reads the
    processes their invitations open now (one small query)."""
    invited = ()
    if getattr(viewer, "is_authenticated", False):
        invited = tuple(sorted(set(db.session.scalars(invited_process_ids(viewer)))))
    return _is_moderator(viewer), audiences_visible_to(viewer), invited


def visible_ideas(viewer, *, listing: bool = False) -> Select:
    """``select(Idea)`` limited to the ideas `viewer` may see (see `idea_visibility`): add filters,
    order and eager loads to it, or paginate it as it is."""
    return select(Idea).where(idea_visibility(viewer, listing=listing))


def is_idea_visible(idea: Idea | None, viewer) -> bool:
    """May `viewer` open this idea's page (and so read its title, text and road)? The same rule as
    `visible_ideas`, asked of the database for this one idea (one small query).

    An idea page asks it several times (the page itself, its conversation, sharing, similar ideas):
    the answer is kept in the session until the session next writes, so the page asks the database once.
    """
    if idea is None or idea.id is None:
        return False
    known = db.session.info.setdefault(VISIBILITY_KNOWN, {})
    key = _visibility_key(idea, viewer)
    if key not in known:
        known[key] = bool(db.session.scalar(select(true()).where(Idea.id == idea.id, idea_visibility(viewer))
                                            .limit(1)))
    return known[key]


def remember_visibility(idea: Idea, viewer, visible: bool) -> None:
    """What `is_idea_visible` would answer, read along with the idea (`idea_visibility` in the same
    statement): kept as its answer until the session next writes."""
    db.session.info.setdefault(VISIBILITY_KNOWN, {})[_visibility_key(idea, viewer)] = visible


def _visibility_key(idea: Idea, viewer) -> tuple:
    return idea.id, idea.status, getattr(viewer, "id", None) if getattr(viewer, "is_authenticated", False) else None


VISIBILITY_KNOWN = "idea_visibility_known"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_visibility(session: Session, *_args) -> None:
    """Any write may change what a viewer sees (a status, an audience, a role): ask again after it."""
    session.info.pop(VISIBILITY_KNOWN, None)


@dataclass
class IdeaFilters:
    theme: str = ""
    district_id: int | None = None
    neighbourhood_id: int | None = None
    status: str = ""
    q: str = ""
    sort: str = "new"

    @classmethod
    def from_args(cls, args) -> "IdeaFilters":
        theme = args.get("thema", "")
        status = args.get("status", "")
        sort = args.get("sorteer", "new")
        return cls(
            theme=theme if theme in chapter_keys() else "",
            district_id=args.get("deelgemeente", type=parse_int),
            neighbourhood_id=args.get("wijk", type=parse_int),
            status=status if status in PUBLIC_STATUSES else "",
            q=(args.get("q") or "").strip()[:200],
            sort=sort if sort in SORTS else "new",
        )

    def as_args(self) -> dict:
        args = {"thema": self.theme, "deelgemeente": self.district_id, "wijk": self.neighbourhood_id,
                "status": self.status, "q": self.q,
                "sorteer": self.sort if self.sort != "new" else ""}
        return {key: value for key, value in args.items() if value}

    @property
    def is_filtered(self) -> bool:
        return bool(self.theme or self.district_id or self.neighbourhood_id or self.status or self.q)


def _prefix_upper(stem: str) -> str:
    return stem[:-1] + chr(ord(stem[-1]) + 1)


def search_condition(query: str):
    """Every word of the query must start a stemmed word of the idea ("fiets" finds "fietsstraat").

    A range on the term keeps the lookup on the index in SQLite and PostgreSQL alike.
    """
    terms = sorted(stems(query))[:10]
    if not terms:
        return None
    conditions = [
        Idea.id.in_(select(IdeaTerm.idea_id).where(IdeaTerm.term >= term, IdeaTerm.term < _prefix_upper(term)))
        for term in terms
    ]
    return db.and_(*conditions)


def with_list_loads(statement: Select) -> Select:
    return statement.options(joinedload(Idea.district), joinedload(Idea.neighbourhood), _author(Idea.author),
                             selectinload(Idea.images), joinedload(Idea.meeting), joinedload(Idea.partner))


def _author(relation):
    """An idea's author or desk employee with the idea, without the roles a user loads by default (one
    more statement per page): no idea page or list shows them; asked for, they load then."""
    return joinedload(relation).lazyload(User.roles)


def place_condition(district_id: int | None, neighbourhood_id: int | None):
    """Ideas about a deelgemeente (also those about one of its wijken) and/or about one wijk."""
    conditions = []
    if district_id:
        conditions.append(Idea.district_id == district_id)
    if neighbourhood_id:
        conditions.append(Idea.neighbourhood_id == neighbourhood_id)
    return db.and_(*conditions) if conditions else None


def process_ideas_statement(process: Process, filters: IdeaFilters, viewer, seed: int = 1) -> Select:
    return with_list_loads(_process_ideas_in_order(process, filters, viewer, seed))


def _process_ideas_in_order(process: Process, filters: IdeaFilters, viewer, seed: int = 1) -> Select:
    statement = visible_ideas(viewer, listing=True).where(Idea.process_id == process.id)
    statement = statement.where(Idea.status == filters.status if filters.status else Idea.status.in_(PUBLIC_STATUSES))
    if filters.theme:
        statement = statement.where(Idea.theme == filters.theme)
    place = place_condition(filters.district_id, filters.neighbourhood_id)
    if place is not None:
        statement = statement.where(place)
    if filters.q:
        condition = search_condition(filters.q)
        if condition is not None:
            statement = statement.where(condition)
    if filters.sort == "votes":
        statement = statement.order_by(*ranking_order())  # as the live ranking
    elif filters.sort == "random":
        shuffle = ((Idea.id % SHUFFLE_MODULUS) * (seed % SHUFFLE_MODULUS or 1)) % SHUFFLE_MODULUS
        statement = statement.order_by(shuffle, Idea.id)
    else:
        statement = statement.order_by(Idea.created_at.desc(), Idea.id.desc())
    return statement


class CountedPagination(SelectPagination):
    """A page whose total is known beforehand (from the counters), so no count runs over the list."""

    def _query_count(self) -> int:
        known = self._query_args.get("total")
        return known if known is not None else super()._query_count()


def paginate_ideas(statement: Select, page: int, per_page: int, total: int | None = None) -> Pagination:
    return CountedPagination(select=statement, session=db.session(), page=page, per_page=per_page,
                             error_out=False, total=total)


def known_total(process_id: int, status: str = "", filtered: bool = False) -> int | None:
    """The number of public ideas (or of one public status) of a process from the counters; None
    when other filters apply and the list must be counted."""
    if filtered:
        return None
    return idea_count(process_id, (status,) if status else PUBLIC_STATUSES)


def process_ideas(process: Process, filters: IdeaFilters, viewer, page: int, per_page: int,
                  seed: int = 1) -> Pagination:
    """One page of a process's public ideas: the length from the counters when only the status filters,
    and an index-backed LIMIT, whatever the number of ideas."""
    others = bool(filters.theme or filters.district_id or filters.neighbourhood_id or filters.q)
    return paginate_ideas(process_ideas_statement(process, filters, viewer, seed), page, per_page,
                          known_total(process.id, filters.status, others))


class RowsPagination(CountedPagination):
    """A page of plain rows (several columns; `paginate_ideas` keeps the first)."""

    def _query_items(self) -> list:
        statement = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(statement).all())


def is_counted(filters: IdeaFilters) -> bool:
    """Whether the list's length must be counted: filters other than the status apply (no counter has it)."""
    return bool(filters.theme or filters.district_id or filters.neighbourhood_id or filters.q)


def list_total(process: Process, filters: IdeaFilters) -> int | None:
    """The length of a process's list from the counters, or None when it must be counted."""
    return known_total(process.id, filters.status, is_counted(filters))


def process_idea_rows(process: Process, filters: IdeaFilters, viewer, page: int, per_page: int,
                      seed: int = 1, total: int | None = None) -> Pagination:
    """The page of `process_ideas` as plain rows of `id`, `title` and `vote_count`: what a list reads per
    request when it keeps the rest of each card (`ideas/cards.py`); the same ideas in the same order.
    `total`: the list's length when the caller knows it (else `list_total`, or a count)."""
    statement = _process_ideas_in_order(process, filters, viewer, seed).with_only_columns(
        Idea.id, Idea.title, Idea.vote_count)
    return RowsPagination(select=statement, session=db.session(), page=page, per_page=per_page, error_out=False,
                          total=total if total is not None else list_total(process, filters))


def ideas_for_cards(ids: list[int]) -> list[Idea]:
    """Ideas by their numbers, with what a card shows (`with_list_loads`), in the order of `ids`."""
    if not ids:
        return []
    found = {idea.id: idea for idea in db.session.scalars(with_list_loads(select(Idea).where(Idea.id.in_(ids))))}
    return [found[idea_id] for idea_id in ids if idea_id in found]


def has_points(process: Process) -> bool:
    """Whether the map of the process (open data: what a visitor may see) has any idea to show."""
    return db.session.scalar(
        visible_ideas(VISITOR, listing=True).with_only_columns(Idea.id)
        .where(Idea.process_id == process.id, Idea.latitude.is_not(None)).limit(1)
    ) is not None


def idea_by_id(idea_id: int) -> Idea | None:
    return db.session.scalar(
        select(Idea).where(Idea.id == idea_id).options(
            joinedload(Idea.process), joinedload(Idea.district), joinedload(Idea.neighbourhood),
            _author(Idea.author), _author(Idea.entered_by), joinedload(Idea.merged_into),
            joinedload(Idea.meeting), joinedload(Idea.partner),
        )
    )


def ideas_by_ids(ids: list[int]) -> list[Idea]:
    """Ideas by their numbers, in one query, with what screening them reads."""
    if not ids:
        return []
    return list(db.session.scalars(
        select(Idea).where(Idea.id.in_(ids)).options(joinedload(Idea.process)).order_by(Idea.id)
    ))


def idea_history(idea: Idea, viewer) -> list[IdeaStatusChange]:
    """The road of an idea: its own steps, and the merge of each idea merged into it that `viewer` may
    see (with the moderator's explanation, which the merged idea's road shows too), in time order."""
    merged_in = select(Idea.id).where(Idea.merged_into_id == idea.id, idea_visibility(viewer))
    return list(db.session.scalars(
        select(IdeaStatusChange)
        .where(or_(IdeaStatusChange.idea_id == idea.id,
                   and_(IdeaStatusChange.idea_id.in_(merged_in), IdeaStatusChange.to_status == "merged")))
        .options(joinedload(IdeaStatusChange.author), joinedload(IdeaStatusChange.idea))
        .order_by(IdeaStatusChange.created_at, IdeaStatusChange.id)
    ))


def idea_edits(idea: Idea) -> list[IdeaEdit]:
    return list(db.session.scalars(
        select(IdeaEdit).where(IdeaEdit.idea_id == idea.id).options(joinedload(IdeaEdit.editor))
        .order_by(IdeaEdit.created_at, IdeaEdit.id)
    ))


def merged_into_this(idea: Idea, viewer) -> list[Idea]:
    """The ideas merged into this one that the viewer may see (a hidden idea merged here stays unseen)."""
    return list(db.session.scalars(visible_ideas(viewer).where(Idea.merged_into_id == idea.id).order_by(Idea.id)))


def follower_count(idea: Idea) -> int:
    return db.session.scalar(select(func.count()).select_from(Follow).where(Follow.idea_id == idea.id)) or 0


def my_ideas(user, page: int, per_page: int) -> Pagination:
    statement = (
        select(Idea).where(or_(Idea.author_id == user.id, Idea.entered_by_id == user.id))
        .options(joinedload(Idea.process))
        .order_by(Idea.created_at.desc(), Idea.id.desc())
    )
    return db.paginate(with_list_loads(statement), page=page, per_page=per_page, error_out=False)


def followed_ideas(user, page: int, per_page: int) -> Pagination:
    """The ideas a person follows and may still see (an idea hidden since, or of a process they left, not)."""
    statement = (
        visible_ideas(user).join(Follow, Follow.idea_id == Idea.id).where(Follow.user_id == user.id)
        .options(joinedload(Idea.process))
        .order_by(Follow.created_at.desc(), Idea.id.desc())
    )
    return db.paginate(with_list_loads(statement), page=page, per_page=per_page, error_out=False)


def screening_queue(audiences: tuple[str, ...], status: str, page: int, per_page: int) -> Pagination:
    """Ideas waiting for a moderator, oldest first, in the processes the moderator can see."""
    statement = (
        select(Idea).join(Process, Process.id == Idea.process_id)
        .where(Idea.status == status, Process.audience.in_(audiences))
        .options(joinedload(Idea.process))
        .order_by(Idea.created_at, Idea.id)
    )
    return db.paginate(with_list_loads(statement), page=page, per_page=per_page, error_out=False)
