"""Ideas close to a new one, so people support an existing idea instead of repeating it.

Words are stemmed (Snowball, Dutch) and looked up in the idea_terms index, within one process.
A shared word counts more when few ideas use it; every suggestion says which words matched.
"""

import math
from dataclasses import dataclass

from sqlalchemy import func, select

from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea, IdeaTerm
from participation.ideas.words import stem_map
from participation.security import plain_text

MAX_TERMS = 40  # the words of one idea that are looked up
CANDIDATES = 50  # ideas scored in full
COMMON_SHARE = 0.5  # a word in more than half of the ideas tells nothing


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


def similar_ideas(process_id: int, title: str, body: str = "", exclude_id: int | None = None,
                  limit: int = 5) -> list[SimilarIdea]:
    """At most `limit` public ideas of the process that share telling words with this text.

    Four queries whatever the size of the process: document frequencies, candidates, their words, the ideas.
    """
    title_words = stem_map(title or "")
    found = {**stem_map(plain_text(body or "")), **title_words}
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
    scored = sorted(
        ((sum(telling[t] for t in ts), idea_id, ts) for idea_id, ts in matched.items() if len(ts) >= needed),
        key=lambda item: (-item[0], -item[1]),
    )[:limit]
    if not scored:
        return []
    ideas = {idea.id: idea for idea in db.session.scalars(select(Idea).where(Idea.id.in_([s[1] for s in scored])))}
    return [
        SimilarIdea(idea=ideas[idea_id], words=sorted(found[t] for t in ts), score=round(score, 2))
        for score, idea_id, ts in scored
        if idea_id in ideas
    ]
