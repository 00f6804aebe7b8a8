from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

COUNCIL_ROLES = ("member", "chair", "secretary")


class Council(db.Model):
    """An advisory council (adviesraad) of the city."""

    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list["CouncilMembership"]] = relationship(
        back_populates="council", cascade="all, delete-orphan"
    )


class CouncilMembership(db.Model):
    """A person's seat on a council; a person may sit on several, as member, chair or secretary."""

    __tablename__ = "council_memberships"
    __table_args__ = (CheckConstraint("role IN ('member', 'chair', 'secretary')", name="known_role"),)

    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(10), default="member")
    joined_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    council: Mapped[Council] = relationship(back_populates="memberships")
    user = relationship("User")


STEPS = ("groups", "proposals", "ranking", "bundling", "endorsement", "published")
METHODS = ("schulze", "borda")
BALLOT_MODES = ("secretary", "members")
THEMES = ("people", "planet", "prosperity", "peace_partnership")


def _in(column: str, values: tuple[str, ...]) -> str:
    return "{} IN ({})".format(column, ", ".join(f"'{v}'" for v in values))


class CouncilRound(db.Model):
    """One road of joint advice by the councils, from the first joint session to the endorsed note.

    The round moves through STEPS by hand: the councils meet when they can, so the administrator moves
    the round on after each meeting instead of by dates.
    """

    __tablename__ = "council_rounds"
    __table_args__ = (
        CheckConstraint(_in("step", STEPS), name="known_step"),
        CheckConstraint(_in("method", METHODS), name="known_method"),
        CheckConstraint(_in("ballot_mode", BALLOT_MODES), name="known_ballot_mode"),
        CheckConstraint("point_count BETWEEN 1 AND 30", name="point_count_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    occasion: Mapped[str] = mapped_column(String(200), default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    step: Mapped[str] = mapped_column(String(12), default="groups")
    method: Mapped[str] = mapped_column(String(10), default="schulze")
    ballot_mode: Mapped[str] = mapped_column(String(10), default="secretary")
    point_count: Mapped[int] = mapped_column(default=9)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    ranking_closed_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]

    proposals: Mapped[list["Proposal"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Proposal.id"
    )
    points: Mapped[list["AmbitionPoint"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="AmbitionPoint.number"
    )

    def step_index(self) -> int:
        return STEPS.index(self.step)

    def has_reached(self, step: str) -> bool:
        return self.step_index() >= STEPS.index(step)

    @property
    def is_ranking_open(self) -> bool:
        return self.step == "ranking"

    @property
    def is_published(self) -> bool:
        return self.step == "published"


class MixedGroup(db.Model):
    """An interdisciplinary group of the first joint session: members of several councils together.
    `meeting_id` is the recorded session the group met in, when the administrator linked it."""

    __tablename__ = "council_round_groups"
    __table_args__ = (UniqueConstraint("round_id", "name", name="uq_council_round_groups_round_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    input_text: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)

    round: Mapped[CouncilRound] = relationship()
    meeting = relationship("Meeting")
    members: Mapped[list["MixedGroupMember"]] = relationship(
        back_populates="group", cascade="all, delete-orphan"
    )
    guests: Mapped[list["MixedGroupGuest"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="MixedGroupGuest.id"
    )
    theme_votes: Mapped[list["ThemeVote"]] = relationship(back_populates="group", cascade="all, delete-orphan")


class MixedGroupMember(db.Model):
    __tablename__ = "council_round_group_members"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("council_round_groups.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)

    group: Mapped[MixedGroup] = relationship(back_populates="members")
    user = relationship("User")
    council: Mapped[Council] = relationship()


class MixedGroupGuest(db.Model):
    """Someone seated in a group by name only, without an account (a council member who never registered);
    `council_id` is the council they came for, when known."""

    __tablename__ = "council_round_group_guests"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_round_groups.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    council_id: Mapped[int | None] = mapped_column(ForeignKey("councils.id", ondelete="SET NULL"), index=True)

    group: Mapped[MixedGroup] = relationship(back_populates="guests")
    council: Mapped[Council | None] = relationship()


class ThemeVote(db.Model):
    """How many votes a group gave a theme (People, Planet, Prosperity, Peace & Partnership)."""

    __tablename__ = "council_round_theme_votes"
    __table_args__ = (
        CheckConstraint(_in("theme", THEMES), name="known_theme"),
        CheckConstraint("votes >= 0", name="votes_not_negative"),
    )

    group_id: Mapped[int] = mapped_column(
        ForeignKey("council_round_groups.id", ondelete="CASCADE"), primary_key=True
    )
    theme: Mapped[str] = mapped_column(String(20), primary_key=True)
    votes: Mapped[int] = mapped_column(default=0)

    group: Mapped[MixedGroup] = relationship(back_populates="theme_votes")


class Proposal(db.Model):
    """A council's proposal with its concrete elaboration; `rank` is its place once the ranking closed."""

    __tablename__ = "council_proposals"
    __table_args__ = (Index("ix_council_proposals_round_council", "round_id", "council_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"))
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    elaboration: Mapped[str] = mapped_column(Text, default="")
    rank: Mapped[int | None]
    point_id: Mapped[int | None] = mapped_column(ForeignKey("ambition_points.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    round: Mapped[CouncilRound] = relationship(back_populates="proposals")
    council: Mapped[Council] = relationship()
    point: Mapped["AmbitionPoint | None"] = relationship(back_populates="proposals")


class CouncilBallot(db.Model):
    """The one ranked ballot of a council in a round; resubmitting replaces it until the ranking closes.
    `meeting_id` is the joint session in the room the ballot was ranked in, when a facilitator entered it
    from there; a ballot the secretary submits online has none."""

    __tablename__ = "council_ballots"
    __table_args__ = (UniqueConstraint("round_id", "council_id", name="uq_council_ballots_round_council"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"))
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)

    council: Mapped[Council] = relationship()
    submitted_by = relationship("User")
    meeting = relationship("Meeting")
    ranks: Mapped[list["CouncilBallotRank"]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class CouncilBallotRank(db.Model):
    __tablename__ = "council_ballot_ranks"
    __table_args__ = (CheckConstraint("rank >= 1", name="rank_positive"),)

    ballot_id: Mapped[int] = mapped_column(ForeignKey("council_ballots.id", ondelete="CASCADE"), primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("council_proposals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    rank: Mapped[int]


class MemberBallot(db.Model):
    """A member's own ranking, when the round lets members rank and aggregates them per council."""

    __tablename__ = "council_member_ballots"
    __table_args__ = (
        UniqueConstraint("round_id", "council_id", "user_id", name="uq_council_member_ballots_round_council_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"))
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    ranks: Mapped[list["MemberBallotRank"]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class MemberBallotRank(db.Model):
    __tablename__ = "council_member_ballot_ranks"
    __table_args__ = (CheckConstraint("rank >= 1", name="rank_positive"),)

    ballot_id: Mapped[int] = mapped_column(
        ForeignKey("council_member_ballots.id", ondelete="CASCADE"), primary_key=True
    )
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("council_proposals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    rank: Mapped[int]


class AmbitionPoint(db.Model):
    """One of the points of the note: number, title, vision sentence and CONCREET sub-themes, as the
    councils wrote them. `conclusion` is the point's line in the note's conclusion, when the note has one
    ("Solidair Harelbeke met respect voor alle mensen." in the 2024 note).

    The SDG targets are the city's links to the point, not part of the note: pages show them apart from it.
    """

    __tablename__ = "ambition_points"
    __table_args__ = (UniqueConstraint("round_id", "number", name="uq_ambition_points_round_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(250))
    vision: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str | None] = mapped_column(Text)

    round: Mapped[CouncilRound] = relationship(back_populates="points")
    sub_themes: Mapped[list["SubTheme"]] = relationship(
        back_populates="point", cascade="all, delete-orphan", order_by="SubTheme.position"
    )
    proposals: Mapped[list[Proposal]] = relationship(back_populates="point", order_by="Proposal.rank")
    targets: Mapped[list["AmbitionPointTarget"]] = relationship(cascade="all, delete-orphan")

    @property
    def target_codes(self) -> list[str]:
        """The city's SDG targets for this point in numeric order: 4.2 before 16.2, 9.1 before 9.c."""
        from participation.sdgs.reference import target_order

        return sorted((target.target_code for target in self.targets), key=target_order)


class SubTheme(db.Model):
    """A CONCREET section of a point; the title may be empty, as in the 2024 note."""

    __tablename__ = "ambition_sub_themes"
    __table_args__ = (Index("ix_ambition_sub_themes_point_position", "point_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("ambition_points.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str | None] = mapped_column(String(250))

    point: Mapped[AmbitionPoint] = relationship(back_populates="sub_themes")
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="sub_theme", cascade="all, delete-orphan", order_by="Recommendation.position"
    )


class Recommendation(db.Model):
    __tablename__ = "ambition_recommendations"
    __table_args__ = (Index("ix_ambition_recommendations_sub_theme_position", "sub_theme_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sub_theme_id: Mapped[int] = mapped_column(ForeignKey("ambition_sub_themes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)

    sub_theme: Mapped[SubTheme] = relationship(back_populates="recommendations")


class AmbitionPointTarget(db.Model):
    """A link from a point to an SDG target, by code (validated against the SDG reference data)."""

    __tablename__ = "ambition_point_targets"

    point_id: Mapped[int] = mapped_column(ForeignKey("ambition_points.id", ondelete="CASCADE"), primary_key=True)
    target_code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)


class Endorsement(db.Model):
    """A council's answer to the final note: it endorses it, or records a reservation."""

    __tablename__ = "council_endorsements"
    __table_args__ = (CheckConstraint("endorses OR reservation IS NOT NULL", name="reservation_when_not_endorsing"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"), primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True, index=True)
    endorses: Mapped[bool] = mapped_column(default=True)
    reservation: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    council: Mapped[Council] = relationship()


class PointAnswer(db.Model):
    """The city's answer to an ambition point, written by a moderator or an administrator.

    An answer is never overwritten: a new answer is a new row, so the point keeps its history and the
    newest row is the city's answer now.
    """

    __tablename__ = "ambition_point_answers"
    __table_args__ = (Index("ix_ambition_point_answers_point_created", "point_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("ambition_points.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    author = relationship("User")


class PointAction(db.Model):
    """An action of the multi-year plan that the city counts as carrying out an ambition point."""

    __tablename__ = "ambition_point_actions"
    __table_args__ = (UniqueConstraint("point_id", "action_id", name="uq_ambition_point_actions_point_action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("ambition_points.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())


class PointFollow(db.Model):
    """A person (a council member, a resident) following an ambition point, told by mail when its answer
    or one of its actions changes."""

    __tablename__ = "ambition_point_follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    point_id: Mapped[int] = mapped_column(
        ForeignKey("ambition_points.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
