"""Notifications: what changed on what you follow, wrote or commented on; how and whether you get mail."""

from datetime import timedelta

from participation.database import utcnow
from participation.extensions import db
from participation.ideas import services as idea_services
from participation.ideas.models import Follow
from participation.notifications.models import Notification
from participation.notifications.services import send_digests, unsubscribe_token
from tests.conftest import log_in


def notifications_of(user):
    return list(db.session.scalars(
        db.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)))


def follow(user, idea):
    db.session.add(Follow(user_id=user.id, idea_id=idea.id))
    db.session.commit()


def test_status_change_and_answer_reach_followers_page_and_mail(client_as, make_process, make_idea, make_user,
                                                                 outbox):
    idea = make_idea(make_process(), title="Een fietsenstalling aan het station")
    reader = client_as("resident")
    follow(reader.user, idea)
    moderator = make_user("moderator")

    idea_services.set_status(idea, "selected", moderator, "We bouwen ze in 2027.")
    db.session.commit()

    (notification,) = notifications_of(reader.user)
    assert notification.kind == "answer" and notification.link == f"/ideeen/{idea.id}"
    page = reader.get("/account/meldingen").get_data(as_text=True)
    assert "Een fietsenstalling aan het station" in page and "We bouwen ze in 2027." in page
    (mail,) = outbox(reader.user.email)
    assert "We bouwen ze in 2027." in mail.body and "/mail/uitschrijven/" in mail.body


def test_a_new_comment_tells_author_followers_and_earlier_commenters(client_as, make_process, make_idea):
    author, follower, earlier, writer = (client_as("resident") for _ in range(4))
    idea = make_idea(make_process(), author=author.user)
    follow(follower.user, idea)
    earlier.post(f"/ideeen/{idea.id}/reacties", data={"body": "Eerste reactie."})

    writer.post(f"/ideeen/{idea.id}/reacties", data={"body": "Tweede reactie."})

    for person in (author, follower, earlier):
        assert any("Tweede reactie." in n.text for n in notifications_of(person.user)), person.user.email
    assert notifications_of(writer.user) == []


def test_the_menu_counts_unread_notifications_with_one_query(client_as, make_process, make_idea, count_queries):
    reader = client_as("resident")
    idea = make_idea(make_process(), author=reader.user)
    for n in range(3):
        client_as("resident").post(f"/ideeen/{idea.id}/reacties", data={"body": f"Reactie {n}."})

    with count_queries() as counter:
        home = reader.get("/").get_data(as_text=True)
    assert '<span class="badge">3' in home
    assert sum("notifications" in s for s in counter.statements) == 1

    reader.get("/account/meldingen")
    assert '<span class="badge">' not in reader.get("/").get_data(as_text=True)


def test_the_count_is_read_with_the_login_and_the_notifications_page_shows_it_read(client_as, make_process,
                                                                                  make_idea, count_queries):
    reader = client_as("resident")
    idea = make_idea(make_process(), author=reader.user)
    for n in range(2):
        client_as("resident").post(f"/ideeen/{idea.id}/reacties", data={"body": f"Reactie {n}."})

    with count_queries() as counter:
        assert '<span class="badge">2' in reader.get("/").get_data(as_text=True)
    counting = [s for s in counter.statements if "notifications" in s]
    assert len(counting) == 1 and "login_sessions" in counting[0]
    assert '<span class="badge">' not in reader.get("/account/meldingen").get_data(as_text=True)


def test_weekly_digest_collects_the_changes_in_one_mail(client_as, make_process, make_idea, make_user, outbox, app):
    reader = client_as("resident")
    reader.post("/account/meldingen/mails", data={"mail_preference": "weekly"})
    process = make_process()
    first, second = make_idea(process, title="Bomen in de Gentsestraat"), make_idea(process, title="Zebrapad")
    follow(reader.user, first)
    follow(reader.user, second)
    moderator = make_user("moderator")
    idea_services.set_status(first, "selected", moderator, "Komt er.")
    idea_services.set_status(second, "not_selected", moderator, "Te duur.")
    db.session.commit()
    assert outbox(reader.user.email) == []

    result = app.test_cli_runner().invoke(args=["mail", "digest"])
    assert result.exit_code == 0, result.output
    assert "Digests queued: 1 (2 changes)" in result.output

    (digest,) = outbox(reader.user.email)
    assert "Bomen in de Gentsestraat" in digest.body and "Zebrapad" in digest.body
    assert "/mail/uitschrijven/" in digest.body
    assert app.test_cli_runner().invoke(args=["mail", "digest"]).exit_code == 0
    assert len(outbox(reader.user.email)) == 1, "a second run sends nothing twice"


def test_the_digest_leaves_out_people_who_want_each_mail_or_none(make_user, make_process, make_idea, outbox):
    idea = make_idea(make_process())
    each, none = make_user(), make_user()
    none.mail_preference = "none"
    follow(each, idea)
    follow(none, idea)
    idea_services.set_status(idea, "selected", make_user("moderator"), "Ja.")
    db.session.commit()
    assert len(outbox(each.email)) == 1 and outbox(none.email) == []

    assert send_digests(utcnow() + timedelta(days=1)) == (0, 0)
    assert len(notifications_of(none)) == 1, "the page still shows it"


def test_unsubscribe_link_works_without_logging_in(client, make_user):
    user = make_user()
    token = unsubscribe_token(user)

    page = client.get(f"/mail/uitschrijven/{token}")
    assert page.status_code == 200
    db.session.refresh(user)
    assert user.mail_preference == "each", "opening the link only asks"
    assert client.post(f"/mail/uitschrijven/{token}").status_code == 200
    db.session.refresh(user)
    assert user.mail_preference == "none"


def test_a_forged_unsubscribe_link_does_nothing(client, make_user):
    user = make_user()
    token = unsubscribe_token(user)
    assert client.post(f"/mail/uitschrijven/{token[:-2]}xx").status_code == 404
    db.session.refresh(user)
    assert user.mail_preference == "each"


def test_vote_result_reaches_followers(make_user, make_process, make_idea, client):
    process = make_process(phases=[("propose", -20, -10), ("vote", -10, -1), ("result", -1, None)])
    idea = make_idea(process, title="Speelbos in Hulste")
    follower = make_user()
    follow(follower, idea)

    client.get(f"/trajecten/{process.slug}/rangschikking")

    (notification,) = notifications_of(follower)
    assert notification.kind == "vote_result" and "1" in notification.text


def test_notifications_go_with_the_account(app, make_user, make_process, make_idea):
    user = make_user()
    idea = make_idea(make_process())
    follow(user, idea)
    idea_services.set_status(idea, "selected", make_user("moderator"), "Ja.")
    db.session.commit()
    me = log_in(app.test_client(), user)
    assert me.get("/account/mijn-gegevens").get_json()["notifications"][0]["kind"] == "answer"

    me.post("/account/verwijderen", data={"password": "Wachtwoord-2026"})

    assert notifications_of(user) == []


def test_a_comment_in_a_staff_only_process_is_told_only_to_those_who_may_read_it(client_as, make_user,
                                                                                  make_process, make_idea):
    idea = make_idea(make_process("staff"), author=make_user("employee"))
    colleague, former = make_user("employee"), make_user()  # `former` followed it while still on the staff
    follow(colleague, idea)
    follow(former, idea)

    client_as("employee").post(f"/ideeen/{idea.id}/reacties", data={"body": "Intern overleg volgt."})

    assert len(notifications_of(colleague)) == 1
    assert notifications_of(former) == []
