"""An administrator imports the plan in the shape of the city's progress report (a check first, then for
real); residents read the tracker per chapter, SDG and action, and an idea's road."""

from datetime import date

from playwright.sync_api import expect

from tests.plan.helpers import EXAMPLE_CSV, EXAMPLE_XLSX, make_idea


def test_administrator_imports_the_plan_and_residents_follow_it(
    journey, phone_journey, make_user, make_process, tmp_path
):
    make_user("administrator", email="beheer@example.org")
    page = journey.page
    journey.log_in("beheer@example.org")

    journey.visit("/beheer/plan")
    expect(page.locator("h1")).to_have_text("Meerjarenplan importeren")
    journey.check("import form")

    bad = tmp_path / "plan.csv"
    text = EXAMPLE_CSV.read_text(encoding="utf-8-sig")
    bad.write_text(text.replace(";5.333 €;3.433 €;;;2;", ";5,333.00 €;3.433 €;;;2;"), encoding="utf-8")
    page.get_by_label("Spreadsheet van het plan (XLSX of CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Controleren zonder op te slaan").click()
    errors = page.locator(".errors-table")
    expect(errors).to_contain_text("Uitgaven totaal")
    expect(errors.locator("tbody tr").first.locator("td").first).to_have_text("3")
    expect(page.locator(".flash-error")).to_contain_text("niets veranderd")
    journey.check("errors")
    page.get_by_label("Spreadsheet van het plan (XLSX of CSV)").set_input_files(str(EXAMPLE_XLSX))
    page.get_by_role("button", name="Controleren zonder op te slaan").click()
    expect(page.locator("#result-title")).to_contain_text("Controle")
    summary = page.locator(".summary-table")
    expect(summary.locator("tr", has_text="Taken")).to_contain_text("161")
    expect(summary.locator("tr", has_text="Acties")).to_contain_text("122")
    expect(summary.locator("tr", has_text="Beleidsdoelstellingen")).to_contain_text("12")
    journey.check("dry run")

    page.get_by_role("button", name="Dit gecontroleerde bestand importeren").click()
    expect(page.locator(".flash-success")).to_contain_text("Het plan is geïmporteerd")
    journey.check("imported")

    page.get_by_role("link", name="Bekijk de opvolging").click()
    expect(page.locator("h1")).to_contain_text("meerjarenplan")
    expect(page.locator("main")).to_contain_text("2.918.926 € 1.437.910 € 49 % 1.481.016 €")
    journey.check("tracker overview")

    page.get_by_role("link", name="SDG 03").click()
    figures = page.locator(".figures")
    for figure in ("7.035.739 €", "2.489.310 €", "35 %", "4.546.429 €", "60.970 €", "22"):
        expect(figures).to_contain_text(figure)
    expect(page.locator(".figures-section")).to_contain_text("telt 1 taak meer dan het toont")
    expect(page.locator(".status-counts").first).to_contain_text("Bezig: 17")
    journey.check("sdg 03")

    journey.visit("/plan/acties/D16/AP02/03")
    expect(page.locator(".task-item")).to_have_count(9)
    expect(page.locator(".task-item").nth(8)).to_contain_text("P&O Ziekteverzuim remediëren")
    journey.check("an action with nine tasks")

    process = make_process("public", phases=[("propose", -10, None)], slug="hallo-harelbeke", title="Hallo Harelbeke")
    idea = make_idea(process, title="Een speelstraat in de Gentsestraat")
    journey.visit(f"/ideeen/{idea.id}/actie")
    page.get_by_label("Zoek op code of titel").fill("hallo")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Koppelen D10/AP01/04").click()
    expect(page.locator(".flash-success")).to_contain_text("Het idee is gekoppeld aan D10/AP01/04")
    journey.check("idea linked")

    journey.visit("/beheer/plan/acties/D10/AP01/04")
    expect(page.get_by_label("Taak")).to_contain_text("Uitwerking ideeën Hallo Harelbeke")
    today = date.today()
    page.get_by_label("Jaar").fill(str(today.year))
    page.get_by_label("Kwartaal", exact=True).select_option(str((today.month - 1) // 3 + 1))
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Toelichting").fill("De eerste speelstraat komt er deze zomer.")
    page.get_by_role("button", name="Kwartaalupdate opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("De kwartaalupdate is opgeslagen")
    journey.check("quarterly update")

    phone = phone_journey.page
    phone_journey.visit("/plan/sdg/10")
    phone.get_by_role("link", name="D10/AP01/04 Participatie-initiatieven vertalen zich").click()
    expect(phone.locator("h1")).to_contain_text("Participatie-initiatieven vertalen zich in concrete acties")
    expect(phone.locator(".task-item")).to_contain_text("Uitwerking ideeën Hallo Harelbeke")
    expect(phone.locator("main")).to_contain_text("Een speelstraat in de Gentsestraat")
    expect(phone.locator(".plan-timeline")).to_contain_text("2023KW1")
    expect(phone.locator(".plan-timeline li").first).to_contain_text("De eerste speelstraat komt er deze zomer.")
    phone_journey.check("action page on a phone")

    # On the idea's road, the update of 2023 is the action's history, not a step after the idea.
    phone_journey.visit(f"/ideeen/{idea.id}")
    box = phone.locator(".plan-action-box")
    expect(box.locator(".plan-timeline").first).to_contain_text("De eerste speelstraat komt er deze zomer.")
    expect(box.locator(".plan-timeline").first).not_to_contain_text("2023KW1")
    history = box.locator("details.action-history")
    expect(history).to_contain_text("Wat de actie al deed vóór het idee: 1 update")
    history.locator("summary").click()
    expect(history.locator(".plan-timeline")).to_contain_text("2023KW1")
    phone_journey.check("idea road on a phone")
    phone_journey.visit("/plan/sdg/3")
    phone_journey.check("sdg 03 on a phone")
