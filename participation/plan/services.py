"""Every change of the plan made in the app: quarterly updates of tasks, links between ideas and actions,
targets, new actions, and the mails to followers that these changes cause. The spreadsheet import is in
``importer.py`` and uses the same functions for statuses and mails."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from participation.accounts.models import User
from participation.extensions import db
from participation.ideas.models import Follow, Idea
from participation.notifications import services as notifications
from participation.plan.models import ActionPlan, IdeaAction, PlanAction, PlanActionTarget, PlanTask, StatusUpdate
from participation.plan.signals import action_news
from participation.plan.spreadsheet import Quarter, Status
from participation.serving import public_url

# An idea can be linked once the city has made it public; "selected" is the usual moment.
LINKABLE_STATUSES = ("published", "selected", "in_progress", "realised")
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/._-]{0,39}")


class PlanError(ValueError):
    """A change the plan refuses; the message is translated and meant for the person who asked."""


@dataclass
class News:
    """What followers of an action's ideas are told: its newest update after a change."""

    action: PlanAction
    update: StatusUpdate


def is_valid_code(code: str) -> bool:
    return bool(CODE_PATTERN.fullmatch(code)) and "//" not in code and not code.endswith("/")


# Status updates -----------------------------------------------------------------------------------------


def latest_update(record: PlanAction | PlanTask) -> StatusUpdate | None:
    return max(record.updates, key=lambda u: (u.year, u.quarter), default=None)


def action_status(statuses: list[str | None]) -> str | None:
    """An action's status from its tasks': done when all are done, not started when none has started,
    in progress otherwise; ``None`` while no task has a status."""
    known = [status for status in statuses if status]
    if not known:
        return None
    if all(status == Status.DONE.value for status in known):
        return Status.DONE.value
    if all(status == Status.NOT_STARTED.value for status in known):
        return Status.NOT_STARTED.value
    return Status.IN_PROGRESS.value


def refresh_status(task: PlanTask) -> None:
    """Keep the task's status equal to that of its latest quarterly update, and its action's in step."""
    latest = max(task.updates, key=lambda u: (u.year, u.quarter), default=None)
    task.status = latest.status if latest else None
    task.action.status = action_status([t.status for t in task.action.tasks])


def record_status_update(
    task: PlanTask, quarter: Quarter, status: Status, explanation: str, author: User | None = None
) -> News | None:
    """Add or correct the update of one task in one quarter. Returns the news for followers when the update
    is new or the task's status changed; a corrected explanation alone is no news."""
    if task.id is None:
        db.session.flush()
    previous_status = task.status
    update = next((u for u in task.updates if (u.year, u.quarter) == (quarter.year, quarter.number)), None)
    is_new = update is None
    if update is None:
        update = StatusUpdate(year=quarter.year, quarter=quarter.number, status=status.value)
        update.action_id = task.action_id
        task.updates.append(update)
    update.status = status.value
    update.explanation = explanation.strip()
    if author is not None:
        update.author_id = author.id
    refresh_status(task)
    if is_new or task.status != previous_status:
        return News(task.action, max(task.updates, key=lambda u: (u.year, u.quarter)))
    return None


def add_task(action: PlanAction, title: str, service: str = "") -> PlanTask:
    """A new task under an action; its service is the one its title names unless given."""
    from participation.plan.spreadsheet import service_of

    title = " ".join(title.split())
    task = PlanTask(title=title, service=service or service_of(title), position=len(action.tasks))
    action.tasks.append(task)
    db.session.flush()
    return task


# Mails to followers -------------------------------------------------------------------------------------


def _action_link(action: PlanAction) -> str:
    return public_url("plan.action", code=action.code)


def notify_followers(news: list[News]) -> int:
    """Queue one mail per follower per action with news, however many of its linked ideas they follow.

    One query finds every follower of every idea linked to the actions; listeners of ``action_news`` tell
    their own followers. Returns the number of mails.
    """
    by_action = {item.action.id: item for item in news}
    if not by_action:
        return 0
    others = sum(count or 0 for _listener, count in action_news.send(news))
    rows = db.session.execute(
        select(User, Idea, IdeaAction.action_id)
        .join(Follow, Follow.user_id == User.id)
        .join(Idea, Idea.id == Follow.idea_id)
        .join(IdeaAction, IdeaAction.idea_id == Idea.id)
        .where(IdeaAction.action_id.in_(by_action))
        .order_by(IdeaAction.action_id, User.id, Idea.id)
    ).all()
    told: set[tuple[int, int]] = set()
    for user, idea, action_id in rows:
        if (user.id, action_id) in told or not user.is_active:
            continue
        told.add((user.id, action_id))
        item = by_action[action_id]
        _queue_news_mail(user, idea, item)
    return len(told) + others


def _queue_news_mail(user: User, idea: Idea, item: News) -> None:
    action, update = item.action, item.update

    def text():
        return _("The plan action %(code)s is %(status)s (%(quarter)s). %(explanation)s", code=action.code,
                 status=update.status_label.lower(), quarter=update.period.code, explanation=update.explanation)

    def mail():
        subject = _("News about “%(idea)s”: %(code)s is %(status)s", idea=idea.title, code=action.code,
                    status=update.status_label.lower())
        task = update.task.title if update.task is not None else ""
        body = _(
            "Hello %(name)s,\n\n"
            "You follow the idea “%(idea)s”. The city carries it out in the action %(code)s “%(title)s” "
            "of its multi-year plan, and that action has news.\n\n"
            "%(task)s\n%(quarter)s: %(status)s\n%(explanation)s\n\n"
            "Every quarterly update of the action: %(link)s\n",
            name=user.display_name,
            idea=idea.title,
            code=action.code,
            title=action.title,
            task=task,
            quarter=update.period.code,
            status=update.status_label,
            explanation=update.explanation,
            link=_action_link(action),
        )
        return subject, body

    notifications.notify(user, "plan_update", idea.title, _action_link(action), text, mail, idea_id=idea.id)


# Linking ideas and actions ------------------------------------------------------------------------------


def link_idea(idea: Idea, action: PlanAction, moderator: User | None) -> bool:
    """Link an idea to the action that carries it out; ``False`` when it already was."""
    if idea.status not in LINKABLE_STATUSES:
        raise PlanError(_l("Only a published or selected idea can be linked to an action."))
    exists = db.session.scalar(
        select(IdeaAction.id).where(IdeaAction.idea_id == idea.id, IdeaAction.action_id == action.id)
    )
    if exists is not None:
        return False
    db.session.add(IdeaAction(idea_id=idea.id, action_id=action.id, linked_by_id=moderator.id if moderator else None))
    db.session.flush()
    return True


def unlink_idea(idea: Idea, action: PlanAction) -> bool:
    link = db.session.scalar(
        select(IdeaAction).where(IdeaAction.idea_id == idea.id, IdeaAction.action_id == action.id)
    )
    if link is None:
        return False
    db.session.delete(link)
    db.session.flush()
    return True


def create_action(action_plan: ActionPlan, code: str, title: str, description: str = "") -> PlanAction:
    """A new action made in the app, e.g. for an idea the imported plan does not carry yet; it gets one task
    with its title, for the quarterly updates."""
    code, title = code.strip(), title.strip()
    if not is_valid_code(code):
        raise PlanError(_l("Use letters, digits and / . _ - in a code, like D10/AP01/05."))
    if db.session.scalar(select(PlanAction.id).where(PlanAction.code == code)) is not None:
        raise PlanError(_l("An action with the code %(code)s exists already.", code=code))
    if not title:
        raise PlanError(_l("Give the action a title."))
    action = PlanAction(action_plan=action_plan, code=code, title=title, description=description.strip())
    db.session.add(action)
    db.session.flush()
    add_task(action, title)
    return action


# SDG targets --------------------------------------------------------------------------------------------


def parse_target_codes(text: str) -> list[str]:
    """Target codes from a list like ``3.8, 10.2 1.a``; ``PlanError`` naming every unknown code."""
    from participation.sdgs.reference import target_codes

    codes = list(dict.fromkeys(part for part in re.split(r"[\s,;]+", text.strip()) if part))
    known = target_codes()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise PlanError(_l("Unknown SDG targets: %(codes)s. Use codes like 3.8 or 10.2.", codes=", ".join(unknown)))
    return codes


def set_targets(action: PlanAction, codes: list[str]) -> None:
    """Replace the SDG targets of an action with ``codes`` (already checked by ``parse_target_codes``)."""
    wanted = set(codes)
    for target in list(action.targets):
        if target.target_code not in wanted:
            action.targets.remove(target)
    present = {target.target_code for target in action.targets}
    for code in codes:
        if code not in present:
            action.targets.append(PlanActionTarget(target_code=code))
    db.session.flush()
