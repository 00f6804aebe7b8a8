"""The SDG reference data: complete in three languages, and faithful to the shared yardstick.

The yardstick (``shared/data/sdg.json``, beside the repository) is not shipped; it is only used
here to check codes and counts exactly and each text by similarity. Texts are compared after
Unicode NFC normalisation and whitespace folding: the yardstick keeps its French accents
decomposed, which changes nothing a reader sees.
"""

import difflib
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

from participation.sdgs.reference import DATA_PATH

LANGUAGES = ("nl", "fr", "en")
MIN_RATIO = {"en": 0.85, "fr": 0.85, "nl": 0.75}
CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
COLOUR = re.compile(r"^#[0-9A-F]{6}$")


def shared_sdg_path() -> Path:
    shared = os.environ.get("SHARED_DIR")
    base = Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared"
    return base / "data" / "sdg.json"


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def texts_by_code(data: dict) -> dict[str, dict[str, str]]:
    return {target["code"]: target["text"] for goal in data["goals"] for target in goal["targets"]}


def folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def project() -> dict:
    return load(DATA_PATH)


@pytest.fixture(scope="module")
def yardstick() -> dict:
    path = shared_sdg_path()
    if not path.is_file():
        pytest.skip(f"no shared yardstick at {path} (set SHARED_DIR to the shared folder to compare)")
    return load(path)


def test_project_data_has_17_goals_and_169_targets_in_three_languages(project):
    goals = project["goals"]
    assert [goal["number"] for goal in goals] == list(range(1, 18))
    codes = [target["code"] for goal in goals for target in goal["targets"]]
    assert len(codes) == 169
    assert len(set(codes)) == 169
    for goal in goals:
        assert COLOUR.match(goal["colour"]), goal["number"]
        for field in ("title", "long_title"):
            assert all(goal[field][lang].strip() for lang in LANGUAGES), (goal["number"], field)
        for target in goal["targets"]:
            match = CODE.match(target["code"])
            assert match and int(match.group(1)) == goal["number"], target["code"]
            empty = [lang for lang in LANGUAGES if not target["text"].get(lang, "").strip()]
            assert not empty, f"{target['code']} has no text in {empty}"


def test_project_data_names_its_sources(project):
    about = project["about"]
    assert set(about["sources"]) >= set(LANGUAGES)
    assert "licence" in about


def test_codes_and_counts_match_the_yardstick(project, yardstick):
    ours = [(g["number"], [t["code"] for t in g["targets"]]) for g in project["goals"]]
    theirs = [(g["number"], [t["code"] for t in g["targets"]]) for g in yardstick["goals"]]
    assert len(ours) == len(theirs) == 17
    assert sum(len(codes) for _, codes in theirs) == 169
    assert ours == theirs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_target_texts_are_close_to_the_yardstick(project, yardstick, lang):
    ours, theirs = texts_by_code(project), texts_by_code(yardstick)
    short = []
    for code, text in theirs.items():
        ratio = difflib.SequenceMatcher(None, folded(ours[code][lang]), folded(text[lang])).ratio()
        if ratio < MIN_RATIO[lang]:
            short.append(f"{code} ({ratio:.2f})")
    assert not short, f"{lang} texts below {MIN_RATIO[lang]}: {', '.join(short)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_goal_titles_are_close_to_the_yardstick(project, yardstick, lang):
    short = []
    for ours, theirs in zip(project["goals"], yardstick["goals"], strict=True):
        for field in ("title", "long_title"):
            ratio = difflib.SequenceMatcher(None, folded(ours[field][lang]), folded(theirs[field][lang])).ratio()
            if ratio < MIN_RATIO[lang]:
                short.append(f"goal {ours['number']} {field} ({ratio:.2f})")
    assert not short, f"{lang} goal titles below {MIN_RATIO[lang]}: {', '.join(short)}"
