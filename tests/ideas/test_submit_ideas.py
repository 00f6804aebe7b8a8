"""Submitting an idea: in the ideas phase, for the people the process is meant for, with clear refusals."""

from datetime import timedelta

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Follow, Idea, IdeaStatusChange
from participation.processes.models import Phase

GOOD = {"title": "Een fietsstraat naar school", "body": "<p>Veilig fietsen voor de kinderen.</p>", "theme": "planet",
        "district_id": ""}


def ideas_count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Idea))


def test_resident_submits_an_idea_and_sees_it_as_submitted(make_process, client_as):
    process = make_process("public", slug="hallo")
    client = client_as("resident")
    form = client.get("/trajecten/hallo/ideeen/nieuw")
    assert form.status_code == 200 and "Dien een idee in" in form.get_data(as_text=True)
    response = client.post("/trajecten/hallo/ideeen/nieuw", data=GOOD, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "Bedankt! Je idee is ingediend" in body
    assert "Ingediend" in body
    idea = db.session.scalar(db.select(Idea))
    assert idea.process_id == process.id and idea.author_id == client.user.id and idea.status == "submitted"
    assert db.session.get(Follow, (client.user.id, idea.id)) is not None
    assert [c.to_status for c in db.session.scalars(db.select(IdeaStatusChange))] == ["submitted"]


def test_the_form_is_not_offered_outside_the_ideas_phase(make_process, client_as):
    make_process("public", slug="stemmen", phases=[("propose", -20, -10), ("vote", -10, 5)])
    client = client_as("resident")
    assert "Dien een idee in" not in client.get("/trajecten/stemmen").get_data(as_text=True)
    response = client.get("/trajecten/stemmen/ideeen/nieuw")
    assert response.status_code == 403
    assert "De ideeënfase is niet open" in response.get_data(as_text=True)
    assert client.post("/trajecten/stemmen/ideeen/nieuw", data=GOOD).status_code == 403
    assert ideas_count() == 0


def test_a_phase_that_closed_a_second_ago_refuses_the_idea(make_process, client_as):
    process = make_process("public", slug="net-dicht")
    client = client_as("resident")
    assert client.get("/trajecten/net-dicht/ideeen/nieuw").status_code == 200
    phase = db.session.scalar(db.select(Phase).where(Phase.process_id == process.id))
    phase.ends_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.post("/trajecten/net-dicht/ideeen/nieuw", data=GOOD)
    assert response.status_code == 403
    assert "De ideeënfase is niet open" in response.get_data(as_text=True)
    assert ideas_count() == 0


def test_a_resident_cannot_see_or_post_to_a_staff_process(make_process, client_as):
    make_process("staff", slug="personeel")
    resident = client_as("resident")
    assert resident.get("/trajecten/personeel").status_code == 404
    assert resident.post("/trajecten/personeel/ideeen/nieuw", data=GOOD).status_code == 404
    employee = client_as("employee")
    assert employee.post("/trajecten/personeel/ideeen/nieuw", data=GOOD).status_code == 302
    assert ideas_count() == 1


def test_an_empty_title_gets_a_dutch_message_and_saves_nothing(make_process, client_as):
    make_process("public", slug="hallo")
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data={**GOOD, "title": "  "})
    assert response.status_code == 200
    assert "Geef je idee een titel." in response.get_data(as_text=True)
    assert ideas_count() == 0


def test_a_text_of_twenty_thousand_characters_is_refused(make_process, client_as):
    make_process("public", slug="hallo")
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data={**GOOD, "body": "a" * 20_000})
    assert "Hou de tekst korter dan 10000 tekens." in response.get_data(as_text=True)
    assert ideas_count() == 0


def test_script_tags_never_reach_the_page(make_process, client_as):
    """The text is kept as typed and cleaned on the way out, by the renderer every page uses."""
    make_process("public", slug="hallo")
    client = client_as("resident")
    client.post("/trajecten/hallo/ideeen/nieuw", data={
        **GOOD, "title": "<b>Bankjes</b>",
        "body": '<p onclick="x()">Meer <strong>bankjes</strong></p><script>alert(1)</script>',
    })
    idea = db.session.scalar(db.select(Idea))
    assert idea.title == "<b>Bankjes</b>"  # a title is plain text: stored as typed, shown as text
    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "&lt;b&gt;Bankjes&lt;/b&gt;" in page and "<b>Bankjes" not in page
    assert "<script>alert" not in page and "onclick" not in page
    assert "<p>Meer <strong>bankjes</strong></p>" in page


def test_only_script_and_no_words_is_refused(make_process, client_as):
    make_process("public", slug="hallo")
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data={**GOOD, "body": "<p> </p>"})
    assert "Beschrijf je idee in een paar zinnen." in response.get_data(as_text=True)
    assert ideas_count() == 0


def test_an_unknown_theme_is_refused(make_process, client_as):
    make_process("public", slug="hallo")
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data={**GOOD, "theme": "sport"})
    assert response.status_code == 200
    assert ideas_count() == 0


def test_author_changes_own_idea_before_screening(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    client = client_as("resident")
    idea = make_idea(process, status="submitted", author=client.user)
    response = client.post(f"/ideeen/{idea.id}/bewerken", data={**GOOD, "title": "Een betere titel"})
    assert response.status_code == 302
    assert db.session.get(Idea, idea.id).title == "Een betere titel"


def test_someone_elses_idea_cannot_be_edited(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="published")
    other = client_as("resident")
    assert other.get(f"/ideeen/{idea.id}/bewerken").status_code == 403
    assert other.post(f"/ideeen/{idea.id}/bewerken", data={**GOOD, "title": "Gekaapt"}).status_code == 403
    assert db.session.get(Idea, idea.id).title != "Gekaapt"


def test_a_submitted_idea_is_only_seen_by_its_author_and_moderators(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    author = client_as("resident")
    idea = make_idea(process, status="submitted", author=author.user)
    assert author.get(f"/ideeen/{idea.id}").status_code == 200
    assert client_as("moderator").get(f"/ideeen/{idea.id}").status_code == 200
    assert client_as("resident").get(f"/ideeen/{idea.id}").status_code == 404
    assert client_as(None).get(f"/ideeen/{idea.id}").status_code == 404
    assert idea.title not in client_as(None).get("/trajecten/hallo").get_data(as_text=True)


def test_employee_enters_an_idea_for_a_resident_at_the_desk(make_process, client_as, outbox):
    make_process("public", slug="hallo")
    employee = client_as("employee")
    response = employee.post("/trajecten/hallo/ideeen/loket", data={
        **GOOD, "resident_name": "Maria Vandenbussche", "resident_contact": "056 12 34 56", "consent": "y",
    })
    assert response.status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert idea.on_behalf_name == "Maria Vandenbussche" and idea.on_behalf_contact == "056 12 34 56"
    assert idea.on_behalf_consent is True and idea.entered_by_id == employee.user.id and idea.author_id is None
    staff_page = employee.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Maria Vandenbussche" in staff_page


def test_the_public_page_of_a_desk_idea_says_via_the_desk_and_hides_the_resident(
        make_process, client_as, make_user):
    from participation.ideas import services

    process = make_process("public", slug="hallo")
    employee, moderator = make_user("employee"), make_user("moderator")
    idea = services.enter_for_resident(
        process, employee, services.IdeaText(title="Bankjes", body="<p>Meer bankjes</p>", theme="people"),
        services.OnBehalf(name="Maria Vandenbussche", contact="maria@example.org", consent=True),
    )
    services.set_status(idea, "published", moderator, "Gepubliceerd.")
    db.session.commit()
    page = client_as(None).get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "ingediend via het loket" in page
    assert "Maria Vandenbussche" not in page and "maria@example.org" not in page


def test_desk_entry_needs_the_residents_consent(make_process, client_as):
    make_process("public", slug="hallo")
    response = client_as("employee").post("/trajecten/hallo/ideeen/loket", data={
        **GOOD, "resident_name": "Maria", "resident_contact": "",
    })
    assert "De inwoner moet akkoord gaan" in response.get_data(as_text=True)
    assert ideas_count() == 0


def test_a_resident_cannot_use_the_desk(make_process, client_as):
    make_process("public", slug="hallo")
    client = client_as("resident")
    assert client.get("/trajecten/hallo/ideeen/loket").status_code == 403
    desk = {**GOOD, "resident_name": "X", "consent": "y"}
    assert client.post("/trajecten/hallo/ideeen/loket", data=desk).status_code == 403
    assert ideas_count() == 0


def test_looking_for_similar_ideas_does_not_submit(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Een fietsstraat in de Marktstraat", body="<p>Fietsers eerst in de straat.</p>")
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data={
        **GOOD, "title": "Fietsstraat aan de school", "action": "similar",
    })
    body = response.get_data(as_text=True)
    assert "Staat je idee er al?" in body and "Een fietsstraat in de Marktstraat" in body
    assert ideas_count() == 1

