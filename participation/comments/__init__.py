"""Comments on ideas: residents discuss an idea and answer each other, one level deep."""

from flask import Blueprint

bp = Blueprint("comments", __name__)

from participation.comments import api, views  # noqa: E402,F401


def conversation_section(idea, viewer) -> dict:
    """What the idea page shows of the conversation, with what this viewer may do there."""
    from participation.comments import forms, queries, rules

    if not rules.can_read_comments(viewer, idea):
        return {"shown": False}
    threads = queries.conversation(idea)
    everything = [c for thread in threads for c in (thread.comment, *thread.answers)]
    return {
        "shown": True,
        "threads": threads,
        "count": sum(1 for c in everything if not c.is_hidden and not c.is_erased),
        "is_open": rules.is_conversation_open(idea.process),
        "can_comment": rules.can_comment(viewer, idea),
        "can_answer_for_the_city": rules.can_answer_for_the_city(viewer),
        "can_hide": rules.can_hide(viewer),
        "reportable": {c.id for c in everything if rules.can_report(viewer, c)},
        "form": forms.CommentForm(formdata=None),
        "hide_form": forms.HideForm(formdata=None),
    }


@bp.record_once
def _register(state) -> None:
    from participation.accounts.personal_data import register_collector, register_eraser, register_words_eraser
    from participation.comments.queries import comment_counts
    from participation.comments.services import anonymise_comments, erase_comments, personal_comments
    from participation.ideas.sections import register_card_facts, register_idea_section

    register_idea_section("comments", conversation_section)
    register_card_facts("comments", comment_counts)
    register_collector("comments", personal_comments)
    register_words_eraser(erase_comments)
    register_eraser(anonymise_comments)

