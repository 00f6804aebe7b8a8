"""A signed-in SDG goal page and plan SDG page render their content once for every viewer who sees the same,
and only their layout per request; what a viewer sees beyond others, and staff's forms, stay their own."""

import re

from participation.extensions import db
from participation.page_parts import _is_shareable
from participation.sdgs.models import IdeaTarget
from tests.sdgs.helpers import make_idea


def link(idea, target="11.2"):
    db.session.add(IdeaTarget(idea_id=idea.id, target_code=target, goal_number=int(target.split(".")[0])))
    db.session.commit()


def without_token(body: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', body)


def reads_ideas(statements) -> bool:
    return any(re.search(r"\bFROM ideas\b", statement) for statement in statements)


def test_a_second_resident_gets_the_same_page_without_reading_its_ideas(cached, client_as, make_process,
                                                                       count_queries):
    link(make_idea(make_process(), title="Een veilige schoolomgeving"))
    first = client_as("resident").get("/sdgs/11")
    second_client = client_as("resident", name="Tweede bewoner")
    with count_queries() as counted:
        second = second_client.get("/sdgs/11")
    assert first.status_code == second.status_code == 200
    assert "Een veilige schoolomgeving" in second.get_data(as_text=True)
    assert without_token(second.get_data(as_text=True)) == without_token(first.get_data(as_text=True))
    assert not reads_ideas(counted.statements)
    assert "Afmelden" in second.get_data(as_text=True)  # the layout is the viewer's own


def test_a_viewer_who_sees_more_ideas_gets_their_own_content(cached, client_as, make_process):
    link(make_idea(make_process("staff", slug="personeel"), title="Interne koffiehoek"))
    assert "Interne koffiehoek" not in client_as("resident").get("/sdgs/11").get_data(as_text=True)
    assert "Interne koffiehoek" in client_as("employee").get("/sdgs/11").get_data(as_text=True)
    assert "Interne koffiehoek" not in client_as("resident").get("/sdgs/11").get_data(as_text=True)


def test_staff_who_edit_the_page_see_their_own_links(cached, client_as, make_process):
    link(make_idea(make_process()))
    client_as("resident").get("/sdgs/11")
    moderator = client_as("moderator")
    for _ in range(2):
        assert "Een idee koppelen aan een subdoel" in moderator.get("/sdgs/11").get_data(as_text=True)
    assert "/sdgs/koppelen" not in client_as("resident").get("/sdgs/11").get_data(as_text=True)


def test_a_new_link_shows_at_once_to_a_signed_in_viewer(cached, resident_client, make_process):
    process = make_process()
    link(make_idea(process, title="Eerste idee"))
    assert "Tweede idee" not in resident_client.get("/sdgs/11").get_data(as_text=True)
    link(make_idea(process, title="Tweede idee"))
    assert "Tweede idee" in resident_client.get("/sdgs/11").get_data(as_text=True)


def test_each_language_keeps_its_own_content(cached, resident_client):
    assert "Duurzame steden" in resident_client.get("/sdgs/11").get_data(as_text=True)
    resident_client.get("/taal/fr")
    body = resident_client.get("/sdgs/11").get_data(as_text=True)
    assert "Duurzame steden" not in body and '<html lang="fr">' in body


def test_the_plan_sdg_page_reads_no_plan_for_a_second_signed_in_viewer(cached, client_as, count_queries):
    first = client_as("resident").get("/plan/sdg/11")
    other = client_as("employee")
    with count_queries() as counted:
        second = other.get("/plan/sdg/11")
    assert first.status_code == second.status_code == 200
    assert without_token(second.get_data(as_text=True)) == without_token(first.get_data(as_text=True))
    assert not any("plan_" in statement for statement in counted.statements)


def test_content_that_holds_the_form_token_is_never_kept(app):
    with app.test_request_context("/"):
        from flask import g

        g.csrf_token = "token-of-this-session"
        assert _is_shareable({"content": "<p>Hallo</p>"})
        assert not _is_shareable({"content": '<input name="csrf_token" value="token-of-this-session">'})


def test_a_new_city_sentence_shows_at_once(cached, client, resident_client, make_user):
    from participation.sdgs.queries import goal_by_number
    from participation.sdgs.services import set_city_statement

    client.get("/sdgs/11"), resident_client.get("/sdgs/11")
    set_city_statement(goal_by_number(11), "Harelbeke bouwt een stad voor iedereen", make_user("administrator"))
    db.session.commit()
    assert "Harelbeke bouwt een stad voor iedereen" in client.get("/sdgs/11").get_data(as_text=True)
    assert "Harelbeke bouwt een stad voor iedereen" in resident_client.get("/sdgs/11").get_data(as_text=True)


def test_a_partner_invited_to_a_process_sees_its_ideas_on_the_goal_page(cached, client_as, make_process):
    from datetime import timedelta

    from participation.clock import brussels_today
    from participation.partners.models import Partner
    from participation.processes import invitations

    process = make_process("invited", slug="gbo")
    link(make_idea(process, title="Breed onthaal aan huis"))
    partner = Partner(slug="w13", name="W13")
    db.session.add(partner)
    db.session.commit()
    invitation, _token = invitations.create_invitation(process, partner, brussels_today() + timedelta(days=30),
                                                       None)
    db.session.commit()
    assert "Breed onthaal aan huis" not in client_as("resident").get("/sdgs/11").get_data(as_text=True)
    member = client_as("resident")
    invitations.accept_invitation(invitation, member.user)
    db.session.commit()
    assert "Breed onthaal aan huis" in member.get("/sdgs/11").get_data(as_text=True)
    assert "Breed onthaal aan huis" not in client_as("resident").get("/sdgs/11").get_data(as_text=True)
