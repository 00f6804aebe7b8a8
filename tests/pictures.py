"""Pictures for tests, made with Pillow: a phone photo with GPS in its EXIF, a bomb, broken files."""

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825


def photo(width: int = 800, height: int = 600, fmt: str = "JPEG", colour=(40, 120, 60), gps: bool = True) -> bytes:
    """A photo as a phone makes it: with the camera's make and the place it was taken in its EXIF."""
    image = Image.new("RGBA" if fmt == "PNG" else "RGB", (width, height), colour)
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 51.0, 24.0), 3: "E", 4: (3.0, 18.0, 36.0)})
    image.save(out, fmt, exif=exif.tobytes()) if fmt != "PNG" else image.save(out, fmt)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG that says it is 2,5 billion pixels: decoding it would take gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b"")


def broken_jpeg() -> bytes:
    return photo()[:300]


def upload(data: bytes, name: str = "foto.jpg"):
    return (io.BytesIO(data), name)
