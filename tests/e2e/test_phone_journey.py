"""On a phone: a menu button that works without JavaScript and with the keyboard, a header of one row,
the ranking as cards, long Dutch words that do not widen a page; on a desktop: the menu bar aligned
with the header and the content, and the footer at the bottom of a short page."""

from playwright.sync_api import expect

from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import VoteRule
from tests.e2e.conftest import DESKTOP, PHONE, Journey, log_in

LONG_TITLE = "Verkeersveiligheidsmaatregelenpakketvoorstel voor de Kortrijksesteenweg"
LONG_BODY = ("Het verkeersveiligheidsmaatregelenpakketuitvoeringsprogramma moet sneller. "
             "Zie https://www.harelbeke.be/mobiliteit/verkeersveiligheid/schoolomgevingen/gentsestraat-en-omgeving")


def phone_context(browser, **options):
    return browser.new_context(locale="nl-BE", viewport={"width": PHONE, "height": 740}, **options)


def menu_button_as_announced(page) -> tuple[str, bool]:
    """What Chromium tells a screen reader about the Menu button: its role and whether it is open.
    (A summary is a disclosure button: readers say "Menu, button, collapsed".)"""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    node = next(n for n in tree["nodes"] if n.get("name", {}).get("value") == "Menu"
                and n["role"]["value"] != "StaticText")
    properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
    return node["role"]["value"], properties.get("expanded")


def test_the_menu_button_works_without_javascript(browser, live_server, make_user):
    make_user("administrator", email="beheerder@example.org")
    context = phone_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_server, "beheerder@example.org")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] < 100, f"the header takes {header['height']} px on a phone"
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        expect(menu.get_by_role("link", name="Trajecten")).to_be_hidden()

        assert menu_button_as_announced(page) == ("DisclosureTriangle", False)
        page.locator("summary", has_text="Menu").click()
        assert menu_button_as_announced(page) == ("DisclosureTriangle", True)
        for name in ("Start", "Trajecten", "Meerjarenplan", "Mijn account", "Gebruikers", "Exporteren"):
            expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(menu.get_by_role("button", name="Afmelden")).to_be_visible()
        menu.get_by_role("link", name="Trajecten", exact=True).click()
        expect(page.locator("h1")).to_have_text("Trajecten")
        assert menu_button_as_announced(page) == ("DisclosureTriangle", False)
    finally:
        context.close()


def test_the_menu_opens_with_the_keyboard_on_a_phone(browser, live_server):
    context = phone_context(browser)
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the logo
        page.keyboard.press("Tab")
        expect(page.locator("summary", has_text="Menu")).to_be_focused()
        page.keyboard.press("Enter")
        assert menu_button_as_announced(page) == ("DisclosureTriangle", True)
        page.keyboard.press("Tab")
        expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Start")).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Trajecten")
    finally:
        context.close()


def test_long_words_and_the_ranking_fit_a_phone(journey: Journey, make_process, make_user):
    process = make_process("public", phases=[("propose", -20, -10), ("vote", -1, 5)], slug="verkeer",
                           title="Veilig verkeer")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=3, max_per_idea=2))
    idea = Idea(process_id=process.id, title=LONG_TITLE, body=LONG_BODY, theme="people", status="published")
    db.session.add_all([idea, Idea(process_id=process.id, title="Zebrapad aan de Sint-Amandsschool",
                                   body="Veilig oversteken.", theme="people", status="published")])
    db.session.commit()
    make_user(email="lotte@example.org")
    page = journey.page
    log_in(page, journey.base_url, "lotte@example.org")

    journey.visit(f"/ideeen/{idea.id}")
    journey.check("idea with a long compound")  # fails when the page is wider than 360 px
    journey.visit("/trajecten/verkeer/rangschikking")
    journey.check("ranking during voting")

    page.set_viewport_size({"width": PHONE, "height": 740})
    cards = page.locator("table.ranking tbody tr")
    expect(cards).to_have_count(2)
    first = cards.first.bounding_box()
    assert first["width"] <= PHONE - 2 * 14, "a card fits inside the page's margins"
    button = page.get_by_role("button", name=f"Geef een stem: {LONG_TITLE}")
    line = page.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)", button.element_handle())
    assert button.bounding_box()["height"] < 2 * line + 12, "'Geef een stem' stays on one line"
    button.click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 2 stemmen van de 3.")
    page.set_viewport_size(DESKTOP)


def test_on_a_desktop_the_menu_lines_up_and_the_footer_sits_at_the_bottom(journey: Journey):
    page = journey.page
    journey.visit("/toegankelijkheid")
    journey.check("a short page")
    edges = page.evaluate("""() => {
      const textLeft = el => { const r = document.createRange(); r.selectNodeContents(el);
                               return r.getBoundingClientRect().left; };
      return {
        logo: document.querySelector('.brand-logo').getBoundingClientRect().left,
        menu: textLeft(document.querySelector('.main-nav .menu-sections a')),
        heading: textLeft(document.querySelector('main h1')),
        account_right: (() => { const r = document.createRange();
          r.selectNodeContents(document.querySelector('.main-nav .menu-account li:last-child a'));
          return r.getBoundingClientRect().right; })(),
        language_right: document.querySelector('.lang-wide li:last-child a').getBoundingClientRect().right,
        footer_bottom: document.querySelector('.site-footer').getBoundingClientRect().bottom,
        height: window.innerHeight,
      };
    }""")
    assert abs(edges["menu"] - edges["logo"]) <= 2, edges
    assert abs(edges["heading"] - edges["logo"]) <= 2, edges
    assert abs(edges["account_right"] - edges["language_right"]) <= 12, edges
    assert abs(edges["footer_bottom"] - edges["height"]) <= 1, edges
