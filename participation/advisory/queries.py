"""Read-side helpers for the councils and their rounds: one place for eager loading and counting."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import selectinload

from participation.accounts.models import User
from participation.advisory import ranking
from participation.advisory.models import (
    AmbitionPoint,
    AmbitionPointTarget,
    Council,
    CouncilBallot,
    CouncilMembership,
    CouncilRound,
    Endorsement,
    MemberBallot,
    MixedGroup,
    MixedGroupGuest,
    MixedGroupMember,
    PointAction,
    PointAnswer,
    PointFollow,
    Proposal,
    SubTheme,
)
from participation.advisory.services import tiers_from_ranks
from participation.extensions import db
from participation.plan.summaries import ActionSummary, action_summaries


def councils_with_counts() -> list[tuple[Council, int]]:
    counts = (
        db.select(CouncilMembership.council_id, func.count().label("n"))
        .group_by(CouncilMembership.council_id)
        .subquery()
    )
    rows = db.session.execute(
        db.select(Council, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.council_id == Council.id)
        .order_by(Council.position, Council.name)
    )
    return [(council, count) for council, count in rows]


def all_councils() -> list[Council]:
    return list(db.session.scalars(db.select(Council).order_by(Council.position, Council.name)))


def council_by_slug(slug: str) -> Council | None:
    return db.session.scalar(db.select(Council).where(Council.slug == slug))


def council_members(council: Council, query: str, page: int, per_page: int):
    statement = (
        db.select(CouncilMembership)
        .join(User)
        .where(CouncilMembership.council_id == council.id)
        .options(selectinload(CouncilMembership.user))
        .order_by(CouncilMembership.role.desc(), User.display_name)
    )
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(func.lower(User.display_name).like(pattern) | User.email.like(pattern))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def seats_of(user) -> list[CouncilMembership]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        db.session.scalars(
            db.select(CouncilMembership)
            .join(Council)
            .where(CouncilMembership.user_id == user.id)
            .options(selectinload(CouncilMembership.council))
            .order_by(Council.position)
        )
    )


def round_by_slug(slug: str) -> CouncilRound | None:
    return db.session.scalar(db.select(CouncilRound).where(CouncilRound.slug == slug))


def rounds(published_only: bool) -> list[CouncilRound]:
    statement = db.select(CouncilRound).order_by(CouncilRound.created_at.desc(), CouncilRound.id.desc())
    if published_only:
        statement = statement.where(CouncilRound.step == "published")
    return list(db.session.scalars(statement))


def proposals_of(round_: CouncilRound, council: Council | None = None) -> list[Proposal]:
    statement = (
        db.select(Proposal)
        .join(Council)
        .where(Proposal.round_id == round_.id)
        .options(selectinload(Proposal.council), selectinload(Proposal.point))
        .order_by(Council.position, Proposal.id)
    )
    if council is not None:
        statement = statement.where(Proposal.council_id == council.id)
    return list(db.session.scalars(statement))


def ranked_proposals(round_: CouncilRound) -> list[Proposal]:
    return sorted(proposals_of(round_), key=lambda p: (p.rank is None, p.rank or 0))


def groups_of(round_: CouncilRound) -> list[MixedGroup]:
    return list(
        db.session.scalars(
            db.select(MixedGroup)
            .where(MixedGroup.round_id == round_.id)
            .options(
                selectinload(MixedGroup.members).selectinload(MixedGroupMember.user),
                selectinload(MixedGroup.members).selectinload(MixedGroupMember.council),
                selectinload(MixedGroup.guests).selectinload(MixedGroupGuest.council),
                selectinload(MixedGroup.theme_votes),
                selectinload(MixedGroup.meeting),
            )
            .order_by(MixedGroup.name)
        )
    )


def council_ballot(round_: CouncilRound, council: Council) -> CouncilBallot | None:
    return db.session.scalar(
        db.select(CouncilBallot).where(CouncilBallot.round_id == round_.id, CouncilBallot.council_id == council.id)
        .options(selectinload(CouncilBallot.meeting))
    )


def member_ballot(round_: CouncilRound, council: Council, user) -> MemberBallot | None:
    return db.session.scalar(
        db.select(MemberBallot).where(
            MemberBallot.round_id == round_.id, MemberBallot.council_id == council.id, MemberBallot.user_id == user.id
        )
    )


def ballot_status(round_: CouncilRound) -> dict[int, int]:
    """Council id -> number of ballots in (1 for the secretary's ballot, n member ballots otherwise)."""
    model = CouncilBallot if round_.ballot_mode == "secretary" else MemberBallot
    rows = db.session.execute(
        db.select(model.council_id, func.count()).where(model.round_id == round_.id).group_by(model.council_id)
    )
    return {council_id: count for council_id, count in rows}


def ballot_sources(round_: CouncilRound) -> dict[int, int | None]:
    """Council id -> the session in the room its ballot was entered from (None: submitted online), for the
    councils that have a ballot in this round."""
    rows = db.session.execute(
        db.select(CouncilBallot.council_id, CouncilBallot.meeting_id).where(CouncilBallot.round_id == round_.id)
    )
    return {council_id: meeting_id for council_id, meeting_id in rows}


def councils_without_ballot(round_: CouncilRound) -> list[Council]:
    """The councils that have not handed in a ballot in this round yet, in the councils' order."""
    voted = ballot_status(round_)
    return [council for council in all_councils() if not voted.get(council.id)]


@dataclass
class CountedBallot:
    """A council's ballot as the ranking counts it; `meeting` is the joint session in the room it was
    entered from, None when the secretary submitted it online or it is the members' aggregate."""

    council: Council
    tiers: list[list[int]]
    meeting: object | None = None


def counted_ballots(round_: CouncilRound) -> list[CountedBallot]:
    """One ballot per council: the secretary's, or the aggregate of the members' by the round's method."""
    councils = {council.id: council for council in all_councils()}
    candidates = [proposal.id for proposal in proposals_of(round_)]
    if round_.ballot_mode == "secretary":
        ballots = db.session.scalars(
            db.select(CouncilBallot).where(CouncilBallot.round_id == round_.id)
            .options(selectinload(CouncilBallot.meeting))
        )
        counted = [
            CountedBallot(councils[b.council_id], tiers_from_ranks((r.proposal_id, r.rank) for r in b.ranks),
                          b.meeting)
            for b in ballots
        ]
    else:
        per_council: dict[int, list[list[list[int]]]] = {}
        for ballot in db.session.scalars(db.select(MemberBallot).where(MemberBallot.round_id == round_.id)):
            tiers = tiers_from_ranks((r.proposal_id, r.rank) for r in ballot.ranks)
            per_council.setdefault(ballot.council_id, []).append(tiers)
        counted = [
            CountedBallot(councils[council_id], ranking.rank(round_.method, candidates, member_tiers).tiers)
            for council_id, member_tiers in per_council.items()
        ]
    return sorted(counted, key=lambda c: (c.council.position, c.council.name))


def ranking_result(round_: CouncilRound) -> ranking.RankingResult | None:
    ballots = counted_ballots(round_)
    if not ballots:
        return None
    candidates = [proposal.id for proposal in proposals_of(round_)]
    return ranking.rank(round_.method, candidates, [ballot.tiers for ballot in ballots])


def note_points(round_: CouncilRound) -> list[AmbitionPoint]:
    return list(
        db.session.scalars(
            db.select(AmbitionPoint)
            .where(AmbitionPoint.round_id == round_.id)
            .options(
                selectinload(AmbitionPoint.sub_themes).selectinload(SubTheme.recommendations),
                selectinload(AmbitionPoint.targets),
                selectinload(AmbitionPoint.proposals).selectinload(Proposal.council),
            )
            .order_by(AmbitionPoint.number)
        )
    )


def endorsements_of(round_: CouncilRound) -> list[Endorsement]:
    return list(
        db.session.scalars(
            db.select(Endorsement)
            .join(Council)
            .where(Endorsement.round_id == round_.id)
            .options(selectinload(Endorsement.council))
            .order_by(Council.position)
        )
    )


def points_for_goal(goal_number: int) -> list[AmbitionPoint]:
    """Ambition points of published rounds linked to a target of this goal."""
    prefix = f"{goal_number}."
    return list(
        db.session.scalars(
            db.select(AmbitionPoint)
            .join(CouncilRound)
            .where(
                CouncilRound.step == "published",
                AmbitionPoint.id.in_(
                    db.select(AmbitionPointTarget.point_id).where(AmbitionPointTarget.target_code.startswith(prefix))
                ),
            )
            .options(selectinload(AmbitionPoint.round))
            .order_by(CouncilRound.created_at.desc(), AmbitionPoint.number)
        )
    )


def collaborating_councils(round_: CouncilRound) -> list[Council]:
    """The councils that wrote the note together: each made a proposal in the round or answered the final
    note (the 2024 note opens with "Een samenwerking tussen:" and the ten councils that endorsed it)."""
    took_part = db.union(
        db.select(Proposal.council_id).where(Proposal.round_id == round_.id),
        db.select(Endorsement.council_id).where(Endorsement.round_id == round_.id),
    )
    return list(
        db.session.scalars(
            db.select(Council).where(Council.id.in_(took_part)).order_by(Council.position, Council.name)
        )
    )


def city_targets(points: list[AmbitionPoint]) -> dict[int, list[tuple[str, int]]]:
    """Point id -> the city's SDG targets of the point as (code, goal number), in numeric order."""
    from participation.sdgs.reference import goal_of

    return {point.id: [(code, goal_of(code)) for code in point.target_codes] for point in points}


@dataclass
class FollowUp:
    """What the city does with one ambition point: its answers (newest first), its actions, its SDG links."""

    answers: list[PointAnswer]
    actions: list[ActionSummary]
    targets: list[tuple[str, int]]

    @property
    def answer(self) -> PointAnswer | None:
        return self.answers[0] if self.answers else None


def followups(points: list[AmbitionPoint]) -> dict[int, FollowUp]:
    """Point id -> its follow-up, for any number of points in a fixed number of queries."""
    ids = [point.id for point in points]
    answers: dict[int, list[PointAnswer]] = {point_id: [] for point_id in ids}
    if ids:
        for answer in db.session.scalars(
            db.select(PointAnswer).where(PointAnswer.point_id.in_(ids))
            .options(selectinload(PointAnswer.author))
            .order_by(PointAnswer.created_at.desc(), PointAnswer.id.desc())
        ):
            answers[answer.point_id].append(answer)
    links = db.session.execute(
        db.select(PointAction.point_id, PointAction.action_id).where(PointAction.point_id.in_(ids))
    ).all() if ids else []
    summaries = action_summaries({action_id for _point_id, action_id in links})
    actions: dict[int, list[ActionSummary]] = {point_id: [] for point_id in ids}
    for point_id, action_id in links:
        actions[point_id].append(summaries[action_id])
    targets = city_targets(points)
    return {
        point.id: FollowUp(answers[point.id], sorted(actions[point.id], key=lambda a: a.code), targets[point.id])
        for point in points
    }


def published_point(slug: str, number: int) -> AmbitionPoint | None:
    """A point of a published note, with its text loaded."""
    return db.session.scalar(
        db.select(AmbitionPoint)
        .join(CouncilRound)
        .where(CouncilRound.slug == slug, CouncilRound.step == "published", AmbitionPoint.number == number)
        .options(
            selectinload(AmbitionPoint.round),
            selectinload(AmbitionPoint.sub_themes).selectinload(SubTheme.recommendations),
            selectinload(AmbitionPoint.targets),
            selectinload(AmbitionPoint.proposals).selectinload(Proposal.council),
        )
    )


def point_follower_count(point: AmbitionPoint) -> int:
    return db.session.scalar(
        db.select(func.count()).select_from(PointFollow).where(PointFollow.point_id == point.id)
    ) or 0


def followed_points(user) -> list[AmbitionPoint]:
    return list(db.session.scalars(
        db.select(AmbitionPoint)
        .join(PointFollow, PointFollow.point_id == AmbitionPoint.id)
        .where(PointFollow.user_id == user.id)
        .options(selectinload(AmbitionPoint.round))
        .order_by(PointFollow.created_at.desc(), AmbitionPoint.id)
    ))
