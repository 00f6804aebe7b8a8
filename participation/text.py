"""Rich text as people write it: a little Markdown, shown as safe HTML.

Texts are stored as typed. On the way out, markdown-it renders the marks the form promises (bold,
italics, lists, links, quotes), keeps paragraphs and line breaks, and the one sanitiser in
security.py makes the result safe. Raw HTML passes through markdown-it to that sanitiser, so texts
written as HTML by earlier versions (and the demo data) still show as they did: one renderer reads
both, no migration rewrites what people wrote.

An idea keeps its body rendered (`ideas.texts`): a change to how texts render here ships with a
migration that empties `ideas.body_html` and `ideas.body_words`, so that they render again.
"""

import html
import re
import unicodedata
from functools import lru_cache

from flask import Flask
from markdown_it import MarkdownIt
from markupsafe import Markup
from wtforms.validators import DataRequired, StopValidation

from participation.security import plain_text, sanitize_html

MARKS = ["emphasis", "list", "link", "autolink", "blockquote", "newline", "escape", "entity",
         "html_block", "html_inline"]
RENDERED_KEPT = 2048  # texts kept rendered per process: a few MB at most
_markdown = MarkdownIt("zero", {"html": True, "breaks": True}).enable(MARKS)


def render_rich_text(source: str | None) -> Markup:
    """The HTML of a text as a page shows it: Markdown rendered, then sanitised."""
    if not source or not source.strip():
        return Markup("")
    return _rendered(source)


@lru_cache(maxsize=RENDERED_KEPT)
def _rendered(source: str) -> Markup:
    """The same text always renders the same, and rendering (markdown-it, then bleach's parser twice)
    costs about a millisecond: a list of twenty ideas in the API spent most of its time here. The
    last texts rendered are kept, each by its whole source, so an edited text is a new key."""
    return sanitize_html(_markdown.render(normalise_newlines(source)))


def normalise_newlines(source: str) -> str:
    return source.replace("\r\n", "\n").replace("\r", "\n")


def rich_text_words(source: str | None) -> str:
    """The words a reader sees, without marks: for checks that a text says something, and summaries."""
    if not source or not source.strip():
        return ""
    return _words(source)


@lru_cache(maxsize=RENDERED_KEPT)
def _words(source: str) -> str:
    return " ".join(plain_text(_rendered(source)).split())


_PARAGRAPH_END = re.compile(r"</(p|ul|ol|blockquote)>", re.IGNORECASE)
_LINE_END = re.compile(r"</li>|<br\s*/?>", re.IGNORECASE)


def readable_text(source: str | None) -> str:
    """The whole text as a reader sees it, without marks: paragraphs apart, list items and line breaks
    on their own line. For exports."""
    rendered = str(render_rich_text(source)).replace("\n", " ")
    rendered = _LINE_END.sub("\n", _PARAGRAPH_END.sub("\n\n", rendered))
    paragraphs = []
    for block in rendered.split("\n\n"):
        lines = [" ".join(html.unescape(plain_text(line)).split()) for line in block.split("\n")]
        if any(lines):
            paragraphs.append("\n".join(line for line in lines if line))
    return "\n\n".join(paragraphs)


def summary(source: str | None, length: int = 200) -> str:
    """The start of a text as plain words, cut at a word, for link previews and descriptions."""
    return words_summary(rich_text_words(source), length)


def words_summary(words: str, length: int = 200) -> str:
    """`summary` of a text whose words (`rich_text_words`) were kept."""
    if len(words) <= length:
        return words
    return words[: length - 1].rsplit(" ", 1)[0] + "…"


# Characters that show nothing: spaces and line breaks (Z*), controls (Cc), format characters such as
# the zero-width space, joiners, the word joiner and the byte order mark (Cf), combining marks and
# variation selectors on their own (Mn, Me), and the letters that fonts draw as blanks.
INVISIBLE_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Me"}
BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800\u180e\u2028\u2029")


def is_invisible(character: str) -> bool:
    return character in BLANK_LETTERS or unicodedata.category(character) in INVISIBLE_CATEGORIES


def has_visible_text(value: str | None) -> bool:
    """Does the text show anything at all? A title of only zero-width spaces, joiners or blanks does not."""
    return any(not is_invisible(character) for character in value or "")


class RequiredText(DataRequired):
    """`DataRequired` for what a person writes: text with nothing visible counts as empty and gets the
    field's own message. Every form uses it for its required fields (a test walks them all); for a
    field that is not text it is `DataRequired` itself."""

    def __call__(self, form, field):
        if isinstance(field.data, str) and not has_visible_text(field.data):
            field.errors[:] = []
            raise StopValidation(self.message or field.gettext("This field is required."))
        super().__call__(form, field)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["rich_text"] = render_rich_text
    app.jinja_env.filters["summary"] = summary
