"""The SDG suggester, trained as at set-up on the demo city (its plan, sentences and moderators' links):
goals first, then only targets that share words with the idea, with the words that led to each."""

import pytest

from participation.demo.loader import load_demo
from participation.extensions import db
from participation.sdgs.dutch import STOP_WORDS, stem, words
from participation.sdgs.suggest import Example, GoalSuggestion, Suggestion
from participation.sdgs.trained import fit
from participation.sdgs.training import training_examples
from tests.conftest import clean_tables

TREES_ON_PLAYGROUND = "Plant bomen op de speelpleinen in de wijk, voor wat schaduw in de zomer"
BICYCLE_PARKING = "Een overdekte fietsenstalling aan het station, zodat je fiets niet nat wordt of gestolen"


@pytest.fixture(scope="module")
def suggester(app):
    with app.app_context():
        load_demo("harelbeke")
        db.session.commit()
        trained = fit(training_examples())
        clean_tables()
    return trained


def all_targets(goals: list[GoalSuggestion]) -> list[str]:
    return [target.target for goal in goals for target in goal.targets]


def test_trees_on_a_playground_get_no_poaching_invasive_species_or_desertification(suggester):
    goals = suggester.suggest_goals(TREES_ON_PLAYGROUND)

    assert goals
    assert not {"15.7", "15.8", "15.3"} & set(all_targets(goals))
    assert not {"15.7", "15.8", "15.3"} & {s.target for s in suggester.suggest(TREES_ON_PLAYGROUND, top=20)}


def test_bicycle_parking_gets_sustainable_cities_first_not_cultural_heritage(suggester):
    suggestions = suggester.suggest(BICYCLE_PARKING, top=10)

    assert suggestions[0].goal == 11
    assert suggestions[0].target != "11.4"
    assert "11.4" not in {s.target for s in suggestions}


@pytest.mark.parametrize("text", [
    "Bomen, bomen en nog eens bomen: zet ze op het speelplein zodat de kinderen schaduw hebben",
    "Zonnepanelen, zonnepanelen! Zet zonnepanelen op het dak van de school zodat de school groene stroom heeft",
])
def test_matched_words_are_shown_once_and_are_never_function_words(suggester, text):
    goals = suggester.suggest_goals(text)

    assert goals
    shown = [goal.matched_words for goal in goals] + [t.matched_words for goal in goals for t in goal.targets]
    for matched in shown:
        assert matched
        assert len({stem(word.lower()) for word in matched}) == len(matched)
        assert not {word.lower() for word in matched} & STOP_WORDS
        assert set(matched) <= set(words(text))
    assert not {"zet", "zodat"} & {word.lower() for matched in shown for word in matched}


def test_a_target_is_suggested_only_when_it_shares_words_with_the_idea(suggester):
    text = "Een repair café waar buren samen kapotte spullen herstellen"
    goals = suggester.suggest_goals(text)

    assert goals
    for goal in goals:
        for target in goal.targets:
            assert target.matched_words, target
            assert set(target.matched_words) <= set(words(text))
    alone = [s for s in suggester.suggest(text, top=10) if s.target is None]
    assert alone, "a goal whose targets share no word with the idea comes without a target"
    assert all(s.matched_words for s in alone)


def test_poverty_idea_gets_goal_1_and_renewable_energy_gets_7_2(suggester):
    assert suggester.suggest_goals("Armoede bestrijden: een hoger leefloon en hulp bij schulden")[0].goal == 1
    solar = suggester.suggest_goals("Zonnepanelen op alle scholen voor hernieuwbare energie")
    assert solar[0].goal == 7
    assert solar[0].targets[0].target == "7.2"
    assert "hernieuwbare" in solar[0].targets[0].matched_words


@pytest.mark.parametrize("text", ["", "   ", "de en het van", "zodat we het nu ook zo doen", "2030 !! 123", "???"])
def test_text_without_content_gets_no_suggestion(suggester, text):
    assert suggester.suggest_goals(text) == []
    assert suggester.suggest(text) == []


def test_goals_come_best_first_with_their_own_targets_and_scores_between_0_and_1(suggester):
    goals = suggester.suggest_goals("Betaalbare woningen en een bus naar het station voor ouderen")

    assert [g.score for g in goals] == sorted((g.score for g in goals), reverse=True)
    assert len({g.goal for g in goals}) == len(goals)
    for goal in goals:
        assert 0 < goal.score <= 1
        assert all(isinstance(t, Suggestion) and t.goal == goal.goal and 0 < t.score <= goal.score
                   for t in goal.targets)
        assert all(t.target.split(".")[0] == str(goal.goal) for t in goal.targets)


def test_targets_left_out_are_not_suggested(suggester):
    goals = suggester.suggest_goals(BICYCLE_PARKING, exclude={"11.2"})

    assert "11.2" not in all_targets(goals)


def test_the_citys_place_names_never_lead_to_a_suggestion(suggester):
    goals = suggester.suggest_goals("Meer zitbanken in Hulste, Bavikhove, Stasegem en de Zandberg")

    assert goals
    assert not {"Hulste", "Bavikhove", "Stasegem", "Zandberg"} & {w for g in goals for w in g.matched_words}


def test_a_goal_with_few_examples_is_found_through_its_target_texts(app):
    """No plan task or idea of the city speaks of the sea: the targets' own texts carry goal 14."""
    examples = [example for example in training_examples() if example.source in ("target", "goal")]
    examples.append(Example("Fietspaden en deelfietsen aan het station", 11))

    suggester = fit(examples)

    assert suggester.suggest_goals("Minder plastic in de zee en de oceanen")[0].goal == 14
