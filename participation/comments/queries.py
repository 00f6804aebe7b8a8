"""Read-side helpers for comments: an idea's conversation, counts for cards, the moderators' queue,
and the open listing of the API. Visibility is the idea's: callers pass ideas the viewer may see."""

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from participation.comments.models import Comment, CommentReport
from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import idea_visibility
from participation.processes.services import VISITOR


@dataclass
class Thread:
    comment: Comment
    answers: list[Comment] = field(default_factory=list)


def conversation(idea: Idea) -> list[Thread]:
    """The comments of an idea, oldest first, each with its answers: one query, authors loaded along."""
    comments = db.session.scalars(
        select(Comment).where(Comment.idea_id == idea.id)
        .options(joinedload(Comment.author), joinedload(Comment.partner))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    threads: dict[int, Thread] = {}
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.id] = Thread(comment)
        elif comment.parent_id in threads:
            threads[comment.parent_id].answers.append(comment)
    return list(threads.values())


def shown_condition():
    return Comment.hidden_at.is_(None) & Comment.erased_at.is_(None)


def comment_counts(idea_ids: list[int]) -> dict[int, int]:
    """The shown comments per idea of a page of cards, in one query: {idea id: count}."""
    if not idea_ids:
        return {}
    rows = db.session.execute(
        select(Comment.idea_id, func.count()).where(Comment.idea_id.in_(idea_ids), shown_condition())
        .group_by(Comment.idea_id)
    )
    return {idea_id: count for idea_id, count in rows}


def comment_by_id(comment_id: int) -> Comment | None:
    return db.session.scalar(
        select(Comment).where(Comment.id == comment_id)
        .options(joinedload(Comment.author), joinedload(Comment.idea).joinedload(Idea.process))
    )


def visible_to(viewer, listing: bool = True):
    """Comments on the ideas `viewer` may see: the ideas' one rule, composed."""
    return Comment.idea_id.in_(select(Idea.id).where(idea_visibility(viewer, listing=listing)))


def reported_comments(moderator, page: int, per_page: int) -> Pagination:
    """Comments with reports no moderator handled yet, most reported first, on ideas the moderator sees."""
    open_reports = (
        select(CommentReport.comment_id, func.count().label("reports"),
               func.min(CommentReport.created_at).label("since"))
        .where(CommentReport.handled_at.is_(None)).group_by(CommentReport.comment_id).subquery()
    )
    statement = (
        select(Comment)
        .join(open_reports, open_reports.c.comment_id == Comment.id)
        .where(visible_to(moderator))
        .options(joinedload(Comment.author), joinedload(Comment.idea))
        .order_by(open_reports.c.reports.desc(), open_reports.c.since, Comment.id)
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def open_reports(comment_ids: list[int]) -> dict[int, list[str]]:
    """The reports no moderator handled yet of a page of comments, in one query: {comment id: [reason, …]}
    (an empty reason when the reporter gave none)."""
    found: dict[int, list[str]] = {}
    if not comment_ids:
        return found
    rows = db.session.execute(
        select(CommentReport.comment_id, CommentReport.reason)
        .where(CommentReport.comment_id.in_(comment_ids), CommentReport.handled_at.is_(None))
        .order_by(CommentReport.id)
    )
    for comment_id, reason in rows:
        found.setdefault(comment_id, []).append(reason)
    return found


def open_comments(idea_id: int | None = None) -> Select:
    """What the open data shows: shown comments on the ideas anyone may see in a list (published ideas of
    public processes), oldest first."""
    statement = select(Comment).where(visible_to(VISITOR), shown_condition()).order_by(Comment.created_at, Comment.id)
    return statement if idea_id is None else statement.where(Comment.idea_id == idea_id)
