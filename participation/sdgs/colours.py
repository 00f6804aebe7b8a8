"""Readable text on the UN colours: white or dark text, whichever reaches WCAG AA (4.5:1)."""

from participation.core.colours import AA_TEXT as AA
from participation.core.colours import WHITE, contrast

DARK = "#1A1A1A"


def darkened(colour: str, factor: float) -> str:
    colour = colour.lstrip("#")
    parts = [round(int(colour[i : i + 2], 16) * factor) for i in (0, 2, 4)]
    return "#" + "".join(f"{p:02X}" for p in parts)


def tile_colours(colour: str) -> tuple[str, str]:
    """(background, text) for a goal's tile: the UN colour with white or dark text, whichever
    contrasts more; when neither reaches AA, the colour is darkened just enough for white."""
    colour = colour.upper()
    text = WHITE if contrast(colour, WHITE) >= contrast(colour, DARK) else DARK
    background = colour
    factor = 1.0
    while contrast(background, text) < AA and factor > 0.3:
        factor -= 0.02
        background = darkened(colour, factor)
    return background, text
