"""A resident who follows an idea hears, once, when the action that carries it out moves."""

from sqlalchemy import select

from participation.extensions import db
from participation.plan import services
from participation.plan.models import PlanAction
from participation.plan.spreadsheet import Quarter, Status
from tests.plan.helpers import add_row, example_text, follow, import_example, import_text, make_idea, replace_in_row

CODE = "D10/AP01/04"


def linked_idea(make_process, make_user, *followers):
    process = make_process("public", phases=[("propose", -10, None)], slug="hallo-harelbeke")
    idea = make_idea(process)
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == CODE))
    services.link_idea(idea, action, None)
    db.session.commit()
    for user in followers:
        follow(user, idea)
    return idea


def test_a_follower_gets_one_mail_when_the_status_changes(make_process, make_user, outbox):
    import_example()
    sofie = make_user(email="sofie@example.org", name="Sofie")
    linked_idea(make_process, make_user, sofie)
    text = replace_in_row(example_text(), CODE, ";2023KW1;Bezig;", ";2023KW1;Voltooid;")
    report = import_text(text)
    assert report.mails == 1
    [mail] = outbox("sofie@example.org")
    assert CODE in mail.subject and "voltooid" in mail.subject
    assert "Een speelstraat in de Gentsestraat" in mail.body
    assert "2023KW1: Voltooid" in mail.body
    assert f"/plan/acties/{CODE}" in mail.body


def test_an_unchanged_reimport_sends_nothing(make_process, make_user, outbox):
    import_example()
    linked_idea(make_process, make_user, make_user(email="sofie@example.org"))
    import_example()
    assert outbox() == []


def test_a_new_quarter_is_news_but_a_corrected_explanation_is_not(make_process, make_user, outbox):
    import_example()
    linked_idea(make_process, make_user, make_user(email="sofie@example.org"))
    text = add_row(example_text(), CODE, "2023KW2", "Bezig", "Drie ideeën worden uitgevoerd.")
    import_text(text)
    assert len(outbox("sofie@example.org")) == 1
    import_text(replace_in_row(text, CODE, "Drie ideeën", "Vier ideeën"))
    assert len(outbox("sofie@example.org")) == 1


def test_one_mail_per_follower_even_when_following_two_linked_ideas(make_process, make_user, outbox):
    import_example()
    sofie = make_user(email="sofie@example.org")
    jan = make_user(email="jan@example.org")
    idea = linked_idea(make_process, make_user, sofie, jan)
    second = make_idea(idea.process, title="Meer bankjes op de markt")
    services.link_idea(second, db.session.scalar(select(PlanAction).where(PlanAction.code == CODE)), None)
    db.session.commit()
    follow(sofie, second)
    import_text(replace_in_row(example_text(), CODE, ";2023KW1;Bezig;", ";2023KW1;Niet gestart;"))
    assert len(outbox("sofie@example.org")) == 1
    assert len(outbox("jan@example.org")) == 1


def test_an_update_added_in_the_app_tells_followers(make_process, make_user, client_as, outbox):
    import_example()
    linked_idea(make_process, make_user, make_user(email="sofie@example.org"))
    admin = client_as("administrator")
    response = admin.post(
        f"/beheer/plan/acties/{CODE}",
        data={"update-task": str(task_of(CODE).id), "update-year": "2023", "update-quarter": "2",
              "update-status": "done", "update-explanation": "Afgerond.", "update-submit_update": "1"},
    )
    assert response.status_code == 302
    [mail] = outbox("sofie@example.org")
    assert "Uitwerking ideeën Hallo Harelbeke" in mail.body
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == CODE))
    assert action.status == "done" and action.updates[0].author_id == admin.user.id


def test_record_status_update_corrects_a_quarter_without_news():
    import_example()
    task = task_of(CODE)
    assert services.record_status_update(task, Quarter(2023, 1), Status.IN_PROGRESS, "Andere uitleg") is None
    assert services.record_status_update(task, Quarter(2023, 1), Status.DONE, "Klaar") is not None
    assert task.status == task.action.status == "done" and len(task.updates) == 1


def task_of(code: str):
    return db.session.scalar(select(PlanAction).where(PlanAction.code == code)).tasks[0]


def test_plan_news_is_a_notification_and_waits_for_the_digest_when_chosen(make_process, make_user, outbox):
    from participation.notifications.models import Notification

    import_example()
    sofie = make_user(email="sofie@example.org")
    sofie.mail_preference = "weekly"
    db.session.commit()
    idea = linked_idea(make_process, make_user, sofie)
    import_text(replace_in_row(example_text(), CODE, ";2023KW1;Bezig;", ";2023KW1;Voltooid;"))

    assert outbox("sofie@example.org") == []
    (notification,) = db.session.scalars(select(Notification).where(Notification.user_id == sofie.id))
    assert notification.kind == "plan_update" and notification.idea_id == idea.id
    assert CODE in notification.text and notification.link == f"/plan/acties/{CODE}"
