from participation.accounts.models import User
from participation.advisory.models import Council
from participation.core.models import City, District, Neighbourhood
from participation.extensions import db
from participation.processes.models import Process


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_demo_load_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert "beheerder@harelbeke.example" in first.output
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert "beheerder@harelbeke.example" not in second.output  # passwords are printed once
    assert count(City) == 1
    assert count(District) == 3
    assert count(Neighbourhood) == 6
    assert count(Council) == 10
    assert count(Process) == 2
    assert count(User) == 9
    staff = db.session.scalar(db.select(Process).where(Process.slug == "inspiratienota-2040"))
    assert staff.audience == "staff" and [phase.kind for phase in staff.phases] == ["propose", "vote"]
    names = set(db.session.scalars(db.select(Council.name)))
    assert {"We{i}reldraad", "Gecoro", "Lokaal Overleg Kinderopvang", "Handelscomité"} <= names


def test_create_admin_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create-admin", "chef@harelbeke.example", "--password", "Heel-geheim-12"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "chef@harelbeke.example"))
    assert user.has_role("administrator") and user.is_confirmed and user.check_password("Heel-geheim-12")


def test_staff_process_is_invisible_to_residents(app, client_as):
    app.test_cli_runner().invoke(args=["demo", "load"])
    resident = client_as("resident")
    assert "Inspiratienota 2040" not in resident.get("/trajecten").get_data(as_text=True)
    assert resident.get("/trajecten/inspiratienota-2040").status_code == 404
    employee = client_as("employee")
    assert "Inspiratienota 2040" in employee.get("/trajecten").get_data(as_text=True)
    assert employee.get("/trajecten/inspiratienota-2040").status_code == 200
    assert "Hallo Harelbeke" in client_as(None).get("/").get_data(as_text=True)


def test_mail_send_command_keeps_failed_mail(app, outbox):
    from participation.mail.services import queue_mail

    queue_mail("a@example.org", "Onderwerp", "Tekst")
    db.session.commit()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    try:
        result = app.test_cli_runner().invoke(args=["mail", "send"])
    finally:
        app.config["MAIL_BACKEND"] = "outbox"
    assert result.exit_code == 1
    db.session.expire_all()
    (message,) = outbox()
    assert message.sent_at is None and message.attempts == 1 and message.last_error


def test_demo_links_ideas_points_and_actions_to_sdg_targets_once(app):
    from participation.advisory.models import AmbitionPointTarget
    from participation.plan.models import PlanActionTarget
    from participation.sdgs.models import IdeaTarget
    from participation.sdgs.services import load_reference_data

    load_reference_data()
    db.session.commit()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    counts = [count(IdeaTarget), count(AmbitionPointTarget), count(PlanActionTarget)]
    assert all(counts), counts
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert [count(IdeaTarget), count(AmbitionPointTarget), count(PlanActionTarget)] == counts


def test_demo_has_a_conversation_on_hallo_harelbeke_ideas(app, client):
    from participation.comments.models import Comment, CommentReport
    from participation.ideas.models import Idea

    runner = app.test_cli_runner()
    runner.invoke(args=["demo", "load"])
    runner.invoke(args=["demo", "load"])
    total = count(Comment)
    assert total >= 8, "loading twice adds nothing twice"
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment).where(Comment.is_official)) >= 2
    assert count(CommentReport) == 1
    idea = db.session.scalar(db.select(Idea).where(Idea.title == "Een fietsstraat naar de scholen in het centrum"))
    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Gentsestraat" in page and "Buur uit Stasegem" in page and "comment-official" in page


def test_demo_invites_leiedal_to_the_inspiratienota_once_and_prints_its_link_once(app, client_as, monkeypatch):
    """Leiedal's Scopernia trajectory helped prepare the Inspiratienota 2040 (the seeds): the demo invites it
    to the staff's idea process, until the vote phase ends."""
    import re
    from datetime import date, datetime

    from participation.processes import invitations, models
    from participation.processes.models import ProcessInvitation

    monkeypatch.setattr(invitations, "brussels_today", lambda: date(2026, 12, 1))
    for module in (invitations, models):
        monkeypatch.setattr(module, "utcnow", lambda: datetime(2026, 12, 1, 10))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    link = re.search(r"Invitation link of Leiedal to Inspiratienota 2040 \(shown this once\): (/uitnodiging/\S+)",
                     first.output)
    assert link, first.output
    (invitation,) = db.session.scalars(db.select(ProcessInvitation)).all()
    assert (invitation.partner.slug, invitation.process.slug) == ("leiedal", "inspiratienota-2040")
    assert invitation.last_day == date(2027, 1, 14) and invitation.created_by.email == "moderator@harelbeke.example"

    again = runner.invoke(args=["demo", "load"])
    assert "/uitnodiging/" not in again.output and "0 demo invitations" in again.output
    assert count(ProcessInvitation) == 1
    page = client_as("resident").get(link.group(1))
    assert page.status_code == 200 and "Uitnodiging voor Leiedal" in page.get_data(as_text=True)
