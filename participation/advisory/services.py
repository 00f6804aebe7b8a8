"""Every change of state in a council round: members, steps, groups, proposals, ballots, points, endorsements.

Each function checks first and changes afterwards, so a refusal leaves nothing half-saved; the caller
commits. A refusal is an AdvisoryError with a message fit to show to the person.
"""

from collections.abc import Iterable, Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from participation.access import COUNCIL_MEMBER
from participation.accounts.models import User, UserRole
from participation.advisory.models import (
    BALLOT_MODES,
    METHODS,
    STEPS,
    THEMES,
    AmbitionPoint,
    AmbitionPointTarget,
    Council,
    CouncilBallot,
    CouncilBallotRank,
    CouncilMembership,
    CouncilRound,
    Endorsement,
    MemberBallot,
    MemberBallotRank,
    MixedGroup,
    MixedGroupGuest,
    MixedGroupMember,
    Proposal,
    Recommendation,
    SubTheme,
    ThemeVote,
)
from participation.advisory.ranking import BallotError, validate_ballot
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.rules import is_administrator

STEP_LABELS = {
    "groups": _l("Joint session: mixed groups"),
    "proposals": _l("Proposals of each council"),
    "ranking": _l("Joint ranking"),
    "bundling": _l("Bundling into ambition points"),
    "endorsement": _l("Endorsement by the councils"),
    "published": _l("Published"),
}
ROLE_LABELS = {"member": _l("Member"), "chair": _l("Chair"), "secretary": _l("Secretary")}
THEME_LABELS = {
    "people": _l("People"),
    "planet": _l("Planet"),
    "prosperity": _l("Prosperity"),
    "peace_partnership": _l("Peace & Partnership"),
}
BALLOT_MODE_LABELS = {
    "secretary": _l("The secretary enters the council's ballot"),
    "members": _l("Members rank; the council's ballot is their aggregate"),
}


class AdvisoryError(Exception):
    """A refusal a person should read; the message is translated."""


# Councils and members ----------------------------------------------------------------------------


def is_insider(user) -> bool:
    """Council members (and administrators) read rounds before they are published."""
    return bool(getattr(user, "is_authenticated", False) and user.has_any_role(COUNCIL_MEMBER))


def can_administer_councils(user) -> bool:
    """Administrators seat members, open rounds and move them on."""
    return is_administrator(user)


def can_view_round(user, round_: CouncilRound) -> bool:
    """A round is for the councils until it is published; then everyone may read it."""
    return round_.is_published or is_insider(user)


def membership(user: User | None, council: Council) -> CouncilMembership | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.get(CouncilMembership, (council.id, user.id))


def is_secretary(user: User | None, council: Council) -> bool:
    seat = membership(user, council)
    return seat is not None and seat.role == "secretary"


def can_write_proposals(user: User | None, council: Council) -> bool:
    seat = membership(user, council)
    if seat is not None and seat.role in ("secretary", "chair"):
        return True
    return can_administer_councils(user)


def add_member(council: Council, user: User, role: str) -> CouncilMembership:
    """Seat a person on a council; a council has one chair and one secretary, so a new one replaces the old."""
    if role not in ("member", "chair", "secretary"):
        raise AdvisoryError(_("Choose a role: member, chair or secretary."))
    if role in ("chair", "secretary"):
        for seat in council.memberships:
            if seat.role == role and seat.user_id != user.id:
                seat.role = "member"
    seat = db.session.get(CouncilMembership, (council.id, user.id))
    if seat is None:
        seat = CouncilMembership(council=council, user=user, role=role)
        db.session.add(seat)
    seat.role = role
    if COUNCIL_MEMBER not in user.role_names:
        user.roles.append(UserRole(role=COUNCIL_MEMBER))
    db.session.flush()
    return seat


def remove_member(council: Council, user: User) -> None:
    seat = db.session.get(CouncilMembership, (council.id, user.id))
    if seat is None:
        raise AdvisoryError(_("This person does not sit on this council."))
    db.session.delete(seat)
    db.session.flush()


# Rounds and steps --------------------------------------------------------------------------------


def create_round(
    title: str, slug: str, *, method: str = "schulze", ballot_mode: str = "secretary", point_count: int = 9,
    occasion: str = "", introduction: str = "",
) -> CouncilRound:
    if db.session.scalar(db.select(CouncilRound.id).where(CouncilRound.slug == slug)) is not None:
        raise AdvisoryError(_("Another round already uses this web address. Choose another one."))
    round_ = CouncilRound(
        title=title.strip(), slug=slug, method=method, ballot_mode=ballot_mode, point_count=point_count,
        occasion=occasion.strip(), introduction=introduction.strip(), step="groups",
    )
    update_settings(round_, method=method, ballot_mode=ballot_mode, point_count=point_count)
    db.session.add(round_)
    db.session.flush()
    return round_


def update_settings(round_: CouncilRound, *, method: str, ballot_mode: str, point_count: int) -> None:
    if method not in METHODS or ballot_mode not in BALLOT_MODES:
        raise AdvisoryError(_("Choose a known method and ballot mode."))
    if round_.id is not None and round_.has_reached("bundling"):
        if method != round_.method or ballot_mode != round_.ballot_mode:
            raise AdvisoryError(_("The ranking is closed: its method and ballot mode can no longer change."))
    if round_.id is not None and round_.ballot_mode != ballot_mode and _has_ballots(round_):
        raise AdvisoryError(_("Ballots were already submitted: the ballot mode can no longer change."))
    if not 1 <= point_count <= 30:
        raise AdvisoryError(_("The number of ambition points is between 1 and 30."))
    if round_.id is not None and any(point.number > point_count for point in round_.points):
        raise AdvisoryError(_("A point already has a higher number than this."))
    round_.method, round_.ballot_mode, round_.point_count = method, ballot_mode, point_count


def _has_ballots(round_: CouncilRound) -> bool:
    council = db.session.scalar(db.select(CouncilBallot.id).where(CouncilBallot.round_id == round_.id).limit(1))
    member = db.session.scalar(db.select(MemberBallot.id).where(MemberBallot.round_id == round_.id).limit(1))
    return council is not None or member is not None


def next_step(round_: CouncilRound) -> str | None:
    index = round_.step_index()
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def advance(round_: CouncilRound) -> str:
    """Move the round to its next step; leaving the ranking closes it and freezes the order."""
    target = next_step(round_)
    if target is None:
        raise AdvisoryError(_("This round is already published."))
    if round_.step == "proposals" and not round_.proposals:
        raise AdvisoryError(_("No council has entered a proposal yet: there is nothing to rank."))
    if round_.step == "ranking":
        close_ranking(round_)
    if round_.step == "bundling":
        unassigned = [p for p in round_.proposals if p.point_id is None]
        if not round_.points:
            raise AdvisoryError(_("Create the ambition points before the note goes to the councils."))
        if unassigned:
            raise AdvisoryError(
                _("%(count)d proposals are not in an ambition point yet.", count=len(unassigned))
            )
    if target == "published":
        round_.published_at = utcnow()
    round_.step = target
    db.session.flush()
    return target


def close_ranking(round_: CouncilRound) -> None:
    from participation.advisory.queries import ranking_result

    if round_.step != "ranking":
        raise AdvisoryError(_("The ranking is not open."))
    result = ranking_result(round_)
    if result is None:
        raise AdvisoryError(_("No council has submitted a ballot yet: the ranking cannot close."))
    by_id = {proposal.id: proposal for proposal in round_.proposals}
    place = 1
    for tier in result.tiers:
        for proposal_id in tier:
            by_id[proposal_id].rank = place
        place += len(tier)
    round_.ranking_closed_at = utcnow()


# Joint session 1: mixed groups ------------------------------------------------------------------


def create_group(round_: CouncilRound, name: str) -> MixedGroup:
    name = name.strip()
    exists = db.session.scalar(
        db.select(MixedGroup.id).where(MixedGroup.round_id == round_.id, MixedGroup.name == name)
    )
    if exists is not None:
        raise AdvisoryError(_("A group with this name already exists in this round."))
    group = MixedGroup(round=round_, name=name)
    db.session.add(group)
    db.session.flush()
    return group


def add_group_member(group: MixedGroup, user: User, council: Council) -> MixedGroupMember:
    """Place a council member in a group; one group per person per round, and the groups mix councils."""
    if membership(user, council) is None:
        raise AdvisoryError(_("%(name)s does not sit on the %(council)s.", name=user.display_name,
                              council=council.name))
    taken = db.session.scalar(
        db.select(MixedGroup.name)
        .join(MixedGroupMember)
        .where(MixedGroup.round_id == group.round_id, MixedGroupMember.user_id == user.id)
    )
    if taken is not None:
        raise AdvisoryError(_("%(name)s is already in group %(group)s.", name=user.display_name, group=taken))
    if any(seat.council_id == council.id for seat in (*group.members, *group.guests)):
        raise AdvisoryError(
            _("This group already has a member of the %(council)s: mix members of different councils.",
              council=council.name)
        )
    member = MixedGroupMember(group=group, user=user, council=council)
    db.session.add(member)
    db.session.flush()
    return member


def add_group_guest(group: MixedGroup, name: str, council: Council | None) -> MixedGroupGuest:
    """Seat someone in a group by name only, without an account: one group per name per round, and the
    groups still mix councils when the council is known."""
    name = " ".join((name or "").split())
    if not name:
        raise AdvisoryError(_("Fill in the name of the person."))
    if len(name) > 120:
        raise AdvisoryError(_("Keep the name under %(n)d characters.", n=120))
    taken = db.session.scalar(
        db.select(MixedGroup.name).join(MixedGroupGuest)
        .where(MixedGroup.round_id == group.round_id, func.lower(MixedGroupGuest.name) == name.lower())
    )
    if taken is not None:
        raise AdvisoryError(_("%(name)s is already in group %(group)s.", name=name, group=taken))
    if council is not None and (
        any(member.council_id == council.id for member in group.members)
        or any(guest.council_id == council.id for guest in group.guests)
    ):
        raise AdvisoryError(
            _("This group already has a member of the %(council)s: mix members of different councils.",
              council=council.name)
        )
    guest = MixedGroupGuest(group=group, name=name, council=council)
    db.session.add(guest)
    db.session.flush()
    return guest


def remove_group_guest(guest: MixedGroupGuest) -> None:
    """Take a name out of a group: nothing else of that person is kept."""
    db.session.delete(guest)
    db.session.flush()


def record_group_input(group: MixedGroup, text: str, votes: Mapping[str, int]) -> None:
    record_theme_votes(group, votes)
    group.input_text = text.strip()


def record_theme_votes(group: MixedGroup, votes: Mapping[str, int]) -> None:
    """The group's votes per theme; a theme left out gets 0."""
    if any(theme not in THEMES or value is None or value < 0 for theme, value in votes.items()):
        raise AdvisoryError(_("Votes per theme are whole numbers of 0 or more."))
    existing = {vote.theme: vote for vote in group.theme_votes}
    for theme in THEMES:
        vote = existing.get(theme)
        if vote is None:
            vote = ThemeVote(theme=theme)
            group.theme_votes.append(vote)
        vote.votes = int(votes.get(theme, 0))
    db.session.flush()


# Proposals --------------------------------------------------------------------------------------


def add_proposal(round_: CouncilRound, council: Council, user: User, title: str, elaboration: str) -> Proposal:
    if not can_write_proposals(user, council):
        raise AdvisoryError(_("Only the secretary or the chair of the %(council)s enters its proposals.",
                              council=council.name))
    if round_.step not in ("groups", "proposals"):
        raise AdvisoryError(_("The councils can no longer add proposals: the ranking has started."))
    proposal = Proposal(
        round=round_, council=council, title=title.strip(), elaboration=elaboration.strip(), created_by_id=user.id
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def delete_proposal(proposal: Proposal, user: User) -> None:
    if not can_write_proposals(user, proposal.council):
        raise AdvisoryError(_("Only the secretary or the chair of the %(council)s enters its proposals.",
                              council=proposal.council.name))
    if proposal.round.step not in ("groups", "proposals"):
        raise AdvisoryError(_("The ranking has started: proposals can no longer be removed."))
    db.session.delete(proposal)
    db.session.flush()


# Ballots ----------------------------------------------------------------------------------------


def tiers_from_ranks(entries: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Rank numbers to tiers: equal numbers tie, lower numbers come first; gaps do not matter."""
    by_rank: dict[int, list[int]] = {}
    for proposal_id, rank in entries:
        by_rank.setdefault(rank, []).append(proposal_id)
    return [by_rank[rank] for rank in sorted(by_rank)]


def _check_ballot(round_: CouncilRound, entries: list[tuple[int, int]]) -> list[list[int]]:
    if not round_.is_ranking_open:
        if round_.has_reached("bundling"):
            raise AdvisoryError(_("The ranking is closed: ballots can no longer be submitted or changed."))
        raise AdvisoryError(_("The ranking has not started yet."))
    if not entries:
        raise AdvisoryError(_("Give at least one proposal a rank number."))
    if any(rank < 1 for _id, rank in entries):
        raise AdvisoryError(_("Rank numbers are whole numbers of 1 or more."))
    tiers = tiers_from_ranks(entries)
    names = {proposal.id: proposal.title for proposal in round_.proposals}
    try:
        validate_ballot(list(names), tiers, names)
    except BallotError as error:
        raise AdvisoryError(str(error.message)) from error
    return tiers


def submit_ballot(
    round_: CouncilRound, council: Council, user: User, entries: list[tuple[int, int]]
) -> CouncilBallot:
    """The council's one ballot, entered by its secretary; a new one replaces the old until the ranking closes."""
    if round_.ballot_mode == "secretary" and not is_secretary(user, council):
        raise AdvisoryError(_("Only the secretary of the %(council)s may submit its ballot.", council=council.name))
    return store_council_ballot(round_, council, entries, submitted_by=user, meeting_id=None)


def store_council_ballot(
    round_: CouncilRound, council: Council, entries: list[tuple[int, int]], *, submitted_by: User | None,
    meeting_id: int | None,
) -> CouncilBallot:
    """Keep the council's one ballot: submitted online (`meeting_id` None) or entered from a joint session in
    the room. Either replaces the other until the ranking closes; the ranking counts the one ballot once.
    Who may enter it is checked by the caller (`submit_ballot`, `meetings.services.enter_session_ballot`)."""
    if round_.ballot_mode != "secretary":
        raise AdvisoryError(_("In this round the members rank; the council's ballot is their aggregate."))
    _check_ballot(round_, entries)
    ballot = db.session.scalar(
        db.select(CouncilBallot).where(CouncilBallot.round_id == round_.id, CouncilBallot.council_id == council.id)
    )
    if ballot is None:
        ballot = CouncilBallot(round_id=round_.id, council=council)
        db.session.add(ballot)
    ballot.submitted_by_id = getattr(submitted_by, "id", None)
    ballot.submitted_at = utcnow()
    ballot.meeting_id = meeting_id
    ballot.ranks.clear()
    db.session.flush()
    ballot.ranks.extend(CouncilBallotRank(proposal_id=pid, rank=rank) for pid, rank in entries)
    db.session.flush()
    return ballot


def submit_member_ballot(
    round_: CouncilRound, council: Council, user: User, entries: list[tuple[int, int]]
) -> MemberBallot:
    if round_.ballot_mode != "members":
        raise AdvisoryError(_("In this round the secretary enters the council's ballot."))
    if membership(user, council) is None:
        raise AdvisoryError(_("Only members of the %(council)s rank for it.", council=council.name))
    _check_ballot(round_, entries)
    ballot = db.session.scalar(
        db.select(MemberBallot).where(
            MemberBallot.round_id == round_.id, MemberBallot.council_id == council.id, MemberBallot.user_id == user.id
        )
    )
    if ballot is None:
        ballot = MemberBallot(round_id=round_.id, council_id=council.id, user_id=user.id)
        db.session.add(ballot)
    ballot.submitted_at = utcnow()
    ballot.ranks.clear()
    db.session.flush()
    ballot.ranks.extend(MemberBallotRank(proposal_id=pid, rank=rank) for pid, rank in entries)
    db.session.flush()
    return ballot


# Bundling ---------------------------------------------------------------------------------------


def _check_bundling(round_: CouncilRound) -> None:
    if round_.step != "bundling":
        raise AdvisoryError(_("Ambition points are made in the bundling step."))


def save_point(
    round_: CouncilRound, number: int, title: str, vision: str, point: AmbitionPoint | None = None
) -> AmbitionPoint:
    _check_bundling(round_)
    if not 1 <= number <= round_.point_count:
        raise AdvisoryError(_("Choose a number from 1 to %(count)d.", count=round_.point_count))
    clash = next((p for p in round_.points if p.number == number and p is not point), None)
    if clash is not None:
        raise AdvisoryError(_("Point %(number)d already exists: %(title)s", number=number, title=clash.title))
    if point is None:
        point = AmbitionPoint(round=round_, number=number)
        db.session.add(point)
    point.number, point.title, point.vision = number, title.strip(), vision.strip()
    db.session.flush()
    return point


def add_sub_theme(point: AmbitionPoint, title: str | None) -> SubTheme:
    _check_bundling(point.round)
    sub_theme = SubTheme(point=point, title=(title or "").strip() or None, position=len(point.sub_themes))
    db.session.add(sub_theme)
    db.session.flush()
    return sub_theme


def add_recommendation(sub_theme: SubTheme, text: str) -> Recommendation:
    _check_bundling(sub_theme.point.round)
    recommendation = Recommendation(sub_theme=sub_theme, text=text.strip(), position=len(sub_theme.recommendations))
    db.session.add(recommendation)
    db.session.flush()
    return recommendation


def remove_from_point(point: AmbitionPoint, kind: str, item_id: int) -> None:
    """Remove a CONCREET section (with its recommendations) or one recommendation of this point."""
    _check_bundling(point.round)
    if kind == "sub":
        target = next((s for s in point.sub_themes if s.id == item_id), None)
        collection = point.sub_themes
    else:
        sections = point.sub_themes
        target = next((r for s in sections for r in s.recommendations if r.id == item_id), None)
        collection = target.sub_theme.recommendations if target else []
    if target is None:
        raise AdvisoryError(_("This item is not part of this ambition point."))
    collection.remove(target)
    db.session.flush()


def assign_proposals(round_: CouncilRound, assignments: Mapping[int, int | None]) -> int:
    """Put proposals in points (None takes one out); every id must belong to this round. Returns changes."""
    _check_bundling(round_)
    proposals = {proposal.id: proposal for proposal in round_.proposals}
    points = {point.id for point in round_.points}
    for proposal_id, point_id in assignments.items():
        if proposal_id not in proposals or (point_id is not None and point_id not in points):
            raise AdvisoryError(_("Choose a proposal and an ambition point of this round."))
    changed = 0
    for proposal_id, point_id in assignments.items():
        if proposals[proposal_id].point_id != point_id:
            proposals[proposal_id].point_id = point_id
            changed += 1
    db.session.flush()
    return changed


def parse_target_codes(text: str) -> list[str]:
    from participation.sdgs.reference import target_codes, target_order

    codes = {code.strip() for code in text.replace(";", ",").replace(" ", ",").split(",") if code.strip()}
    unknown = sorted(code for code in codes if code not in target_codes())
    if unknown:
        raise AdvisoryError(_("Unknown SDG targets: %(codes)s. Write codes like 10.2 or 11.7.",
                              codes=", ".join(unknown)))
    return sorted(codes, key=target_order)


def set_point_targets(point: AmbitionPoint, codes: list[str]) -> None:
    _check_bundling(point.round)
    replace_point_targets(point, codes)


def replace_point_targets(point: AmbitionPoint, codes: list[str]) -> None:
    """The city's SDG targets of a point: its reading of the point, kept apart from the councils' text."""
    point.targets[:] = [AmbitionPointTarget(target_code=code) for code in codes]
    db.session.flush()


# Endorsement ------------------------------------------------------------------------------------


def decide_endorsement(
    round_: CouncilRound, council: Council, user: User, endorses: bool, reservation: str | None
) -> Endorsement:
    if round_.step != "endorsement":
        raise AdvisoryError(_("The note can be endorsed once it is final, in the endorsement step."))
    if not is_secretary(user, council):
        raise AdvisoryError(_("Only the secretary of the %(council)s answers for it.", council=council.name))
    reservation = (reservation or "").strip() or None
    if not endorses and reservation is None:
        raise AdvisoryError(_("Write down the reservation of your council."))
    endorsement = db.session.get(Endorsement, (round_.id, council.id))
    if endorsement is None:
        endorsement = Endorsement(round_id=round_.id, council=council)
        db.session.add(endorsement)
    endorsement.endorses = endorses
    endorsement.reservation = reservation
    endorsement.decided_by_id = user.id
    endorsement.decided_at = utcnow()
    db.session.flush()
    return endorsement
