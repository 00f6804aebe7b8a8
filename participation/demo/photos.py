"""Photos for the demo ideas, drawn with Pillow when the demo loads (nothing is downloaded): a plain
picture of the scene an idea speaks of, so the cards, the idea pages and the shared links show one."""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800
SKY, GRASS, STONE, WOOD, LEAVES, TRUNK = "#8EC5E8", "#6AA84F", "#B7B2A8", "#8B5A2B", "#2E7D32", "#5D4037"


def _ground(draw: ImageDraw.ImageDraw, colour: str, horizon: int = 480) -> None:
    for y in range(horizon):  # a sky that lightens towards the horizon
        shade = int(40 * y / horizon)
        draw.line([(0, y), (WIDTH, y)], fill=(142 + shade // 2, 197 + shade // 4, 232))
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=colour)


def _tree(draw: ImageDraw.ImageDraw, x: int, base: int, size: int) -> None:
    draw.rectangle([x - size // 10, base - size, x + size // 10, base], fill=TRUNK)
    draw.ellipse([x - size // 2, base - size * 2, x + size // 2, base - size * 3 // 4], fill=LEAVES)


def _bench(draw: ImageDraw.ImageDraw) -> None:
    _ground(draw, STONE)
    rng = random.Random(7)
    for _ in range(300):  # kasseien
        x, y = rng.randrange(0, WIDTH), rng.randrange(490, HEIGHT)
        draw.ellipse([x, y, x + 34, y + 18], outline="#8F8A80", width=2)
    draw.rectangle([380, 520, 820, 550], fill=WOOD)
    draw.rectangle([380, 440, 820, 470], fill=WOOD)
    for x in (400, 780):
        draw.rectangle([x, 550, x + 20, 640], fill="#333333")


def _trees(draw: ImageDraw.ImageDraw) -> None:
    _ground(draw, "#C9C2B5")
    _tree(draw, 380, 620, 160)
    _tree(draw, 820, 600, 140)
    draw.rectangle([100, 640, 1100, 660], fill="#FFFFFF")  # the lines of a playground


def _shade(draw: ImageDraw.ImageDraw) -> None:
    _ground(draw, GRASS)
    draw.ellipse([250, 560, 950, 720], fill="#3F6E2F")
    _tree(draw, 600, 640, 260)


def _playground(draw: ImageDraw.ImageDraw) -> None:
    _ground(draw, GRASS, horizon=420)
    _tree(draw, 200, 520, 150)
    _tree(draw, 1000, 500, 130)
    draw.polygon([(520, 300), (640, 200), (760, 300)], fill="#9E9E9E")  # the church roof behind
    draw.rectangle([540, 300, 740, 420], fill="#BDBDBD")


SCENES = {"bench": _bench, "trees": _trees, "shade": _shade, "playground": _playground}


def demo_photo(scene: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), SKY)
    SCENES[scene](ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
