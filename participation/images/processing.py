"""A picture someone uploads, checked by what it is and not by its name, and made safe to show.

Only JPEG, PNG and WebP are read, each file at most `max_bytes`, with at most `MAX_PIXELS` pixels (a
small file that unpacks into a gigantic image, a decompression bomb, is refused before it is decoded).
What is kept is a new JPEG in two sizes, turned the way the camera held it, without EXIF (so
without the GPS position of the phone), without comments or other metadata.
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
MAX_PIXELS = 40_000_000  # a 40 megapixel photo is larger than any phone takes
SIZES = {"large": 1600, "small": 480}  # the longest side in pixels: the idea page, and the cards
QUALITY = 82


class PictureError(ValueError):
    """Why a picture cannot be used; `reason` is one of: empty, too_large, not_a_picture, too_many_pixels."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Rendition:
    data: bytes
    width: int
    height: int


@dataclass
class Picture:
    """The safe versions of one upload, by size name."""

    renditions: dict[str, Rendition]


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: a transparent PNG keeps its look as a JPEG."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, longest: int) -> Rendition:
    copy = image.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)  # no exif= : nothing carried over
    return Rendition(out.getvalue(), copy.width, copy.height)


def read_picture(data: bytes, max_bytes: int) -> Picture:
    if not data:
        raise PictureError("empty")
    if len(data) > max_bytes:
        raise PictureError("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as opened:
                width, height = opened.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    raise PictureError("too_many_pixels")
                opened.seek(0)  # an animated image: its first frame
                opened.load()
                image = _flatten(ImageOps.exif_transpose(opened))
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError("too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PictureError("not_a_picture") from None
    return Picture({name: _encode(image, longest) for name, longest in SIZES.items()})
