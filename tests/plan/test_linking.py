"""A moderator links an idea to the action that carries it out; the idea's page then shows its road."""

from sqlalchemy import func, select

from participation.extensions import db
from participation.ideas.models import Idea
from participation.plan import services
from participation.plan.models import IdeaAction, PlanAction, PlanActionTarget
from participation.plan.services import LINKABLE_STATUSES
from tests.plan.helpers import import_example, make_idea


def action_id(code: str) -> int:
    return db.session.scalar(select(PlanAction.id).where(PlanAction.code == code))


def test_moderator_finds_an_action_and_links_the_idea(client_as, make_process):
    import_example()
    idea = make_idea(make_process("public"))
    moderator = client_as("moderator")
    page = moderator.get(f"/ideeen/{idea.id}/actie?q=hallo").get_data(as_text=True)
    assert "D10/AP01/04" in page and "D03/AP01/01" not in page
    response = moderator.post(f"/ideeen/{idea.id}/actie", data={"action_id": action_id("D10/AP01/04")})
    assert response.status_code == 302
    page = moderator.get(response.location).get_data(as_text=True)
    assert "gekoppeld aan D10/AP01/04" in page
    link = db.session.scalar(select(IdeaAction))
    assert link.linked_by_id == moderator.user.id
    moderator.post(f"/ideeen/{idea.id}/actie", data={"action_id": action_id("D10/AP01/04")})
    assert db.session.scalar(select(func.count()).select_from(IdeaAction)) == 1


def test_a_hidden_idea_cannot_be_linked(client_as, make_process):
    import_example()
    idea = make_idea(make_process("public"), status="hidden")
    moderator = client_as("moderator")
    response = moderator.post(f"/ideeen/{idea.id}/actie", data={"action_id": action_id("D10/AP01/04")})
    assert response.status_code == 422
    assert "Enkel een gepubliceerd of geselecteerd idee" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(IdeaAction)) == 0


def test_moderator_creates_a_new_action_for_the_idea(client_as, make_process):
    import_example()
    idea = make_idea(make_process("public"))
    plan_id = db.session.scalar(select(PlanAction.action_plan_id).where(PlanAction.code == "D10/AP01/04"))
    moderator = client_as("moderator")
    data = {"new-action_plan": plan_id, "new-code": "D10/AP01/09", "new-title": "Speelstraten",
            "new-description": "", "new-submit_action": "1"}
    assert moderator.post(f"/ideeen/{idea.id}/actie/nieuw", data=data).status_code == 302
    assert [a.code for a in services_actions(idea)] == ["D10/AP01/09"]
    again = moderator.post(f"/ideeen/{idea.id}/actie/nieuw", data=data)
    assert again.status_code == 422 and "bestaat al" in again.get_data(as_text=True)


def services_actions(idea):
    from participation.plan.queries import actions_for_idea

    return actions_for_idea(idea.id)


def test_moderator_unlinks(client_as, make_process):
    import_example()
    idea = make_idea(make_process("public"))
    action = db.session.get(PlanAction, action_id("D10/AP01/04"))
    services.link_idea(idea, action, None)
    db.session.commit()
    response = client_as("moderator").post(f"/ideeen/{idea.id}/actie/{action.id}/ontkoppelen")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(IdeaAction)) == 0


def test_idea_partial_shows_every_quarterly_update_of_the_linked_action(client, client_as, make_process):
    import_example()
    idea = make_idea(make_process("public"))
    action = db.session.get(PlanAction, action_id("D10/AP01/04"))
    services.link_idea(idea, action, None)
    db.session.commit()
    html = client.get(f"/ideeen/{idea.id}").get_data(as_text=True).split('class="idea-plan"')[1]
    assert "Dit idee aan een actie koppelen" not in html, "only moderators link ideas to actions"
    assert "Dit idee aan een actie koppelen" in client_as("moderator").get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Uitwerking ideeën Hallo Harelbeke" in html
    assert "2023KW1" in html and "Bezig" in html
    assert "/plan/acties/D10/AP01/04" in html


def test_administrator_sets_sdg_targets_and_unknown_codes_are_refused(client_as):
    import_example()
    admin = client_as("administrator")
    url = "/beheer/plan/acties/D10/AP01/04"
    bad = admin.post(url, data={"targets-targets": "10.2, 10.99", "targets-submit_targets": "1"})
    assert bad.status_code == 200 and "10.99" in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(PlanActionTarget)) == 0
    assert admin.post(url, data={"targets-targets": "10.2, 16.7", "targets-submit_targets": "1"}).status_code == 302
    codes = db.session.scalars(select(PlanActionTarget.target_code).order_by(PlanActionTarget.target_code)).all()
    assert codes == ["10.2", "16.7"]


def test_demo_data_loads_the_plan_and_links_hallo_harelbeke_ideas_twice_without_change():
    from participation.demo.loader import load_demo
    from participation.processes.models import Process

    load_demo("harelbeke")
    db.session.commit()
    process = db.session.scalar(select(Process).where(Process.slug == "hallo-harelbeke"))
    idea = make_idea(process, title="Een hondenweide in Stasegem")
    load_demo("harelbeke")
    db.session.commit()
    links = db.session.scalar(select(func.count()).select_from(IdeaAction))
    load_demo("harelbeke")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(PlanAction)) == 122
    assert [a.code for a in services_actions(idea)] == ["D10/AP01/04"]
    # The demo's own published ideas of the process are linked too; a second load adds nothing.
    assert db.session.scalar(select(func.count()).select_from(IdeaAction)) == links
    public = db.session.scalar(select(func.count()).select_from(Idea).where(
        Idea.process_id == process.id, Idea.status.in_(LINKABLE_STATUSES)))
    assert links == public


def test_link_page_runs_a_fixed_number_of_queries(client_as, make_process, count_queries):
    import_example()
    idea = make_idea(make_process("public"))
    for code in ("D10/AP01/04", "D03/AP01/01", "D03/AP01/02"):
        services.link_idea(idea, db.session.get(PlanAction, action_id(code)), None)
    db.session.commit()
    moderator = client_as("moderator")
    moderator.get(f"/ideeen/{idea.id}/actie")
    with count_queries() as counter:
        page = moderator.get(f"/ideeen/{idea.id}/actie").get_data(as_text=True)
    assert "D03/AP01/02" in page
    assert counter.count <= 12


def test_target_codes_are_read_once_each_in_order():
    import_example()
    assert services.parse_target_codes("3.8, 3.8 10.2") == ["3.8", "10.2"]
