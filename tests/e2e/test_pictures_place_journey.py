"""Photos, the map and search in a real browser: a resident adds a photo to an idea (and a broken file
is refused without losing the words), finds an idea on the map of a process (and in the list without
JavaScript), and searches the site from the box in the header. The map runs under the site's real CSP."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from participation.extensions import db
from participation.ideas import services
from participation.ideas.models import Idea

TILE = io.BytesIO()
Image.new("RGB", (256, 256), (226, 232, 222)).save(TILE, "PNG")


def photo_file(name: str = "bank.jpg") -> dict:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 140, 200)).save(out, "JPEG")
    return {"name": name, "mimeType": "image/jpeg", "buffer": out.getvalue()}


def serve_tiles(page) -> None:
    """The tile server, answered by the test: a plain tile, no network needed."""
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"),
               lambda route: route.fulfill(status=200, content_type="image/png", body=TILE.getvalue()))


def in_the_city(city) -> None:
    city.map_south, city.map_west, city.map_north, city.map_east = 50.815, 3.245, 50.9, 3.37
    db.session.commit()


def published(process, author, moderator, title: str, point=None) -> Idea:
    text = services.clean_text(services.IdeaText(title=title, body="Een idee voor de buurt.", theme="planet"))
    idea = services._new_idea(process, text, author, author_id=author.id)
    if point:
        idea.latitude, idea.longitude = point
    services.set_status(idea, "published", moderator, "Gepubliceerd.", notify=False)
    db.session.commit()
    return idea


def test_a_resident_adds_a_photo_to_an_idea(journey, city, make_user, make_process):
    in_the_city(city)
    make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    make_user(email="sofie@example.org", name="Sofie")
    page = journey.page
    serve_tiles(page)
    journey.log_in("sofie@example.org")
    journey.visit("/trajecten/hallo-harelbeke/ideeen/nieuw")
    expect(page.get_by_role("group", name="Foto's (niet verplicht)")).to_be_visible()
    journey.check("idea form with photos and map")

    page.get_by_label("Titel", exact=True).fill("Een bank aan de Leie")
    page.get_by_label("Je idee", exact=True).fill("Een zitbank met zicht op het water, voor wie even wil rusten.")
    page.get_by_label("Thema", exact=True).select_option("people")
    page.get_by_label("Foto 1", exact=True).set_input_files(
        {"name": "bank.jpg", "mimeType": "image/jpeg", "buffer": b"dit is geen foto"})
    page.get_by_label("Wat toont foto 1?").fill("De oever van de Leie")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".error-summary")).to_contain_text("Dit bestand is geen foto die we kunnen lezen")
    expect(page.get_by_label("Titel", exact=True)).to_have_value("Een bank aan de Leie")
    expect(page.get_by_text("Kies je foto's opnieuw")).to_be_visible()
    journey.check("photo refused, words kept")

    page.get_by_label("Foto 1", exact=True).set_input_files(photo_file())
    page.locator("[data-map-picker]").click()  # a tap on the map sets the spot
    expect(page.get_by_label("Breedtegraad (niet verplicht)")).not_to_have_value("")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".flash-success")).to_contain_text("Je idee is ingediend")
    image = page.locator(".idea-photos img")
    expect(image).to_have_attribute("alt", "De oever van de Leie")
    page.wait_for_function("img => img.complete && img.naturalWidth === 1200", arg=image.element_handle())
    journey.check("idea page with its photo")
    idea = db.session.scalar(db.select(Idea))
    assert idea.latitude is not None and len(idea.images) == 1


def test_a_visitor_finds_an_idea_on_the_map_and_in_the_list_without_javascript(browser, live_server, journey, city,
                                                                                 make_user, make_process):
    in_the_city(city)
    process = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    author, moderator = make_user(), make_user("moderator")
    published(process, author, moderator, "Een zitbank op de Markt", point=(50.8566, 3.3094))
    for number in range(12):  # many close together: they cluster
        published(process, author, moderator, f"Bloembakken in de Kortrijksestraat {number}",
                  point=(50.8500 + number * 0.0001, 3.3200 + number * 0.0001))
    published(process, author, moderator, "Overal meer vuilnisbakken")

    page = journey.page
    serve_tiles(page)
    journey.visit("/trajecten/hallo-harelbeke")
    expect(page.locator(".map-ideas .leaflet-marker-icon").first).to_be_visible()
    journey.check("process page with the map")

    # The same page under the site's own CSP: the map works and nothing is blocked.
    strict = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 800})
    visitor = strict.new_page()
    serve_tiles(visitor)
    visitor.add_init_script("window.__blocked = []; document.addEventListener('securitypolicyviolation', "
                            "e => window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI));")
    visitor.goto(live_server + "/trajecten/hallo-harelbeke")
    expect(visitor.get_by_role("heading", name="Kaart van de ideeën")).to_be_visible()
    expect(visitor.locator(".marker-cluster").first).to_be_visible()  # the close ones in a cluster
    visitor.get_by_role("button", name="Een zitbank op de Markt").click()
    popup_link = visitor.locator(".leaflet-popup").get_by_role("link", name="Een zitbank op de Markt")
    expect(popup_link).to_be_visible()
    popup_link.press("Enter")  # the popup may still pan into view: a key follows the link wherever it is
    expect(visitor.locator("h1")).to_have_text("Een zitbank op de Markt")
    assert visitor.evaluate("window.__blocked") == []
    strict.close()

    # Without JavaScript the map stays away and the list is the whole answer.
    plain = browser.new_context(java_script_enabled=False, locale="nl-BE", viewport={"width": 360, "height": 740})
    reader = plain.new_page()
    reader.goto(live_server + "/trajecten/hallo-harelbeke")
    expect(reader.get_by_role("heading", name="Kaart van de ideeën")).to_be_hidden()
    expect(reader.get_by_role("link", name="Overal meer vuilnisbakken")).to_be_visible()
    expect(reader.get_by_role("link", name="Een zitbank op de Markt")).to_be_visible()
    assert reader.evaluate("document.documentElement.scrollWidth") <= 360
    plain.close()


def test_a_resident_searches_the_site_from_the_header(journey, make_user, make_process):
    process = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    author, moderator = make_user(), make_user("moderator")
    for number in range(8):
        published(process, author, moderator, f"Een fietsstraat naar school {number + 1}")
    published(process, author, moderator, "Meer fietsenstallingen aan het station")
    page = journey.page
    journey.visit("/")
    search = page.get_by_role("search", name="Zoek op de site")
    search.get_by_role("searchbox").fill("fietsen")
    search.get_by_role("button", name="Zoek", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("^Ideeën"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    journey.check("results grouped by kind")

    page.get_by_role("link", name=re.compile("Toon alle 9 resultaten")).click()
    expect(page.get_by_text("9 resultaten")).to_be_visible()
    journey.check("one kind of results")
    page.get_by_role("link", name="Meer fietsenstallingen aan het station").click()
    expect(page.locator("h1")).to_have_text("Meer fietsenstallingen aan het station")

    journey.visit("/zoeken?q=kwispeldraak")
    expect(page.get_by_text("Probeer een ander of korter woord")).to_be_visible()
    journey.check("nothing found")
