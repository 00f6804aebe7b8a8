"""Every /api/v1 route, called and checked against the OpenAPI document; no answer names a person."""

import re

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import idea
from tests.exports.factories import district

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PERSONAL_KEY = re.compile(r"(voter|user_id|user|email|e_mail|author|password|entered_by|on_behalf)", re.I)


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)


@pytest.fixture
def world(make_process, make_user):
    process = make_process(slug="hallo-harelbeke", title="Hallo Harelbeke")
    make_process("staff", slug="personeel")
    voter = make_user(email="stemmer@example.org", name="Stemmer Sarah")
    author = make_user(email="auteur@example.org", name="Auteur Ahmed")
    desk = make_user("employee", email="loket@harelbeke.be", name="Loket Lien")
    shown = idea(process, "Meer bomen", votes=7, author=author, district=district("Hulste"),
                 entered_by=desk, answer="<p>Komt in het plan.</p>", status="selected")
    shown.on_behalf_name = "Mevrouw Janssens"
    shown.latitude, shown.longitude = 50.8567, 3.3117
    from participation.extensions import db
    from participation.plan.models import IdeaAction, PlanAction
    from participation.sdgs.models import IdeaTarget
    from tests.plan.helpers import import_example

    import_example()
    from tests.partners.helpers import load_city_partners

    load_city_partners()
    action = db.session.scalar(db.select(PlanAction).where(PlanAction.code == "D10/AP01/04"))
    moderator = make_user("moderator", email="moderator@harelbeke.be", name="Moderator Mona")
    db.session.add(IdeaAction(idea_id=shown.id, action_id=action.id, linked_by_id=moderator.id))
    db.session.add(IdeaTarget(idea_id=shown.id, target_code="11.7", goal_number=11, linked_by_id=moderator.id))
    from participation.comments.models import Comment

    comment = Comment(idea_id=shown.id, author_id=voter.id, body="Graag ook een bank in de schaduw.")
    db.session.add(comment)
    db.session.flush()
    db.session.add(Comment(idea_id=shown.id, parent_id=comment.id, author_id=moderator.id, is_official=True,
                           body="De stad neemt dit mee."))
    db.session.commit()
    secretary = make_user("council_member", email="secretaris@example.org", name="Secretaris Sien")
    round_id = published_council_round(secretary)
    people = [voter, author, desk, moderator, secretary]
    return {"slug": process.slug, "idea_id": shown.id, "round_id": round_id, "people": people}


def published_council_round(secretary) -> int:
    """A published round of the councils with a ballot and a point, entered by a secretary."""
    from participation.advisory.models import (
        AmbitionPoint,
        Council,
        CouncilBallot,
        CouncilBallotRank,
        CouncilMembership,
        CouncilRound,
        Endorsement,
        Proposal,
        Recommendation,
        SubTheme,
    )
    from participation.extensions import db

    council = Council(slug="jeugdraad", name="Jeugdraad")
    round_ = CouncilRound(slug="advies-open", title="Advies", step="published")
    proposal = Proposal(round=round_, council=council, title="Speelpleinen", created_by_id=secretary.id)
    other = Proposal(round=round_, council=council, title="Fuifzaal")
    point = AmbitionPoint(round=round_, number=1, title="Ruimte om te spelen", vision="Iedereen speelt.")
    point.sub_themes.append(SubTheme(title=None, recommendations=[Recommendation(text="Een speelplein per wijk")]))
    db.session.add_all([council, round_, proposal, other, point,
                        CouncilMembership(council=council, user=secretary, role="secretary")])
    db.session.flush()
    ballot = CouncilBallot(round_id=round_.id, council_id=council.id, submitted_by_id=secretary.id)
    ballot.ranks.append(CouncilBallotRank(proposal_id=proposal.id, rank=1))
    db.session.add_all([ballot, Endorsement(round_id=round_.id, council_id=council.id, decided_by_id=secretary.id)])
    db.session.commit()
    return round_.id


def api_rules(app) -> list:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")), key=lambda r: r.rule
    )


def example_value(document: dict, path: str, name: str, world: dict):
    if name in world:
        return world[name]
    for parameter in document["paths"][path]["get"].get("parameters", []):
        if parameter["name"] == name and "example" in parameter:
            return parameter["example"]
    raise AssertionError(f"No value for {{{name}}} in {path}: give the parameter an example in the document")


def validator_for(document: dict, schema: dict) -> Draft202012Validator:
    return Draft202012Validator({**schema, "components": document["components"]}, format_checker=FormatChecker())


def personal_keys(value, found=None) -> list[str]:
    found = [] if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            if PERSONAL_KEY.search(key):
                found.append(key)
            personal_keys(item, found)
    elif isinstance(value, list):
        for item in value:
            personal_keys(item, found)
    return found


def test_the_document_is_valid_openapi_3_1(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema({**schema, "components": document["components"]})


def test_every_route_is_documented_and_every_documented_path_exists(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    routes = {openapi_path(rule.rule) for rule in api_rules(app)}
    assert routes == set(document["paths"])


def test_every_route_answers_as_documented_and_names_no_one(app, client, world):
    document = client.get("/api/v1/openapi.json").get_json()
    checked = []
    for rule in api_rules(app):
        path = openapi_path(rule.rule)
        url = rule.rule
        for name in rule.arguments:
            url = re.sub(rf"<(?:[a-z]+:)?{name}>", str(example_value(document, path, name, world)), url)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        [content] = document["paths"][path]["get"]["responses"]["200"]["content"].values()
        spec = content["schema"]
        errors = sorted(validator_for(document, spec).iter_errors(response.get_json()), key=str)
        assert not errors, f"{url} does not match the document: {errors[0].message} at {list(errors[0].path)}"
        if path != "/api/v1/openapi.json":
            text = response.get_data(as_text=True)
            assert not EMAIL.search(text), f"{url} holds an e-mail address"
            assert not personal_keys(response.get_json()), f"{url} has fields about a person"
            for person in world["people"]:
                assert person.display_name not in text, f"{url} names {person.display_name}"
            assert "Mevrouw Janssens" not in text
        checked.append(url)
    assert len(checked) >= 5


def test_not_found_answers_match_the_error_schema(client, world):
    document = client.get("/api/v1/openapi.json").get_json()
    for url, path in (("/api/v1/processes/personeel", "/api/v1/processes/{slug}"),
                      ("/api/v1/ideas/999999", "/api/v1/ideas/{idea_id}")):
        response = client.get(url)
        assert response.status_code == 404
        spec = document["paths"][path]["get"]["responses"]["404"]["content"]["application/json"]["schema"]
        validator_for(document, spec).validate(response.get_json())


def test_fragments_of_other_features_are_merged(app):
    from participation.api import openapi

    document = openapi.openapi_document()
    for path in ("/api/v1/sdgs", "/api/v1/indicators", "/api/v1/processes"):
        assert path in document["paths"]
    assert "PlanAction" in document["components"]["schemas"]


def test_a_listed_module_that_does_not_exist_stops_the_start(monkeypatch):
    from participation import create_app
    from participation.api import openapi
    from participation.exports import registry

    monkeypatch.setattr(openapi, "FRAGMENT_MODULES", (*openapi.FRAGMENT_MODULES, "participation.vote.api"))
    with pytest.raises(ModuleNotFoundError):
        create_app("testing")
    monkeypatch.undo()
    monkeypatch.setattr(registry, "EXPORT_MODULES", (*registry.EXPORT_MODULES, "participation.idea.exports"))
    monkeypatch.setattr(registry, "_LOADED", False)
    with pytest.raises(ModuleNotFoundError):
        create_app("testing")
