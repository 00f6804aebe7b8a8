"""The city running the platform: its name and face, its deelgemeenten (districts) and their wijken
(neighbourhoods), its chapters and its vision notes are data, loaded at set-up."""

from sqlalchemy import JSON, CheckConstraint, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from participation.extensions import db


def district_label(name: str, postcode: str | None) -> str:
    """A deelgemeente as residents know it: "Bavikhove (8531)"."""
    return f"{name} ({postcode})" if postcode else name


def neighbourhood_label(name: str, district_name: str) -> str:
    """A wijk as the city names it, with its deelgemeente: "Stasegem (Harelbeke)"."""
    return f"{name} ({district_name})"


class City(db.Model):
    __tablename__ = "cities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    tagline: Mapped[str | None] = mapped_column(String(255))
    website: Mapped[str | None] = mapped_column(String(255))

    # The city's face (participation/core/face.py): colours, contact, footer, logo and icons.
    language: Mapped[str] = mapped_column(String(8), default="nl", server_default="nl")
    colour_primary: Mapped[str | None] = mapped_column(String(7))
    colour_primary_dark: Mapped[str | None] = mapped_column(String(7))
    colour_accent: Mapped[str | None] = mapped_column(String(7))
    contact_address: Mapped[str | None] = mapped_column(String(255))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    footer_text: Mapped[str | None] = mapped_column(Text)
    logo_svg: Mapped[str | None] = mapped_column(Text, deferred=True)
    favicon_svg: Mapped[str | None] = mapped_column(Text, deferred=True)
    share_image: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    face_stamp: Mapped[str | None] = mapped_column(String(16))
    # Whether the files are there, read with the city without reading the files themselves.
    has_logo: Mapped[bool] = column_property(logo_svg.column.is_not(None))
    has_share_image: Mapped[bool] = column_property(share_image.column.is_not(None))

    districts: Mapped[list["District"]] = relationship(
        back_populates="city", order_by="District.position", cascade="all, delete-orphan"
    )


class District(db.Model):
    """A deelgemeente with its postcode (Harelbeke 8530, Bavikhove 8531, Hulste 8531)."""

    __tablename__ = "districts"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    postcode: Mapped[str | None] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)

    city: Mapped[City] = relationship(back_populates="districts")
    neighbourhoods: Mapped[list["Neighbourhood"]] = relationship(
        back_populates="district", order_by="Neighbourhood.position", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        return district_label(self.name, self.postcode)


class Neighbourhood(db.Model):
    """A wijk of a deelgemeente, as the city names it (Stasegem, het Eiland and het Ooste lie in Harelbeke,
    8530). It has no postcode of its own: it shares its deelgemeente's."""

    __tablename__ = "neighbourhoods"
    __table_args__ = (UniqueConstraint("district_id", "name", name="uq_neighbourhoods_district_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    district: Mapped[District] = relationship(back_populates="neighbourhoods")

    @property
    def label(self) -> str:
        """How the city names the place: "Stasegem (Harelbeke)"."""
        return neighbourhood_label(self.name, self.district.name)


class Chapter(db.Model):
    """One of the city's chapters (pijlers) that group the SDGs: Harelbeke's People, Prosperity, Planet,
    Public Services and Partnerships; another city may keep the UN's five Ps. Names and texts are kept per
    language as the city gives them ({"nl": "People"}); see participation/core/chapters.py."""

    __tablename__ = "chapters"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(20), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    names: Mapped[dict] = mapped_column(JSON)
    texts: Mapped[dict] = mapped_column(JSON, default=dict)

    goals: Mapped[list["ChapterGoal"]] = relationship(
        back_populates="chapter", order_by="ChapterGoal.goal_number", cascade="all, delete-orphan", lazy="selectin"
    )


class ChapterGoal(db.Model):
    """An SDG in a chapter: the goal is the key, so no goal sits in two chapters."""

    __tablename__ = "chapter_goals"
    __table_args__ = (CheckConstraint("goal_number BETWEEN 1 AND 17", name="known_goal"),)

    goal_number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapters.id", ondelete="CASCADE"), index=True)

    chapter: Mapped[Chapter] = relationship(back_populates="goals")


class VisionNote(db.Model):
    """A note the city wrote from a process (the Inspiratienota 2040 from the staff idea round), chapter by
    chapter, as the city published it. Its text is the city's public vision; the process's ideas are not."""

    __tablename__ = "vision_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="SET NULL"), unique=True)
    content: Mapped[dict] = mapped_column(JSON)
