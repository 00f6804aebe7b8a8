"""An administrator imports the plan (a check first, then for real); residents read the tracker."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.plan.helpers import EXAMPLE_CSV, EXAMPLE_XLSX, make_idea


def log_in(journey, email: str) -> None:
    page = journey.page
    journey.visit("/account/aanmelden")
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".flash-success")).to_be_visible()


def test_administrator_imports_the_plan_and_residents_follow_it(
    journey, phone_journey, make_user, make_process, tmp_path
):
    make_user("administrator", email="beheer@example.org")
    page = journey.page
    log_in(journey, "beheer@example.org")

    journey.visit("/beheer/plan")
    expect(page.locator("h1")).to_have_text("Meerjarenplan importeren")
    journey.check("import form")

    bad = tmp_path / "plan.csv"
    bad.write_text(EXAMPLE_CSV.read_text(encoding="utf-8-sig").replace(";5.333 €;", ";5,333.00 €;"), encoding="utf-8")
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
    expect(page.locator(".summary-table")).to_contain_text("45")
    journey.check("dry run")

    page.get_by_role("button", name="Dit gecontroleerde bestand importeren").click()
    expect(page.locator(".flash-success")).to_contain_text("Het plan is geïmporteerd")
    journey.check("imported")

    page.get_by_role("link", name="Bekijk de opvolging").click()
    expect(page.locator("h1")).to_contain_text("meerjarenplan")
    journey.check("tracker overview")

    page.get_by_role("link", name="SDG 03").click()
    figures = page.locator(".figures")
    for figure in ("7.035.739 €", "2.489.310 €", "35 %", "23"):
        expect(figures).to_contain_text(figure)
    expect(page.locator(".status-counts").first).to_contain_text("Bezig: 18")
    journey.check("sdg 03")

    process = make_process("public", phases=[("propose", -10, None)], slug="hallo-harelbeke", title="Hallo Harelbeke")
    idea = make_idea(process, title="Een speelstraat in de Gentsestraat")
    journey.visit(f"/ideeen/{idea.id}/actie")
    page.get_by_label("Zoek op code of titel").fill("hallo")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Koppelen D10/AP01/04").click()
    expect(page.locator(".flash-success")).to_contain_text("Het idee is gekoppeld aan D10/AP01/04")
    journey.check("idea linked")

    journey.visit("/beheer/plan/acties/D10/AP01/04")
    page.get_by_label("Jaar").fill("2023")
    page.get_by_label("Kwartaal", exact=True).select_option("2")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Toelichting").fill("De eerste speelstraat komt er deze zomer.")
    page.get_by_role("button", name="Kwartaalupdate opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("De kwartaalupdate is opgeslagen")
    journey.check("quarterly update")

    phone = phone_journey.page
    phone_journey.visit("/plan/sdg/10")
    phone.get_by_role("link", name="D10/AP01/04 Uitwerking ideeën Hallo Harelbeke").click()
    expect(phone.locator("h1")).to_contain_text("Uitwerking ideeën Hallo Harelbeke")
    expect(phone.locator("main")).to_contain_text("Een speelstraat in de Gentsestraat")
    expect(phone.locator(".plan-timeline")).to_contain_text("2023KW1")
    expect(phone.locator(".plan-timeline li").first).to_contain_text("De eerste speelstraat komt er deze zomer.")
    phone_journey.check("action page on a phone")
    phone_journey.visit("/plan/sdg/3")
    phone_journey.check("sdg 03 on a phone")
