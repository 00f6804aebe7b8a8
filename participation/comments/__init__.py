"""Comments on ideas: residents discuss an idea and answer each other, one level deep."""

from flask import Blueprint

bp = Blueprint("comments", __name__)

from participation.comments import api, views  # noqa: E402,F401


def conversation_section(idea, viewer, has_rows: bool = True) -> dict:
    """What the idea page shows of the conversation, with what this viewer may do there; the comments are
    not read when the idea has none (`has_rows`), the forms made only for who may use them."""
    from participation.comments import forms, queries, rules

    if not rules.can_read_comments(viewer, idea):
        return {"shown": False}
    threads = queries.conversation(idea) if has_rows else []
    everything = [c for thread in threads for c in (thread.comment, *thread.answers)]
    can_comment, can_hide = rules.can_comment(viewer, idea), rules.can_hide(viewer)
    return {
        "shown": True,
        "threads": threads,
        "count": sum(1 for c in everything if not c.is_hidden and not c.is_erased),
        "is_open": rules.is_conversation_open(idea.process),
        "can_comment": can_comment,
        "can_answer_for_the_city": rules.can_answer_for_the_city(viewer),
        "can_hide": can_hide,
        "reportable": {c.id for c in everything if rules.can_report(viewer, c)},
        "form": forms.CommentForm(formdata=None) if can_comment else None,
        "hide_form": forms.HideForm(formdata=None) if can_hide else None,
    }


def idea_has_comments():
    """Whether an idea has any comment, as a condition on `Idea` (see `ideas.sections`)."""
    from sqlalchemy import exists

    from participation.comments.models import Comment
    from participation.ideas.models import Idea

    return exists().where(Comment.idea_id == Idea.id)


@bp.record_once
def _register(state) -> None:
    from participation.accounts.personal_data import register_collector, register_eraser, register_words_eraser
    from participation.comments.queries import comment_counts
    from participation.comments.services import anonymise_comments, erase_comments, personal_comments
    from participation.ideas.sections import register_card_facts, register_idea_section

    register_idea_section("comments", conversation_section, rows=idea_has_comments)
    register_card_facts("comments", comment_counts)
    register_collector("comments", personal_comments)
    register_words_eraser(erase_comments)
    register_eraser(anonymise_comments)

