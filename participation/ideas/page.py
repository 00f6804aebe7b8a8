"""What an idea's page reads, in as few statements as its sections allow.

One statement reads the idea with what it is shown with (its process and phases, place, author, the idea
it was merged into) and, beside it, what decides the rest of the page: whether the viewer (and a visitor
without an account) may see it, its followers, whether the viewer follows it, its stored similar ideas,
and for every side list (photos, road, keep, corrections, merged ideas, and each registered section's
rows) whether it has anything at all. The page then reads only the lists that have rows, so an idea
with a short history costs a few statements, not one per list.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import ColumnElement, exists, false, func, select
from sqlalchemy.orm import aliased, joinedload

from participation.accounts.models import User
from participation.extensions import db
from participation.ideas import queries
from participation.ideas.models import (
    PUBLIC_STATUSES,
    ChapterKeep,
    Follow,
    Idea,
    IdeaEdit,
    IdeaImage,
    IdeaStatusChange,
    SimilarIdeas,
)
from participation.ideas.sections import section_rows
from participation.processes.models import Process
from participation.processes.services import VISITOR


@dataclass
class IdeaPage:
    """The idea and the facts its page is built from (see the module's docstring)."""

    idea: Idea
    visible: bool
    shareable: bool
    followers: int
    is_following: bool
    similar: list | None  # the stored similar ideas' entries; None when never computed
    present: dict[str, bool] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return self.present.get(name, True)


def _signed_in(viewer) -> bool:
    return bool(getattr(viewer, "is_authenticated", False))


@lru_cache(maxsize=1)
def _viewer_free_part() -> tuple[dict[str, ColumnElement[bool]], tuple, tuple]:
    """What the page's statement asks whoever the viewer is, built once per process: composing these
    expressions costs more than running them. (The sections register at start-up, before any page.)"""
    merged_here = aliased(Idea)
    present = {
        "photos": exists().where(IdeaImage.idea_id == Idea.id),
        "history": exists().where(IdeaStatusChange.idea_id == Idea.id),
        "merged": exists().where(merged_here.merged_into_id == Idea.id),
        "keep": exists().where(ChapterKeep.idea_id == Idea.id),
        "edits": exists().where(IdeaEdit.idea_id == Idea.id),
        **{name: rows() for name, rows in section_rows().items()},
    }
    columns = (
        select(func.count()).select_from(Follow).where(Follow.idea_id == Idea.id).scalar_subquery().label("followers"),
        select(SimilarIdeas.found).where(SimilarIdeas.idea_id == Idea.id).scalar_subquery().label("similar"),
        *(column.label(f"has_{name}") for name, column in present.items()),
    )
    options = (
        joinedload(Idea.process).joinedload(Process.phases), joinedload(Idea.district),
        joinedload(Idea.neighbourhood), joinedload(Idea.author).lazyload(User.roles),
        joinedload(Idea.entered_by).lazyload(User.roles), joinedload(Idea.merged_into),
        joinedload(Idea.meeting), joinedload(Idea.partner),
    )
    return present, columns, options


def read_idea_page(idea_id: int, viewer) -> IdeaPage | None:
    """The idea `idea_id` with its page's facts for `viewer`, in one statement; None when there is no such
    idea. Whether the viewer may see it is `visible` (the one rule, `queries.idea_visibility`); the answer
    is also remembered for the rest of the request, so the sections that ask again ask no database."""
    signed_in = _signed_in(viewer)
    present, columns, options = _viewer_free_part()
    visible = queries.idea_visibility(viewer)
    following = (exists().where(Follow.idea_id == Idea.id, Follow.user_id == viewer.id) if signed_in
                 else false())
    statement = (
        select(Idea, visible.label("visible"),
               (queries.idea_visibility(VISITOR) if signed_in else visible).label("shareable"),
               following.label("following"), *columns)
        .where(Idea.id == idea_id)
        .options(*options)
    )
    row = db.session.execute(statement).unique(lambda found: found[0].id).first()
    if row is None:
        return None
    idea = row[0]
    page = IdeaPage(
        idea=idea, visible=bool(row.visible), shareable=bool(row.shareable), followers=row.followers or 0,
        is_following=bool(row.following), similar=row.similar,
        present={name: bool(getattr(row, f"has_{name}")) for name in present},
    )
    queries.remember_visibility(idea, viewer, page.visible)
    queries.remember_visibility(idea, VISITOR, page.shareable)
    return page


@dataclass(frozen=True)
class SimilarOnPage:
    """A similar idea as the idea page shows it: its number, title and status, and the words it shares."""

    id: int
    title: str
    status: str


def similar_on_page(page: IdeaPage, words: str, limit: int = 5) -> list:
    """The stored similar ideas that are still public, as plain rows (one statement, none without any);
    computed now when the idea has no stored list. `words`: the idea's body's words (`ideas.texts`)."""
    from participation.ideas.similar import SimilarIdea, _best, similar_ideas, stored_words

    idea = page.idea
    if page.similar is None:
        return similar_ideas(idea.process_id, idea.title, idea.body, exclude_id=idea.id, limit=limit)
    if not page.similar:
        return []
    best = _best(page.similar)
    shown = {row.id: SimilarOnPage(row.id, row.title, row.status) for row in db.session.execute(
        select(Idea.id, Idea.title, Idea.status)
        .where(Idea.id.in_([entry["id"] for entry in best]), Idea.status.in_(PUBLIC_STATUSES)))}
    if not shown:
        return []
    words = stored_words(idea, words)
    return [SimilarIdea(idea=shown[entry["id"]], words=sorted(words.get(t, t) for t in entry["terms"]),
                        score=round(entry["score"], 2))
            for entry in best if entry["id"] in shown][:limit]
