"""The city running the platform: its name, face and districts are data, loaded at set-up."""

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from participation.extensions import db


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
    __tablename__ = "districts"

    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    postcode: Mapped[str | None] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)

    city: Mapped[City] = relationship(back_populates="districts")
