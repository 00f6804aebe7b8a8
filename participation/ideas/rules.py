"""Who may do what with an idea, and where an idea may go next: read by views, services and templates."""

from flask_babel import lazy_gettext as _l

from participation.access import ADMINISTRATOR, EMPLOYEE, MODERATOR
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.ideas.queries import is_idea_visible
from participation.processes.models import Process
from participation.processes.services import VISITOR, can_view

STATUS_LABELS = {
    "submitted": _l("Submitted"),
    "published": _l("Published"),
    "hidden": _l("Hidden"),
    "selected": _l("Selected"),
    "not_selected": _l("Not selected"),
    "in_progress": _l("In progress"),
    "realised": _l("Realised"),
    "merged": _l("Merged"),
}
# The road of an idea. Hiding is possible until the city has answered; a hidden idea can come back.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "submitted": ("published", "hidden"),
    "published": ("selected", "not_selected", "hidden"),
    "hidden": ("published",),
    "selected": ("in_progress", "not_selected"),
    "not_selected": ("selected",),
    "in_progress": ("realised",),
    "realised": (),
    "merged": (),
}
# Statuses that answer the author: the explanation is kept as the city's answer on the idea.
ANSWERS = ("selected", "not_selected")
# What a moderator usually tells the author when an idea goes online; offered, and changed at will.
PUBLISH_EXPLANATION = _l("Your idea follows the house rules of the platform and is now online for everyone.")


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_moderator(user) -> bool:
    return is_signed_in(user) and user.has_any_role(MODERATOR)


def is_administrator(user) -> bool:
    return is_signed_in(user) and user.has_role(ADMINISTRATOR)


def is_desk_employee(user) -> bool:
    return is_signed_in(user) and user.has_any_role(EMPLOYEE, MODERATOR)


def is_propose_open(process: Process) -> bool:
    phase = process.current_phase
    return phase is not None and phase.kind == "propose"


def can_propose(user, process: Process) -> bool:
    """Only in the ideas phase, and only for people the process is meant for."""
    return is_signed_in(user) and can_view(user, process) and is_propose_open(process)


def can_enter_for_resident(user, process: Process) -> bool:
    return is_desk_employee(user) and can_view(user, process) and is_propose_open(process)


def is_own(user, idea: Idea) -> bool:
    return is_signed_in(user) and user.id in (idea.author_id, idea.entered_by_id)


def is_shareable(idea: Idea) -> bool:
    """A link to the idea opens for anyone, also without an account."""
    return is_idea_visible(idea, VISITOR)


def can_edit_own(user, idea: Idea) -> bool:
    """The author may rewrite an idea until a moderator has screened it, while the ideas phase runs."""
    return (
        is_signed_in(user)
        and idea.author_id == user.id
        and idea.status == "submitted"
        and is_propose_open(idea.process)
    )


def can_follow(user, idea: Idea) -> bool:
    return is_signed_in(user) and idea.status in PUBLIC_STATUSES and can_view(user, idea.process)


def next_statuses(idea: Idea) -> tuple[str, ...]:
    return TRANSITIONS.get(idea.status, ())


def can_publish(idea: Idea) -> bool:
    return "published" in next_statuses(idea)
