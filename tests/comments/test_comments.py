"""Comments on ideas: writing and answering in the open phases, reporting and hiding, what is shown where."""

import re

from participation.comments.models import Comment, CommentReport
from participation.extensions import db
from tests.conftest import log_in


def comment_on(client, idea, body="Goed idee, ook voor de school.", **extra):
    return client.post(f"/ideeen/{idea.id}/reacties", data={"body": body, **extra})


def comments_of(idea):
    return list(db.session.scalars(db.select(Comment).where(Comment.idea_id == idea.id).order_by(Comment.id)))


def test_resident_comments_and_another_answers(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    first, second = client_as("resident"), client_as("resident")

    response = comment_on(first, idea, "Een bank in de schaduw is **echt** nodig.")
    assert response.status_code == 302
    top = comments_of(idea)[0]
    assert response.headers["Location"].endswith(f"/ideeen/{idea.id}#reactie-{top.id}")
    assert comment_on(second, idea, "Akkoord, en een fontein erbij.", parent_id=str(top.id)).status_code == 302

    page = second.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "<strong>echt</strong>" in page
    assert "Akkoord, en een fontein erbij." in page
    answer = comments_of(idea)[1]
    assert answer.parent_id == top.id
    assert page.index(f'id="reactie-{top.id}"') < page.index(f'id="reactie-{answer.id}"')


def test_answers_go_one_level_deep(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    client = client_as("resident")
    comment_on(client, idea)
    top = comments_of(idea)[0]
    comment_on(client, idea, "Een antwoord.", parent_id=str(top.id))
    answer = comments_of(idea)[1]

    response = comment_on(client, idea, "Een antwoord op het antwoord.", parent_id=str(answer.id))

    assert response.status_code == 422
    assert len(comments_of(idea)) == 2


def test_comments_are_read_only_after_the_vote_phase(client_as, make_process, make_idea):
    process = make_process(phases=[("propose", -20, -10), ("vote", -10, -1), ("result", -1, None)])
    idea = make_idea(process)
    client = client_as("resident")

    assert comment_on(client, idea).status_code == 403
    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "The conversation is closed" in page or "gesprek is gesloten" in page
    assert 'name="body"' not in page


def test_comments_are_open_in_the_vote_phase(client_as, make_process, make_idea):
    idea = make_idea(make_process(phases=[("propose", -20, -1), ("vote", -1, 10)]))
    assert comment_on(client_as("resident"), idea).status_code == 302


def test_visitors_read_but_cannot_comment(client, client_as, make_process, make_idea):
    idea = make_idea(make_process())
    comment_on(client_as("resident"), idea, "Zichtbaar voor iedereen.")

    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Zichtbaar voor iedereen." in page
    assert comment_on(client, idea).status_code == 302  # to the login page
    assert len(comments_of(idea)) == 1


def test_staff_only_process_keeps_its_comments_to_staff(client, client_as, make_process, make_idea):
    idea = make_idea(make_process("staff"))
    employee = client_as("employee")
    assert comment_on(employee, idea, "Intern: dit kan via de technische dienst.").status_code == 302

    assert "technische dienst" in employee.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    resident = client_as("resident")
    assert resident.get(f"/ideeen/{idea.id}").status_code == 404
    assert comment_on(resident, idea).status_code == 404
    assert "technische dienst" not in client.get("/api/v1/comments").get_data(as_text=True)


def test_no_comments_on_an_idea_that_is_not_published(client_as, make_process, make_idea):
    author = client_as("resident")
    idea = make_idea(make_process(), status="submitted", author=author.user)
    assert comment_on(author, idea).status_code == 404


def test_comment_text_is_sanitised(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    client = client_as("resident")
    comment_on(client, idea, 'Kijk <script>alert(1)</script><a href="javascript:alert(2)">hier</a>')

    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page


def test_empty_or_long_comments_are_refused(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    client = client_as("resident")
    assert comment_on(client, idea, "   ").status_code == 422
    assert comment_on(client, idea, "x" * 2001).status_code == 422
    assert comments_of(idea) == []


def test_only_staff_answer_for_the_city(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    resident, employee = client_as("resident"), client_as("employee")

    assert comment_on(resident, idea, "Ik ben de stad.", official="y").status_code == 422
    comment_on(employee, idea, "De dienst openbaar domein bekijkt dit voorjaar een bank.", official="y")

    official = comments_of(idea)[0]
    assert official.is_official
    page = resident.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "comment-official" in page


def test_report_then_moderator_hides_with_reason_and_author_gets_a_mail(client_as, make_process, make_idea, outbox):
    idea = make_idea(make_process())
    author, reader, moderator = client_as("resident"), client_as("resident"), client_as("moderator")
    comment_on(author, idea, "Iets kwetsends over de buren.")
    comment = comments_of(idea)[0]

    assert reader.get(f"/reacties/{comment.id}/melden").status_code == 200
    assert reader.post(f"/reacties/{comment.id}/melden", data={"reason": "Kwetsend"}).status_code == 302
    queue = moderator.get("/moderatie/reacties").get_data(as_text=True)
    assert "Iets kwetsends over de buren." in queue and "Kwetsend" in queue

    response = moderator.post(f"/moderatie/reacties/{comment.id}/verbergen",
                              data={"reason": "Persoonlijke aanval", "back": "queue"})
    assert response.status_code == 302

    page = reader.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Iets kwetsends" not in page
    assert "Persoonlijke aanval" in page
    mails = outbox(author.user.email)
    assert len(mails) == 1 and "Persoonlijke aanval" in mails[0].body
    assert "/mail/uitschrijven/" in mails[0].body
    assert "Iets kwetsends" not in moderator.get("/moderatie/reacties").get_data(as_text=True)
    assert db.session.scalar(db.select(CommentReport.handled_at)) is not None


def test_hiding_needs_a_reason_and_a_moderator(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    author = client_as("resident")
    comment_on(author, idea)
    comment = comments_of(idea)[0]

    assert author.post(f"/moderatie/reacties/{comment.id}/verbergen", data={"reason": "x"}).status_code == 403
    client_as("moderator").post(f"/moderatie/reacties/{comment.id}/verbergen", data={"reason": " "})
    db.session.refresh(comment)
    assert not comment.is_hidden


def test_a_report_counts_once_per_person_and_not_for_your_own(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    author, reader = client_as("resident"), client_as("resident")
    comment_on(author, idea)
    comment = comments_of(idea)[0]

    reader.post(f"/reacties/{comment.id}/melden", data={})
    reader.post(f"/reacties/{comment.id}/melden", data={})
    assert author.post(f"/reacties/{comment.id}/melden", data={}).status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(CommentReport)) == 1


def test_moderator_keeps_a_reported_comment(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    author, reader, moderator = client_as("resident"), client_as("resident"), client_as("moderator")
    comment_on(author, idea, "Gewoon een mening.")
    comment = comments_of(idea)[0]
    reader.post(f"/reacties/{comment.id}/melden", data={})

    moderator.post(f"/moderatie/reacties/{comment.id}/behouden", data={})

    assert "Gewoon een mening." not in moderator.get("/moderatie/reacties").get_data(as_text=True)
    assert "Gewoon een mening." in reader.get(f"/ideeen/{idea.id}").get_data(as_text=True)


def test_comment_count_on_cards_without_a_query_per_card(client, client_as, make_process, make_idea, count_queries):
    process = make_process()
    ideas = [make_idea(process, title=f"Idee {n}") for n in range(3)]
    writer = client_as("resident")
    comment_on(writer, ideas[0])
    comment_on(writer, ideas[0], "Nog iets.")

    with count_queries() as few:
        page = client.get(f"/trajecten/{process.slug}").get_data(as_text=True)
    assert re.search(r"2 (comments|reacties)", page)
    for n in range(3, 12):
        idea = make_idea(process, title=f"Idee {n}")
        comment_on(writer, idea)
    with count_queries() as many:
        client.get(f"/trajecten/{process.slug}")
    assert many.count == few.count


def test_the_api_lists_visible_comments_without_personal_data(client, client_as, make_process, make_idea):
    idea = make_idea(make_process())
    writer = client_as("resident", name="Marleen Vandaele", email="marleen@example.org")
    comment_on(writer, idea, "Openbaar en zonder naam.")
    comment_on(writer, idea, "Wordt verborgen.")
    hidden = comments_of(idea)[1]
    client_as("moderator").post(f"/moderatie/reacties/{hidden.id}/verbergen", data={"reason": "Reclame"})

    response = client.get(f"/api/v1/comments?idea={idea.id}")

    body = response.get_data(as_text=True)
    assert response.status_code == 200
    data = response.get_json()
    assert [c["text"].strip() for c in data["data"]] == ["<p>Openbaar en zonder naam.</p>"]
    assert data["data"][0]["idea_id"] == idea.id and data["data"][0]["official"] is False
    assert "Marleen" not in body and "marleen@" not in body and "author" not in body


def test_comments_are_in_the_personal_data_download(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    me = client_as("resident")
    comment_on(me, idea, "Mijn eigen woorden.")
    data = me.get("/account/mijn-gegevens").get_json()
    assert [c["text"] for c in data["comments"]] == ["Mijn eigen woorden."]


def test_leaving_keeps_comments_without_a_name(client, app, make_user, make_process, make_idea):
    idea = make_idea(make_process())
    user = make_user(name="Koen Declercq")
    me = log_in(app.test_client(), user)
    comment_on(me, idea, "Blijft staan.")

    me.post("/account/verwijderen", data={"password": "Wachtwoord-2026"})

    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Blijft staan." in page and "Koen Declercq" not in page
    assert comments_of(idea)[0].author_id is None


def test_leaving_can_erase_the_comments_text(client, app, make_user, make_process, make_idea):
    idea = make_idea(make_process())
    me = log_in(app.test_client(), make_user())
    comment_on(me, idea, "Weg ermee.")

    me.post("/account/verwijderen", data={"password": "Wachtwoord-2026", "erase_comments": "y"})

    comment = comments_of(idea)[0]
    assert comment.body == "" and comment.is_erased and comment.author_id is None
    assert "Weg ermee." not in client.get(f"/ideeen/{idea.id}").get_data(as_text=True)


def test_comments_export(admin_client, client_as, make_process, make_idea):
    idea = make_idea(make_process(slug="hallo"))
    comment_on(client_as("employee"), idea, "Antwoord van de stad.", official="y")

    response = admin_client.get("/beheer/exports/comments.csv")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert text.splitlines()[0].lstrip("\ufeff").startswith("id;idee_id;traject;antwoord_op;tekst;officieel")
    assert "Antwoord van de stad." in text and ";hallo;" in text and ";ja;" in text


def test_the_idea_page_reads_its_conversation_without_a_query_per_comment(client, make_user, make_process,
                                                                           make_idea, count_queries):
    from participation.comments.services import post_comment

    idea = make_idea(make_process())

    def add_comments(n):
        for _ in range(n):
            top = post_comment(idea, make_user(), "Een reactie.")
            post_comment(idea, make_user(), "Een antwoord.", parent=top)
        db.session.commit()

    add_comments(1)
    with count_queries() as few:
        client.get(f"/ideeen/{idea.id}")
    add_comments(6)
    with count_queries() as many:
        page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert page.count('class="comment"') + page.count('class="comment comment-official"') == 14
    assert many.count == few.count


def test_an_answer_to_a_comment_that_is_no_number_is_not_found(client_as, make_process, make_idea):
    idea = make_idea(make_process())
    client = client_as("resident")
    for parent in ("²", "99999999999", "abc"):
        assert comment_on(client, idea, parent_id=parent).status_code == 404
    assert comments_of(idea) == []
