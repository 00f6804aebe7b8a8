"""The cards of a process's list of ideas, kept: what every viewer sees of a card (photo, title, status, theme,
place, author, date, comments) is rendered once per idea and language and kept in the worker
(`page_cache.kept_fragments`) until a write to the process's ideas or a city-wide change bumps its
generation; each request renders only the viewer's part (the votes, the vote forms).

Which ideas a viewer sees is still asked per request (`queries.process_idea_rows`, with `idea_visibility`):
a kept card is only ever shown for an idea the request's own list returned. The page's other facts about
its process (its vision note, whether its map has ideas, the length of its list) and its filter form are
kept the same way.
"""

from dataclasses import dataclass

from flask import get_template_attribute
from markupsafe import Markup

from participation import page_cache
from participation.core.chapters import chapters
from participation.core.notes import note_of_process
from participation.core.queries import district_choices, neighbourhood_choices
from participation.i18n import locale_code
from participation.ideas import queries
from participation.ideas.sections import card_facts
from participation.processes.models import Process


@dataclass(frozen=True)
class Card:
    """One idea of the list: its row (`id`, `title`, `vote_count`, read per request) and its shared part."""

    idea: object
    head: Markup


def _render_heads(ids: list[int]) -> dict[int, Markup]:
    ideas = queries.ideas_for_cards(ids)
    facts = card_facts(ideas)
    head = get_template_attribute("ideas/_card.html", "idea_card_head")
    return {idea.id: head(idea, card_facts=facts, show_votes=False) for idea in ideas}


def process_cards(process: Process, rows: list) -> list[Card]:
    """The cards of a page of `process_idea_rows`, in its order."""
    heads = page_cache.kept_fragments(
        f"cards:{process.id}:{locale_code()}", (page_cache.CITY, page_cache.cards_scope(process.id)),
        [row.id for row in rows], _render_heads,
    )
    return [Card(row, heads[row.id]) for row in rows if row.id in heads]


@dataclass(frozen=True)
class NoteLink:
    slug: str
    title: str


def process_facts(process: Process, filters: queries.IdeaFilters) -> tuple[NoteLink | None, bool, int | None]:
    """What the process page shows of its process besides the list, kept with its cards (the same writes
    change them): the vision note written from it (a link), whether its map has an idea to show, and the
    length of the list when the counters know it (None: the list is counted)."""

    def read(keys: list[str]) -> dict[str, object]:
        found: dict[str, object] = {}
        for key in keys:
            if key == "note":
                note = note_of_process(process.id)
                found[key] = NoteLink(note.slug, note.title) if note is not None else None
            elif key == "points":
                found[key] = queries.has_points(process)
            else:
                found[key] = queries.list_total(process, filters)
        return found

    keys = ["note", "points"]
    filtered = queries.is_counted(filters)
    if not filtered:
        keys.append(f"total:{filters.status}")
    kept = page_cache.kept_fragments(
        f"process-facts:{process.id}", (page_cache.CITY, page_cache.cards_scope(process.id)), keys, read)
    return kept["note"], kept["points"], None if filtered else kept[f"total:{filters.status}"]


def filter_form(filters: queries.IdeaFilters) -> Markup:
    """The search and filter form of a process's list (the city's chapters, deelgemeenten and wijken, the
    statuses), kept per language and filters while the city-wide generation stands."""
    key = tuple(sorted(filters.as_args().items()))

    def render(_keys: list) -> dict:
        form = get_template_attribute("processes/_idea_filters.html", "idea_filters")
        return {key: form(filters, chapters(), district_choices(), neighbourhood_choices())}

    return page_cache.kept_fragments(f"idea-filters:{locale_code()}", (page_cache.CITY,), [key], render)[key]
