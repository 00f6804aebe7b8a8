"""Who sees which idea: one rule (`ideas.queries.visible_ideas`) read by every list, page, feed and the API.

Each surface is tried with an idea of a staff-only process and with a hidden one, by an anonymous
visitor, a resident, an employee and a moderator."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.ideas import services
from participation.ideas.queries import is_idea_visible, visible_ideas
from participation.plan import services as plan_services
from participation.plan.models import PlanAction
from participation.processes.services import VISITOR
from participation.sdgs import services as sdg_services
from tests.plan.helpers import import_example

ACTION = "D10/AP01/04"
VIEWERS = ("anonymous", "resident", "employee", "moderator")


@pytest.fixture
def world(make_process, make_idea, make_user, client_as):
    """A public process with a published, a hidden and two merged ideas; a staff-only process with a
    published idea; all linked to the same plan action and SDG target."""
    import_example()
    moderator = make_user("moderator")
    public = make_process("public")
    staff = make_process("staff", title="Inspiratienota 2040")
    author = make_user(name="Auteur")
    w = SimpleNamespace(public=public, staff=staff, author=author)
    w.open = make_idea(public, title="Open idee voor iedereen")
    w.staff_idea = make_idea(staff, title="Personeelsidee binnenshuis")
    w.later_hidden = make_idea(public, title="Later verborgen idee", author=author)
    w.merged_public = make_idea(public, title="Dubbel maar publiek")
    w.merged_hidden = make_idea(public, title="Dubbel en verborgen", status="hidden")
    action = db.session.scalar(select(PlanAction).where(PlanAction.code == ACTION))
    for idea in (w.open, w.staff_idea, w.later_hidden):
        plan_services.link_idea(idea, action, moderator)
    for idea in (w.open, w.staff_idea, w.later_hidden):
        sdg_services.link_idea(idea, "11.7", moderator)
    services.follow(author, w.later_hidden)
    services.set_status(w.later_hidden, "hidden", moderator, "Beledigend.", notify=False)
    services.merge_ideas(w.merged_public, w.open, moderator, "Hetzelfde idee.")
    services.merge_ideas(w.merged_hidden, w.open, moderator, "Hetzelfde idee.")
    db.session.commit()
    w.clients = {role: client_as(role) for role in VIEWERS}
    w.author_client = client_as(None)
    from tests.conftest import log_in

    log_in(w.author_client, author)
    return w


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def who_sees(world, url: str, title: str) -> set[str]:
    return {role for role, client in world.clients.items() if title in page(client, url)}


def test_the_plan_action_page_lists_a_staff_idea_to_staff_only_and_a_hidden_one_to_moderators(world):
    url = f"/plan/acties/{ACTION}"
    assert who_sees(world, url, "Open idee voor iedereen") == set(VIEWERS)
    assert who_sees(world, url, "Personeelsidee binnenshuis") == {"employee", "moderator"}
    assert who_sees(world, url, "Later verborgen idee") == {"moderator"}


def test_the_sdg_goal_page_follows_the_same_rule(world):
    assert who_sees(world, "/sdgs/11", "Open idee voor iedereen") == set(VIEWERS)
    assert who_sees(world, "/sdgs/11", "Personeelsidee binnenshuis") == {"employee", "moderator"}
    assert who_sees(world, "/sdgs/11", "Later verborgen idee") == {"moderator"}


def test_an_idea_merged_while_hidden_stays_unseen_on_the_idea_it_was_merged_into(world):
    url = f"/ideeen/{world.open.id}"
    assert who_sees(world, url, "Dubbel maar publiek") == set(VIEWERS)
    assert who_sees(world, url, "Dubbel en verborgen") == {"moderator"}


def test_the_page_of_an_idea_merged_while_hidden_does_not_lead_strangers_to_its_target(world):
    for role in ("anonymous", "resident", "employee"):
        assert world.clients[role].get(f"/ideeen/{world.merged_hidden.id}").status_code == 404, role
    visible = world.clients["anonymous"].get(f"/ideeen/{world.merged_public.id}")
    assert visible.status_code == 302 and visible.location.endswith(f"/ideeen/{world.open.id}")


def test_idea_pages_of_staff_and_hidden_ideas(world):
    expected = {
        world.staff_idea: {"employee", "moderator"},
        world.later_hidden: {"moderator"},
        world.open: set(VIEWERS),
    }
    for idea, allowed in expected.items():
        for role, client in world.clients.items():
            status = client.get(f"/ideeen/{idea.id}").status_code
            assert status == (200 if role in allowed else 404), (idea.title, role, status)
    assert world.author_client.get(f"/ideeen/{world.later_hidden.id}").status_code == 200


def test_the_process_page_lists_public_ideas_only(world):
    url = f"/trajecten/{world.public.slug}"
    assert who_sees(world, url, "Open idee voor iedereen") == set(VIEWERS)
    assert who_sees(world, url, "Later verborgen idee") == set()


def test_a_followed_idea_that_was_hidden_leaves_the_followers_list(world):
    follower = world.clients["resident"]
    services.follow(follower.user, world.open)
    db.session.commit()
    db.session.execute(db.text("INSERT INTO follows (user_id, idea_id, created_at) VALUES (:u, :i, :t)"),
                       {"u": follower.user.id, "i": world.later_hidden.id, "t": world.open.created_at})
    db.session.commit()
    listed = page(follower, "/account/gevolgde-ideeen")
    assert "Open idee voor iedereen" in listed
    assert "Later verborgen idee" not in listed


def test_the_api_shows_only_what_an_anonymous_visitor_sees_whoever_asks(world):
    for role in VIEWERS:
        client = world.clients[role]
        assert client.get(f"/api/v1/ideas/{world.staff_idea.id}").status_code == 404
        assert client.get(f"/api/v1/ideas/{world.later_hidden.id}").status_code == 404
        assert client.get(f"/api/v1/ideas/{world.open.id}").status_code == 200
        listed = client.get(f"/api/v1/processes/{world.public.slug}/ideas").get_json()
        titles = {item["title"] for item in listed["data"]}
        assert titles == {"Open idee voor iedereen"}
        action = client.get(f"/api/v1/plan/actions/{ACTION}").get_json()
        assert [idea["title"] for idea in action["ideas"]] == ["Open idee voor iedereen"]


def test_voting_on_an_idea_one_may_not_see_is_not_found(world):
    for idea in (world.staff_idea, world.later_hidden):
        response = world.clients["resident"].post(f"/stemmen/ideeen/{idea.id}")
        assert response.status_code == 404


def test_one_rule_in_sql_and_for_one_idea(world):
    """`visible_ideas` and `is_idea_visible` agree for every idea and every kind of viewer."""
    viewers = [VISITOR, world.author] + [world.clients[role].user for role in VIEWERS if role != "anonymous"]
    ideas = [world.open, world.staff_idea, world.later_hidden, world.merged_public, world.merged_hidden]
    for viewer in viewers:
        listed = {idea.id for idea in db.session.scalars(visible_ideas(viewer))}
        for idea in ideas:
            assert (idea.id in listed) == is_idea_visible(idea, viewer), (viewer, idea.title)
    assert is_idea_visible(world.later_hidden, world.author)
    assert not is_idea_visible(world.later_hidden, VISITOR)


def test_the_idea_page_reads_the_same_rule_with_its_idea(world):
    """The idea page asks the rule along with the idea (for the viewer, and for a visitor: may it be shared);
    its answers are those of the lists, for every idea and every kind of viewer."""
    from participation.ideas.page import read_idea_page

    viewers = [VISITOR, world.author] + [world.clients[role].user for role in VIEWERS if role != "anonymous"]
    ideas = [world.open, world.staff_idea, world.later_hidden, world.merged_public, world.merged_hidden]
    shared = {idea.id for idea in db.session.scalars(visible_ideas(VISITOR))}
    for viewer in viewers:
        listed = {idea.id for idea in db.session.scalars(visible_ideas(viewer))}
        for idea in ideas:
            page = read_idea_page(idea.id, viewer)
            assert page.visible == (idea.id in listed), (viewer, idea.title)
            assert page.shareable == (idea.id in shared), (viewer, idea.title)


def test_staff_see_a_staff_idea_without_links_to_share_it(world):
    staff_page = page(world.clients["employee"], f"/ideeen/{world.staff_idea.id}")
    assert "Personeelsidee binnenshuis" in staff_page and 'class="share"' not in staff_page
    assert 'class="share"' in page(world.clients["employee"], f"/ideeen/{world.open.id}")


@pytest.fixture
def invited(make_process, make_idea, make_user, client_as):
    """A process for invited partners only ("GBO realiseren ism W13") with a published idea linked to SDG
    target 11.7; a W13 person who came in through its link, and a Leiedal person whose link was revoked."""
    from datetime import timedelta

    from participation.clock import brussels_today
    from participation.partners.models import Partner
    from participation.processes import invitations

    moderator = make_user("moderator")
    gbo = make_process("invited", slug="gbo", title="Geïntegreerd breed onthaal")
    w = SimpleNamespace(process=gbo, idea=make_idea(gbo, title="Eén onthaalbalie voor W13"))
    sdg_services.link_idea(w.idea, "11.7", moderator)
    w13, leiedal = Partner(slug="w13", name="W13"), Partner(slug="leiedal", name="Leiedal")
    db.session.add_all([w13, leiedal])
    db.session.flush()
    last = brussels_today() + timedelta(days=30)
    w.w13_link, _ = invitations.create_invitation(gbo, w13, last, moderator)
    leiedal_link, _ = invitations.create_invitation(gbo, leiedal, last, moderator)
    w.clients = {role: client_as(role) for role in VIEWERS}
    for role, link in (("w13", w.w13_link), ("leiedal", leiedal_link)):
        w.clients[role] = client_as("resident")
        invitations.accept_invitation(link, w.clients[role].user)
    invitations.revoke_invitation(leiedal_link, moderator)
    db.session.commit()
    return w


def test_an_invited_process_is_seen_by_its_partners_people_and_staff_only(invited):
    insiders = {"w13", "employee", "moderator"}
    assert who_sees(invited, "/trajecten", "Geïntegreerd breed onthaal") == insiders
    assert who_sees(invited, "/sdgs/11", "Eén onthaalbalie voor W13") == insiders
    assert who_sees(invited, "/zoeken?q=onthaalbalie", "Eén onthaalbalie voor W13") == insiders
    for role, client in invited.clients.items():
        for url in ("/trajecten/gbo", f"/ideeen/{invited.idea.id}"):
            assert client.get(url).status_code == (200 if role in insiders else 404), (role, url)


def test_revoking_a_link_closes_the_invited_process_to_its_people(invited):
    from participation.processes import invitations

    person = invited.clients["w13"]
    assert is_idea_visible(invited.idea, person.user)
    invitations.revoke_invitation(invited.w13_link, None)
    db.session.commit()
    assert not is_idea_visible(invited.idea, person.user)
    assert invited.idea.id not in {idea.id for idea in db.session.scalars(visible_ideas(person.user))}
    assert person.get(f"/ideeen/{invited.idea.id}").status_code == 404
    assert "Geïntegreerd breed onthaal" not in page(person, "/trajecten")
