"""What the city does with the councils' ambition points, once their note is published: its dated answer
(a new answer never overwrites the old one), the plan actions that carry a point out, its SDG links, and the
people who follow a point and get a mail, through the outbox, when its answer or one of its actions changes.

The note itself is never touched here. Plan actions are read only through ``plan.summaries``. Each function
checks first and changes after, and leaves the commit to the caller.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import delete, select
from werkzeug.routing import BuildError

from participation.access import MODERATOR
from participation.accounts.models import User
from participation.accounts.personal_data import register_collector, register_eraser
from participation.advisory.models import AmbitionPoint, CouncilRound, PointAction, PointAnswer, PointFollow
from participation.advisory.services import AdvisoryError, replace_point_targets
from participation.extensions import db
from participation.i18n import belgian_date
from participation.notifications import services as notifications
from participation.plan.signals import action_news
from participation.plan.summaries import ActionSummary, action_summaries

ANSWER_MAX = 5000


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_answer(user) -> bool:
    """Moderators and administrators write the city's answer and link the plan's actions."""
    return is_signed_in(user) and user.has_any_role(MODERATOR)


def check_published(point: AmbitionPoint) -> None:
    if not point.round.is_published:
        raise AdvisoryError(_("The city follows up a point once the councils' note is published."))


# The city's answer and links ---------------------------------------------------------------------------


def write_answer(point: AmbitionPoint, author: User, text: str) -> PointAnswer:
    """A new answer of the city, dated now; the earlier answers stay as its history. Followers get a mail."""
    if not can_answer(author):
        raise AdvisoryError(_("Only a moderator or an administrator answers for the city."))
    check_published(point)
    text = (text or "").strip()
    if not text:
        raise AdvisoryError(_("Write the city's answer."))
    if len(text) > ANSWER_MAX:
        raise AdvisoryError(_("Keep the answer under %(max)d characters.", max=ANSWER_MAX))
    answer = PointAnswer(point_id=point.id, text=text, author_id=author.id)
    db.session.add(answer)
    db.session.flush()
    _tell_followers(point, author, lambda: _answer_mail(point, answer))
    return answer


def link_action(point: AmbitionPoint, action_id: int, user: User) -> ActionSummary:
    """Count a plan action as carrying out the point; followers are told. Linking twice changes nothing."""
    if not can_answer(user):
        raise AdvisoryError(_("Only a moderator or an administrator links the plan's actions."))
    check_published(point)
    action = action_summaries([action_id]).get(action_id)
    if action is None:
        raise AdvisoryError(_("Choose an action of the multi-year plan."))
    exists = db.session.scalar(
        select(PointAction.id).where(PointAction.point_id == point.id, PointAction.action_id == action_id)
    )
    if exists is None:
        db.session.add(PointAction(point_id=point.id, action_id=action_id, linked_by_id=user.id))
        db.session.flush()
        _tell_followers(point, user, lambda: _link_mail(point, action, linked=True))
    return action


def unlink_action(point: AmbitionPoint, action_id: int, user: User) -> bool:
    if not can_answer(user):
        raise AdvisoryError(_("Only a moderator or an administrator links the plan's actions."))
    link = db.session.scalar(
        select(PointAction).where(PointAction.point_id == point.id, PointAction.action_id == action_id)
    )
    if link is None:
        return False
    action = action_summaries([action_id])[action_id]
    db.session.delete(link)
    db.session.flush()
    _tell_followers(point, user, lambda: _link_mail(point, action, linked=False))
    return True


def set_city_targets(point: AmbitionPoint, codes: list[str], user: User) -> None:
    """The city's SDG targets of the point (codes checked by ``services.parse_target_codes``)."""
    if not can_answer(user):
        raise AdvisoryError(_("Only a moderator or an administrator links the point to SDG targets."))
    check_published(point)
    replace_point_targets(point, codes)


# Following ---------------------------------------------------------------------------------------------


def is_following(user, point: AmbitionPoint) -> bool:
    return is_signed_in(user) and db.session.get(PointFollow, (user.id, point.id)) is not None


def follow(user: User, point: AmbitionPoint) -> bool:
    """Start following; False when the person already did."""
    check_published(point)
    if is_following(user, point):
        return False
    db.session.add(PointFollow(user_id=user.id, point_id=point.id))
    db.session.flush()
    return True


def unfollow(user: User, point: AmbitionPoint) -> None:
    db.session.execute(delete(PointFollow).where(PointFollow.user_id == user.id, PointFollow.point_id == point.id))


# Mails -------------------------------------------------------------------------------------------------


def point_link(point: AmbitionPoint) -> str:
    try:
        return url_for("advisory.point", slug=point.round.slug, number=point.number, _external=True)
    except (RuntimeError, BuildError):
        base = current_app.config.get("PUBLIC_URL", "").rstrip("/")
        return f"{base}/adviesraden/rondes/{point.round.slug}/punten/{point.number}"


def _in_their_language(user: User, write: Callable[[], tuple[str, str]], point: AmbitionPoint) -> None:
    def mail():
        subject, body = write()
        body = _("Hello %(name)s,", name=user.display_name) + "\n\n" + body + "\n\n" + _(
            "You get this mail because you follow this ambition point. Stop following it on the point's page."
        )
        return subject, body

    notifications.notify(user, "point_update", point.title, point_link(point), lambda: write()[0], mail)


def _followers(point_ids: list[int]) -> list[tuple[User, int]]:
    rows = db.session.execute(
        select(User, PointFollow.point_id)
        .join(PointFollow, PointFollow.user_id == User.id)
        .where(PointFollow.point_id.in_(point_ids), User.deleted_at.is_(None))
        .order_by(User.id, PointFollow.point_id)
    ).all()
    return [(user, point_id) for user, point_id in rows]


def _tell_followers(point: AmbitionPoint, actor, write: Callable[[], tuple[str, str]]) -> int:
    told = 0
    for user, _point_id in _followers([point.id]):
        if user.id != getattr(actor, "id", None):
            _in_their_language(user, write, point)
            told += 1
    return told


def _answer_mail(point: AmbitionPoint, answer: PointAnswer) -> tuple[str, str]:
    subject = _("The city answers ambition point %(number)d “%(title)s”", number=point.number, title=point.title)
    body = _(
        "You follow ambition point %(number)d “%(title)s” of the %(note)s. The city has written its answer "
        "(%(date)s):\n\n%(answer)s\n\nThe point, the city's answer and the actions that carry it out:\n%(link)s",
        number=point.number, title=point.title, note=point.round.title, date=belgian_date(answer.created_at),
        answer=answer.text, link=point_link(point),
    )
    return subject, body


def _link_mail(point: AmbitionPoint, action: ActionSummary, linked: bool) -> tuple[str, str]:
    status = action.status_label or _("No status yet")
    if linked:
        subject = _("Ambition point %(number)d: the city links action %(code)s", number=point.number, code=action.code)
        body = _(
            "You follow ambition point %(number)d “%(title)s”. The city counts the action %(code)s “%(action)s” "
            "of its multi-year plan as carrying out this point. Its status: %(status)s.\n\n"
            "The point and its actions:\n%(link)s",
            number=point.number, title=point.title, code=action.code, action=action.title, status=status,
            link=point_link(point),
        )
    else:
        subject = _("Ambition point %(number)d: action %(code)s is no longer linked", number=point.number,
                    code=action.code)
        body = _(
            "You follow ambition point %(number)d “%(title)s”. The city no longer counts the action %(code)s "
            "“%(action)s” as carrying out this point.\n\nThe point and its actions:\n%(link)s",
            number=point.number, title=point.title, code=action.code, action=action.title, link=point_link(point),
        )
    return subject, body


@action_news.connect
def tell_action_news(news: list, **_kwargs) -> int:
    """A quarterly update gave an action news: one mail per follower per action, whichever of the action's
    points they follow. Runs in the update's transaction (the import or the plan's admin page)."""
    by_action = {item.action.id: item for item in news}
    links = db.session.execute(
        select(PointAction.action_id, AmbitionPoint)
        .join(AmbitionPoint, AmbitionPoint.id == PointAction.point_id)
        .join(CouncilRound, CouncilRound.id == AmbitionPoint.round_id)
        .where(PointAction.action_id.in_(by_action), CouncilRound.step == "published")
        .order_by(PointAction.action_id, AmbitionPoint.number)
    ).all()
    if not links:
        return 0
    followers_of: dict[int, list[User]] = {}
    for user, point_id in _followers(sorted({point.id for _action_id, point in links})):
        followers_of.setdefault(point_id, []).append(user)
    told: set[tuple[int, int]] = set()
    for action_id, point in links:
        for user in followers_of.get(point.id, []):
            if (user.id, action_id) in told:
                continue
            told.add((user.id, action_id))
            _in_their_language(user, lambda point=point, item=by_action[action_id]: _news_mail(point, item), point)
    return len(told)


def _news_mail(point: AmbitionPoint, item) -> tuple[str, str]:
    action, update = item.action, item.update
    subject = _("News about ambition point %(number)d: %(code)s is %(status)s", number=point.number,
                code=action.code, status=update.status_label.lower())
    body = _(
        "You follow ambition point %(number)d “%(title)s”. The action %(code)s “%(action)s” that carries it out "
        "has news.\n\n%(task)s\n%(quarter)s: %(status)s\n%(explanation)s\n\nThe point and all its actions:\n%(link)s",
        number=point.number, title=point.title, code=action.code, action=action.title, quarter=update.period.code,
        task=update.task.title if update.task is not None else "",
        status=update.status_label, explanation=update.explanation, link=point_link(point),
    )
    return subject, body


# A person's own data -----------------------------------------------------------------------------------


def followed_points_of(user: User) -> list[dict]:
    rows = db.session.execute(
        select(AmbitionPoint.number, AmbitionPoint.title, CouncilRound.title, PointFollow.created_at)
        .join(AmbitionPoint, AmbitionPoint.id == PointFollow.point_id)
        .join(CouncilRound, CouncilRound.id == AmbitionPoint.round_id)
        .where(PointFollow.user_id == user.id)
        .order_by(PointFollow.created_at)
    ).all()
    return [
        {"note": note, "number": number, "title": title, "since": since.isoformat(timespec="seconds")}
        for number, title, note, since in rows
    ]


def forget_follows(user: User) -> None:
    db.session.execute(delete(PointFollow).where(PointFollow.user_id == user.id))


register_collector("followed_ambition_points", followed_points_of)
register_eraser(forget_follows)
