"""The XSS payloads in Chromium itself: its parser decides what runs, not ours.

The sanitiser's output is parsed by the browser (mutation XSS shows up only there), and display
names full of payloads are shown to an administrator: no dialog opens and the DOM holds nothing
that can run.
"""

from participation.security import sanitize_html
from tests.security.xss import PAYLOADS

ACTIVE_IN_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
    }
    const url = el.href && el.href.baseVal !== undefined ? el.href.baseVal : el.href;
    if (typeof url === 'string' && /^\\s*(javascript|vbscript|data):/i.test(url)) found.push(el.tagName + ' ' + url);
  }
  for (const el of document.querySelectorAll('script:not([src^="/static/"]), iframe, object, embed, base, style')) {
    found.push(el.tagName);
  }
  return found;
}"""


def watch_dialogs(page) -> list[str]:
    opened: list[str] = []

    def dismiss(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return opened


def test_sanitised_html_stays_inert_in_the_browser(browser):
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    opened = watch_dialogs(page)
    body = "\n".join(f"<section>{sanitize_html(payload)}</section>" for payload in PAYLOADS)
    page.set_content(f"<!doctype html><html><head><title>x</title></head><body>{body}</body></html>")
    page.wait_for_timeout(300)
    assert page.evaluate(ACTIVE_IN_DOM) == []
    assert opened == []
    context.close()


def test_payload_names_are_inert_on_the_users_page(journey, make_user):
    for n, payload in enumerate(PAYLOADS):
        make_user(email=f"naam{n:02d}@example.org", name=f"X{n:02d} {payload}"[:80])
    make_user("administrator", email="beheer@example.org", name="Beheerder")
    page = journey.page
    opened = watch_dialogs(page)
    journey.log_in("beheer@example.org")
    for number in (1, 2, 3):
        journey.visit(f"/beheer/gebruikers?page={number}")
        page.wait_for_timeout(200)
        assert page.evaluate(ACTIVE_IN_DOM) == [], f"page {number}"
    journey.visit("/beheer/gebruikers?q=naam00")
    journey.check("users with payload names")
    assert opened == []
