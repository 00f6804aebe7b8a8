"""Search across the site: one box in the header finds processes, ideas, plan actions, SDG targets and
ambition points, in Dutch (stemmed), only what the person may see, grouped by kind and paginated."""

import re

import pytest

from participation.extensions import db
from participation.sdgs.services import load_reference_data
from participation.search.index import SearchDocument, rebuild, search_groups


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.get_data(as_text=True))


def test_every_page_has_the_search_box_in_its_header(client):
    page = client.get("/").get_data(as_text=True)
    assert 'role="search"' in page and 'action="/zoeken"' in page and 'name="q"' in page
    assert '<label for="site-search-q" class="visually-hidden">Zoek op de site</label>' in page
    assert 'id="site-search-q-narrow"' in page  # the same box in the Menu panel on a phone


def test_a_dutch_word_finds_its_other_forms(make_process, make_idea, client):
    process = make_process(title="Hallo Harelbeke")
    make_idea(process, title="Veilig fietsen naar school", body="Een fietsstraat langs de scholen.")
    make_idea(process, title="Een hondenweide", body="Loslopen voor honden.")
    for query in ("fietsen", "fiets", "Fietsen", "fietsstraten", "scholen", "school"):
        assert titles(client.get("/zoeken", query_string={"q": query})) == ["Veilig fietsen naar school"], query
    assert titles(client.get("/zoeken?q=hond")) == ["Een hondenweide"]
    assert titles(client.get("/zoeken?q=ideeën")) == []  # accents are no obstacle either way
    assert titles(client.get("/zoeken?q=fiets+hond")) == []  # every word must be found


def test_only_what_the_viewer_may_see_is_found(make_process, make_idea, client_as):
    public = make_process(title="Hallo Harelbeke")
    staff = make_process("staff", title="Inspiratienota voor het personeel")
    make_idea(public, title="Zonnepanelen op de sporthal")
    make_idea(public, title="Zonnepanelen op de school", status="submitted")
    make_idea(public, title="Zonnepanelen op het zwembad", status="hidden")
    make_idea(staff, title="Zonnepanelen op het stadhuis")
    assert titles(client_as(None).get("/zoeken?q=zonnepanelen")) == ["Zonnepanelen op de sporthal"]
    assert titles(client_as("resident").get("/zoeken?q=zonnepanelen")) == ["Zonnepanelen op de sporthal"]
    employee = titles(client_as("employee").get("/zoeken?q=zonnepanelen"))
    assert sorted(employee) == ["Zonnepanelen op de sporthal", "Zonnepanelen op het stadhuis"]
    assert titles(client_as(None).get("/zoeken?q=inspiratienota")) == []
    assert titles(client_as("employee").get("/zoeken?q=inspiratienota")) == ["Inspiratienota voor het personeel"]


def test_the_index_follows_what_is_written(make_process, make_idea, make_user, client):
    from participation.ideas import services

    process = make_process(title="Hallo Harelbeke")
    idea = make_idea(process, title="Een bank op de Markt")
    assert titles(client.get("/zoeken?q=bank")) == ["Een bank op de Markt"]
    services.correct_idea(idea, make_user("moderator"), "Een zitbank op de Markt", idea.body, "Woord")
    db.session.commit()
    assert titles(client.get("/zoeken?q=zitbank")) == ["Een zitbank op de Markt"]
    services.set_status(idea, "hidden", make_user("moderator"), "Dubbel.", notify=False)
    db.session.commit()
    assert titles(client.get("/zoeken?q=zitbank")) == []
    process.audience = "staff"
    db.session.commit()
    assert titles(client.get("/zoeken?q=hallo")) == []


def test_results_are_grouped_by_kind_and_each_kind_pages(app, make_process, make_idea, client):
    from participation.ideas.models import Idea

    process = make_process(title="Speelpleinen in elke wijk")
    for number in range(25):
        make_idea(process, title=f"Speelplein nummer {number}")
    body = client.get("/zoeken?q=speelplein").get_data(as_text=True)
    assert body.index("Trajecten") < body.index("Ideeën")
    assert "Toon alle 25 resultaten" in body
    assert len(titles(client.get("/zoeken?q=speelplein"))) == 1 + 5
    first = client.get("/zoeken?q=speelplein&soort=idea")
    assert len(titles(first)) == app.config["PER_PAGE"] and "25 resultaten" in first.get_data(as_text=True)
    second = client.get("/zoeken?q=speelplein&soort=idea&page=2")
    assert len(titles(second)) == 25 - app.config["PER_PAGE"]
    assert not set(titles(first)) & set(titles(second))
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 25


def test_plan_actions_sdg_targets_and_ambition_points_are_found(app, client, make_user):
    from participation.advisory.models import AmbitionPoint, CouncilRound
    from tests.plan.helpers import import_example

    load_reference_data()
    import_example()
    draft = CouncilRound(slug="ronde-concept", title="Concept", step="ranking")
    draft.points.append(AmbitionPoint(number=1, title="Mobiliteit op mensenmaat", vision="Stappen en trappen."))
    published = CouncilRound(slug="ambitienota", title="Ambitienota 2024", step="published")
    published.points.append(AmbitionPoint(number=2, title="Solidair Harelbeke", vision="Een inclusieve gemeenschap."))
    db.session.add_all([draft, published])
    db.session.commit()
    rebuild()
    db.session.commit()
    kinds = {group.kind: group for group in search_groups("armoede", None)}
    assert "sdg_target" in kinds and kinds["sdg_target"].items[0].label.startswith("SDG ")
    body = client.get("/zoeken?q=solidair").get_data(as_text=True)
    assert "Ambitiepunten van de adviesraden" in body and "2. Solidair Harelbeke" in body
    assert "Mobiliteit op mensenmaat" not in client.get("/zoeken?q=mensenmaat").get_data(as_text=True)
    assert "Acties en taken van het meerjarenplan" in client.get("/zoeken?q=participatie").get_data(as_text=True)
    actions = client.get("/zoeken?q=participatie&soort=plan_action").get_data(as_text=True)
    assert "D10/AP01/04" in actions and 'href="/plan/acties/D10/AP01/04"' in actions
    target = db.session.scalar(db.select(SearchDocument).where(SearchDocument.kind == "sdg_target"))
    assert client.get(target.path.split("#")[0]).status_code == 200


def test_an_empty_search_and_no_results_say_what_to_do(client):
    assert "Typ een of meer woorden" in client.get("/zoeken").get_data(as_text=True)
    assert "Typ een woord van minstens twee letters" in client.get("/zoeken?q=a").get_data(as_text=True)
    body = client.get("/zoeken?q=kwispeldraak").get_data(as_text=True)
    assert "Niets gevonden voor „kwispeldraak”" in body or "Niets gevonden voor “kwispeldraak”" in body


@pytest.mark.parametrize("query", ['"', "fiets*", "a OR b", "NEAR(x y)", "'; DROP TABLE ideas; --", "x:*&|!"])
def test_search_syntax_in_the_query_is_only_words(client, query):
    assert client.get("/zoeken", query_string={"q": query}).status_code == 200


def test_the_rebuild_command_indexes_everything(app, make_process, make_idea):
    process = make_process(title="Hallo Harelbeke")
    make_idea(process, title="Meer bomen")
    db.session.execute(SearchDocument.__table__.delete())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "documents indexed" in result.output
    assert [group.kind for group in search_groups("bomen", None)] == ["idea"]


def test_a_search_page_costs_a_few_queries_whatever_the_number_of_results(make_process, make_idea, client,
                                                                        count_queries):
    process = make_process(title="Bomen overal")
    for number in range(30):
        make_idea(process, title=f"Bomen in straat {number}")
    with count_queries() as counter:
        assert client.get("/zoeken?q=bomen").status_code == 200
    assert counter.count <= 12, counter.statements


def test_moderators_find_ideas_of_every_status_as_in_their_lists(make_process, make_idea, client_as):
    process = make_process(title="Hallo Harelbeke")
    make_idea(process, title="Een hondenweide in Bavikhove", status="submitted")
    assert titles(client_as("resident").get("/zoeken?q=hondenweide")) == []
    assert titles(client_as("moderator").get("/zoeken?q=hondenweide")) == ["Een hondenweide in Bavikhove"]
