"""A partner is an organisation the city names in its plan and notes: W13, Leiedal, IMOG, DYZO …

Partners are city data: a municipality keeps its own list (name, short description, site), loaded from
a file like its chapters and plan. Only what the city's documents say goes in; a site stays empty
unless it is known.
"""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from participation.extensions import db


class Partner(db.Model):
    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    site: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Partner {self.slug}>"
