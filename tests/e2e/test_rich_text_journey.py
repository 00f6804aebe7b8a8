"""A resident formats an idea with the buttons, looks at the preview, sends it, and sees it formatted;
without JavaScript the buttons stay away and the preview still works."""

from playwright.sync_api import expect

from tests.e2e.conftest import Journey, log_in


def open_the_idea_form(page, base: str) -> None:
    log_in(page, base, "amina@example.org", next="/trajecten/schoolomgeving/ideeen/nieuw")
    expect(page.locator("h1")).to_have_text("Dien een idee in")


def test_resident_formats_previews_and_sends_an_idea(journey: Journey, make_process, make_user):
    make_process("public", slug="schoolomgeving", title="Veilige schoolomgeving")
    make_user(email="amina@example.org")
    page = journey.page
    open_the_idea_form(page, journey.base_url)
    expect(page.get_by_role("group", name="Opmaak van Je idee")).to_be_visible()
    journey.check("idea form with formatting buttons")

    page.get_by_label("Titel", exact=True).fill("Een zebrapad aan de Sint-Rita-school")
    body = page.get_by_label("Je idee", exact=True)
    body.fill("De kinderen steken over tussen de auto's.\n\nWat nodig is:\n")
    body.press("End")
    page.get_by_role("button", name="Lijst").click()
    page.keyboard.type("een ")
    page.get_by_role("button", name="Vet").click()
    page.keyboard.type("zebrapad")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Lijst").click()
    page.keyboard.type("een ")
    page.get_by_role("button", name="Schuin").click()
    page.keyboard.type("gemachtigd opzichter")
    assert body.input_value().endswith("Wat nodig is:\n- een **zebrapad**\n- een _gemachtigd opzichter_")
    page.get_by_label("Thema", exact=True).select_option("people")

    page.get_by_role("button", name="Voorbeeld").click()
    preview = page.locator("#preview")
    expect(preview.locator("li strong")).to_have_text("zebrapad")
    expect(preview.locator("li em")).to_have_text("gemachtigd opzichter")
    expect(preview.locator(".prose p")).to_have_count(2)
    journey.check("preview")

    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".flash-success")).to_contain_text("Je idee is ingediend")
    expect(page.locator("article .prose li strong")).to_have_text("zebrapad")
    journey.check("idea formatted")


def test_without_javascript_the_marks_are_typed_and_the_preview_works(browser, live_server, make_process,
                                                                       make_user):
    make_process("public", slug="schoolomgeving", title="Veilige schoolomgeving")
    make_user(email="amina@example.org")
    context = browser.new_context(java_script_enabled=False, locale="nl-BE", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        open_the_idea_form(page, live_server)
        expect(page.get_by_role("button", name="Vet")).to_be_hidden()
        expect(page.locator("#body-marks")).to_contain_text("**vet**")
        typed = "Er is **te weinig** plaats.\nVooral op maandag."
        page.get_by_label("Titel", exact=True).fill("Fietsenstalling aan het station")
        page.get_by_label("Je idee", exact=True).fill(typed)
        page.get_by_role("button", name="Voorbeeld").click()
        expect(page.locator("#preview strong")).to_have_text("te weinig")
        expect(page.locator("#preview .prose br")).to_have_count(1)
        expect(page.get_by_label("Je idee", exact=True)).to_have_value(typed)
    finally:
        context.close()
