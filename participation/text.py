"""Rich text as people write it: a little Markdown, shown as safe HTML.

Texts are stored as typed. On the way out, markdown-it renders the marks the form promises (bold,
italics, lists, links, quotes), keeps paragraphs and line breaks, and the one sanitiser in
security.py makes the result safe. Raw HTML passes through markdown-it to that sanitiser, so texts
written as HTML by earlier versions (and the demo data) still show as they did: one renderer reads
both, no migration rewrites what people wrote.
"""

import html
import re

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
    return " ".join(html.unescape(plain_text(render_rich_text(source))).split())


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
    words = rich_text_words(source)
    if len(words) <= length:
        return words
    return words[: length - 1].rsplit(" ", 1)[0] + "…"


def init_app(app: Flask) -> None:
    app.jinja_env.filters["rich_text"] = render_rich_text
    app.jinja_env.filters["summary"] = summary
