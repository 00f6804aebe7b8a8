"""A resident spends votes on the ranking page, with and without JavaScript, in a real browser."""

import re

from playwright.sync_api import expect

from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import VoteRule
from tests.e2e.conftest import log_in


def setup_vote(make_process, make_user):
    process = make_process("public", phases=[("propose", -20, -10), ("vote", -1, 5)], slug="speelpleinen")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=3, max_per_idea=2))
    for title in ("Meer bomen op het marktplein", "Veilig fietspad naar school", "Zitbanken langs de Leie"):
        db.session.add(Idea(process_id=process.id, title=title, body="<p>Tekst</p>", theme="planet",
                            status="published"))
    db.session.commit()
    make_user(email="lotte@example.org", name="Lotte")
    return process


def test_resident_spends_votes_without_reloading(journey, make_process, make_user):
    setup_vote(make_process, make_user)
    page = journey.page
    journey.log_in("lotte@example.org", next="/trajecten/speelpleinen/rangschikking")
    expect(page.locator("h1")).to_have_text("Rangschikking")
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 3 stemmen van de 3.")
    journey.check("ranking before voting")

    marker = page.evaluate("() => (window.noReload = 'same page')")
    trees = page.get_by_role("button", name="Geef een stem: Meer bomen op het marktplein")
    trees.click()
    expect(page.locator('[data-vote-message]').first).to_have_text("Je stem is geteld.")
    trees.click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 1 stem van de 3.")
    expect(trees).to_be_disabled()
    assert page.evaluate("() => window.noReload") == marker
    journey.check("two votes on one idea")

    page.get_by_role("button", name="Neem een stem terug: Meer bomen op het marktplein").click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 2 stemmen van de 3.")
    expect(trees).to_be_enabled()


def test_resident_votes_with_javascript_off(browser, live_server, make_process, make_user):
    setup_vote(make_process, make_user)
    context = browser.new_context(java_script_enabled=False, locale="nl-BE")
    page = context.new_page()
    try:
        log_in(page, live_server, "lotte@example.org", next="/trajecten/speelpleinen/rangschikking")
        page.get_by_role("button", name="Geef een stem: Veilig fietspad naar school").click()
        expect(page).to_have_url(re.compile(r"/trajecten/speelpleinen/rangschikking$"))
        expect(page.locator(".flash-success")).to_have_text("Je stem is geteld.")
        expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 2 stemmen van de 3.")
    finally:
        context.close()


RANKING_ROWS = """() => Array.from(document.querySelectorAll("table.ranking tbody tr")).map(row => [
  row.querySelector(".rank-number").textContent.trim(),
  !!row.querySelector(".rank-place .tag"),
  row.querySelector(".rank-title").textContent.trim(),
  row.querySelector(".rank-votes").textContent.trim(),
])"""


def test_two_votes_in_a_row_show_the_ranking_a_reload_shows(journey, make_process, make_user):
    process = make_process("public", phases=[("propose", -20, -10), ("vote", -1, 5)], slug="zitbanken")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=3, max_per_idea=2))
    for title, votes in (("Zitbanken langs de Leie", 2), ("Meer bomen op het marktplein", 1),
                         ("Veilig fietspad naar school", 0), ("Speeltuin in Hulste", 0)):
        db.session.add(Idea(process_id=process.id, title=title, body="<p>Tekst</p>", theme="planet",
                            status="published", vote_count=votes))
    db.session.commit()
    make_user(email="lotte@example.org", name="Lotte")
    page = journey.page
    journey.log_in("lotte@example.org", next="/trajecten/zitbanken/rangschikking")
    expect(page.locator("h1")).to_have_text("Rangschikking")
    page.evaluate("() => (window.noReload = true)")

    bikes = page.get_by_role("button", name="Geef een stem: Veilig fietspad naar school")
    bikes.click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 2 stemmen van de 3.")
    third = page.locator("table.ranking tbody tr").nth(2)
    expect(third).to_contain_text("Veilig fietspad naar school")
    expect(third.locator(".rank-place")).to_have_text("2 gedeeld")
    expect(bikes).to_be_focused()  # the row moved up with the button the resident pressed
    bikes.click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 1 stem van de 3.")
    expect(page.locator("table.ranking tbody tr").first).to_contain_text("Veilig fietspad naar school")
    assert page.evaluate("() => window.noReload") is True
    on_screen = page.evaluate(RANKING_ROWS)
    journey.check("ranking after two votes")

    page.reload()
    expect(page.locator("h1")).to_have_text("Rangschikking")
    assert page.evaluate("() => window.noReload") is None
    assert page.evaluate(RANKING_ROWS) == on_screen == [
        ["1", True, "Veilig fietspad naar school", "2"],
        ["1", True, "Zitbanken langs de Leie", "2"],
        ["3", False, "Meer bomen op het marktplein", "1"],
        ["4", False, "Speeltuin in Hulste", "0"],
    ]
