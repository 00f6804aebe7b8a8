"""The city's face: colours, contact, footer text, logo, favicon and the picture shown when a page is shared.

It is city data, in the `face/` folder beside `city.json` (see the README there); another city
changes that folder, not the code. Loading refuses colours that would break WCAG AA contrast and
SVG files that could run code, so what a city ships cannot make the platform unreadable or unsafe.
"""

import hashlib
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from participation.core.colours import AA_GRAPHIC, AA_TEXT, WHITE, contrast
from participation.core.models import City

# The platform's own look when a city gives no colours (static/css/site.css uses the same).
DEFAULT_COLOURS = {"primary": "#00567A", "primary_dark": "#003B54", "accent": "#B3411B"}
SOFT = "#F3F6F8"  # the light background of notices and boxes, where links also appear
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
SVG = "{http://www.w3.org/2000/svg}"
UNSAFE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "audio", "video"}
SHARE_IMAGE_MAX = 1_000_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class FaceError(ValueError):
    """The face folder has something the platform cannot show safely or readably."""


def colour_problems(colours: dict[str, str]) -> list[str]:
    """What keeps these colours from WCAG AA: white text on primary and on primary_dark (header,
    menu, buttons), primary as link colour on white and on the soft boxes, accent as a border."""
    problems = [f"{name} must be a colour like #00567A, not {colours.get(name)!r}"
                for name in DEFAULT_COLOURS if not HEX.match(colours.get(name) or "")]
    if problems:
        return problems
    pairs = [
        ("primary", WHITE, AA_TEXT, "white text"),
        ("primary", SOFT, AA_TEXT, "the light boxes"),
        ("primary_dark", WHITE, AA_TEXT, "white text"),
        ("accent", WHITE, AA_GRAPHIC, "white"),
    ]
    for name, other, needed, against in pairs:
        ratio = contrast(colours[name], other)
        if ratio < needed:
            problems.append(f"{name} {colours[name]} against {against}: {ratio:.2f}:1, needs {needed}:1")
    return problems


def svg_problems(text: str) -> list[str]:
    """An SVG the city ships is shown as an image; refuse anything that could run or fetch something."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return ["no DOCTYPE or entities"]
    if root.tag != f"{SVG}svg":
        return ["the root element must be <svg> in the SVG namespace"]
    if not root.get("viewBox"):
        return ["the <svg> needs a viewBox, so it scales"]
    problems = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in UNSAFE_ELEMENTS:
            problems.append(f"<{name}> is not allowed")
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                problems.append(f"event attribute {local} is not allowed")
            if local == "href" and not value.startswith("#"):
                problems.append(f"link to {value!r} is not allowed (only #fragments)")
    return problems


def read_face(folder: Path) -> dict:
    """Everything in a face folder, checked; FaceError names each problem."""
    data = json.loads((folder / "face.json").read_text(encoding="utf-8"))
    colours = {name: (data.get("colours") or {}).get(name, "") for name in DEFAULT_COLOURS}
    problems = [f"colours: {p}" for p in colour_problems(colours)]
    svgs = {}
    for name in ("logo", "favicon"):
        path = folder / f"{name}.svg"
        if path.exists():
            svgs[name] = path.read_text(encoding="utf-8")
            problems += [f"{name}.svg: {p}" for p in svg_problems(svgs[name])]
    share = folder / "share.png"
    share_image = share.read_bytes() if share.exists() else None
    if share_image is not None and (not share_image.startswith(PNG_SIGNATURE) or len(share_image) > SHARE_IMAGE_MAX):
        problems.append("share.png must be a PNG of at most 1 MB")
    if problems:
        raise FaceError(f"The face in {folder} cannot be used: " + "; ".join(problems))
    contact = data.get("contact") or {}
    return {
        "language": data.get("language", "nl"),
        "colour_primary": colours["primary"].upper(),
        "colour_primary_dark": colours["primary_dark"].upper(),
        "colour_accent": colours["accent"].upper(),
        "contact_address": contact.get("address"),
        "contact_phone": contact.get("phone"),
        "contact_email": contact.get("email"),
        "footer_text": data.get("footer"),
        "logo_svg": svgs.get("logo"),
        "favicon_svg": svgs.get("favicon"),
        "share_image": share_image,
    }


def face_stamp(face: dict) -> str:
    """A short fingerprint of the face, in its asset URLs, so browsers may keep them and still see a change."""
    digest = hashlib.sha256()
    for key in sorted(face):
        value = face[key]
        digest.update(key.encode())
        digest.update(value if isinstance(value, bytes) else str(value).encode("utf-8"))
    return digest.hexdigest()[:16]


def apply_face(city: City, folder: Path) -> bool:
    """Put the face of `folder` on the city; a city without a face folder keeps the platform's look."""
    if not (folder / "face.json").exists():
        return False
    face = read_face(folder)
    for key, value in face.items():
        setattr(city, key, value)
    city.face_stamp = face_stamp(face)
    return True


def colours_of(city: City | None) -> dict[str, str]:
    """The colours a page uses: the city's, or the platform's own."""
    if city is None or not city.colour_primary:
        return dict(DEFAULT_COLOURS)
    return {"primary": city.colour_primary, "primary_dark": city.colour_primary_dark,
            "accent": city.colour_accent}


def stylesheet(colours: dict[str, str]) -> str:
    """The city's colours as the custom properties static/css/site.css is built on."""
    return (
        ":root {\n"
        f"  --brand: {colours['primary']};\n"
        f"  --brand-dark: {colours['primary_dark']};\n"
        f"  --accent: {colours['accent']};\n"
        "}\n"
    )
