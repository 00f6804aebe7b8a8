"""Who may read, write, report and hide comments: one function per permission, read by services,
views and (as booleans the view hands in) templates."""

from participation.access import EMPLOYEE, MODERATOR
from participation.comments.models import Comment
from participation.ideas import rules as idea_rules
from participation.ideas.models import Idea
from participation.ideas.queries import is_idea_visible
from participation.processes.models import Process

CONVERSATION_PHASES = ("propose", "vote")


def is_conversation_open(process: Process) -> bool:
    """People talk about ideas while ideas are proposed and voted on; afterwards the comments stay, read-only."""
    phase = process.current_phase
    return phase is not None and phase.kind in CONVERSATION_PHASES


def can_read_comments(user, idea: Idea) -> bool:
    """A comment is visible only where its idea is (the one rule, `ideas.queries.idea_visibility`), and
    only on a published idea: so a staff-only process keeps its comments to staff."""
    return idea.is_public and is_idea_visible(idea, user)


def can_comment(user, idea: Idea) -> bool:
    return idea_rules.is_signed_in(user) and can_read_comments(user, idea) and is_conversation_open(idea.process)


def can_answer_for_the_city(user) -> bool:
    """Staff with a role (employee, moderator, administrator) may mark a comment as the city's reply."""
    return idea_rules.is_signed_in(user) and user.has_any_role(EMPLOYEE, MODERATOR)


def can_report(user, comment: Comment) -> bool:
    return (idea_rules.is_signed_in(user) and comment.author_id != user.id and not comment.is_hidden
            and not comment.is_erased)


def can_hide(user) -> bool:
    return idea_rules.is_moderator(user)
