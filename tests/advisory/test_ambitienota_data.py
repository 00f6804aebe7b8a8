"""The demo data of Harelbeke's 2024 Ambitienota keeps the shape of the note the ten councils endorsed."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "participation" / "demo" / "harelbeke" / "ambitienota_2024.json"

COUNCILS = [
    "Klimaatraad",
    "We{i}reldraad",
    "Sportraad",
    "Cultuurraad",
    "Jeugdraad",
    "Welzijnsraad",
    "Seniorenraad",
    "Gecoro",
    "Lokaal Overleg Kinderopvang",
    "Handelscomité",
]


@pytest.fixture(scope="module")
def note():
    return json.loads(DATA.read_text(encoding="utf-8"))


def all_texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_texts(item)


def test_note_has_title_year_and_introduction(note):
    assert note["title"] == "Ambitienota"
    assert note["year"] == 2024
    assert len(note["introduction"]) == 4


def test_nine_ambition_points_numbered_one_to_nine(note):
    assert [point["number"] for point in note["ambition_points"]] == list(range(1, 10))


def test_each_point_has_a_title_a_vision_and_concrete_recommendations(note):
    for point in note["ambition_points"]:
        assert point["title"] and point["vision"].startswith("Harelbeke ")
        assert point["sub_themes"]
        for sub_theme in point["sub_themes"]:
            assert sub_theme["recommendations"]
            assert all(recommendation for recommendation in sub_theme["recommendations"])


def test_only_the_closing_line_of_point_one_has_no_sub_theme_title(note):
    untitled = [
        (point["number"], sub_theme["recommendations"])
        for point in note["ambition_points"]
        for sub_theme in point["sub_themes"]
        if sub_theme["title"] is None
    ]

    assert untitled == [(1, ["Gendergelijkwaardigheid."])]


def test_the_ten_councils_wrote_and_endorsed_the_note(note):
    assert [council["name"] for council in note["councils"]] == COUNCILS
    assert [council["position"] for council in note["councils"]] == list(range(1, 11))
    assert len({council["slug"] for council in note["councils"]}) == 10
    assert note["endorsed_by"] == COUNCILS


def test_process_follows_the_two_joint_sessions(note):
    assert [step["kind"] for step in note["process"]] == [
        "joint_session",
        "council_meetings",
        "joint_session",
        "endorsement",
    ]
    assert note["process"][0]["themes"] == ["People", "Planet", "Prosperity", "Peace & Partnership"]


def test_conclusion_repeats_the_nine_titles(note):
    assert [(item["number"], item["text"]) for item in note["conclusion"]] == [
        (point["number"], point["title"] + ".") for point in note["ambition_points"]
    ]


def test_texts_carry_no_line_breaks_from_the_pdf(note):
    for text in all_texts(note):
        assert text == text.strip()
        assert "\n" not in text and "  " not in text
