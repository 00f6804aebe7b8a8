"""The `comments` export kind: every comment with its idea, its place in the conversation and what the
moderators did; never who wrote it (the author's account is in the users export, not here)."""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

from participation.comments.models import Comment
from participation.exports.kinds import for_process, stream
from participation.exports.registry import Column, ExportOptions, register_export
from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Process

COMMENT_COLUMNS = [
    Column("id", "id", "Number of the comment."),
    Column("idea", "idee_id", "Number of the idea the comment is on."),
    Column("process", "traject", "Slug of the idea's process."),
    Column("answer_to", "antwoord_op", "Number of the comment this one answers; empty for a first comment."),
    Column("text", "tekst", "The text as its author typed it (a little Markdown); empty when erased."),
    Column("official", "officieel", "ja when city staff marked it as the city's answer."),
    Column("hidden_reason", "verborgen_reden", "Why a moderator hid it; empty when it is shown."),
    Column("hidden_at", "verborgen_op", "When a moderator hid it (UTC)."),
    Column("erased", "gewist", "ja when its author left and asked to erase their words."),
    Column("created_at", "geplaatst_op", "When it was written (UTC)."),
]


def comment_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(
            Comment.id, Comment.idea_id, Process.slug, Comment.parent_id, Comment.body, Comment.is_official,
            Comment.hidden_reason, Comment.hidden_at, Comment.erased_at.is_not(None), Comment.created_at,
        )
        .join(Idea, Comment.idea_id == Idea.id)
        .join(Process, Idea.process_id == Process.id)
        .order_by(Comment.id)
    )
    return stream(for_process(statement, options))


register_export(
    "comments", _l("Comments"), COMMENT_COLUMNS, comment_rows, public=False,
    description=_l("Every comment on an idea, also hidden ones with the moderator's reason; without names."),
)
