"""A resident goes from a task of the plan to its partner with the keyboard alone, reads W13's page and the
partners' index on a 360 px phone, and the pages read the same without JavaScript."""

from playwright.sync_api import expect

from participation.extensions import db
from participation.partners.cityfile import read_partners
from participation.partners.services import save_partners
from tests.e2e.keyboard import Keyboard
from tests.partners.helpers import PARTNERS_FILE
from tests.plan.helpers import import_example


def city_plan_and_partners() -> None:
    import_example()
    save_partners(read_partners(PARTNERS_FILE.read_bytes()))
    db.session.commit()


def test_from_a_plan_task_to_its_partner_by_keyboard_on_a_phone(narrow_journey, browser):
    city_plan_and_partners()
    journey, page = narrow_journey, narrow_journey.page
    journey.visit("/plan/acties/D03/AP02/07")
    task = page.locator(".task-item", has_text="GBO realiseren ism W13")
    expect(task.locator(".task-partners a")).to_have_text("W13")
    journey.check("a task names W13")

    keyboard = Keyboard(page)
    keyboard.skip_to_content()
    keyboard.activate("W13")
    expect(page.locator("h1")).to_have_text("W13")
    expect(page.locator("#tasks-title")).to_have_text("2 taken in het plan noemen W13")
    expect(page.locator(".partner-task")).to_have_count(2)
    journey.check("W13's page")

    keyboard.activate("Partners", backwards=True)
    expect(page.locator("h1")).to_have_text("Partners")
    expect(page.locator(".partner-list .card")).to_have_count(14)
    leiedal = page.locator(".partner-list .card").filter(has=page.get_by_role("link", name="Leiedal", exact=True))
    expect(leiedal).to_contain_text("4 taken in het plan")
    journey.check("the partners")

    keyboard.tab_to("Leiedal", exact=True)
    keyboard.press_enter(navigates=True)
    expect(page.locator("h3")).to_have_text("Genoemd in een toelichting per kwartaal")
    journey.check("Leiedal in explanations")

    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        plain = context.new_page()
        plain.goto(journey.url("/partners"))
        expect(plain.locator(".partner-list .card")).to_have_count(14)
        assert plain.evaluate("document.documentElement.scrollWidth") <= 360
        plain.goto(journey.url("/partners/w13"))
        expect(plain.locator(".partner-task")).to_have_count(2)
        assert plain.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_the_partners_pages_on_a_desktop(journey):
    city_plan_and_partners()
    page = journey.page
    journey.visit("/plan/sdg/3")
    expect(page.locator(".task-partners a", has_text="W13")).to_have_count(2)
    journey.check("sdg 3 with its partners")
    journey.visit("/partners")
    expect(page.locator(".partner-list .card")).to_have_count(14)
    journey.check("the partners")
    page.get_by_role("link", name="IMOG", exact=True).click()
    expect(page.locator("h1")).to_have_text("IMOG")
    expect(page.locator(".partner-task")).to_have_count(2)
    journey.check("IMOG's page")
