"""Ideas close to a new one, so people support an existing idea instead of repeating it.

Words are stemmed (Snowball, Dutch) and looked up in the idea_terms index, within one process.
A shared word counts more when few ideas use it; every suggestion says which words matched.
"""

import math
from dataclasses import dataclass

from sqlalchemy import Integer, String, column, exists, func, select, values
from sqlalchemy.orm import aliased

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
WANTED_PER_STATEMENT = 4000  # (idea, word) pairs looked up in one statement by the rebuild: 8000 parameters


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
    telling = _telling(frequency, title_words, total)
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
    return _ranked(telling, matched, limit)


def _telling(frequency: dict[str, int], title_words, total: int) -> dict[str, float]:
    """The weight of each word that tells something: rarer words weigh more, the title's twice."""
    return {
        term: math.log(1 + total / count) * (2 if term in title_words else 1)
        for term, count in frequency.items()
        if total < 4 or count <= total * COMMON_SHARE
    }


def _ranked(telling: dict[str, float], matched: dict[int, list[str]], limit: int) -> list[tuple[float, int, list[str]]]:
    """(score, idea id, shared stems) of the best `limit` candidates; with more than two telling words, a
    candidate shares two. Stems are summed in one order, so a score never depends on the order rows came in."""
    needed = 1 if len(telling) <= 2 else 2
    scored = []
    for idea_id, terms in matched.items():
        if len(terms) >= needed:
            terms = sorted(terms)
            scored.append((sum(telling[t] for t in terms), idea_id, terms))
    return sorted(scored, key=lambda item: (-item[0], -item[1]))[:limit]


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
    _enter_lists(idea.id, scored, others)


def _enter_lists(idea_id: int, scored: list[tuple[float, int, list[str]]], rows: dict[int, SimilarIdeas]) -> None:
    """The idea enters the stored lists (of `rows`) of the ideas it found, in place of an older entry."""
    for score, other, terms in scored:
        if other in rows:
            kept = [entry for entry in rows[other].found if entry["id"] != idea_id]
            rows[other].found = _best([*kept, _entry(score, idea_id, terms)])


def rebuild_similar(every: bool = False, batch: int = 200) -> int:
    """Store the similar ideas of every idea that has no stored list yet (of every idea with `every`),
    as `store_similar` stores them when an idea is written, one idea after the other in the order of
    their numbers: for ideas written before the lists were stored, or around the app. A batch of ideas
    costs a few statements (`store_similar_of`). Commits per batch, so a large city's run can stop and go
    on later. Returns how many ideas got their list."""
    statement = select(Idea.id).order_by(Idea.id)
    if not every:
        statement = statement.where(~exists().where(SimilarIdeas.idea_id == Idea.id))
    ids = list(db.session.scalars(statement))
    for start in range(0, len(ids), batch):
        store_similar_of(ids[start:start + batch])
        db.session.commit()
    return len(ids)


def store_similar_of(idea_ids: list[int]) -> None:
    """`store_similar` for a batch of ideas, with the same result as storing them one by one in the order
    of their numbers, in a few statements: the ideas' texts, the counts of their words per process, their
    own words, the candidates of all of them at once, the stored lists they touch, and the writes."""
    ideas = db.session.execute(
        select(Idea.id, Idea.process_id, Idea.status, Idea.title, Idea.body)
        .where(Idea.id.in_(idea_ids)).order_by(Idea.id)
    ).all()
    scored = _score_many(ideas)
    touched = {idea.id for idea in ideas} | {other for found in scored.values() for _s, other, _t in found}
    rows = {row.idea_id: row for row in db.session.scalars(
        select(SimilarIdeas).where(SimilarIdeas.idea_id.in_(sorted(touched))))}
    now = utcnow()
    for idea in ideas:
        found = scored.get(idea.id, [])
        row = rows.get(idea.id)
        if row is None:
            row = rows[idea.id] = SimilarIdeas(idea_id=idea.id)
            db.session.add(row)
        row.found = [_entry(score, other, terms) for score, other, terms in found]
        row.computed_at = now
        _enter_lists(idea.id, found, rows)


def _score_many(ideas: list) -> dict[int, list[tuple[float, int, list[str]]]]:
    """`_score` of each idea (rows of id, process_id, status, title, body), excluding the idea itself,
    for all of them at once."""
    searched = []
    for idea in ideas:
        found, title_words = _words_of(idea.title, idea.body)
        terms = list(found)[:MAX_TERMS]
        if terms:
            searched.append((idea, terms, title_words))
    if not searched:
        return {}
    every_term = sorted({term for _idea, terms, _title in searched for term in terms})
    process_ids = sorted({idea.process_id for idea, _terms, _title in searched})
    public = [Idea.process_id.in_(process_ids), Idea.status.in_(PUBLIC_STATUSES)]
    frequency = {(process_id, term): count for process_id, term, count in db.session.execute(
        select(Idea.process_id, IdeaTerm.term, func.count()).join(Idea, Idea.id == IdeaTerm.idea_id)
        .where(IdeaTerm.term.in_(every_term), *public).group_by(Idea.process_id, IdeaTerm.term)
    )}
    totals = {process_id: count for process_id, count in db.session.execute(
        select(Idea.process_id, func.count()).where(*public).group_by(Idea.process_id))}
    # A public idea's own words are in the counts above; the idea does not count for itself.
    counted = [idea.id for idea, _terms, _title in searched if idea.status in PUBLIC_STATUSES]
    own = {(idea_id, term) for idea_id, term in db.session.execute(
        select(IdeaTerm.idea_id, IdeaTerm.term).where(IdeaTerm.idea_id.in_(counted), IdeaTerm.term.in_(every_term))
    )} if counted else set()

    tellings: dict[int, dict[str, float]] = {}
    for idea, terms, title_words in searched:
        itself = 1 if idea.status in PUBLIC_STATUSES else 0
        counts = {}
        for term in terms:
            count = frequency.get((idea.process_id, term), 0) - (1 if itself and (idea.id, term) in own else 0)
            if count > 0:
                counts[term] = count
        telling = _telling(counts, title_words, (totals.get(idea.process_id, 0) - itself) or 1) if counts else {}
        if telling:
            tellings[idea.id] = telling
    if not tellings:
        return {}
    matched: dict[int, dict[int, list[str]]] = {}
    for part in _parts(tellings):
        for searcher, candidate, terms in db.session.execute(_candidates(part)):
            matched.setdefault(searcher, {})[candidate] = terms.split(" ")
    return {idea_id: _ranked(telling, matched.get(idea_id, {}), STORED) for idea_id, telling in tellings.items()}


def _parts(tellings: dict[int, dict[str, float]], most: int = WANTED_PER_STATEMENT):
    """The ideas in groups of at most `most` (idea, word) pairs: a statement's parameters stay few."""
    part: dict[int, dict[str, float]] = {}
    size = 0
    for idea_id, telling in tellings.items():
        if part and size + len(telling) > most:
            yield part
            part, size = {}, 0
        part[idea_id] = telling
        size += len(telling)
    if part:
        yield part


def _candidates(tellings: dict[int, dict[str, float]]):
    """(idea, candidate, shared telling stems separated by a space) of the `CANDIDATES` public ideas of
    the same process that share the most telling words with each idea, as `_score` picks them one by one.
    Stems are letters and digits only, so a space keeps them apart.

    The words are looked up first, through the index of idea_terms, and only then their ideas: PostgreSQL
    keeps that order (MATERIALIZED) even when its statistics do not know the ideas yet, as after an import."""
    wanted = values(column("searcher", Integer), column("term", String), name="wanted").data(
        [(idea_id, term) for idea_id, telling in tellings.items() for term in telling]
    ).cte("wanted")
    pairs = (
        select(wanted.c.searcher, IdeaTerm.idea_id, IdeaTerm.term)
        .join(IdeaTerm, IdeaTerm.term == wanted.c.term)
        .where(IdeaTerm.idea_id != wanted.c.searcher)
        .cte("pairs").prefix_with("MATERIALIZED", dialect="postgresql")
    )
    searcher = aliased(Idea)
    shared = func.count()
    ranked = (
        select(
            pairs.c.searcher, pairs.c.idea_id, func.aggregate_strings(pairs.c.term, " ").label("terms"),
            func.row_number().over(partition_by=pairs.c.searcher,
                                   order_by=(shared.desc(), pairs.c.idea_id.desc())).label("place"),
        )
        .join(Idea, Idea.id == pairs.c.idea_id)
        .join(searcher, searcher.id == pairs.c.searcher)
        .where(Idea.process_id == searcher.process_id, Idea.status.in_(PUBLIC_STATUSES))
        .group_by(pairs.c.searcher, pairs.c.idea_id)
        .subquery()
    )
    return select(ranked.c.searcher, ranked.c.idea_id, ranked.c.terms).where(ranked.c.place <= CANDIDATES)


def stored_words(idea: Idea, words: str | None = None) -> dict[str, str]:
    """Each stem of an idea's text with the word it came from, to show a stored list's shared words in the
    idea's own words. Read from the words its page shows (`words`, as the idea keeps them)."""
    words = rich_text_words(idea.body) if words is None else words
    return {**stem_map(words), **stem_map(idea.title or "")}
