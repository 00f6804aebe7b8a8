"""Moderators answer the suggestions (confirm, or "does not fit"); the answers are kept, the idea is not
offered a refused suggestion again, and the next training learns from them. Suggestions are for
moderators only: never on the public idea page."""

import json

from participation.extensions import db
from participation.sdgs import trained
from participation.sdgs.models import IdeaTarget, SuggestionChoice, TrainedSuggester
from participation.sdgs.services import suggestions_for_idea
from participation.sdgs.trained import current_suggester, train_suggester
from participation.sdgs.training import training_examples
from tests.sdgs.helpers import make_idea

TREES = "Bomen op het speelplein"
TREES_BODY = "<p>Plant bomen op het speelplein, voor schaduw als de kinderen buiten spelen in de zomer.</p>"


def choices(idea) -> list[tuple[int, str | None, str]]:
    rows = db.session.execute(db.select(SuggestionChoice.goal_number, SuggestionChoice.target_code,
                                        SuggestionChoice.verdict).where(SuggestionChoice.idea_id == idea.id))
    return sorted(tuple(row) for row in rows)


def goal_score(text: str, goal: int) -> float:
    scores = current_suggester()._goal_scores(current_suggester()._query(text))
    return float(scores[current_suggester().goals.index(goal)])


def test_refusing_a_goal_hides_it_for_the_idea_and_the_next_training_learns_from_it(client_as, make_process):
    process = make_process()
    ideas = [make_idea(process, title=TREES, body=TREES_BODY) for _ in range(3)]
    suggested = [goal.goal for goal in suggestions_for_idea(ideas[0])]
    refused = next(goal for goal in suggested if goal != 11)
    before = goal_score(f"{TREES}\n{TREES_BODY}", refused)
    moderator = client_as("moderator")

    for idea in ideas:
        response = moderator.post(f"/sdgs/ideeen/{idea.id}/suggesties/weigeren",
                                  data={"goal": str(refused), "next": f"/moderatie/ideeen/{idea.id}"})
        assert response.status_code == 302
        assert response.headers["Location"] == f"/moderatie/ideeen/{idea.id}"

    assert choices(ideas[0]) == [(refused, None, "refused")]
    assert refused not in [goal.goal for goal in suggestions_for_idea(ideas[0])]
    assert any(e.refused and e.goal == refused and e.target is None for e in training_examples())
    assert goal_score(f"{TREES}\n{TREES_BODY}", refused) == before  # nothing learnt before the training
    assert client_as("administrator").application.test_cli_runner().invoke(args=["sdg", "train"]).exit_code == 0
    assert goal_score(f"{TREES}\n{TREES_BODY}", refused) < before


def test_refusing_a_target_hides_it_and_the_next_training_stops_suggesting_it(client_as, make_process):
    idea = make_idea(make_process(), title="Beter openbaar vervoer naar het station",
                     body="<p>Een bus die ook 's avonds rijdt, met aandacht voor ouderen.</p>")
    first = suggestions_for_idea(idea)[0]
    assert first.targets
    code = first.targets[0].target

    response = client_as("moderator").post(f"/sdgs/ideeen/{idea.id}/suggesties/weigeren",
                                           data={"goal": str(first.goal), "code": code})

    assert response.status_code == 302
    assert choices(idea) == [(first.goal, code, "refused")]
    assert code not in [t.target for goal in suggestions_for_idea(idea) for t in goal.targets]
    train_suggester()
    other = make_idea(idea.process, title=idea.title, body=idea.body)
    assert code not in [t.target for goal in suggestions_for_idea(other) for t in goal.targets]


def test_confirming_a_suggestion_links_it_and_keeps_it_as_accepted(client_as, make_process):
    idea = make_idea(make_process(), title="Zonnepanelen op de sporthal",
                     body="<p>Hernieuwbare energie op het dak van de sporthal.</p>")
    target = suggestions_for_idea(idea)[0].targets[0]
    moderator = client_as("moderator")

    moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": target.target, "suggested": "1"})

    assert db.session.scalar(db.select(IdeaTarget.target_code).where(IdeaTarget.idea_id == idea.id)) == target.target
    assert choices(idea) == [(target.goal, target.target, "accepted")]
    assert target.target not in [t.target for g in suggestions_for_idea(idea) for t in g.targets]
    assert any(e.source == "choice" and not e.refused and e.target == target.target for e in training_examples())

    moderator.post(f"/sdgs/ideeen/{idea.id}/ontkoppelen/{target.target}")

    assert choices(idea) == []


def test_a_link_made_by_hand_is_no_suggestion_answered(client_as, make_process):
    idea = make_idea(make_process())

    client_as("moderator").post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.2"})

    assert choices(idea) == []
    assert any(e.source == "link" and e.target == "11.2" for e in training_examples())


def test_refusing_a_target_of_another_goal_or_an_unknown_goal_is_refused(client_as, make_process):
    idea = make_idea(make_process())
    moderator = client_as("moderator")

    moderator.post(f"/sdgs/ideeen/{idea.id}/suggesties/weigeren", data={"goal": "11", "code": "15.7"})
    assert moderator.post(f"/sdgs/ideeen/{idea.id}/suggesties/weigeren", data={"goal": "0"}).status_code == 400

    assert choices(idea) == []


def test_suggestions_are_on_the_moderators_pages_and_never_on_the_public_idea_page(client_as, make_process, client):
    idea = make_idea(make_process(), title=TREES, body=TREES_BODY)
    moderator = client_as("moderator")

    screening = moderator.get(f"/moderatie/ideeen/{idea.id}").get_data(as_text=True)
    linking = moderator.get(f"/sdgs/koppelen?idea={idea.id}").get_data(as_text=True)
    assert "Voorgestelde doelen en subdoelen" in screening
    assert "Woorden die ertoe leidden" in screening
    assert "Voorgestelde doelen en subdoelen" in linking

    for viewer in (moderator, client_as("administrator"), client_as("resident"), client):
        page = viewer.get(f"/ideeen/{idea.id}").get_data(as_text=True)
        assert "Voorgestelde doelen" not in page
        assert "Woorden die ertoe leidden" not in page
        assert "suggesties/weigeren" not in page
        assert 'name="suggested"' not in page


def test_sdg_suggest_command_prints_json_of_the_same_shape(app):
    result = app.test_cli_runner().invoke(
        args=["sdg", "suggest", "Een overdekte fietsenstalling aan het station", "--top", "3", "--json"]
    )

    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert 1 <= len(rows) <= 3
    for row in rows:
        assert set(row) == {"target", "goal", "score", "matched_words", "text"}
        assert isinstance(row["goal"], int) and isinstance(row["score"], float)
        assert row["matched_words"] and all(isinstance(word, str) for word in row["matched_words"])
        assert row["target"] is None or row["target"].split(".")[0] == str(row["goal"])
    assert rows[0]["goal"] == 11


def test_the_trained_suggester_is_kept_and_survives_a_restart(app, monkeypatch):
    assert db.session.scalar(db.select(db.func.count()).select_from(TrainedSuggester)) == 0
    result = app.test_cli_runner().invoke(args=["sdg", "train"])
    assert result.exit_code == 0, result.output
    assert "trained on" in result.output
    kept = db.session.scalar(db.select(TrainedSuggester))
    assert kept.examples > 169 and kept.model

    trained._loaded.update(key=None, suggester=None)  # a new process
    monkeypatch.setattr(trained, "train_suggester", lambda: (_ for _ in ()).throw(AssertionError("retrained")))
    suggester = current_suggester()

    assert suggester.suggest_goals("Zonnepanelen op het dak")[0].goal == 7


def test_without_a_kept_suggester_the_first_suggestion_trains_one(app):
    trained._loaded.update(key=None, suggester=None)

    assert current_suggester().suggest_goals("Zonnepanelen op het dak")[0].goal == 7
    assert db.session.scalar(db.select(db.func.count()).select_from(TrainedSuggester)) == 1


def test_training_reads_the_plan_the_city_imported(app):
    app.test_cli_runner().invoke(args=["demo", "load"])

    plan = [e for e in training_examples() if e.source == "plan"]

    assert any(e.text.startswith("Brugfiguurwerking") and e.goal == 1 for e in plan)
    assert any(e.target == "11.2" for e in training_examples() if e.source in ("plan", "link"))
    assert any(e.source == "explanation" and "brugfiguur" in e.text for e in training_examples())
    # Each task is an example of its own, with the text of its action: D16/AP02/03 has nine.
    hr = [e for e in plan if "(Behavior)" in e.text and e.target is None]
    assert len(hr) == 9 and {e.goal for e in hr} == {16}
    assert any(e.text.startswith("P&O Uitrol HR-software.") for e in hr)
    assert any(e.source == "explanation" and e.goal == 11 for e in training_examples())
