"""Similar ideas: stemmed Dutch words, in the same process, explained by the words they share."""

from participation.extensions import db
from participation.ideas import services
from participation.ideas.similar import similar_ideas


def test_similar_ideas_share_stemmed_words_and_say_which(make_process, make_idea):
    process = make_process("public", slug="hallo")
    bench = make_idea(process, title="Meer zitbanken op de Markt", body="<p>Zitbanken in de schaduw.</p>")
    make_idea(process, title="Een fietsstraat naar school", body="<p>Veilig fietsen.</p>")
    make_idea(process, title="Bomen op de speelplaats", body="<p>Schaduw voor kinderen.</p>")
    found = similar_ideas(process.id, "Een zitbank op de markt", "<p>Om uit te rusten</p>")
    assert [item.idea.id for item in found][:1] == [bench.id]
    assert set(found[0].words) == {"zitbank", "markt"}


def test_similar_ideas_stay_within_the_process_and_skip_hidden_ones(make_process, make_idea):
    process, other = make_process("public", slug="hallo"), make_process("public", slug="ander")
    make_idea(other, title="Meer zitbanken op de Markt")
    make_idea(process, title="Zitbanken op de Markt, verborgen", status="hidden")
    assert similar_ideas(process.id, "Zitbanken op de Markt") == []


def test_an_idea_is_not_similar_to_itself(make_process, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, title="Zitbanken op de Markt")
    assert similar_ideas(process.id, idea.title, idea.body, exclude_id=idea.id) == []


def test_the_idea_page_shows_similar_ideas(make_process, make_idea, client):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Meer zitbanken op de Markt")
    idea = make_idea(process, title="Zitbank aan de Markt")
    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Gelijkaardige ideeën" in page and "Meer zitbanken op de Markt" in page
    assert "Zelfde woorden:" in page


def test_similar_ideas_use_a_bounded_number_of_queries(make_process, make_idea, count_queries):
    process = make_process("public", slug="hallo")
    for n in range(12):
        make_idea(process, title=f"Zitbanken op plein {n}", body="<p>Meer banken om te rusten in de schaduw.</p>")
        make_idea(process, title=f"Fietsstraat {n}", body="<p>Veilig naar school.</p>")
    process_id = process.id
    with count_queries() as counter:
        found = similar_ideas(process_id, "Zitbanken", "<p>Banken in de schaduw</p>")
    assert len(found) == 5 and counter.count <= 5


def test_the_form_asks_for_similar_ideas_while_typing(make_process, make_idea, client):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Meer zitbanken op de Markt")
    fragment = client.get("/trajecten/hallo/ideeen/gelijkaardig?titel=Zitbank+op+de+markt").get_data(as_text=True)
    assert "Staat je idee er al?" in fragment and "Meer zitbanken op de Markt" in fragment
    assert "<html" not in fragment
    assert client.get("/trajecten/hallo/ideeen/gelijkaardig?titel=zwembad").get_data(as_text=True).strip() == ""


def test_an_idea_page_reads_its_stored_similar_ideas_and_older_ideas_learn_of_newer_ones(
        make_process, make_idea, make_user, client, count_queries):
    process = make_process("public", slug="hallo")
    older = make_idea(process, title="Meer zitbanken op de Markt")
    newer = make_idea(process, title="Zitbank aan de Markt")
    with count_queries() as counter:
        page = client.get(f"/ideeen/{older.id}").get_data(as_text=True)
    assert "Zitbank aan de Markt" in page and "Zelfde woorden:" in page
    assert not [s for s in counter.statements if "idea_terms" in s], "the page counts words over the process"

    services.set_status(newer, "hidden", make_user("moderator"), "Dubbel.", notify=False)
    db.session.commit()
    assert "Zitbank aan de Markt" not in client.get(f"/ideeen/{older.id}").get_data(as_text=True)


def test_ideas_written_before_the_lists_were_stored_get_them_from_the_rebuild_command(app, make_process,
                                                                                        make_idea, client):
    from participation.ideas.models import SimilarIdeas

    process = make_process("public", slug="hallo")
    benches = make_idea(process, title="Meer zitbanken op de Markt", body="<p>Zitbanken in de schaduw.</p>")
    bench = make_idea(process, title="Een zitbank aan de Markt", body="<p>Om uit te rusten.</p>")
    school = make_idea(process, title="Een fietsstraat naar school", body="<p>Veilig fietsen.</p>")
    db.session.execute(db.delete(SimilarIdeas))  # as a city's ideas were before the lists were kept
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["ideas", "similar", "rebuild"])
    assert result.exit_code == 0 and "3 ideas" in result.output
    stored = {row.idea_id: [entry["id"] for entry in row.found] for row in db.session.scalars(db.select(SimilarIdeas))}
    assert stored[bench.id][:1] == [benches.id] and stored[benches.id][:1] == [bench.id]
    assert stored[school.id] == []
    page = client.get(f"/ideeen/{bench.id}").get_data(as_text=True)
    assert "Gelijkaardige ideeën" in page and "Meer zitbanken op de Markt" in page

    again = app.test_cli_runner().invoke(args=["ideas", "similar", "rebuild"])
    assert "0 ideas" in again.output  # only the missing lists, unless --all
    assert "3 ideas" in app.test_cli_runner().invoke(args=["ideas", "similar", "rebuild", "--all"]).output


WORDS = ("zitbank markt schaduw bomen fietspad school speelplein leie brug verlichting park hondenweide water kerk "
         "bushalte parking container zwembad bibliotheek terras").split()


def _many_ideas(make_process, count: int, seed: int = 7):
    """Ideas of two processes with overlapping words, in every kind of status, with their search words."""
    import random

    from participation.ideas.services import index_terms
    from tests.conftest import idea

    pick = random.Random(seed)
    processes = [make_process("public", slug="hallo"), make_process("public", slug="ander")]
    statuses = ["published"] * 6 + ["selected", "hidden", "submitted", "realised"]
    for n in range(count):
        title = " ".join(pick.sample(WORDS, pick.randint(1, 3)))
        body = "<p>" + " ".join(pick.sample(WORDS, pick.randint(0, 6))) + f" plan{n % 5}</p>"
        made = idea(pick.choice(processes), title=f"Idee {title}", body=body, status=pick.choice(statuses))
        index_terms(made)
    db.session.commit()


def _stored() -> dict[int, list]:
    from participation.ideas.models import SimilarIdeas

    db.session.expire_all()
    return {row.idea_id: row.found for row in db.session.scalars(db.select(SimilarIdeas))}


def _restore(lists: dict[int, list]) -> None:
    from participation.ideas.models import SimilarIdeas

    db.session.execute(db.delete(SimilarIdeas))
    db.session.add_all(SimilarIdeas(idea_id=idea_id, found=found) for idea_id, found in lists.items())
    db.session.commit()


def _one_by_one(every: bool) -> None:
    from participation.ideas.models import Idea, SimilarIdeas
    from participation.ideas.similar import store_similar

    statement = db.select(Idea).order_by(Idea.id)
    if not every:
        statement = statement.where(~db.exists().where(SimilarIdeas.idea_id == Idea.id))
    for found in db.session.scalars(statement).all():
        store_similar(found)
    db.session.commit()


def test_the_rebuild_in_batches_stores_what_storing_one_idea_after_the_other_stores(make_process, monkeypatch):
    from participation.ideas import similar

    monkeypatch.setattr(similar, "CANDIDATES", 6)  # the cut of the candidates counts too
    monkeypatch.setattr(similar, "WANTED_PER_STATEMENT", 25)  # and a batch looked up in parts
    _many_ideas(make_process, 60)

    _restore({})
    _one_by_one(every=True)
    expected = _stored()
    assert sum(1 for found in expected.values() if len(found) == similar.STORED) > 10
    _restore({})
    assert similar.rebuild_similar(every=True, batch=7) == 60
    assert _stored() == expected

    # Only the missing lists, while the others (some out of date) are there and get entries of the new ones.
    before = {idea_id: found[:2] for idea_id, found in expected.items() if idea_id % 3}
    _restore(before)
    _one_by_one(every=False)
    expected = _stored()
    _restore(before)
    assert similar.rebuild_similar(batch=4) == 20
    assert _stored() == expected


def test_the_rebuild_reads_a_few_statements_per_batch(make_process, count_queries):
    from participation.ideas.similar import rebuild_similar

    _many_ideas(make_process, 45)
    with count_queries() as counter:
        rebuild_similar(every=True, batch=15)
    assert counter.count <= 3 * 9, counter.statements
