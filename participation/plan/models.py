"""The multi-year plan as the city's progress report has it: a policy goal per SDG (``D16``), its action
plans (``AP02``) with their budgets, their actions (``D16/AP02/03``) and under each action its tasks
("P&O Uitrol HR-software"), each with a status and an explanation per quarter.

Budgets are integers of cents and may be blank (``None``): blank is not zero (see ``money.py``). The
report gives them per action plan, and per policy goal its own totals (rounded by the report, so they may
differ by a euro from the sum of its plans); a goal without its own figures shows the sum of its plans.
Percentages and remainders are computed, never stored. A task's ``status`` repeats the status of its
latest quarterly update and an action's ``status`` sums up its tasks'; both are kept by the services that
write updates, so lists count in SQL.
"""

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db
from participation.plan.money import BudgetFigures
from participation.plan.spreadsheet import Quarter, Status

STATUS_KEYS = tuple(status.value for status in Status)
_KNOWN_STATUS = "status IN ({})".format(", ".join(f"'{key}'" for key in STATUS_KEYS))


class PolicyGoal(db.Model):
    """A policy goal (beleidsdoelstelling, ``D03``) serving one SDG."""

    __tablename__ = "plan_policy_goals"
    __table_args__ = (CheckConstraint("sdg BETWEEN 1 AND 17", name="sdg_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    sdg: Mapped[int] = mapped_column(index=True)
    # The report's own totals of the goal; blank: the sum of its action plans.
    expenses_total: Mapped[int | None] = mapped_column(BigInteger)
    expenses_ordered: Mapped[int | None] = mapped_column(BigInteger)
    income_total: Mapped[int | None] = mapped_column(BigInteger)
    income_received: Mapped[int | None] = mapped_column(BigInteger)

    action_plans: Mapped[list["ActionPlan"]] = relationship(
        back_populates="goal", order_by="ActionPlan.code", cascade="all, delete-orphan"
    )


class ActionPlan(BudgetFigures, db.Model):
    """An action plan (actieplan, ``AP01``) of a policy goal, with its budget; every goal has its own AP01."""

    __tablename__ = "plan_action_plans"
    __table_args__ = (UniqueConstraint("goal_id", "code", name="uq_plan_action_plans_goal_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_policy_goals.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # How many tasks the report counts for the plan; it may count tasks it does not show.
    reported_tasks: Mapped[int | None]
    expenses_total: Mapped[int | None] = mapped_column(BigInteger)
    expenses_ordered: Mapped[int | None] = mapped_column(BigInteger)
    income_total: Mapped[int | None] = mapped_column(BigInteger)
    income_received: Mapped[int | None] = mapped_column(BigInteger)

    goal: Mapped[PolicyGoal] = relationship(back_populates="action_plans")

    @property
    def has_budget(self) -> bool:
        return any(
            amount is not None
            for amount in (self.expenses_total, self.expenses_ordered, self.income_total, self.income_received)
        )
    actions: Mapped[list["PlanAction"]] = relationship(back_populates="action_plan", order_by="PlanAction.code")

    @property
    def short_title(self) -> str:
        return self.label or self.title

    @property
    def shown_tasks(self) -> int:
        return sum(len(action.tasks) for action in self.actions)

    @property
    def counted_tasks(self) -> int:
        """The tasks the report counts for the plan (at least those it shows)."""
        return max(self.shown_tasks, self.reported_tasks or 0)

    @property
    def hidden_tasks(self) -> int:
        """Tasks the report counts but does not show: the plan here cannot hold them."""
        return self.counted_tasks - self.shown_tasks


class PlanAction(db.Model):
    """An action (actie, ``D10/AP01/04``): what the report's "Actie Omschrijving" says, with its tasks.

    Ideas and the councils' ambition points are linked to actions; their followers hear of every task.
    """

    __tablename__ = "plan_actions"
    __table_args__ = (
        CheckConstraint(f"status IS NULL OR {_KNOWN_STATUS}", name="known_status"),
        Index("ix_plan_actions_plan_code", "action_plan_id", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_plan_id: Mapped[int] = mapped_column(ForeignKey("plan_action_plans.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str | None] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    action_plan: Mapped[ActionPlan] = relationship(back_populates="actions")
    tasks: Mapped[list["PlanTask"]] = relationship(
        back_populates="action", order_by="PlanTask.position, PlanTask.id", cascade="all, delete-orphan"
    )
    # Every quarterly update of every task, newest first: the action's history.
    updates: Mapped[list["StatusUpdate"]] = relationship(
        back_populates="action",
        order_by=lambda: (StatusUpdate.year.desc(), StatusUpdate.quarter.desc(), StatusUpdate.task_id),
        viewonly=True,
    )
    targets: Mapped[list["PlanActionTarget"]] = relationship(
        back_populates="action", order_by="PlanActionTarget.target_code", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else ""

    @property
    def latest_update(self) -> "StatusUpdate | None":
        return self.updates[0] if self.updates else None


class PlanTask(db.Model):
    """A task of an action (taak): one line of the report, with the service that carries it when its title
    names one (``P&O``, ``G&I``, ``FAC``). Keyed on its action and title, as a re-import matches it."""

    __tablename__ = "plan_tasks"
    __table_args__ = (
        UniqueConstraint("action_id", "title", name="uq_plan_tasks_action_title"),
        CheckConstraint(f"status IS NULL OR {_KNOWN_STATUS}", name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    service: Mapped[str] = mapped_column(String(40), default="", server_default="")
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    status: Mapped[str | None] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    action: Mapped[PlanAction] = relationship(back_populates="tasks")
    updates: Mapped[list["StatusUpdate"]] = relationship(
        back_populates="task",
        order_by=lambda: (StatusUpdate.year.desc(), StatusUpdate.quarter.desc()),
        cascade="all, delete-orphan",
    )

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else ""

    @property
    def latest_update(self) -> "StatusUpdate | None":
        return self.updates[0] if self.updates else None

    @property
    def service_apart(self) -> str:
        """The service to show before the title: none when the title names it already."""
        return "" if not self.service or self.title.startswith(self.service) else self.service


class StatusUpdate(db.Model):
    """The status of a task in one quarter (``2023KW1``), with its explanation (toelichting). ``action_id``
    repeats the task's action, so an action's history is read in one query."""

    __tablename__ = "plan_status_updates"
    __table_args__ = (
        UniqueConstraint("task_id", "year", "quarter", name="uq_plan_status_updates_task_quarter"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_number"),
        CheckConstraint(_KNOWN_STATUS, name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("plan_tasks.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    quarter: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    task: Mapped[PlanTask] = relationship(back_populates="updates")
    action: Mapped[PlanAction] = relationship(back_populates="updates", viewonly=True)

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


class IdeaAction(db.Model):
    """An idea carried out by an action of the plan, linked by a moderator."""

    __tablename__ = "plan_idea_actions"
    __table_args__ = (UniqueConstraint("idea_id", "action_id", name="uq_plan_idea_actions_idea_action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"))
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), index=True)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    idea = relationship("Idea")
    action: Mapped[PlanAction] = relationship()
    linked_by = relationship("User")


class PlanActionTarget(db.Model):
    """An SDG target (``3.8``) an action works on; the code is checked against the SDG reference data."""

    __tablename__ = "plan_action_targets"

    action_id: Mapped[int] = mapped_column(ForeignKey("plan_actions.id", ondelete="CASCADE"), primary_key=True)
    target_code: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)

    action: Mapped[PlanAction] = relationship(back_populates="targets")
