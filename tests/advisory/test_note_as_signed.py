"""The Ambitienota 2024 stays as the ten councils signed it.

Three comparisons, each strict: the note's data (``ambitienota_2024.json``) against the councils' own text
(``data/ambitienota_2024_seed.txt``, the seed as extracted from their PDF), the database the demo loads
against the note's data, and the page and the PDF against the note's data. The page and the PDF may hold the
note's words and the few headings the note itself has (INLEIDING, CONCREET, CONCLUSIE …), nothing else.
What the city adds, such as its SDG links, stands apart in a block that says it is the city's.
"""

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from participation.advisory.models import CouncilRound
from participation.extensions import db

HERE = Path(__file__).resolve().parent
SEED = HERE / "data" / "ambitienota_2024_seed.txt"
DATA = HERE.parents[1] / "participation" / "demo" / "harelbeke" / "ambitienota_2024.json"
NOTE = "/adviesraden/rondes/ambitienota-2024/ambitienota"

# The note's own headings, as the page writes them in Dutch; each is a word of the note itself.
HEADINGS = ["Een samenwerking tussen:", "Inleiding", "CONCREET", "Conclusie", "Onderschreven door", "Harelbeke"]
NEVER_WRITTEN = "De adviesraden vragen de stad om werk te maken van deze ambities"
# What may stay when the note's words and headings are taken away: list bullets, numbers of the points
# ("1."), page numbers ("3 / 8") and the separators of the councils' names on the cover.
LEFTOVER = re.compile(r"•|\d{1,2}\.?|/|-")


def flat(text: str) -> str:
    """One line with single spaces; a word broken over two lines at a hyphen is one word again."""
    return " ".join(re.sub(r"-\s*\n\s*", "-", text).split())


def loose(text: str, flags: int = 0) -> re.Pattern:
    """The text, letter for letter, with any white space allowed between two letters: a PDF's text layer
    breaks lines and may split a kerned word ("T oegankelijk"), but never changes or adds a letter."""
    letters = [re.escape(char) for char in text if not char.isspace()]
    return re.compile(r"\s*".join(letters), flags)


def pdf_text(data: bytes) -> str:
    """The PDF's text layer without what the layout adds: list markers and page numbers ("3 / 8"), which
    the text layer puts after each page's text and so inside a sentence that runs on to the next page."""
    marks = re.compile(r"\s*(•|\d{1,2}\.|\d+ / \d+)?\s*")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return "\n".join(line for page in pages for line in page.splitlines() if not marks.fullmatch(line))


def note_data(note: dict) -> list[str]:
    """Every string of the note's data that a reader sees, longest first."""
    texts = [note["title"], str(note["year"]), *note["introduction"], *(c["name"] for c in note["councils"])]
    for point in note["ambition_points"]:
        texts += [point["title"], point["vision"]]
        for section in point["sub_themes"]:
            texts += ([section["title"]] if section["title"] else []) + section["recommendations"]
    texts += [line["text"] for line in note["conclusion"]]
    return sorted(set(texts), key=len, reverse=True)


def leftover(text: str, pieces: list[str], headings: list[str]) -> list[str]:
    """What remains of ``text`` once every piece and heading is taken out; fails when one is missing from it.

    The note's words must match letter for letter; a heading may be set in capitals by the layout."""
    pieces = pieces + headings
    patterns = [loose(piece) for piece in pieces[:-len(headings)]] + [loose(h, re.IGNORECASE) for h in headings]
    for piece, pattern in zip(pieces, patterns, strict=True):
        assert pattern.search(text), f"missing, or not word for word: {piece!r}"
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return [token for token in text.split() if not LEFTOVER.fullmatch(token)]


class Sections(HTMLParser):
    """The text of the elements with a given class, and of everything else on the page, apart."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}

    def __init__(self, classes: tuple[str, ...]):
        super().__init__()
        self.classes = classes
        self.stack: list[str | None] = []
        self.text: dict[str, list[str]] = {name: [] for name in (*classes, "rest")}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        names = (dict(attrs).get("class") or "").split()
        self.stack.append(next((c for c in self.classes if c in names), None))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        inside = next((name for name in reversed(self.stack) if name), "rest")
        self.text[inside].append(data)

    def of(self, name: str) -> str:
        return " ".join(" ".join(self.text[name]).split())


def page_sections(html: str) -> Sections:
    parser = Sections(("note", "city-block"))
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def note() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture
def demo(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_the_note_data_is_the_councils_text_word_for_word_and_all_of_it(note):
    seed = flat(SEED.read_text(encoding="utf-8"))
    rest = leftover(seed, note_data(note), ["Een samenwerking tussen:", "INLEIDING", "CONCREET", "CONCLUSIE"])
    assert rest == [], f"the seed has words the note's data lacks: {rest}"
    assert all(heading.lower() in seed.lower() for heading in HEADINGS), "every heading is a word of the note"
    assert "sdg" not in json.dumps(note).lower(), "the councils' note names no SDG: its data holds none"


def test_the_demo_loads_the_note_data_unchanged(demo, note):
    round_ = db.session.scalar(db.select(CouncilRound).where(CouncilRound.slug == "ambitienota-2024"))
    assert round_.introduction.split("\n\n") == note["introduction"]
    loaded = [
        (p.number, p.title, p.vision, [(s.title, [r.text for r in s.recommendations]) for s in p.sub_themes],
         p.conclusion)
        for p in round_.points
    ]
    conclusion = {line["number"]: line["text"] for line in note["conclusion"]}
    assert loaded == [
        (p["number"], p["title"], p["vision"], [(s["title"], s["recommendations"]) for s in p["sub_themes"]],
         conclusion[p["number"]])
        for p in note["ambition_points"]
    ]


def test_the_page_shows_the_note_data_and_no_sentence_beyond_it(demo, client, note):
    html = client.get(NOTE).get_data(as_text=True)
    sections = page_sections(html)
    rest = leftover(sections.of("note"), note_data(note), HEADINGS)
    assert rest == [], f"the page's note has words the councils did not write: {rest}"
    assert NEVER_WRITTEN not in html
    titles = [point["title"] for point in note["ambition_points"]]
    positions = [sections.of("note").index(title) for title in titles]
    assert positions == sorted(positions), "the nine points in the note's order"


def test_the_pdf_prints_the_note_data_and_no_sentence_beyond_it(demo, client, note):
    response = client.get(NOTE + ".pdf")
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    rest = leftover(flat(text), note_data(note), HEADINGS)
    assert rest == [], f"the PDF has words the councils did not write: {rest}"
    assert "16.2" not in text and NEVER_WRITTEN not in flat(text)


def test_the_city_links_stand_apart_labelled_as_the_citys_in_numeric_order(demo, client):
    sections = page_sections(client.get(NOTE).get_data(as_text=True))
    city = sections.of("city-block")
    assert city.startswith("Wat de stad met de punten doet")
    assert "Dit deel schrijft de stad Harelbeke, niet de adviesraden." in city
    point_4 = city.split("4. Kindvriendelijk Harelbeke")[1].split("5. Betrokken Harelbeke")[0]
    assert point_4.index("4.2") < point_4.index("16.2"), "targets in numeric order, not as text"
    assert "SDG" not in sections.of("note") and "16.2" not in sections.of("note")


def test_targets_read_in_numeric_order_everywhere(demo, client, admin_client):
    points = client.get("/api/v1/ambition-points?per_page=20").get_json()["data"]
    assert next(p for p in points if p["number"] == 4)["sdg_targets"] == ["4.2", "16.2"]
    assert next(p for p in points if p["number"] == 9)["sdg_targets"] == ["16.6", "16.10"]
    assert next(p for p in points if p["number"] == 6)["sdg_targets"] == ["9.c", "10.2"]
