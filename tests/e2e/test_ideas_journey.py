"""Ideas in a real browser: a resident submits and follows, a moderator screens, an employee works the desk."""

from playwright.sync_api import expect


def test_resident_submits_follows_and_sees_the_road_of_an_idea(journey, make_user, make_process, outbox):
    make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    make_user(email="sofie@example.org", name="Sofie")
    make_user(email="buur@example.org", name="Karel")
    make_user("moderator", email="moderator@example.org", name="Moderator Ann")
    page = journey.page

    journey.log_in("sofie@example.org")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Trajecten").click()
    page.get_by_role("link", name="Hallo Harelbeke").click()
    expect(page.locator("h1")).to_have_text("Hallo Harelbeke")
    journey.check("process page empty")

    page.get_by_role("link", name="Dien een idee in").click()
    journey.check("submit form")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".error-summary")).to_contain_text("Geef je idee een titel.")
    journey.check("submit form errors")

    page.get_by_label("Titel", exact=True).fill("Een speelplein in Hulste")
    page.get_by_label("Je idee", exact=True).fill(
        "Een veilige plek om te spelen naast de kerk, met een bank voor de ouders.")
    page.get_by_label("Thema", exact=True).select_option("people")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".flash-success")).to_contain_text("Je idee is ingediend")
    expect(page.locator("main .tag").first).to_have_text("Ingediend")
    journey.check("idea submitted")
    idea_url = page.url
    journey.log_out()

    journey.log_in("moderator@example.org")
    page.get_by_role("link", name="Moderatie").click()
    journey.check("screening queue")
    page.get_by_role("link", name="Een speelplein in Hulste").click()
    journey.check("screening page")
    publish = page.locator("#publish-panel")
    expect(publish.get_by_label("Toelichting", exact=True)).to_have_value(
        "Je idee volgt de huisregels van het platform en staat nu voor iedereen online.")
    publish.get_by_label("Toelichting", exact=True).fill("Bedankt voor je idee! We publiceren het.")
    publish.get_by_role("button", name="Dit idee publiceren").click()
    expect(page.locator(".flash-success")).to_contain_text("Het idee is nu: Gepubliceerd.")
    journey.log_out()

    journey.log_in("buur@example.org")
    journey.visit("/trajecten/hallo-harelbeke")
    expect(page.get_by_role("link", name="Een speelplein in Hulste")).to_be_visible()
    page.get_by_role("searchbox", name="Zoeken").fill("speelpleinen")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator(".idea-list")).to_contain_text("Een speelplein in Hulste")
    journey.check("process page with idea")
    page.get_by_role("link", name="Een speelplein in Hulste").click()
    page.get_by_role("button", name="Volg dit idee").click()
    expect(page.locator(".flash-success")).to_contain_text("Je volgt dit idee")
    journey.check("following the idea")
    journey.log_out()

    journey.log_in("moderator@example.org")
    page.goto(idea_url)
    page.get_by_role("link", name="Dit idee beoordelen").click()
    page.get_by_label("Nieuwe status").select_option("selected")
    page.get_by_label("Toelichting", exact=True).first.fill(
        "Het college kiest dit idee. De jeugddienst bevraagt de kinderen.")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("Gekozen")
    journey.log_out()

    assert any("Gekozen" in mail.subject for mail in outbox("buur@example.org"))
    journey.log_in("sofie@example.org")
    page.get_by_role("link", name="Mijn ideeën").click()
    journey.check("my ideas")
    page.get_by_role("link", name="Een speelplein in Hulste").click()
    timeline = page.locator(".idea-timeline")
    expect(timeline).to_contain_text("Ingediend")
    expect(timeline).to_contain_text("Gepubliceerd")
    expect(timeline).to_contain_text("Het college kiest dit idee.")
    expect(page.locator(".answer")).to_contain_text("Het college kiest dit idee.")
    journey.check("idea timeline")


def test_employee_joins_the_staff_process_and_enters_an_idea_at_the_desk(journey, make_user, make_process):
    make_process("staff", slug="inspiratienota-2040", title="Inspiratienota 2040")
    make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    make_user(email="inwoner@example.org", name="Inwoner")
    make_user("employee", email="medewerker@example.org", name="Medewerker Tom")
    page = journey.page

    journey.log_in("inwoner@example.org")
    journey.visit("/trajecten")
    expect(page.get_by_role("link", name="Hallo Harelbeke")).to_be_visible()
    expect(page.get_by_role("link", name="Inspiratienota 2040")).to_have_count(0)
    response = journey.visit("/trajecten/inspiratienota-2040")
    assert response.status == 404
    journey.check("staff process hidden from resident")
    journey.log_out()

    journey.log_in("medewerker@example.org")
    journey.visit("/trajecten")
    page.get_by_role("link", name="Inspiratienota 2040").click()
    expect(page.locator("h1")).to_have_text("Inspiratienota 2040")
    journey.check("staff process")
    page.get_by_role("link", name="Dien een idee in").click()
    page.get_by_label("Titel", exact=True).fill("Een buddy voor elke nieuwe collega")
    page.get_by_label("Je idee", exact=True).fill("Drie maanden een buddy uit een andere dienst.")
    page.get_by_label("Thema", exact=True).select_option("partnership")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".flash-success")).to_contain_text("Je idee is ingediend")

    journey.visit("/trajecten/hallo-harelbeke")
    page.get_by_role("link", name="Idee ingeven voor een inwoner").click()
    journey.check("desk form")
    page.get_by_label("Naam van de inwoner").fill("Maria Vandenbussche")
    page.get_by_label("Contactgegevens van de inwoner (niet verplicht)").fill("056 12 34 56")
    page.get_by_label("Titel", exact=True).fill("Meer zitbanken op de Markt")
    page.get_by_label("Je idee", exact=True).fill("Om even uit te rusten tijdens de markt.")
    page.get_by_label("Thema", exact=True).select_option("people")
    page.get_by_role("button", name="Idee ingeven").click()
    expect(page.locator(".error-summary")).to_contain_text("De inwoner moet akkoord gaan")
    journey.check("desk form errors")
    page.get_by_label("De inwoner gaat akkoord", exact=True).check()
    page.get_by_role("button", name="Idee ingeven").click()
    expect(page.locator(".flash-success")).to_contain_text("Het idee van Maria Vandenbussche is ingegeven")
    expect(page.locator("main")).to_contain_text("ingediend via het loket")
    expect(page.locator("main")).to_contain_text("Dit idee is ingediend voor de inwoner")
    expect(page.locator(".staff-only")).to_contain_text("Maria Vandenbussche")
    journey.check("desk idea entered")


def test_moderator_publishes_several_ideas_and_merges_after_confirming(journey, make_user, make_process, outbox):
    process = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    author = make_user(email="auteur@example.org", name="Auteur")
    make_user("moderator", email="moderator@example.org", name="Moderator Ann")
    from participation.extensions import db
    from participation.ideas import services

    for title in ("Zitbanken op de Markt", "Bankjes op de Markt", "Een hondenweide in Bavikhove"):
        services.submit_idea(process, author, services.IdeaText(
            title=title, body="Een plek om even te zitten in de schaduw, met bomen errond.", theme="people"))
    db.session.commit()
    page = journey.page
    journey.log_in("moderator@example.org")
    page.get_by_role("link", name="Moderatie").click()
    page.get_by_role("button", name="Aangevinkte ideeën publiceren").click()
    expect(page.locator("#publish-many .error-summary")).to_contain_text("Kies minstens één idee om te publiceren.")
    journey.check("publishing none is refused")
    page.get_by_label("Publiceren: Zitbanken op de Markt").check()
    page.get_by_label("Publiceren: Bankjes op de Markt").check()
    page.get_by_role("button", name="Aangevinkte ideeën publiceren").click()
    expect(page.locator(".flash-success")).to_contain_text("2 ideeën zijn gepubliceerd.")
    journey.check("two ideas published")

    page.get_by_role("link", name="Gepubliceerd", exact=True).click()
    page.get_by_role("link", name="Zitbanken op de Markt").click()
    merge = page.locator("#merge-panel")
    merge.get_by_role("button", name="Samenvoegen met dit idee Bankjes op de Markt").click()
    expect(page.locator("h1")).to_have_text("“Zitbanken op de Markt” samenvoegen?")
    expect(page.locator(".confirm")).to_contain_text("1 persoon (de indiener en de volgers) krijgt een mail")
    journey.check("merge asks to confirm")
    page.get_by_label("Toelichting", exact=True).fill("Beide ideeën vragen zitbanken op de Markt.")
    page.get_by_role("button", name="Ja, voeg de ideeën samen").click()
    expect(page.locator(".flash-success")).to_contain_text("Het idee is samengevoegd")
    expect(page.locator(".idea-timeline")).to_contain_text("Beide ideeën vragen zitbanken op de Markt.")
    journey.check("merged, on the road of the idea that stays")
    assert any("samengevoegd" in mail.subject for mail in outbox("auteur@example.org"))
