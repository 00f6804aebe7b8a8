"""Every change to comments: writing one, reporting it, hiding it, and what a leaving author asks.

Like the ideas' services: check first, change after, leave the commit to the caller.
"""

from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from participation.accounts.models import User
from participation.comments import rules
from participation.comments.models import Comment, CommentReport
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Follow, Idea
from participation.notifications.services import notify
from participation.processes.invitations import partner_for
from participation.processes.services import VISITOR
from participation.serving import public_url
from participation.text import normalise_newlines, rich_text_words, summary

COMMENT_MAX = 2_000
REASON_MAX = 500


class CommentError(Exception):
    """A refusal a person should read (translated)."""


def comment_link(comment: Comment) -> str:
    return public_url("ideas.show", idea_id=comment.idea_id, _anchor=f"reactie-{comment.id}")


def clean_body(body: str) -> str:
    """The text as typed (shown through the rich-text renderer and its sanitiser), never empty or too long."""
    body = normalise_newlines(body or "").strip()
    if not rich_text_words(body):
        raise CommentError(_("Write your comment first."))
    if len(body) > COMMENT_MAX:
        raise CommentError(_("Keep your comment under %(n)d characters.", n=COMMENT_MAX))
    return body


def post_comment(idea: Idea, author: User, body: str, parent: Comment | None = None,
                 official: bool = False) -> Comment:
    """A comment on an idea, or an answer to a comment (never to an answer: one level deep); written on
    behalf of the partner whose invitation brought the author in, if any."""
    if not rules.can_comment(author, idea):
        raise CommentError(_("You cannot comment on this idea now."))
    if official and not rules.can_answer_for_the_city(author):
        raise CommentError(_("Only city staff can answer for the city."))
    if parent is not None:
        if parent.idea_id != idea.id:
            raise CommentError(_("You can only answer a comment on this idea."))
        if parent.parent_id is not None:
            raise CommentError(_("Answer the first comment of the conversation."))
        if parent.is_hidden or parent.is_erased:
            raise CommentError(_("This comment can no longer be answered."))
    comment = Comment(idea_id=idea.id, parent_id=parent.id if parent else None, author_id=author.id,
                      body=clean_body(body), is_official=official, partner_id=partner_for(author, idea.process))
    db.session.add(comment)
    db.session.flush()
    tell_about_comment(idea, comment, author)
    return comment


def people_around(idea: Idea) -> list[User]:
    """Who hears of a new comment: the idea's followers, its author, and who commented on it before."""
    commenters = select(Comment.author_id).where(Comment.idea_id == idea.id)
    followers = select(Follow.user_id).where(Follow.idea_id == idea.id)
    return list(db.session.scalars(
        select(User).where(
            User.deleted_at.is_(None),
            or_(User.id == idea.author_id, User.id.in_(followers), User.id.in_(commenters)),
        ).order_by(User.id)
    ))


def tell_about_comment(idea: Idea, comment: Comment, author: User) -> None:
    link = comment_link(comment)
    words = summary(comment.body, 160)
    open_to_all = rules.can_read_comments(VISITOR, idea)  # else ask for each person (a staff-only process)
    for user in people_around(idea):
        if user.id == author.id or not (open_to_all or rules.can_read_comments(user, idea)):
            continue

        def text(official=comment.is_official):
            if official:
                return _("The city answered: “%(words)s”", words=words)
            return _("New comment: “%(words)s”", words=words)

        def mail(user=user):
            return (
                _("New comment on “%(title)s”", title=idea.title),
                _("Hello %(name)s,\n\nThere is a new comment on the idea “%(title)s”:\n\n%(words)s\n\n"
                  "Read the conversation and answer:\n%(link)s",
                  name=user.display_name, title=idea.title, words=words, link=link),
            )

        notify(user, "comment", idea.title, link, text, mail, idea_id=idea.id)


def report_comment(comment: Comment, reporter: User, reason: str = "") -> bool:
    """Flag a comment for the moderators; False when this person already did."""
    if not rules.can_report(reporter, comment):
        raise CommentError(_("You cannot report this comment."))
    exists = db.session.scalar(
        select(CommentReport.id).where(CommentReport.comment_id == comment.id, CommentReport.reporter_id == reporter.id)
    )
    if exists is not None:
        return False
    db.session.add(CommentReport(comment_id=comment.id, reporter_id=reporter.id,
                                 reason=" ".join((reason or "").split())[:REASON_MAX]))
    db.session.flush()
    return True


def _handle_reports(comment: Comment) -> None:
    db.session.execute(
        update(CommentReport).where(CommentReport.comment_id == comment.id, CommentReport.handled_at.is_(None))
        .values(handled_at=utcnow())
    )


def hide_comment(comment: Comment, moderator: User, reason: str) -> None:
    """Hide a comment with a reason shown in its place; its author hears of it by mail, whatever they chose."""
    reason = " ".join((reason or "").split())
    if not rules.can_hide(moderator):
        raise CommentError(_("Only a moderator can hide a comment."))
    if not reason:
        raise CommentError(_("Say why the comment is hidden: the author and the readers see it."))
    if comment.is_hidden:
        raise CommentError(_("This comment is already hidden."))
    comment.hidden_at, comment.hidden_by_id, comment.hidden_reason = utcnow(), moderator.id, reason[:REASON_MAX]
    _handle_reports(comment)
    db.session.flush()
    author = comment.author
    if author is None:
        return
    idea = db.session.get(Idea, comment.idea_id)
    link = comment_link(comment)
    notify(
        author, "moderation", idea.title, link,
        lambda: _("A moderator hid your comment: %(reason)s", reason=reason),
        lambda: (
            _("Your comment on “%(title)s” is hidden", title=idea.title),
            _("Hello %(name)s,\n\nA moderator hid your comment on the idea “%(title)s”.\n\nReason: %(reason)s\n\n"
              "Your comment was:\n%(words)s\n\nThe conversation:\n%(link)s",
              name=author.display_name, title=idea.title, reason=reason, words=summary(comment.body, 500),
              link=link),
        ),
        idea_id=idea.id, always_mail=True,
    )


def keep_comment(comment: Comment) -> None:
    """The moderator read the reports and keeps the comment as it is."""
    _handle_reports(comment)


def personal_comments(user: User) -> list[dict]:
    rows = db.session.scalars(select(Comment).where(Comment.author_id == user.id).order_by(Comment.created_at))
    return [
        {"id": c.id, "idea_id": c.idea_id, "answer_to": c.parent_id, "text": c.body, "official": c.is_official,
         "hidden_reason": c.hidden_reason, "created_at": c.created_at.isoformat(timespec="seconds")}
        for c in rows
    ]


def anonymise_comments(user: User) -> None:
    """The words stay for the conversation, without the name."""
    db.session.execute(update(Comment).where(Comment.author_id == user.id).values(author_id=None))
    db.session.execute(update(CommentReport).where(CommentReport.reporter_id == user.id).values(reporter_id=None))


def erase_comments(user: User) -> None:
    """The person asked: their words go; the place in the conversation stays, saying so."""
    db.session.execute(
        update(Comment).where(Comment.author_id == user.id).values(body="", erased_at=utcnow())
    )
