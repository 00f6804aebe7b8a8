"""A partner is an organisation the city names in its plan and notes: W13, Leiedal, IMOG, DYZO …

Partners are city data: a municipality keeps its own list (name, short description, site), loaded from
a file like its chapters and plan. Only what the city's documents say goes in; a site stays empty
unless it is known. A plan task that names a partner ("GBO realiseren ism W13") is linked to it.
"""

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.extensions import db

NAMED_IN = ("task", "explanation")


class Partner(db.Model):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    site: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    # The words a plan text names the partner by ("W13", "Vives Hogeschool"); none: never recognised.
    aliases: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    def __repr__(self) -> str:
        return f"<Partner {self.slug}>"


class TaskPartner(db.Model):
    """A plan task that names a partner: in the task or its action (``task``), or only in a quarterly
    explanation (``explanation``). Made again from the texts whenever the plan or the partners change."""

    __tablename__ = "plan_task_partners"
    __table_args__ = (CheckConstraint("named_in IN ('task', 'explanation')", name="named_in_place"),)

    task_id: Mapped[int] = mapped_column(ForeignKey("plan_tasks.id", ondelete="CASCADE"), primary_key=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partners.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    named_in: Mapped[str] = mapped_column(String(12), default="task")

    partner: Mapped[Partner] = relationship()
    task = relationship("PlanTask")
