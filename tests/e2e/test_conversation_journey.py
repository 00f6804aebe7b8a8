"""A conversation on an idea, notifications and the account settings, in a real browser."""

from playwright.sync_api import expect

from participation.accounts.models import User
from participation.extensions import db
from participation.ideas.models import Follow


def test_residents_comment_and_answer_then_a_moderator_hides_a_reported_comment(journey, make_user, make_process,
                                                                                 make_idea):
    make_user(email="an@example.org", name="An")
    make_user(email="bart@example.org", name="Bart")
    make_user("moderator", email="moderator@example.org", name="Moderator")
    idea = make_idea(make_process(title="Hallo Harelbeke"), title="Meer bomen op de Markt",
                     body="Schaduw in de zomer en een mooiere Markt.")
    page = journey.page

    journey.log_in("an@example.org")
    journey.visit(f"/ideeen/{idea.id}")
    conversation = page.locator("#reacties")
    conversation.get_by_label("Je reactie").fill("Goed idee, maar laat de marktkramen genoeg plaats.")
    conversation.get_by_role("button", name="Mijn reactie plaatsen").click()
    expect(page.locator(".flash-success")).to_contain_text("Je reactie is geplaatst")
    expect(page.locator(".comment")).to_contain_text("laat de marktkramen genoeg plaats")
    journey.check("comment placed")
    journey.log_out()

    journey.log_in("bart@example.org")
    journey.visit(f"/ideeen/{idea.id}")
    page.locator(".comment-answer-form summary").first.click()
    page.locator(".comment-answer-form").get_by_label("Je antwoord").fill("Bomen aan de rand, dan past alles.")
    page.locator(".comment-answer-form").get_by_role("button", name="Mijn antwoord plaatsen").click()
    expect(page.locator(".comment-answers .comment")).to_contain_text("Bomen aan de rand")
    journey.check("answer placed")

    page.locator(".comment").first.get_by_role("link", name="Melden").click()
    page.get_by_label("Wat is er mis mee?").fill("Klopt niet")
    journey.check("report form")
    page.get_by_role("button", name="Deze reactie melden").click()
    expect(page.locator(".flash-success")).to_contain_text("Een moderator bekijkt deze reactie")
    journey.log_out()

    journey.log_in("moderator@example.org")
    page.get_by_role("link", name="Gemelde reacties").first.click()
    expect(page.locator("h1")).to_have_text("Gemelde reacties")
    journey.check("reported comments")
    page.get_by_label("Reden, getoond op de plaats van de reactie").fill("Gaat over personen, niet over het idee.")
    page.get_by_role("button", name="Deze reactie verbergen").click()
    expect(page.locator(".flash-success")).to_contain_text("De reactie is verborgen")
    journey.visit(f"/ideeen/{idea.id}")
    expect(page.locator(".comment-hidden")).to_contain_text("Gaat over personen, niet over het idee.")
    expect(page.locator("#reacties")).not_to_contain_text("marktkramen")
    journey.check("hidden comment in its place")


def test_resident_reads_notifications_and_switches_to_a_weekly_digest(journey, make_user, make_process, make_idea):
    reader = make_user(email="chris@example.org", name="Chris")
    idea = make_idea(make_process(), title="Een zebrapad aan de school in Hulste")
    db.session.add(Follow(user_id=reader.id, idea_id=idea.id))
    db.session.commit()
    from participation.ideas import services

    services.set_status(idea, "selected", make_user("moderator"), "De stad legt het zebrapad aan in de paasvakantie.")
    db.session.commit()
    page = journey.page

    journey.log_in("chris@example.org")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link", name="Meldingen 1 ongelezen")).to_be_visible()
    menu.get_by_role("link", name="Meldingen 1 ongelezen").click()
    expect(page.locator(".notification")).to_contain_text("De stad legt het zebrapad aan in de paasvakantie.")
    journey.check("notifications")

    page.get_by_label("Eén mail per week met alle veranderingen").check()
    page.get_by_role("button", name="Mijn keuze opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("Eén mail per week")
    expect(page.get_by_label("Eén mail per week met alle veranderingen")).to_be_checked()
    journey.check("weekly digest chosen")
    db.session.expire_all()
    assert db.session.get(User, reader.id).mail_preference == "weekly"


def test_resident_changes_the_e_mail_address(journey, make_user):
    user = make_user(email="dirk@example.org", name="Dirk")
    page = journey.page

    journey.log_in("dirk@example.org")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn account").click()
    page.get_by_role("link", name="Instellingen: naam, e-mailadres, taal en mails").click()
    expect(page.locator("h1")).to_have_text("Instellingen")
    journey.check("settings")
    page.get_by_label("Nieuw e-mailadres").fill("dirk.nieuw@example.org")
    page.get_by_label("Je huidige wachtwoord").fill("Wachtwoord-2026")
    page.get_by_role("button", name="Mijn e-mailadres wijzigen").click()
    expect(page.locator(".flash-success")).to_contain_text("We stuurden een link naar dirk.nieuw@example.org")
    journey.check("link sent")

    page.goto(journey.outbox_link("dirk.nieuw@example.org"))
    expect(page.locator(".flash-success")).to_contain_text("Je nieuwe e-mailadres is bevestigd")
    expect(page.locator("main")).to_contain_text("dirk.nieuw@example.org")
    journey.check("new address confirmed")
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "dirk.nieuw@example.org"
    journey.outbox_link("dirk@example.org")  # the old address was told
