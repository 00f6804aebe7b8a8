"""Every change to an idea: submitting, screening, status, merging, corrections and following.

Each function checks first and changes after, and leaves the commit to the caller, so a refusal
leaves nothing half-saved and a change and the mails it causes land in one transaction.
"""

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select

from participation.accounts.models import User
from participation.core.chapters import chapter_keys
from participation.core.models import District, Neighbourhood
from participation.core.queries import current_city
from participation.database import utcnow
from participation.extensions import db
from participation.ideas import rules
from participation.ideas.models import Follow, Idea, IdeaEdit, IdeaStatusChange, IdeaTerm
from participation.ideas.signals import idea_merged, idea_status_changed
from participation.ideas.similar import store_similar
from participation.ideas.words import idea_stems
from participation.mail.services import queue_mail
from participation.notifications import services as notifications
from participation.processes.invitations import partner_for
from participation.processes.models import Process
from participation.serving import public_url
from participation.text import has_visible_text, normalise_newlines, rich_text_words

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}")
TITLE_MAX = 150
ADDRESS_MAX = 200
BODY_MAX = 10_000


class IdeaError(Exception):
    """A refusal a person should read (translated), optionally about one form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class IdeaText:
    title: str
    body: str
    theme: str
    district_id: int | None = None
    neighbourhood_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None


@dataclass
class OnBehalf:
    name: str
    contact: str
    consent: bool


def clean_text(text: IdeaText) -> IdeaText:
    """The title and the text as typed (the title is plain text, escaped where it is shown; the text is
    shown through the rich-text renderer), a known theme and district; refuse what would be empty or too
    long."""
    title = " ".join((text.title or "").split())
    body = normalise_newlines(text.body or "").strip()
    if not has_visible_text(title):
        raise IdeaError(_("Give your idea a title."), "title")
    if len(title) > TITLE_MAX:
        raise IdeaError(_("Keep the title under %(n)d characters.", n=TITLE_MAX), "title")
    if not has_visible_text(rich_text_words(body)):
        raise IdeaError(_("Describe your idea in a few sentences."), "body")
    if len(body) > BODY_MAX:
        raise IdeaError(_("Keep the text under %(n)d characters.", n=BODY_MAX), "body")
    if text.theme not in chapter_keys():
        raise IdeaError(_("Choose a theme."), "theme")
    district_id, neighbourhood_id = place_of(text.district_id or None, text.neighbourhood_id or None)
    latitude, longitude = point_of(text.latitude, text.longitude)
    address = " ".join((text.address or "").split())  # as typed, like the title: escaped where shown
    if len(address) > ADDRESS_MAX:
        raise IdeaError(_("Keep the address under %(n)d characters.", n=ADDRESS_MAX), "address")
    return IdeaText(title=title, body=body, theme=text.theme, district_id=district_id,
                    neighbourhood_id=neighbourhood_id, latitude=latitude, longitude=longitude, address=address or None)


def point_of(latitude: float | None, longitude: float | None) -> tuple[float | None, float | None]:
    """A point on the map: both coordinates or neither, inside the city's box (city data)."""
    if latitude is None and longitude is None:
        return None, None
    if latitude is None or longitude is None:
        raise IdeaError(_("Give both the latitude and the longitude of the spot, or neither."), "latitude")
    city = current_city()
    bounds = city.map_bounds if city is not None else None
    south, west, north, east = bounds or (-90.0, -180.0, 90.0, 180.0)
    if not (south <= latitude <= north and west <= longitude <= east):
        raise IdeaError(_("This spot lies outside %(city)s. Choose a spot in the city.",
                          city=city.name if city is not None else _("the city")), "latitude")
    return round(latitude, 6), round(longitude, 6)


def place_of(district_id: int | None, neighbourhood_id: int | None) -> tuple[int | None, int | None]:
    """Where an idea is about: a deelgemeente, a wijk (which fixes its deelgemeente), or neither (the whole
    city). A wijk chosen with another deelgemeente than its own is refused, never silently moved."""
    if district_id is not None and db.session.get(District, district_id) is None:
        raise IdeaError(_("Choose a district from the list."), "district_id")
    if neighbourhood_id is None:
        return district_id, None
    wijk = db.session.get(Neighbourhood, neighbourhood_id)
    if wijk is None:
        raise IdeaError(_("Choose a neighbourhood from the list."), "neighbourhood_id")
    if district_id is not None and district_id != wijk.district_id:
        raise IdeaError(_("%(neighbourhood)s lies in %(district)s: choose that district, or no neighbourhood.",
                          neighbourhood=wijk.name, district=wijk.district.name), "neighbourhood_id")
    return wijk.district_id, wijk.id


def index_terms(idea: Idea) -> None:
    """Rewrite the idea's search words and its similar ideas; called whenever its title or text changes."""
    db.session.flush()
    db.session.execute(delete(IdeaTerm).where(IdeaTerm.idea_id == idea.id))
    terms = idea_stems(idea.title, idea.body)
    if terms:
        db.session.execute(insert(IdeaTerm), [{"idea_id": idea.id, "term": term} for term in sorted(terms)])
    store_similar(idea)


def _record(idea: Idea, to_status: str, actor, explanation: str = "", when=None) -> IdeaStatusChange:
    change = IdeaStatusChange(
        idea=idea,
        from_status=idea.status if idea.id else None,
        to_status=to_status,
        explanation=explanation,
        author_id=getattr(actor, "id", None),
        created_at=when or utcnow(),
    )
    idea.status = to_status
    db.session.add(change)
    return change


def _new_idea(process: Process, text: IdeaText, actor, **extra) -> Idea:
    idea = Idea(
        process=process, title=text.title, body=text.body, theme=text.theme, district_id=text.district_id,
        neighbourhood_id=text.neighbourhood_id, latitude=text.latitude, longitude=text.longitude,
        address=text.address, status="submitted", **extra,
    )
    db.session.add(idea)
    db.session.flush()
    change = IdeaStatusChange(idea=idea, from_status=None, to_status="submitted", explanation="",
                              author_id=getattr(actor, "id", None))
    db.session.add(change)
    index_terms(idea)
    return idea


def submit_idea(process: Process, author, text: IdeaText) -> Idea:
    """A resident's (or employee's) own idea; the author follows it from the start. Who came in through a
    partner's invitation proposes on the partner's behalf (`processes.invitations.partner_for`)."""
    if not rules.can_propose(author, process):
        raise IdeaError(_("You cannot submit an idea in this process now: the ideas phase is not open."))
    idea = _new_idea(process, clean_text(text), author, author_id=author.id, partner_id=partner_for(author, process))
    db.session.add(Follow(user_id=author.id, idea_id=idea.id))
    return idea


def enter_for_resident(process: Process, employee, text: IdeaText, resident: OnBehalf) -> Idea:
    """An idea brought to the desk or on paper: kept with the resident's name and consent, and who typed it."""
    if not rules.can_enter_for_resident(employee, process):
        raise IdeaError(_("You cannot enter an idea in this process now: the ideas phase is not open."))
    name = " ".join((resident.name or "").split())
    if not name:
        raise IdeaError(_("Fill in the resident's name."), "resident_name")
    if not resident.consent:
        raise IdeaError(_("The resident must agree that the city keeps their name and contact."), "consent")
    return _new_idea(
        process, clean_text(text), employee,
        entered_by_id=employee.id, on_behalf_name=name[:120],
        on_behalf_contact=(resident.contact or "").strip()[:200] or None, on_behalf_consent=True,
    )


def enter_from_session(process: Process, facilitator, text: IdeaText, meeting_id: int) -> Idea:
    """An idea written in the room during a session, typed in by its facilitator: no author, no account;
    the session is its source. Who may do this is `meetings.services.can_enter_room_ideas`."""
    return _new_idea(process, clean_text(text), facilitator, entered_by_id=facilitator.id, meeting_id=meeting_id)


def edit_own_idea(idea: Idea, author, text: IdeaText) -> Idea:
    if not rules.can_edit_own(author, idea):
        raise IdeaError(_("This idea can no longer be changed."))
    cleaned = clean_text(text)
    idea.title, idea.body = cleaned.title, cleaned.body
    idea.theme, idea.district_id, idea.neighbourhood_id = cleaned.theme, cleaned.district_id, cleaned.neighbourhood_id
    idea.latitude, idea.longitude, idea.address = cleaned.latitude, cleaned.longitude, cleaned.address
    index_terms(idea)
    return idea


def correct_idea(idea: Idea, moderator, title: str, body: str, reason: str) -> IdeaEdit:
    """A moderator fixes obvious typos; the old and new words stay on record."""
    reason = (reason or "").strip()
    if not reason:
        raise IdeaError(_("Say what you corrected."), "reason")
    cleaned = clean_text(IdeaText(title=title, body=body, theme=idea.theme, district_id=idea.district_id,
                                  neighbourhood_id=idea.neighbourhood_id, latitude=idea.latitude,
                                  longitude=idea.longitude, address=idea.address))
    if cleaned.title == idea.title and cleaned.body == idea.body:
        raise IdeaError(_("Nothing was changed."), "title")
    edit = IdeaEdit(idea_id=idea.id, editor_id=moderator.id, old_title=idea.title, new_title=cleaned.title,
                    old_body=idea.body, new_body=cleaned.body, reason=reason)
    db.session.add(edit)
    idea.title, idea.body = cleaned.title, cleaned.body
    index_terms(idea)
    return edit


def idea_link(idea: Idea) -> str:
    return public_url("ideas.show", idea_id=idea.id)


def _tell_followers(idea: Idea, change: IdeaStatusChange, actor) -> None:
    followers = db.session.scalars(
        select(User).join(Follow, Follow.user_id == User.id)
        .where(Follow.idea_id == idea.id, User.deleted_at.is_(None)).order_by(User.id)
    ).all()
    link = idea_link(idea)
    kind = "answer" if change.to_status in rules.ANSWERS else "status"
    for user in followers:
        if actor is not None and user.id == getattr(actor, "id", None):
            continue

        def text():
            label = str(rules.STATUS_LABELS[change.to_status])
            if kind == "answer":
                return _("The city answered: %(status)s. %(explanation)s", status=label,
                         explanation=change.explanation)
            return _("New status: %(status)s. %(explanation)s", status=label, explanation=change.explanation)

        def mail(user=user):
            label = str(rules.STATUS_LABELS[change.to_status])
            return (
                _("“%(title)s” is now: %(status)s", title=idea.title, status=label),
                _("Hello %(name)s,\n\nThe idea “%(title)s” that you follow has a new status: %(status)s.\n\n"
                  "%(explanation)s\n\nSee the idea and its whole road:\n%(link)s\n\n"
                  "You get this mail because you follow this idea. Stop following it on the idea's page.",
                  name=user.display_name, title=idea.title, status=label, explanation=change.explanation,
                  link=link),
            )

        notifications.notify(user, kind, idea.title, link, text, mail, idea_id=idea.id)
    label = str(rules.STATUS_LABELS[change.to_status])
    subject = _("“%(title)s” is now: %(status)s", title=idea.title, status=label)
    details = {"title": idea.title, "status": label, "explanation": change.explanation, "link": link}
    if idea.via_desk and idea.on_behalf_consent and EMAIL.fullmatch(idea.on_behalf_contact or ""):
        # the resident who brought the idea to the desk and left an e-mail address hears about it too
        queue_mail(idea.on_behalf_contact, subject, _(
            "Hello %(name)s,\n\nThe idea “%(title)s” that you gave at the desk has a new status: %(status)s.\n\n"
            "%(explanation)s\n\nSee the idea and its whole road:\n%(link)s\n",
            name=idea.on_behalf_name, **details,
        ))


def set_status(idea: Idea, to_status: str, actor, explanation: str, notify: bool = True,
               when=None) -> IdeaStatusChange:
    """Move an idea one step on its road, with a date, an author and an explanation."""
    explanation = (explanation or "").strip()
    if to_status not in rules.next_statuses(idea):
        raise IdeaError(_("An idea with this status cannot get that status."), "status")
    if not explanation:
        raise IdeaError(_("Explain the change: the author and the followers will read it."), "explanation")
    change = _record(idea, to_status, actor, explanation, when=when)
    if to_status == "hidden":
        idea.hidden_reason = explanation
    elif to_status == "published":
        idea.hidden_reason = None
    if to_status in rules.ANSWERS:
        idea.answer = explanation
    db.session.flush()
    if notify:
        _tell_followers(idea, change, actor)
    idea_status_changed.send(idea, change=change)
    return change


def publish_ideas(ideas: list[Idea], actor, explanation: str) -> int:
    """Publish several screened ideas at once, each with the same explanation; all or none."""
    explanation = (explanation or "").strip()
    if not ideas:
        raise IdeaError(_("Choose at least one idea to publish."), "ideas")
    if not explanation:
        raise IdeaError(_("Explain the change: the author and the followers will read it."), "explanation")
    refused = [idea for idea in ideas if not rules.can_publish(idea)]
    if refused:
        raise IdeaError(_("“%(title)s” cannot be published from its status now.", title=refused[0].title), "ideas")
    for idea in ideas:
        set_status(idea, "published", actor, explanation)
    return len(ideas)


def check_merge(duplicate: Idea, target: Idea | None, explanation: str) -> str:
    """Refuse a merge that cannot happen, before anyone is asked to confirm it; returns the explanation."""
    explanation = (explanation or "").strip()
    if target is None:
        raise IdeaError(_("There is no idea with this number."), "target")
    if duplicate.id == target.id:
        raise IdeaError(_("An idea cannot be merged into itself."), "target")
    if target.process_id != duplicate.process_id:
        raise IdeaError(_("Only ideas of the same process can be merged."), "target")
    if duplicate.status == "merged" or target.status in ("merged", "hidden"):
        raise IdeaError(_("Choose an idea that is still open to merge into."), "target")
    if not explanation:
        raise IdeaError(_("Explain the change: the author and the followers will read it."), "explanation")
    return explanation


def merge_recipients(duplicate: Idea) -> list[tuple[int, str, str]]:
    """(user id, e-mail, name) of the duplicate's author and followers who still have an account, once each."""
    follows = select(Follow.user_id).where(Follow.idea_id == duplicate.id)
    return list(db.session.execute(
        select(User.id, User.email, User.display_name)
        .where(User.deleted_at.is_(None), (User.id == duplicate.author_id) | User.id.in_(follows))
        .order_by(User.id)
    ).all())


def _tell_merge(duplicate: Idea, target: Idea, explanation: str, actor,
                recipients: list[tuple[int, str, str]]) -> None:
    subject = _("“%(title)s” is merged with “%(target)s”", title=duplicate.title, target=target.title)
    details = {"title": duplicate.title, "target": target.title, "explanation": explanation,
               "link": idea_link(target)}
    text = _(
        "Hello %(name)s,\n\nThe idea “%(title)s” is merged with the idea “%(target)s”: they propose the same.\n\n"
        "%(explanation)s\n\nIts votes and followers moved to “%(target)s”; nobody is counted twice. "
        "See that idea and its whole road:\n%(link)s\n"
    )
    for user_id, email, name in recipients:
        if actor is not None and user_id == getattr(actor, "id", None):
            continue
        queue_mail(email, subject, text % {"name": name, **details})
    if duplicate.via_desk and duplicate.on_behalf_consent and EMAIL.fullmatch(duplicate.on_behalf_contact or ""):
        queue_mail(duplicate.on_behalf_contact, subject, text % {"name": duplicate.on_behalf_name, **details})


def merge_ideas(duplicate: Idea, target: Idea, actor, explanation: str) -> None:
    """Fold a duplicate into the idea that stays. Followers move without counting anyone twice;
    the duplicate's author and followers get a mail with the explanation, which both ideas' roads
    show; `idea_merged` is sent before the commit so votes move in the same transaction."""
    explanation = check_merge(duplicate, target, explanation)
    recipients = merge_recipients(duplicate)
    already = select(Follow.user_id).where(Follow.idea_id == target.id)
    movers = select(Follow.user_id, db.literal(target.id), Follow.created_at).where(
        Follow.idea_id == duplicate.id, Follow.user_id.not_in(already)
    )
    db.session.execute(insert(Follow).from_select(["user_id", "idea_id", "created_at"], movers))
    db.session.execute(delete(Follow).where(Follow.idea_id == duplicate.id))
    _record(duplicate, "merged", actor, explanation)
    duplicate.merged_into_id = target.id
    db.session.flush()
    _tell_merge(duplicate, target, explanation, actor, recipients)
    idea_merged.send(duplicate, target=target, actor=actor)


def is_following(user, idea: Idea) -> bool:
    if not rules.is_signed_in(user):
        return False
    return db.session.get(Follow, (user.id, idea.id)) is not None


def follow(user, idea: Idea) -> bool:
    """Start following; returns False when the person already followed it."""
    if not rules.can_follow(user, idea):
        raise IdeaError(_("You cannot follow this idea."))
    if is_following(user, idea):
        return False
    db.session.add(Follow(user_id=user.id, idea_id=idea.id))
    return True


def unfollow(user, idea: Idea) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.idea_id == idea.id))
