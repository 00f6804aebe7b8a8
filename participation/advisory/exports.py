"""The advisory councils' kinds: council ballots, the aggregate ranking, its pairwise table, the points.

A council's ballot is the council's, not a person's: in a round where the members rank, the file holds
the council's aggregate of their ballots, never one member's ranking. Rounds are not processes, so these
kinds ignore `--process` (`by_process=False`); each row names its round by slug (`ronde`).
A round has at most a few dozen proposals and ten councils, so the rows are built per round from the
same queries the ranking page uses: a handful of queries per round, never one per row. The council
ballots name the joint session in the room a council's ranking was entered from (`sessie`): the kind is
this package's, so it writes that per-council value in its own rows; an extension could not, being
keyed by the row's first value, the round.
"""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from participation.advisory import queries, ranking
from participation.advisory.models import (
    AmbitionPoint,
    Council,
    CouncilBallot,
    CouncilBallotRank,
    CouncilRound,
    Proposal,
    SubTheme,
)
from participation.advisory.services import BALLOT_MODE_LABELS
from participation.exports.registry import Column, ExportOptions, register_export
from participation.extensions import db
from participation.meetings.models import Meeting


def all_rounds() -> list[CouncilRound]:
    return list(db.session.scalars(db.select(CouncilRound).order_by(CouncilRound.created_at, CouncilRound.id)))


def places(tiers: list[list[int]]) -> Iterator[tuple[int, bool, int]]:
    """(place, shared, proposal id) per proposal: tied proposals share a place, the next place skips."""
    place = 1
    for tier in tiers:
        for proposal_id in tier:
            yield place, len(tier) > 1, proposal_id
        place += len(tier)


def proposal_index(round_: CouncilRound) -> dict[int, tuple[str, str]]:
    """Proposal id -> (title, name of the council that wrote it)."""
    rows = db.session.execute(
        db.select(Proposal.id, Proposal.title, Council.name)
        .join(Council, Proposal.council_id == Council.id)
        .where(Proposal.round_id == round_.id)
    )
    return {proposal_id: (title, council) for proposal_id, title, council in rows}


BALLOT_COLUMNS = [
    Column("round", "ronde", "Slug of the round."),
    Column("council", "adviesraad", "The council whose ballot this is."),
    Column("source", "stembiljet", "Who ranked, as the screens say it: the ballot the council's secretary or chair "
                                   "handed in, or the council's aggregate of its members' ballots.",
           label=lambda mode: str(BALLOT_MODE_LABELS.get(mode, mode))),
    Column("proposal_id", "voorstel_id", "Number of the ranked proposal."),
    Column("proposal", "voorstel", "Title of the ranked proposal."),
    Column("proposal_council", "voorstel_van", "The council that wrote the proposal."),
    Column("rank", "rang", "Rank on this ballot: 1 is most preferred; equal numbers are tied."),
    Column("session_id", "sessie_id", "Number of the joint session in the room the council's ranking was entered "
                                      "from; empty when the secretary submitted it online or the members ranked."),
    Column("session", "sessie", "Title of that session (de tweede gezamenlijke sessie)."),
]


def ballot_rows(options: ExportOptions) -> Iterator[tuple]:
    for round_ in all_rounds():
        names = proposal_index(round_)
        if round_.ballot_mode == "secretary":
            rows = db.session.execute(
                db.select(Council.name, CouncilBallotRank.proposal_id, CouncilBallotRank.rank, Meeting.id,
                          Meeting.title)
                .select_from(CouncilBallot)
                .join(Council, CouncilBallot.council_id == Council.id)
                .join(CouncilBallotRank, CouncilBallotRank.ballot_id == CouncilBallot.id)
                .outerjoin(Meeting, Meeting.id == CouncilBallot.meeting_id)
                .where(CouncilBallot.round_id == round_.id)
                .order_by(Council.position, Council.name, CouncilBallotRank.rank, CouncilBallotRank.proposal_id)
            )
            for council, proposal_id, rank, session_id, session in rows:
                yield (round_.slug, council, "secretary", proposal_id, *names[proposal_id], rank, session_id, session)
            continue
        for ballot in queries.counted_ballots(round_):
            for place, _shared, proposal_id in places(ballot.tiers):
                yield (round_.slug, ballot.council.name, "members", proposal_id, *names[proposal_id], place, None,
                       None)


RANKING_COLUMNS = [
    Column("round", "ronde", "Slug of the round."),
    Column("method", "methode", "The method the round counts with, as the screens name it (Schulze-methode, "
                                "Borda-telling).", label=lambda method: str(ranking.METHOD_LABELS.get(method, method))),
    Column("ballots", "stembiljetten", "Number of council ballots counted."),
    Column("place", "plaats", "Place in the aggregate ranking; tied proposals share a place."),
    Column("tier", "niveau", "Tier of the ranking (1 = the winners); one tier holds the tied proposals."),
    Column("shared", "gedeelde_plaats", "ja when the place is shared with another proposal."),
    Column("proposal_id", "voorstel_id", "Number of the proposal."),
    Column("proposal", "voorstel", "Title of the proposal."),
    Column("council", "adviesraad", "The council that wrote the proposal."),
    Column("score", "score", "Borda: the proposal's points (half a point for a tie). Empty for Schulze."),
    Column("beaten_by", "verslagen_door", "Schulze: number of the proposal in the tier above that beats this "
                                          "one most clearly. Empty in the first tier and for Borda."),
    Column("strength_for", "sterkte_winnaar", "Schulze: strength of the strongest path from that proposal to "
                                              "this one."),
    Column("strength_against", "sterkte_terug", "Schulze: strength of the strongest path back; lower than "
                                                "sterkte_winnaar, which is why this proposal is placed lower."),
]


def beaten_by(result: ranking.RankingResult) -> dict[int, ranking.Comparison]:
    """Per proposal below the first tier: the decisive comparison with the largest margin."""
    found: dict[int, ranking.Comparison] = {}
    for step in result.explain():
        for comparison in step.comparisons:
            if not comparison.is_decisive:
                continue
            best = found.get(comparison.lower)
            margin = comparison.higher_value - comparison.lower_value
            if best is None or margin > best.higher_value - best.lower_value:
                found[comparison.lower] = comparison
    return found


def ranking_rows(options: ExportOptions) -> Iterator[tuple]:
    for round_ in all_rounds():
        result = queries.ranking_result(round_)
        if result is None:
            continue
        names = proposal_index(round_)
        schulze = result.strengths is not None
        comparisons = beaten_by(result) if schulze else {}
        tier_of = {proposal_id: n for n, tier in enumerate(result.tiers, start=1) for proposal_id in tier}
        for place, shared, proposal_id in places(result.tiers):
            comparison = comparisons.get(proposal_id)
            score = None if schulze else result.scores[proposal_id]
            why = (None, None, None) if comparison is None else (
                comparison.higher, comparison.higher_value, comparison.lower_value
            )
            yield (
                round_.slug, result.method, result.total_weight, place, tier_of[proposal_id], shared, proposal_id,
                *names[proposal_id], score, *why,
            )


PAIRWISE_COLUMNS = [
    Column("round", "ronde", "Slug of the round."),
    Column("proposal_a_id", "voorstel_a_id", "Number of proposal A."),
    Column("proposal_a", "voorstel_a", "Title of proposal A."),
    Column("proposal_b_id", "voorstel_b_id", "Number of proposal B."),
    Column("proposal_b", "voorstel_b", "Title of proposal B."),
    Column("prefer_a", "voorkeur_a_boven_b", "Number of council ballots that rank A strictly above B."),
    Column("prefer_b", "voorkeur_b_boven_a", "Number of council ballots that rank B strictly above A."),
    Column("ballots", "stembiljetten", "Number of council ballots counted (the rest tie A and B)."),
]


def pairwise_rows(options: ExportOptions) -> Iterator[tuple]:
    for round_ in all_rounds():
        result = queries.ranking_result(round_)
        if result is None:
            continue
        names = proposal_index(round_)
        for a in result.order:
            for b in result.order:
                if a != b:
                    yield (
                        round_.slug, a, names[a][0], b, names[b][0], result.pairwise[a, b], result.pairwise[b, a],
                        result.total_weight,
                    )


POINT_COLUMNS = [
    Column("round", "ronde", "Slug of the round."),
    Column("number", "punt", "Number of the ambition point in the note."),
    Column("title", "titel", "Title of the point."),
    Column("vision", "visie", "The point's vision sentence."),
    Column("sub_theme", "subthema", "Title of the CONCREET sub-theme; empty for an untitled one."),
    Column("recommendation", "aanbeveling", "One recommendation; one row per recommendation."),
    Column("targets", "sdg_doelen", "SDG target codes the city links the point to, in numeric order, separated by "
                                    "a comma; the councils' note names none."),
    Column("published", "gepubliceerd", "ja when the round's note is published."),
]


def point_rows(options: ExportOptions) -> Iterator[tuple]:
    points = db.session.scalars(
        db.select(AmbitionPoint)
        .join(CouncilRound, AmbitionPoint.round_id == CouncilRound.id)
        .options(
            selectinload(AmbitionPoint.round),
            selectinload(AmbitionPoint.sub_themes).selectinload(SubTheme.recommendations),
            selectinload(AmbitionPoint.targets),
        )
        .order_by(CouncilRound.created_at, CouncilRound.id, AmbitionPoint.number)
    )
    for point in points:
        head = (point.round.slug, point.number, point.title, point.vision)
        tail = (",".join(point.target_codes), point.round.is_published)
        written = False
        for sub_theme in point.sub_themes:
            for recommendation in sub_theme.recommendations:
                yield (*head, sub_theme.title, recommendation.text, *tail)
                written = True
            if not sub_theme.recommendations:
                yield (*head, sub_theme.title, None, *tail)
                written = True
        if not written:
            yield (*head, None, None, *tail)


register_export(
    "council_ballots", _l("Council ballots"), BALLOT_COLUMNS, ballot_rows, public=False, by_process=False,
    description=_l("Each council's ranked ballot per round: the council's, never a member's own ranking."),
)
register_export(
    "council_ranking", _l("Aggregate ranking of the councils"), RANKING_COLUMNS, ranking_rows, public=False,
    by_process=False,
    description=_l("The proposals in the order of the councils' ballots, with the numbers that explain it."),
)
register_export(
    "council_pairwise", _l("Pairwise table of the councils' ranking"), PAIRWISE_COLUMNS, pairwise_rows,
    public=False, by_process=False,
    description=_l("For every two proposals: how many council ballots prefer the one to the other."),
)
register_export(
    "ambition_points", _l("Ambition points"), POINT_COLUMNS, point_rows, public=False, by_process=False,
    description=_l("The points of each round's note with their sub-themes, recommendations and SDG targets."),
)
