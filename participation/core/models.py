"""The city running the platform: its name and face, its deelgemeenten (districts) and their wijken
(neighbourhoods) are data, loaded at set-up."""

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
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

    # The box the city lies in (city data): a point of an idea must fall inside it; the map starts on it.
    map_south: Mapped[float | None] = mapped_column()
    map_west: Mapped[float | None] = mapped_column()
    map_north: Mapped[float | None] = mapped_column()
    map_east: Mapped[float | None] = mapped_column()

    @property
    def map_bounds(self) -> tuple[float, float, float, float] | None:
        """(south, west, north, east), or None when the city's data gives no box."""
        box = (self.map_south, self.map_west, self.map_north, self.map_east)
        return None if any(value is None for value in box) else box

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
