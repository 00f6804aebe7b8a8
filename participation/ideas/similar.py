"""Ideas close to a new one, so people support an existing idea instead of repeating it.

Words are stemmed (Snowball, Dutch) and looked up in the idea_terms index, within one process.
A shared word counts more when few ideas use it; every suggestion says which words matched.
"""

import math
from dataclasses import dataclass

from sqlalchemy import exists, func, select

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea, IdeaTerm, SimilarIdeas
from participation.ideas.words import stem_map
from participation.security import plain_text
from participation.text import rich_text_words

MAX_TERMS = 40  # the words of one idea that are looked up
CANDIDATES = 50  # ideas scored in full
COMMON_SHARE = 0.5  # a word in more than half of the ideas tells nothing
STORED = 8  # kept per idea, so some may leave the public list (hidden, merged) and five remain


@dataclass
class SimilarIdea:
    idea: Idea
    words: list[str]
    score: float


def _public(process_id: int, exclude_id: int | None):
    conditions = [Idea.process_id == process_id, Idea.status.in_(PUBLIC_STATUSES)]
    if exclude_id is not None:
        conditions.append(Idea.id != exclude_id)
    return conditions


def _words_of(title: str, body: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each stem of the text with the word it came from, and those of the title alone."""
    title_words = stem_map(title or "")
    return {**stem_map(plain_text(body or "")), **title_words}, title_words


def similar_ideas(process_id: int, title: str, body: str = "", exclude_id: int | None = None,
                  limit: int = 5) -> list[SimilarIdea]:
    """At most `limit` public ideas of the process that share telling words with this text.

    Four queries, each reading the words' entries in the process: document frequencies, candidates,
    their words, the ideas. For a text being typed; an idea's own page reads its stored list.
    """
    found, _title_words = _words_of(title, body)
    scored = _score(process_id, title, body, exclude_id, limit)
    if not scored:
        return []
    ideas = {idea.id: idea for idea in db.session.scalars(select(Idea).where(Idea.id.in_([s[1] for s in scored])))}
    return [
        SimilarIdea(idea=ideas[idea_id], words=sorted(found[t] for t in ts), score=round(score, 2))
        for score, idea_id, ts in scored
        if idea_id in ideas
    ]


def _score(process_id: int, title: str, body: str, exclude_id: int | None,
           limit: int) -> list[tuple[float, int, list[str]]]:
    """(score, idea id, shared stems) of the best `limit` public ideas, best first."""
    found, title_words = _words_of(title, body)
    terms = list(found)[:MAX_TERMS]
    if not terms:
        return []
    scope = _public(process_id, exclude_id)
    frequency = dict(db.session.execute(
        select(IdeaTerm.term, func.count()).join(Idea, Idea.id == IdeaTerm.idea_id)
        .where(IdeaTerm.term.in_(terms), *scope).group_by(IdeaTerm.term)
    ).all())
    if not frequency:
        return []
    total = db.session.scalar(select(func.count()).select_from(Idea).where(*scope)) or 1
    telling = {
        term: math.log(1 + total / count) * (2 if term in title_words else 1)
        for term, count in frequency.items()
        if total < 4 or count <= total * COMMON_SHARE
    }
    if not telling:
        return []
    candidates = db.session.execute(
        select(IdeaTerm.idea_id, func.count().label("shared")).join(Idea, Idea.id == IdeaTerm.idea_id)
        .where(IdeaTerm.term.in_(list(telling)), *scope)
        .group_by(IdeaTerm.idea_id).order_by(func.count().desc(), IdeaTerm.idea_id.desc()).limit(CANDIDATES)
    ).all()
    matched: dict[int, list[str]] = {}
    for idea_id, term in db.session.execute(
        select(IdeaTerm.idea_id, IdeaTerm.term)
        .where(IdeaTerm.idea_id.in_([row.idea_id for row in candidates]), IdeaTerm.term.in_(list(telling)))
    ):
        matched.setdefault(idea_id, []).append(term)
    needed = 1 if len(telling) <= 2 else 2
    return sorted(
        ((sum(telling[t] for t in ts), idea_id, ts) for idea_id, ts in matched.items() if len(ts) >= needed),
        key=lambda item: (-item[0], -item[1]),
    )[:limit]


def _entry(score: float, idea_id: int, terms: list[str]) -> dict:
    return {"id": idea_id, "score": round(score, 3), "terms": sorted(terms)}


def _best(entries: list[dict], limit: int = STORED) -> list[dict]:
    return sorted(entries, key=lambda entry: (-entry["score"], -entry["id"]))[:limit]


def store_similar(idea: Idea) -> None:
    """Compute and keep the idea's similar ideas (called whenever its words are written); the idea
    also enters the stored lists of the ideas it found, where it scores high enough."""
    scored = _score(idea.process_id, idea.title, idea.body, idea.id, STORED)
    row = db.session.get(SimilarIdeas, idea.id)
    if row is None:
        row = SimilarIdeas(idea_id=idea.id)
        db.session.add(row)
    row.found = [_entry(score, other, terms) for score, other, terms in scored]
    row.computed_at = utcnow()
    others = {r.idea_id: r for r in db.session.scalars(
        select(SimilarIdeas).where(SimilarIdeas.idea_id.in_([other for _s, other, _t in scored])))}
    for score, other, terms in scored:
        if other in others:
            kept = [entry for entry in others[other].found if entry["id"] != idea.id]
            others[other].found = _best([*kept, _entry(score, idea.id, terms)])


def rebuild_similar(every: bool = False, batch: int = 200) -> int:
    """Store the similar ideas of every idea that has no stored list yet (of every idea with `every`),
    as `store_similar` stores them when an idea is written: for ideas written before the lists were
    stored, or around the app. Commits per batch, so a large city's run can stop and go on later.
    Returns how many ideas got their list."""
    statement = select(Idea.id).order_by(Idea.id)
    if not every:
        statement = statement.where(~exists().where(SimilarIdeas.idea_id == Idea.id))
    ids = list(db.session.scalars(statement))
    for start in range(0, len(ids), batch):
        for idea in db.session.scalars(select(Idea).where(Idea.id.in_(ids[start:start + batch])).order_by(Idea.id)):
            store_similar(idea)
        db.session.commit()
    return len(ids)


def stored_words(idea: Idea) -> dict[str, str]:
    """Each stem of an idea's text with the word it came from, to show a stored list's shared words in the
    idea's own words. Read from the words its page shows (kept per worker, shared with its summary)."""
    return {**stem_map(rich_text_words(idea.body)), **stem_map(idea.title or "")}
