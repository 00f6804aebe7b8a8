"""The photos of an idea: adding them (checked all first, stored after), removing them with the idea
or when their author leaves, and finding them for the pages.

Files are written only once every upload of a form has passed, and removed after the transaction
that removed their rows has committed, so a refusal or a rollback leaves no stray file and no row
without its file. `participation images prune` removes files whose rows went another way (a
process deleted in the database).
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from participation.extensions import db
from participation.ideas.models import Idea, IdeaImage
from participation.images.processing import SIZES, Picture, PictureError, read_picture
from participation.images.storage import new_key, storage
from participation.serving import public_url

MB = 1024 * 1024
ALT_MAX = 250


class ImageError(ValueError):
    """A refusal about one upload slot of the form (`field`), in words for the person."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class Upload:
    data: bytes
    alt_text: str
    field: str = ""  # the form field it came from, so a refusal is shown next to it


@dataclass
class CheckedUpload:
    picture: Picture
    alt_text: str


def images_per_idea() -> int:
    return current_app.config["IMAGES_PER_IDEA"]


def max_bytes() -> int:
    return current_app.config["IMAGE_MAX_MB"] * MB


def refusal(reason: str) -> str:
    messages = {
        "empty": _("This file is empty. Choose a photo."),
        "too_large": _("This photo is larger than %(mb)d MB. Choose a smaller photo.",
                       mb=current_app.config["IMAGE_MAX_MB"]),
        "not_a_picture": _("This file is not a photo we can read. Choose a JPEG, PNG or WebP photo."),
        "too_many_pixels": _("This photo has too many pixels. Choose a smaller photo."),
    }
    return messages[reason]


def check_uploads(uploads: list[Upload], already: int = 0) -> list[CheckedUpload]:
    """Every upload read and made safe, or an ImageError about the first one that cannot be used."""
    if already + len(uploads) > images_per_idea():
        raise ImageError(_("An idea has at most %(n)d photos.", n=images_per_idea()))
    checked = []
    for upload in uploads:
        alt = " ".join((upload.alt_text or "").split())
        try:
            picture = read_picture(upload.data, max_bytes())
        except PictureError as error:
            raise ImageError(refusal(error.reason), upload.field) from None
        if not alt:
            raise ImageError(_("Say in a few words what the photo shows, for people who cannot see it."),
                             upload.field)
        if len(alt) > ALT_MAX:
            raise ImageError(_("Keep the description of the photo under %(n)d characters.", n=ALT_MAX), upload.field)
        checked.append(CheckedUpload(picture, alt))
    return checked


def attach_images(idea: Idea, checked: list[CheckedUpload], uploader) -> list[IdeaImage]:
    """Store checked photos with the idea, after the ones it has. The caller commits."""
    if not checked:
        return []
    position = db.session.scalar(select(func.max(IdeaImage.position)).where(IdeaImage.idea_id == idea.id))
    position = -1 if position is None else position
    added = []
    for item in checked:
        position += 1
        large, small = item.picture.renditions["large"], item.picture.renditions["small"]
        image = IdeaImage(idea_id=idea.id, position=position, key=new_key(), alt_text=item.alt_text,
                          width=large.width, height=large.height, small_width=small.width,
                          small_height=small.height, uploaded_by_id=getattr(uploader, "id", None))
        for size, rendition in item.picture.renditions.items():
            storage().save(image.storage_key(size), rendition.data)
        _written(image)
        db.session.add(image)
        added.append(image)
    db.session.flush()
    return added


def remove_image(image: IdeaImage) -> None:
    """The row goes now; the files go when the transaction commits."""
    db.session.delete(image)


def remove_images_of_author(user) -> None:
    """On account deletion: the photos of the person's ideas go (the ideas stay, without a name)."""
    for image in db.session.scalars(
        select(IdeaImage).join(Idea, IdeaImage.idea_id == Idea.id).where(Idea.author_id == user.id)
    ):
        db.session.delete(image)
    db.session.flush()


def personal_images(user) -> list[dict]:
    rows = db.session.execute(
        select(IdeaImage.idea_id, IdeaImage.id, IdeaImage.alt_text, IdeaImage.created_at)
        .join(Idea, IdeaImage.idea_id == Idea.id).where(Idea.author_id == user.id)
        .order_by(IdeaImage.idea_id, IdeaImage.position)
    ).all()
    return [{"idea_id": idea_id, "photo": public_url("ideas.image", idea_id=idea_id, image_id=image_id, size="large"),
             "description": alt, "added_at": created.isoformat(timespec="seconds")}
            for idea_id, image_id, alt, created in rows]


def images_of(idea: Idea) -> list[IdeaImage]:
    return list(db.session.scalars(select(IdeaImage).where(IdeaImage.idea_id == idea.id).order_by(IdeaImage.position)))


def image_of(idea: Idea, image_id: int) -> IdeaImage | None:
    return db.session.scalar(select(IdeaImage).where(IdeaImage.id == image_id, IdeaImage.idea_id == idea.id))


def share_picture(idea: Idea, photos: list[IdeaImage]) -> dict | None:
    """The first photo as the picture a shared link shows (og:image), with its size and description."""
    if not photos:
        return None
    first = photos[0]
    return {"url": public_url("ideas.image", idea_id=idea.id, image_id=first.id, size="large"),
            "width": first.width, "height": first.height, "alt": first.alt_text}


def picture_bytes(image: IdeaImage, size: str) -> bytes | None:
    return storage().read(image.storage_key(size)) if size in SIZES else None


def prune_files() -> int:
    """Remove stored files that no image row names any more; returns how many."""
    known = {f"{key}-{size}" for key in db.session.scalars(select(IdeaImage.key)) for size in SIZES}
    store = storage()
    gone = [key for key in store.keys() if key not in known]
    for key in gone:
        store.delete(key)
    return len(gone)


# -- files follow their rows: written files are removed on rollback, removed rows' files on commit --

def _pending(session: Session) -> dict:
    return session.info.setdefault("idea_image_files", {"written": [], "removed": []})


def _written(image: IdeaImage) -> None:
    _pending(db.session())["written"].extend(image.storage_key(size) for size in SIZES)


@event.listens_for(Session, "after_flush")
def _note_removed(session: Session, _context) -> None:
    for instance in session.deleted:
        if isinstance(instance, IdeaImage):
            _pending(session)["removed"].extend(instance.storage_key(size) for size in SIZES)


@event.listens_for(Session, "after_commit")
def _delete_removed_files(session: Session) -> None:
    pending = session.info.pop("idea_image_files", None)
    if pending and pending["removed"]:
        store = storage()
        for key in pending["removed"]:
            store.delete(key)


@event.listens_for(Session, "after_rollback")
def _delete_unsaved_files(session: Session) -> None:
    pending = session.info.pop("idea_image_files", None)
    if pending and pending["written"]:
        store = storage()
        for key in pending["written"]:
            store.delete(key)
