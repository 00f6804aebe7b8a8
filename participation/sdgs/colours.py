"""Readable text on the UN colours: white or dark text, whichever reaches WCAG AA (4.5:1)."""

DARK = "#1A1A1A"
WHITE = "#FFFFFF"
AA = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


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
