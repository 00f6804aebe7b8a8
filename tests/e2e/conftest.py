"""Browser journeys: the app served on a real port, driven by Playwright in Debian's Chromium.

Every page a journey looks at is checked twice, on a 360 px phone and at the journey's own width
(1280 px on a desktop): it must fit the screen (no sideways scrolling) and pass axe-core (WCAG 2.1
A and AA). Both are saved as screenshots under test-artifacts/screenshots/<journey>/.
"""

import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from participation import ROOT, create_app
from participation.core.face import apply_face
from participation.core.models import City
from participation.demo.loader import DATA_DIR

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = 360
DESKTOP = {"width": 1280, "height": 800}
# The elements that stick out of the screen while their parent does not: what makes a page too wide.
TOO_WIDE = """() => {
  const root = document.documentElement;
  const limit = root.clientWidth;
  if (root.scrollWidth <= limit) return null;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const scrolls = el => { for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
    if (getComputedStyle(up).overflowX !== 'visible') return true; } return false; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility() || scrolls(el)) continue;  // hidden, or inside its own scroll box
    const right = el.getBoundingClientRect().right;
    const parent = el.parentElement;
    const parentFits = parent === document.body || parent.getBoundingClientRect().right <= limit + 1;
    if (right > limit + 1 && parent && parentFits) {
      out.push(describe(el) + ' reaches ' + Math.round(right) + ' px: ' + (el.innerText || '').trim().slice(0, 60));
    }
  }
  if (!out.length) {  // something positioned escapes its box: name every visible element that sticks out
    for (const el of document.body.querySelectorAll('*')) {
      if (el.checkVisibility() && el.getBoundingClientRect().right > limit + 1) out.push(describe(el));
    }
  }
  return {scrollWidth: root.scrollWidth, width: limit, elements: out.slice(0, 8)};
}"""


@pytest.fixture(scope="session")
def live_server(app):
    """The same database as the tests, with CSRF on, as a browser sees the site."""
    browser_app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"],
        WTF_CSRF_ENABLED=True,
    )
    server = make_server("127.0.0.1", 0, browser_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium).")
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make test` installs it (npm ci).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        )
        yield browser
        browser.close()


class Journey:
    """A person's way through the site: visit pages, look at them, check them."""

    def __init__(self, page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url
        self.folder = ARTIFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.step = 0
        self.checked: list[str] = []

    def url(self, path: str) -> str:
        return self.base_url + path

    def visit(self, path: str):
        response = self.page.goto(self.url(path))
        return response

    def check(self, label: str) -> None:
        """Look at the page on a 360 px phone and at the journey's own width: each time it must fit
        the screen and pass axe (WCAG 2.1 A/AA); a screenshot of each is kept."""
        self.step += 1
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        own = self.page.viewport_size
        problems = []
        for width in dict.fromkeys((PHONE, own["width"])):
            self.page.set_viewport_size({"width": width, "height": own["height"]})
            problems += self.look(f"{self.step:02d}-{slug}-{width}", width)
        self.page.set_viewport_size(own)
        self.checked.append(self.page.url)
        assert not problems, f"on {self.page.url} ({label}):\n" + "\n".join(problems)

    def look(self, name: str, width: int) -> list[str]:
        """The problems of the page as it is now: wider than the screen, or axe violations."""
        self.page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
        problems = []
        too_wide = self.page.evaluate(TOO_WIDE)
        if too_wide:
            problems.append(
                f"at {width} px the page is {too_wide['scrollWidth']} px wide (screen {too_wide['width']} px): "
                + "; ".join(too_wide["elements"])
            )
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        if violations:
            problems.append(f"axe at {width} px found:\n{json.dumps(violations, indent=1)}")
        return problems

    def log_in(self, email: str, next: str | None = None) -> None:
        """Log in through the form, as a person would (see :func:`log_in`)."""
        log_in(self.page, self.base_url, email, next=next)

    def log_out(self) -> None:
        from playwright.sync_api import expect

        self.page.get_by_role("button", name="Afmelden").click()
        expect(self.page.locator(".flash-success")).to_contain_text("Je bent afgemeld")

    def fits(self, width: int) -> None:
        """Nothing sticks out sideways: the page is no wider than the screen."""
        scroll = self.page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{self.page.url} is {scroll} px wide on a {width} px screen"

    def outbox_link(self, recipient: str) -> str:
        from participation.extensions import db
        from participation.mail.models import OutboxMessage

        db.session.expire_all()
        message = db.session.scalars(
            db.select(OutboxMessage).where(OutboxMessage.recipient == recipient).order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None, f"No mail to {recipient}"
        path = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
        return self.url(path)


def log_in(page, base_url: str, email: str, next: str | None = None) -> None:
    """Log in through the form as a person would, on any page (also one without JavaScript), and land on
    ``next`` when given; every journey logs in this way."""
    from playwright.sync_api import expect

    from tests.conftest import PASSWORD

    page.goto(f"{base_url}/account/aanmelden" + (f"?next={next}" if next else ""))
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".flash-success")).to_contain_text("Je bent aangemeld")


@pytest.fixture(autouse=True)
def city(db):
    """The journeys run in Harelbeke as the demo dresses it: its name, logo, colours and footer."""
    harelbeke = City(name="Harelbeke", slug="harelbeke", tagline="Stad & OCMW Harelbeke",
                     website="https://www.harelbeke.be")
    apply_face(harelbeke, DATA_DIR / "harelbeke" / "face")
    db.session.add(harelbeke)
    db.session.commit()
    return harelbeke


def open_journey(browser, live_server: str, name: str, **context_options):
    """A journey in a fresh browser context (Dutch, Belgian), closed when the test ends."""
    context = browser.new_context(bypass_csp=True, locale="nl-BE", **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield Journey(page, live_server, name)
    context.close()


@pytest.fixture
def journey(browser, live_server, request):
    yield from open_journey(browser, live_server, request.node.name.removeprefix("test_"), viewport=DESKTOP)


@pytest.fixture
def phone_journey(browser, live_server, request):
    yield from open_journey(browser, live_server, request.node.name.removeprefix("test_"),
                            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


@pytest.fixture
def narrow_journey(browser, live_server, request):
    """The smallest phone the pages are made for: 360 px wide."""
    yield from open_journey(browser, live_server, request.node.name.removeprefix("test_") + "-360",
                            viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
