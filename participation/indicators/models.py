"""An indicator tells how the city stands on an SDG: a named series of yearly values, measured or projected.

Values are decimals as the source gives them (35,95 %); a projection is kept apart from a measurement so
that charts draw it dashed and sentences say "prognose". The Flemish average is optional, per year.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

BETTER = ("higher", "lower", "none")
KINDS = ("measured", "projected")


class Indicator(db.Model):
    __tablename__ = "indicators"
    __table_args__ = (CheckConstraint("better IN ('higher', 'lower', 'none')", name="better_direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    goal_number: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"), index=True)
    target_code: Mapped[str | None] = mapped_column(ForeignKey("sdg_targets.code", ondelete="SET NULL"))
    better: Mapped[str] = mapped_column(String(10), default="none")
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    values: Mapped[list["IndicatorValue"]] = relationship(
        back_populates="indicator", order_by="IndicatorValue.year", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Indicator {self.code}>"


class IndicatorValue(db.Model):
    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("indicator_id", "year", name="uq_indicator_values_year"),
        CheckConstraint("kind IN ('measured', 'projected')", name="value_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    year: Mapped[int]
    value: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    kind: Mapped[str] = mapped_column(String(10), default="measured")
    flemish_average: Mapped[Decimal | None] = mapped_column(Numeric(14, 4))
    note: Mapped[str] = mapped_column(String(200), default="")

    indicator: Mapped[Indicator] = relationship(back_populates="values")

    @property
    def is_projected(self) -> bool:
        return self.kind == "projected"
