"""Who sees a process, and which phase it is in: rules read by views and the API alike; and the
administrator's changes to processes and their phases."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin
from sqlalchemy import ColumnElement, or_

from participation.access import ADMINISTRATOR, COUNCIL_MEMBER, EMPLOYEE, MODERATOR
from participation.clock import end_of_day, last_day, local_day, start_of_day
from participation.extensions import db
from participation.processes.invitations import invited_process_ids, is_invited
from participation.processes.models import PHASE_KINDS, Phase, Process
from participation.processes.signals import phases_changing
from participation.text import normalise_newlines

AUDIENCE_LABELS = {
    "public": _l("Everyone"),
    "staff": _l("City staff only"),
    "councils": _l("Advisory councils only"),
    "invited": _l("Invited partners"),
}
INVITATION_STATE_LABELS = {
    "active": _l("Active"),
    "expired": _l("Expired"),
    "revoked": _l("Revoked"),
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
    # and the people of the partners invited to the process (`processes.invitations`)
    "invited": (EMPLOYEE, MODERATOR, ADMINISTRATOR),
}


def audiences_visible_to(user) -> tuple[str, ...]:
    visible = ["public"]
    if getattr(user, "is_authenticated", False):
        for audience, roles in AUDIENCE_ROLES.items():
            if roles and user.has_any_role(*roles):
                visible.append(audience)
    return tuple(visible)


def process_visibility(viewer) -> ColumnElement[bool]:
    """The one rule "which processes may this viewer see", as a SQL condition on `Process`: those whose
    audience is open to the viewer, and those the viewer takes part in through a partner's invitation
    that still holds."""
    condition = Process.audience.in_(audiences_visible_to(viewer))
    if getattr(viewer, "is_authenticated", False):
        condition = or_(condition, Process.id.in_(invited_process_ids(viewer)))
    return condition


def can_view(user, process: Process) -> bool:
    """`process_visibility` for one process (a query only when the audience alone does not open it)."""
    return process.audience in audiences_visible_to(user) or is_invited(user, process)


def can_invite(user) -> bool:
    """Moderators and administrators invite partners to a process and revoke their links."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_any_role(MODERATOR)


def can_manage(user) -> bool:
    """Administrators edit a process, its vote rule and see its totals and report."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(ADMINISTRATOR)


VISITOR = AnonymousUserMixin()  # someone who opens a shared link without an account


def is_shareable(process: Process) -> bool:
    """A link to the process opens for anyone, also without an account."""
    return can_view(VISITOR, process)


class ProcessError(Exception):
    """A refusal the administrator should read, about one form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class PhaseDates:
    """The days an administrator types: the first day a phase is open and its last day (inclusive)."""

    kind: str
    starts: date | None
    ends: date | None

    @classmethod
    def of(cls, phase: Phase) -> "PhaseDates":
        return cls(phase.kind, local_day(phase.starts_at), last_day(phase.ends_at))


@dataclass
class ProcessData:
    title: str
    slug: str
    summary: str
    description: str
    audience: str
    phases: list[PhaseDates]


# Dates a phase may have: a year typed wrong (0001, 20266) is refused instead of reaching the clock.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)


def check_phases(phases: list[PhaseDates]) -> list[PhaseDates]:
    """Phases in their order, each after the one before: dates that run backwards or overlap are refused."""
    from participation.i18n import belgian_date  # i18n reaches the plan package, which imports this module

    kept = []
    for phase in phases:
        for name, day in (("starts", phase.starts), ("ends", phase.ends)):
            if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
                raise ProcessError(_("Choose a date between %(first)s and %(last)s.", first=belgian_date(EARLIEST_DAY),
                                     last=belgian_date(LATEST_DAY)), f"{phase.kind}_{name}")
        if phase.starts is None:
            if phase.ends is not None:
                raise ProcessError(_("Fill in when this phase opens."), f"{phase.kind}_starts")
            continue
        if phase.ends is not None and phase.ends < phase.starts:
            raise ProcessError(_("A phase cannot close before the day it opens."), f"{phase.kind}_ends")
        if kept:
            before = kept[-1]
            if before.ends is None:
                raise ProcessError(
                    _("The phase before never closes, so this one would overlap it. Give that phase a closing date."),
                    f"{phase.kind}_starts",
                )
            if phase.starts <= before.ends:
                raise ProcessError(_("This phase opens before the previous phase's last day is over."),
                                   f"{phase.kind}_starts")
        kept.append(phase)
    if not kept:
        raise ProcessError(_("Give at least one phase an opening date."), "propose_starts")
    return kept


def save_process(process: Process | None, data: ProcessData) -> Process:
    """Create or change a process and its phases in one go; nothing is saved when a date is wrong."""
    phases = check_phases(data.phases)
    if data.audience not in AUDIENCE_ROLES:
        raise ProcessError(_("Choose who takes part."), "audience")
    if process is not None:
        phases_changing.send(process, phases=phases)
    taken = db.session.scalar(
        db.select(Process.id).where(Process.slug == data.slug, Process.id != (process.id if process else -1))
    )
    if taken is not None:
        raise ProcessError(_("Another process already uses this web address."), "slug")
    if process is None:
        process = Process()
        db.session.add(process)
    process.title = data.title.strip()
    process.slug = data.slug
    process.summary = (data.summary or "").strip()
    process.description = normalise_newlines(data.description or "").strip()
    process.audience = data.audience
    existing = {phase.kind: phase for phase in process.phases}
    wanted = {phase.kind for phase in phases}
    for kind, phase in existing.items():
        if kind not in wanted:
            process.phases.remove(phase)
    for offset, phase in enumerate(process.phases):  # park positions so renumbering never collides
        phase.position = -1 - offset
    db.session.flush()
    for dates in phases:
        phase = existing.get(dates.kind) or Phase(kind=dates.kind)
        phase.position = PHASE_KINDS.index(dates.kind)
        phase.starts_at = start_of_day(dates.starts)
        phase.ends_at = end_of_day(dates.ends)
        if phase.id is None:
            process.phases.append(phase)
    db.session.flush()
    process.phases.sort(key=lambda phase: phase.position)
    return process
