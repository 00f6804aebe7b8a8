"""Rich text as people write it: a little Markdown, shown as safe HTML.

Texts are stored as typed. On the way out, markdown-it renders the marks the form promises (bold,
italics, lists, links, quotes), keeps paragraphs and line breaks, and the one sanitiser in
security.py makes the result safe. Raw HTML passes through markdown-it to that sanitiser, so texts
written as HTML by earlier versions (and the demo data) still show as they did: one renderer reads
both, no migration rewrites what people wrote.
"""

from flask import Flask
from markdown_it import MarkdownIt
from markupsafe import Markup

from participation.security import plain_text, sanitize_html

MARKS = ["emphasis", "list", "link", "autolink", "blockquote", "newline", "escape", "entity",
         "html_block", "html_inline"]
_markdown = MarkdownIt("zero", {"html": True, "breaks": True}).enable(MARKS)


def render_rich_text(source: str | None) -> Markup:
    """The HTML of a text as a page shows it: Markdown rendered, then sanitised."""
    if not source or not source.strip():
        return Markup("")
    return sanitize_html(_markdown.render(normalise_newlines(source)))


def normalise_newlines(source: str) -> str:
    return source.replace("\r\n", "\n").replace("\r", "\n")


def rich_text_words(source: str | None) -> str:
    """The words a reader sees, without marks: for checks that a text says something, and summaries."""
    return " ".join(plain_text(render_rich_text(source)).split())


def summary(source: str | None, length: int = 200) -> str:
    """The start of a text as plain words, cut at a word, for link previews and descriptions."""
    words = rich_text_words(source)
    if len(words) <= length:
        return words
    return words[: length - 1].rsplit(" ", 1)[0] + "…"


def init_app(app: Flask) -> None:
    app.jinja_env.filters["rich_text"] = render_rich_text
    app.jinja_env.filters["summary"] = summary
