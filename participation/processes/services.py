"""Who sees a process, and which phase it is in: rules read by views and the API alike."""

from flask_babel import lazy_gettext as _l

from participation.access import ADMINISTRATOR, COUNCIL_MEMBER, EMPLOYEE, MODERATOR
from participation.processes.models import Process

AUDIENCE_LABELS = {
    "public": _l("Everyone"),
    "staff": _l("City staff only"),
    "councils": _l("Advisory councils only"),
}
PHASE_LABELS = {
    "propose": _l("Ideas phase"),
    "vote": _l("Voting phase"),
    "result": _l("Result"),
}
AUDIENCE_ROLES = {
    "public": None,
    "staff": (EMPLOYEE, MODERATOR, ADMINISTRATOR),
    "councils": (COUNCIL_MEMBER, MODERATOR, ADMINISTRATOR),
}


def audiences_visible_to(user) -> tuple[str, ...]:
    visible = ["public"]
    if getattr(user, "is_authenticated", False):
        for audience, roles in AUDIENCE_ROLES.items():
            if roles and user.has_any_role(*roles):
                visible.append(audience)
    return tuple(visible)


def can_view(user, process: Process) -> bool:
    return process.audience in audiences_visible_to(user)
