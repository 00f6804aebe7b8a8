"""Aggregate the ranked ballots of the advisory councils into one ranking.

In the second joint session the councils rank the proposals of all councils together. Each council (or
each member) hands in a ranked ballot; this module turns those ballots into one order that anyone can
check. It is pure: candidate ids in, ids out, no database and no request.

A ballot lists tiers from most to least preferred: ``[["a"], ["b", "c"], ["d"]]`` puts ``a`` first,
``b`` and ``c`` tied second and ``d`` last. A proposal the ballot does not list counts as ranked below
every listed proposal and tied with the other unlisted ones, so a council may rank only what it cares
about. A ballot may carry a whole-number weight: it then counts as that many identical ballots.

Two methods are offered, both returning a :class:`RankingResult` whose tiers never hide a tie:

* :func:`schulze`, the Schulze method (Schulze 2011), a Condorcet method that looks at every pair;
* :func:`borda`, the Borda count, which adds up positions.

The conventions match the reference library ``pref_voting`` (see ``tests/advisory/test_ranking.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

Candidate = Hashable
Pair = tuple[Candidate, Candidate]

SCHULZE = "schulze"
BORDA = "borda"

METHOD_LABELS = {
    SCHULZE: _l("Schulze method"),
    BORDA: _l("Borda count"),
}


class BallotError(ValueError):
    """A ballot that cannot be counted; ``message`` is translatable and fit to show to the person."""

    def __init__(self, message: str | LazyString, candidate: Candidate | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.candidate = candidate


@dataclass(frozen=True)
class Ballot:
    """One ranked ballot: ``tiers`` from most to least preferred, counted ``weight`` times."""

    tiers: Sequence[Sequence[Candidate]]
    weight: int = 1


BallotLike = Ballot | Sequence[Sequence[Candidate]]


@dataclass(frozen=True)
class Comparison:
    """Why ``higher`` is placed above ``lower``: the two numbers the method compared.

    For Schulze the numbers are the strongest-path strengths p[higher, lower] and p[lower, higher];
    for Borda they are the two scores. ``is_decisive`` is False when the numbers are equal: then
    ``lower`` sits lower only because another candidate of the upper tier beats it.
    """

    higher: Candidate
    lower: Candidate
    higher_value: int | float
    lower_value: int | float

    @property
    def is_decisive(self) -> bool:
        return self.higher_value > self.lower_value


@dataclass(frozen=True)
class TierStep:
    """Two consecutive tiers and the comparisons between every candidate of one and of the other."""

    position: int
    upper: list[Candidate]
    lower: list[Candidate]
    comparisons: list[Comparison]


@dataclass(frozen=True)
class RankingResult:
    """The outcome of one method on one set of ballots.

    ``tiers`` is the order, best first; candidates in one tier are tied (kept in the order the
    candidates were given). ``pairwise`` holds d[x, y], the weight of the ballots that strictly prefer
    x to y. Schulze fills ``strengths`` (p[x, y]); Borda fills ``scores``.
    """

    method: str
    candidates: list[Candidate]
    tiers: list[list[Candidate]]
    pairwise: dict[Pair, int]
    total_weight: int
    strengths: dict[Pair, int] | None = None
    scores: dict[Candidate, float] | None = None

    @property
    def method_label(self) -> LazyString:
        return METHOD_LABELS[self.method]

    @property
    def winners(self) -> list[Candidate]:
        return list(self.tiers[0]) if self.tiers else []

    @property
    def order(self) -> list[Candidate]:
        """All candidates, best first; ties keep the order the candidates were given."""
        return [candidate for tier in self.tiers for candidate in tier]

    def explain(self) -> list[TierStep]:
        """For each pair of consecutive tiers, the numbers that put the upper tier above the lower one.

        Every candidate of a lower tier has at least one decisive comparison with the tier above it.
        """
        steps = []
        for position, (upper, lower) in enumerate(zip(self.tiers, self.tiers[1:], strict=False), start=1):
            comparisons = [self._compare(x, y) for y in lower for x in upper]
            steps.append(TierStep(position, list(upper), list(lower), comparisons))
        return steps

    def _compare(self, higher: Candidate, lower: Candidate) -> Comparison:
        if self.strengths is not None:
            values = self.strengths[higher, lower], self.strengths[lower, higher]
        else:
            values = self.scores[higher], self.scores[lower]
        return Comparison(higher, lower, *values)


def validate_ballot(
    candidates: Sequence[Candidate],
    ballot: BallotLike,
    names: Mapping[Candidate, str] | None = None,
) -> None:
    """Raise :class:`BallotError` when the ballot ranks an unknown candidate or one candidate twice.

    ``names`` maps candidate ids to what a person recognises (a proposal's title) for the message.
    """
    tiers, weight = _unpack(ballot)
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
        raise BallotError(_l("The weight of a ballot must be a whole number of at least 1."))
    known = set(candidates)
    seen = set()
    for tier in tiers:
        if isinstance(tier, str | bytes):
            raise TypeError("a ballot is a list of tiers, each a list of candidates")
        for candidate in tier:
            name = names.get(candidate, candidate) if names else candidate
            if candidate not in known:
                raise BallotError(_l("The ballot ranks an unknown proposal: %(name)s", name=name), candidate)
            if candidate in seen:
                raise BallotError(_l("The ballot ranks a proposal twice: %(name)s", name=name), candidate)
            seen.add(candidate)


def pairwise_matrix(candidates: Sequence[Candidate], ballots: Sequence[BallotLike]) -> dict[Pair, int]:
    """d[x, y]: the total weight of the ballots that rank x strictly above y.

    A tie on a ballot counts for neither; an unlisted candidate is below every listed one.
    Every ordered pair of distinct candidates is present, zeros included.
    """
    candidates = _checked_candidates(candidates)
    return _as_pairs(candidates, _pairwise_array(candidates, ballots))


def _pairwise_array(candidates: list[Candidate], ballots: Sequence[BallotLike]) -> np.ndarray:
    """d as an m × m array, in the order of the candidates."""
    d = np.zeros((len(candidates), len(candidates)), dtype=np.int64)
    for positions, weight in _prepared(candidates, ballots):
        place = np.fromiter((positions[x] for x in candidates), dtype=np.int64, count=len(candidates))
        d += weight * (place[:, None] < place[None, :])
    return d


def _as_pairs(candidates: list[Candidate], matrix: np.ndarray) -> dict[Pair, int]:
    values = matrix.tolist()
    return {(x, y): values[i][j] for i, x in enumerate(candidates) for j, y in enumerate(candidates) if i != j}


def schulze(candidates: Sequence[Candidate], ballots: Sequence[BallotLike]) -> RankingResult:
    """Rank by the Schulze method, with winning votes as the strength of a link.

    1. For each pair, d[x, y] is the weight of the ballots that prefer x to y (:func:`pairwise_matrix`).
    2. x has a link to y when d[x, y] > d[y, x]; the link is as strong as d[x, y].
    3. A path is a chain of links; it is as strong as its weakest link. p[x, y] is the strength of the
       strongest path from x to y, or 0 when there is none (the widest-path computation below).
    4. x beats y when p[x, y] > p[y, x]. Schulze proved this relation is transitive.

    The tiers follow from it: the first tier holds every candidate that no candidate beats; remove
    them and repeat. Candidates in one tier have p[x, y] = p[y, x]: a real tie, never broken here.
    Each candidate of a lower tier is beaten by at least one candidate of the tier just above.
    """
    candidates = _checked_candidates(candidates)
    ballots = list(ballots)
    d = _pairwise_array(candidates, ballots)
    p = np.where(d > d.T, d, 0)
    for via in range(len(candidates)):  # widest paths (Floyd–Warshall), one row of updates at a time
        np.maximum(p, np.minimum(p[:, via, None], p[None, via, :]), out=p)
    np.fill_diagonal(p, 0)
    beats = (p > p.T).tolist()
    index = {candidate: n for n, candidate in enumerate(candidates)}
    tiers = _layers(candidates, lambda x, y: beats[index[x]][index[y]])
    return RankingResult(SCHULZE, candidates, tiers, _as_pairs(candidates, d), _total_weight(ballots),
                         strengths=_as_pairs(candidates, p))


@lru_cache(maxsize=64)
def _remembered(method: str, candidates: tuple, ballots: tuple) -> RankingResult:
    counted = [Ballot(tiers, weight) for tiers, weight in ballots]
    return (schulze if method == SCHULZE else borda)(list(candidates), counted)


def rank(method: str, candidates: Sequence[Candidate], ballots: Sequence[BallotLike]) -> RankingResult:
    """The ranking by `method`, computed once per set of ballots: the key is the ballots themselves, so
    a changed ballot gives a new computation and an unchanged one is read back. Do not change the result."""
    key = tuple((tuple(tuple(tier) for tier in tiers), weight) for tiers, weight in map(_unpack, ballots))
    return _remembered(method, tuple(candidates), key)


def borda(candidates: Sequence[Candidate], ballots: Sequence[BallotLike]) -> RankingResult:
    """Rank by the Borda count, with half a point for a tie.

    On each ballot a candidate earns one point for every candidate ranked strictly below it and half a
    point for every other candidate tied with it (the unlisted candidates are tied at the bottom), times
    the ballot's weight. Each ballot so hands out m(m-1)/2 points for m candidates, ties or not.
    Candidates with equal scores share a tier.

    This score equals (m-1)/2 + s/2 per ballot, where s = (candidates below) - (candidates above) is
    the "symmetric" Borda score pref_voting uses for profiles with ties; the order and the winners are
    therefore the same as pref_voting's.
    """
    candidates = _checked_candidates(candidates)
    ballots = list(ballots)
    doubled = dict.fromkeys(candidates, 0)
    for positions, weight in _prepared(candidates, ballots):
        for x in candidates:
            below = sum(1 for y in candidates if positions[y] > positions[x])
            tied = sum(1 for y in candidates if positions[y] == positions[x]) - 1
            doubled[x] += weight * (2 * below + tied)
    scores = {x: doubled[x] / 2 for x in candidates}
    tiers = [
        [x for x in candidates if scores[x] == score] for score in sorted(set(scores.values()), reverse=True)
    ]
    d = _as_pairs(candidates, _pairwise_array(candidates, ballots))
    return RankingResult(BORDA, candidates, tiers, d, _total_weight(ballots), scores=scores)


def _unpack(ballot: BallotLike) -> tuple[Sequence[Sequence[Candidate]], int]:
    if isinstance(ballot, Ballot):
        return ballot.tiers, ballot.weight
    return ballot, 1


def _checked_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    candidates = list(candidates)
    if len(set(candidates)) != len(candidates):
        raise ValueError("the candidates must be distinct")
    return candidates


def _prepared(
    candidates: list[Candidate], ballots: Sequence[BallotLike]
) -> Iterator[tuple[dict[Candidate, int], int]]:
    """Yield (position of each candidate, weight) per ballot; unlisted candidates share the last place."""
    for ballot in ballots:
        validate_ballot(candidates, ballot)
        tiers, weight = _unpack(ballot)
        tiers = [tier for tier in tiers if len(tier) > 0]
        positions = dict.fromkeys(candidates, len(tiers))
        for position, tier in enumerate(tiers):
            for candidate in tier:
                positions[candidate] = position
        yield positions, weight


def _total_weight(ballots: Sequence[BallotLike]) -> int:
    return sum(_unpack(ballot)[1] for ballot in ballots)


def _layers(
    candidates: list[Candidate], beats: Callable[[Candidate, Candidate], bool]
) -> list[list[Candidate]]:
    """Split a transitive 'beats' relation into tiers: the unbeaten first, then the unbeaten of the rest."""
    tiers = []
    remaining = list(candidates)
    while remaining:
        top = [x for x in remaining if not any(beats(y, x) for y in remaining if y != x)]
        if not top:
            raise AssertionError("the relation has a cycle")
        tiers.append(top)
        remaining = [x for x in remaining if x not in top]
    return tiers
