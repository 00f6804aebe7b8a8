from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

STATUSES = (
    "submitted", "published", "hidden", "selected", "not_selected", "in_progress", "realised", "merged",
)
PUBLIC_STATUSES = ("published", "selected", "not_selected", "in_progress", "realised")


class Idea(db.Model):
    """An idea in a process. `vote_count` is kept by the votes feature with atomic updates, so lists
    can sort on it without counting. Its place is a deelgemeente (`district`) and, when the idea is about
    one, a wijk of that deelgemeente (`neighbourhood`); both empty means the whole city."""

    __tablename__ = "ideas"
    __table_args__ = (
        CheckConstraint(
            "status IN ({})".format(", ".join(f"'{s}'" for s in STATUSES)), name="known_status"
        ),
        CheckConstraint("vote_count >= 0", name="votes_not_negative"),
        CheckConstraint("(latitude IS NULL) = (longitude IS NULL)", name="point_whole"),
        Index("ix_ideas_process_status_created", "process_id", "status", "created_at"),
        Index("ix_ideas_process_votes", "process_id", "vote_count"),
        Index("ix_ideas_process_created_id", "process_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    # The body as its page shows it (Markdown rendered, then sanitised) and its words without marks, kept
    # as the body is written (`ideas.texts`); None until then for rows written around the ORM.
    body_html: Mapped[str | None] = mapped_column(Text)
    body_words: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(20), index=True)
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id", ondelete="SET NULL"), index=True)
    neighbourhood_id: Mapped[int | None] = mapped_column(
        ForeignKey("neighbourhoods.id", ondelete="SET NULL"), index=True
    )
    # The spot the idea is about, when it is about one: a point inside the city's bounds, and/or the
    # address in words (as a resident says it at the desk: "aan de bushalte in de Kortrijksestraat").
    latitude: Mapped[float | None] = mapped_column()
    longitude: Mapped[float | None] = mapped_column()
    address: Mapped[str | None] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    on_behalf_name: Mapped[str | None] = mapped_column(String(120))
    on_behalf_contact: Mapped[str | None] = mapped_column(String(200))
    on_behalf_consent: Mapped[bool] = mapped_column(default=False, server_default="0")
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    # The partner organisation the author proposed it for, when they came in through its invitation.
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id", ondelete="SET NULL"), index=True)
    vote_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    process = relationship("Process")
    district = relationship("District")
    neighbourhood = relationship("Neighbourhood")
    author = relationship("User", foreign_keys=[author_id])
    entered_by = relationship("User", foreign_keys=[entered_by_id])
    merged_into = relationship("Idea", remote_side=[id])
    meeting = relationship("Meeting")
    partner = relationship("Partner")
    history: Mapped[list["IdeaStatusChange"]] = relationship(
        back_populates="idea", order_by="IdeaStatusChange.created_at", cascade="all, delete-orphan"
    )
    images: Mapped[list["IdeaImage"]] = relationship(
        back_populates="idea", order_by="IdeaImage.position", cascade="all, delete-orphan"
    )

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def place(self) -> str | None:
        """Where the idea is about, as the city names it: "Stasegem (Harelbeke)", "Hulste", or None for
        the whole city."""
        if self.neighbourhood is not None:
            return self.neighbourhood.label
        return self.district.name if self.district is not None else None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def via_desk(self) -> bool:
        """Entered by an employee for a resident who came to the desk (not written in a session)."""
        return self.entered_by_id is not None and self.meeting_id is None

    @property
    def from_meeting(self) -> bool:
        """Written in the room during a session, typed in by its facilitator: it has no author."""
        return self.meeting_id is not None

    def __repr__(self) -> str:
        return f"<Idea {self.id} {self.status}>"


def tie_order(title, idea_id) -> tuple:
    """The order within the same number of votes, for any statement that lists ideas by their totals: the
    title whatever its case, then the number."""
    return func.lower(title), idea_id


def ranking_order() -> tuple:
    """Most votes first, then `tie_order`: the live ranking, the API and the "most votes" list, read from
    the index below."""
    return Idea.vote_count.desc(), *tie_order(Idea.title, Idea.id)


Index("ix_ideas_process_ranking", Idea.process_id, *ranking_order())
# The map asks whether a process has any idea with a point: a small index of just those ideas.
Index("ix_ideas_process_point", Idea.process_id, postgresql_where=text("latitude IS NOT NULL"),
      sqlite_where=text("latitude IS NOT NULL"))


class ProcessIdeaCount(db.Model):
    """How many ideas a process has in each status, kept as the ideas change (`ideas.counters`), so a
    list of ideas knows its length without counting the whole process."""

    __tablename__ = "process_idea_counts"
    __table_args__ = (CheckConstraint("ideas >= 0", name="ideas_not_negative"),)

    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    ideas: Mapped[int] = mapped_column(default=0, server_default="0")


class IdeaStatusChange(db.Model):
    """One step of an idea's road: dated, with who did it and why."""

    __tablename__ = "idea_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    idea: Mapped[Idea] = relationship(back_populates="history")
    author = relationship("User")


class ChapterKeep(db.Model):
    """After the staff round, the management team keeps an idea for one of the city's chapters, with a
    note; a moderator records it. An idea is kept for one chapter at most."""

    __tablename__ = "chapter_keeps"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapters.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    kept_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kept_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    idea: Mapped[Idea] = relationship()
    chapter = relationship("Chapter")
    kept_by = relationship("User")


class Follow(db.Model):
    """A person following an idea, told by mail when it moves."""

    __tablename__ = "follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    user = relationship("User")
    idea = relationship("Idea")


class IdeaTerm(db.Model):
    """The search index of an idea: one row per normalised, stemmed word of its title and text.

    Searching and finding similar ideas look words up here through the primary key, so a list of
    ten thousand ideas is searched without reading their texts.
    """

    __tablename__ = "idea_terms"

    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True, index=True)


class SimilarIdeas(db.Model):
    """The public ideas of the same process closest to an idea, computed when its words are written
    (`ideas.similar.store_similar`) and read back by the idea's id on its page.

    `found` is a list of {"id", "score", "terms"} (terms: the shared stems), best first. When a new
    idea finds an older one, it also enters the older one's list, so both pages show each other."""

    __tablename__ = "similar_ideas"

    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True)
    found: Mapped[list] = mapped_column(JSON, default=list)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())


class IdeaEdit(db.Model):
    """A correction a moderator made to someone's words: what it was, what it became, who and why."""

    __tablename__ = "idea_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    old_title: Mapped[str] = mapped_column(String(150))
    new_title: Mapped[str] = mapped_column(String(150))
    old_body: Mapped[str] = mapped_column(Text)
    new_body: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    editor = relationship("User")


class IdeaImage(db.Model):
    """A photo of an idea, as the platform made it from the upload (participation/images): a JPEG in
    two sizes without metadata, kept in the picture storage under `key` + size. The words that
    say what it shows (`alt_text`) are required: a blind resident hears them instead."""

    __tablename__ = "idea_images"
    __table_args__ = (UniqueConstraint("idea_id", "position", name="uq_idea_images_idea_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    alt_text: Mapped[str] = mapped_column(String(250))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    small_width: Mapped[int] = mapped_column()
    small_height: Mapped[int] = mapped_column()
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    idea: Mapped[Idea] = relationship(back_populates="images")

    def storage_key(self, size: str) -> str:
        return f"{self.key}-{size}"
