"""The 17 goals and 169 targets (reference data shipped with the platform), the city's own
sentence per goal, the links between ideas and targets, the moderators' answers to suggestions and
the trained suggester."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

LANGUAGES = ("nl", "fr", "en")


class _Localised:
    """Texts kept per language in columns ``<name>_nl``, ``<name>_fr``, ``<name>_en``."""

    def localised(self, name: str, language: str) -> str:
        language = language if language in LANGUAGES else "nl"
        return getattr(self, f"{name}_{language}") or getattr(self, f"{name}_nl")


class SdgGoal(_Localised, db.Model):
    """One of the 17 goals: reference data, loaded from ``sdgs/data/sdgs.json`` and never edited."""

    __tablename__ = "sdg_goals"
    __table_args__ = {"info": {"reference": True}}

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    colour: Mapped[str] = mapped_column(String(7))
    title_nl: Mapped[str] = mapped_column(String(120))
    title_fr: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str] = mapped_column(String(120))
    long_title_nl: Mapped[str] = mapped_column(Text)
    long_title_fr: Mapped[str] = mapped_column(Text)
    long_title_en: Mapped[str] = mapped_column(Text)

    targets: Mapped[list["SdgTarget"]] = relationship(
        back_populates="goal", order_by="SdgTarget.position", viewonly=True
    )

    def title(self, language: str) -> str:
        return self.localised("title", language)

    def long_title(self, language: str) -> str:
        return self.localised("long_title", language)

    @property
    def code(self) -> str:
        return f"{self.number:02d}"

    def __repr__(self) -> str:
        return f"<SdgGoal {self.number}>"


class SdgTarget(_Localised, db.Model):
    """One of the 169 targets, keyed by its code ("11.7", "1.a")."""

    __tablename__ = "sdg_targets"
    __table_args__ = (
        Index("ix_sdg_targets_goal_position", "goal_number", "position"),
        {"info": {"reference": True}},
    )

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    goal_number: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"))
    position: Mapped[int] = mapped_column(default=0)
    text_nl: Mapped[str] = mapped_column(Text)
    text_fr: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)

    goal: Mapped[SdgGoal] = relationship(back_populates="targets")

    def text(self, language: str) -> str:
        return self.localised("text", language)

    def __repr__(self) -> str:
        return f"<SdgTarget {self.code}>"


class CityStatement(db.Model):
    """The city's own sentence for a goal it works on ("Iedereen telt mee in Harelbeke")."""

    __tablename__ = "sdg_city_statements"

    goal_number: Mapped[int] = mapped_column(
        ForeignKey("sdg_goals.number", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    sentence: Mapped[str] = mapped_column(String(300))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    goal: Mapped[SdgGoal] = relationship()


class IdeaTarget(db.Model):
    """An idea linked to a target by a moderator; one link per pair."""

    __tablename__ = "idea_targets"
    __table_args__ = (
        UniqueConstraint("idea_id", "target_code", name="uq_idea_targets_pair"),
        Index("ix_idea_targets_target_idea", "target_code", "idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    target_code: Mapped[str] = mapped_column(ForeignKey("sdg_targets.code", ondelete="CASCADE"))
    goal_number: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"), index=True)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    idea = relationship("Idea")
    target: Mapped[SdgTarget] = relationship()
    linked_by = relationship("User")


class IdeaGoal(db.Model):
    """An idea linked to a goal (through one or more of its targets) and when its newest link to that
    goal was made, kept with the links (`sdgs.counters`): a goal page lists its ideas newest link first
    by reading this index, however many ideas the goal has."""

    __tablename__ = "idea_goals"
    __table_args__ = (Index("ix_idea_goals_goal_linked", "goal_number", "linked_at", "idea_id"),)

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    goal_number: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"), primary_key=True,
                                             autoincrement=False)
    linked_at: Mapped[datetime]


WHOLE_GOAL = ""  # the target code of a count of a goal's ideas (an idea counts once per goal)


class SdgIdeaCount(db.Model):
    """How many ideas of a process in a status are linked to a goal (``target_code`` empty) or to one
    target, kept as links and statuses change (`sdgs.counters`), so the SDG pages count what a viewer
    may see from a few rows instead of reading every linked idea."""

    __tablename__ = "sdg_idea_counts"
    __table_args__ = (CheckConstraint("ideas >= 0", name="ideas_not_negative"),)

    goal_number: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"), primary_key=True,
                                             autoincrement=False)
    target_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    ideas: Mapped[int] = mapped_column(default=0, server_default="0")


VERDICTS = ("accepted", "refused")


class SuggestionChoice(db.Model):
    """A moderator's answer to a suggestion for an idea: a target accepted (and linked) or refused, or a
    goal refused as a whole (``target_code`` empty). The next training learns from it."""

    __tablename__ = "sdg_suggestion_choices"
    __table_args__ = (
        CheckConstraint("verdict IN ('accepted', 'refused')", name="known_verdict"),
        Index("uq_sdg_suggestion_choices_idea_target", "idea_id", "target_code", unique=True),
        Index(
            "uq_sdg_suggestion_choices_idea_goal", "idea_id", "goal_number", unique=True,
            sqlite_where=text("target_code IS NULL"), postgresql_where=text("target_code IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    goal_number: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"))
    target_code: Mapped[str | None] = mapped_column(ForeignKey("sdg_targets.code", ondelete="CASCADE"))
    verdict: Mapped[str] = mapped_column(String(10))
    chosen_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    idea = relationship("Idea")
    chosen_by = relationship("User")


class TrainedSuggester(db.Model):
    """The suggester as last trained (``participation sdg train``), kept so that every worker and every
    restart uses the same one. It is derived data: rebuilt from the tables when missing or when it was
    made with another version of the learning library."""

    __tablename__ = "sdg_trained_suggesters"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    library_version: Mapped[str] = mapped_column(String(20))
    examples: Mapped[int]
    model: Mapped[bytes] = mapped_column(LargeBinary)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
