"""The city's chapters (pijlers): which SDGs each groups, in which order, with its name and short text.

They are city data (`chapters.json` in the city's folder, loaded into the `chapters` table). A city
whose folder has none keeps the UN's five Ps (`participation/core/data/chapters.json`), which is also
what the platform shows before any city is loaded. Every page, form, filter and report asks here:
`chapters()` for the list, `chapter_of_goal(n)` for the one chapter that holds a goal.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from flask import has_app_context, has_request_context
from flask_babel import get_locale

from participation.extensions import db

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "chapters.json"
LANGUAGES = ("nl", "fr", "en")


class ChaptersError(ValueError):
    """The chapters in a city's folder cannot be used."""


@dataclass(frozen=True)
class ChapterInfo:
    key: str
    position: int
    names: dict
    texts: dict
    goals: tuple[int, ...]

    @property
    def label(self) -> str:
        return in_language(self.names)

    @property
    def text(self) -> str:
        return in_language(self.texts)


def in_language(values: dict) -> str:
    """The text in the reader's language, else the city's Dutch, else whatever the city gave."""
    if not values:
        return ""
    language = str(get_locale() or "nl") if has_request_context() else "nl"
    return values.get(language) or values.get("nl") or next(iter(values.values()))


def read_chapters(path: Path) -> list[dict]:
    """The chapters of a JSON file, checked: known keys once, SDGs 1 to 17 each in one chapter at most."""
    items = json.loads(path.read_text(encoding="utf-8"))["chapters"]
    problems, keys, seen = [], set(), {}
    for item in items:
        key = item.get("key", "")
        if not key or len(key) > 20 or key in keys:
            problems.append(f"chapter key {key!r} is empty, too long or used twice")
        keys.add(key)
        if not item.get("name", {}).get("nl"):
            problems.append(f"chapter {key!r} has no Dutch name")
        for goal in item.get("goals", []):
            if not isinstance(goal, int) or not 1 <= goal <= 17:
                problems.append(f"chapter {key!r}: {goal!r} is not an SDG")
            elif goal in seen:
                problems.append(f"SDG {goal} is in chapter {seen[goal]!r} and in {key!r}")
            else:
                seen[goal] = key
    if problems:
        raise ChaptersError(f"The chapters in {path} cannot be used: " + "; ".join(problems))
    return items


def _info(position: int, item: dict) -> ChapterInfo:
    return ChapterInfo(item["key"], position, dict(item["name"]), dict(item.get("text", {})),
                       tuple(sorted(item.get("goals", []))))


def default_chapters() -> list[ChapterInfo]:
    return [_info(position, item) for position, item in enumerate(read_chapters(DEFAULT_FILE))]


def _from_database() -> list[ChapterInfo]:
    from participation.core.models import Chapter

    rows = db.session.scalars(db.select(Chapter).order_by(Chapter.position)).all()
    return [
        ChapterInfo(row.key, row.position, dict(row.names), dict(row.texts or {}),
                    tuple(goal.goal_number for goal in row.goals))
        for row in rows
    ]


def chapters() -> list[ChapterInfo]:
    """The city's chapters in its order (kept while the city does not change, see `page_cache.city_wide`)."""
    if not has_request_context():
        return _from_database() or default_chapters()
    from participation.page_cache import city_wide

    return city_wide("chapters", lambda: _from_database() or default_chapters())


def chapter_keys() -> tuple[str, ...]:
    return tuple(chapter.key for chapter in chapters())


def chapter_by_key(key: str | None) -> ChapterInfo | None:
    return next((chapter for chapter in chapters() if chapter.key == key), None)


def chapter_label(key: str | None) -> str:
    chapter = chapter_by_key(key)
    return chapter.label if chapter else ""


def chapter_of_goal(number: int) -> ChapterInfo | None:
    """The one chapter that holds this SDG (None when the city files it under none)."""
    return next((chapter for chapter in chapters() if number in chapter.goals), None)


def forget_chapters() -> None:
    """After the chapters change (a city's data is loaded), the next question reads them again."""
    if has_app_context():
        from participation.page_cache import forget_city_wide

        forget_city_wide("chapters")

