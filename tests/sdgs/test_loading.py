"""The goals and targets in the database: complete, in three languages, loaded idempotently."""

import json

import pytest

from participation.extensions import db
from participation.sdgs.models import CityStatement, SdgGoal, SdgTarget
from participation.sdgs.reference import goal_of, target_codes
from participation.sdgs.services import load_city_statements, load_reference_data
from tests.sdgs.test_reference_data import shared_sdg_path

HARELBEKE = "participation/demo/harelbeke/sdg_statements.json"


def test_database_holds_17_goals_and_169_targets_in_three_languages():
    goals = db.session.scalars(db.select(SdgGoal).order_by(SdgGoal.number)).all()
    targets = db.session.scalars(db.select(SdgTarget)).all()
    assert [g.number for g in goals] == list(range(1, 18))
    assert len(targets) == 169
    assert all(t.text_nl and t.text_fr and t.text_en for t in targets)
    assert db.session.get(SdgTarget, "11.7").text_nl.startswith("Tegen 2030")
    assert db.session.get(SdgGoal, 10).colour == "#DD1367"


def test_database_matches_the_shared_reference_file_exactly():
    path = shared_sdg_path()
    if not path.is_file():
        pytest.skip(f"no shared reference file at {path} (set SHARED_DIR to compare)")
    reference = json.loads(path.read_text(encoding="utf-8"))
    expected = [(g["number"], [t["code"] for t in g["targets"]]) for g in reference["goals"]]
    goals = db.session.scalars(db.select(SdgGoal).order_by(SdgGoal.number)).all()
    ours = [(g.number, [t.code for t in g.targets]) for g in goals]
    assert ours == expected
    assert sum(len(codes) for _, codes in ours) == 169


def test_loading_twice_changes_nothing():
    assert load_reference_data() == (17, 169)
    assert load_reference_data() == (17, 169)
    assert db.session.scalar(db.select(db.func.count()).select_from(SdgTarget)) == 169


def test_reference_helpers_for_other_features():
    codes = target_codes()
    assert len(codes) == 169 and {"1.1", "1.a", "11.7", "17.19"} <= codes
    assert goal_of("11.7") == 11 and goal_of("1.a") == 1
    with pytest.raises(KeyError):
        goal_of("18.1")


def test_city_statements_load_once_and_keep_an_edited_sentence(app):
    from participation import ROOT

    assert load_city_statements(ROOT / HARELBEKE) == 12
    db.session.commit()
    assert db.session.get(CityStatement, 10).sentence == "Iedereen telt mee in Harelbeke"
    db.session.get(CityStatement, 10).sentence = "Iedereen telt mee"
    db.session.commit()
    load_city_statements(ROOT / HARELBEKE)
    db.session.commit()
    assert db.session.get(CityStatement, 10).sentence == "Iedereen telt mee"
    assert db.session.scalar(db.select(db.func.count()).select_from(CityStatement)) == 12


def test_cli_sdg_load_is_idempotent(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sdg", "load"])
    second = runner.invoke(args=["sdg", "load"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "17 SDG goals and 169 targets" in second.output


def test_cli_suggest_prints_targets_scores_and_words(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sdg", "suggest", "zonnepanelen voor hernieuwbare energie", "--top", "2"])
    assert result.exit_code == 0
    assert "7.2" in result.output and "hernieuwbare" in result.output
    as_json = runner.invoke(args=["sdg", "suggest", "zonnepanelen voor hernieuwbare energie", "--json"])
    data = json.loads(as_json.output)
    assert data[0]["target"] == "7.2" and "hernieuwbare" in data[0]["matched_words"]
    assert {"target", "goal", "score", "matched_words", "text"} <= data[0].keys()
    assert len(data) == 5


def test_demo_load_brings_the_city_statements(app):
    from participation.demo.loader import load_demo

    load_demo("harelbeke")
    db.session.commit()
    assert db.session.get(CityStatement, 1).sentence.startswith("Harelbeke bestrijdt armoede")
