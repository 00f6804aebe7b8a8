"""An administrator imports the city's figures (a bad file first), then SDG 3's page shows the grijze druk chart
with its table, on a phone and without JavaScript."""

from playwright.sync_api import expect

from participation.demo.loader import city_folder

DEMO_CSV = city_folder("harelbeke") / "indicators.csv"


def upload(page, content: bytes) -> None:
    page.get_by_label("CSV-bestand met indicatoren").set_input_files(
        files=[{"name": "indicatoren.csv", "mimeType": "text/csv", "buffer": content}]
    )


def test_administrator_imports_the_grijze_druk_and_residents_read_it_on_sdg_3(journey, make_user, browser,
                                                                               live_server):
    make_user("administrator", email="beheerder@example.org")
    page = journey.page
    journey.log_in("beheerder@example.org")
    journey.visit("/beheer/indicatoren")
    expect(page.locator("h1")).to_have_text("Indicatoren per SDG")
    journey.check("empty list")

    bad = DEMO_CSV.read_bytes().replace(b";2040;47,9;prognose", b";2040;47,9;gissing")
    upload(page, bad)
    page.get_by_role("button", name="Controleren zonder op te slaan").click()
    expect(page.locator(".errors-table")).to_contain_text("Schrijf gemeten of prognose.")
    journey.check("a bad row")

    upload(page, DEMO_CSV.read_bytes())
    page.get_by_role("button", name="Controleren zonder op te slaan").click()
    expect(page.locator(".summary-table")).to_contain_text("Jaarwaarden")
    journey.check("checked file")
    page.get_by_role("button", name="Dit gecontroleerde bestand importeren").click()
    expect(page.locator(".flash-success")).to_contain_text("De indicatoren zijn geïmporteerd.")
    journey.check("imported")

    journey.visit("/sdgs/3")
    figure = page.locator("figure.indicator")
    expect(figure).to_contain_text("Grijze druk")
    expect(figure).to_contain_text("een ongunstige evolutie")
    expect(figure.locator("table")).to_contain_text("47,9 %")
    expect(figure.locator("svg[role=img]")).to_be_visible()
    journey.check("sdg 3 with the grijze druk")

    # Without JavaScript the chart and its table are the same: they are drawn by the server.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        plain = context.new_page()
        plain.goto(journey.url("/sdgs/3"))
        expect(plain.locator("figure.indicator svg polyline.line-projected")).to_have_count(1)
        expect(plain.locator("figure.indicator table tbody tr")).to_have_count(3)
        assert plain.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
