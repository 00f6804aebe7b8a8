"""The joint ranking of council proposals: hand-worked examples, then agreement with pref_voting."""

import random
import timeit

import pytest

from participation.advisory.ranking import (
    SCHULZE,
    Ballot,
    BallotError,
    borda,
    pairwise_matrix,
    rank,
    schulze,
    validate_ballot,
)


def linear(order: str, weight: int = 1) -> Ballot:
    return Ballot([[candidate] for candidate in order], weight)


# The example of the Wikipedia article "Schulze method": 45 voters, 5 candidates.
WIKIPEDIA_GROUPS = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]
WIKIPEDIA_BALLOTS = [linear(order, weight) for weight, order in WIKIPEDIA_GROUPS]


def matrix(values: dict, candidates: str) -> list[list]:
    return [[values[x, y] if x != y else None for y in candidates] for x in candidates]


def test_schulze_wikipedia_example_pairwise_counts():
    assert matrix(pairwise_matrix("ABCDE", WIKIPEDIA_BALLOTS), "ABCDE") == [
        [None, 20, 26, 30, 22],
        [25, None, 16, 33, 18],
        [19, 29, None, 17, 24],
        [15, 12, 28, None, 14],
        [23, 27, 21, 31, None],
    ]


def test_schulze_wikipedia_example_strongest_paths_and_order():
    result = schulze("ABCDE", WIKIPEDIA_BALLOTS)

    assert matrix(result.strengths, "ABCDE") == [
        [None, 28, 28, 30, 24],
        [25, None, 28, 33, 24],
        [25, 29, None, 29, 24],
        [25, 28, 28, None, 24],
        [25, 28, 28, 31, None],
    ]
    assert result.tiers == [["E"], ["A"], ["C"], ["B"], ["D"]]
    assert result.winners == ["E"]
    assert result.total_weight == 45
    assert result.method == "schulze"
    assert str(result.method_label) == "Schulze-methode"


def test_schulze_explains_each_step_with_the_path_strengths():
    steps = schulze("ABCDE", WIKIPEDIA_BALLOTS).explain()

    assert [(s.upper, s.lower) for s in steps] == [
        (["E"], ["A"]),
        (["A"], ["C"]),
        (["C"], ["B"]),
        (["B"], ["D"]),
    ]
    assert [(c.higher, c.lower, c.higher_value, c.lower_value) for s in steps for c in s.comparisons] == [
        ("E", "A", 25, 24),
        ("A", "C", 28, 25),
        ("C", "B", 29, 28),
        ("B", "D", 33, 28),
    ]
    assert all(c.is_decisive for s in steps for c in s.comparisons)


def test_condorcet_cycle_comes_out_as_a_tie():
    # A beats B, B beats C and C beats A, each 2 to 1: every strongest path has strength 2.
    ballots = [linear("ABC"), linear("BCA"), linear("CAB")]

    result = schulze("ABC", ballots)

    assert result.tiers == [["A", "B", "C"]]
    assert set(result.strengths.values()) == {2}
    assert result.explain() == []
    assert borda("ABC", ballots).tiers == [["A", "B", "C"]]


def test_schulze_keeps_candidates_it_cannot_separate_in_the_upper_tier():
    # a beats b 2-0; c is 1-1 against both, so p[c, x] = p[x, c] = 0: c is beaten by no one.
    result = schulze("abc", [linear("abc"), linear("cab")])

    assert result.tiers == [["a", "c"], ["b"]]
    (step,) = result.explain()
    decisive = {(c.higher, c.lower): c.is_decisive for c in step.comparisons}
    assert decisive == {("a", "b"): True, ("c", "b"): False}


def test_borda_hand_worked_example_with_ties_and_unlisted_proposals():
    # Three proposals, so a ballot hands out 3 points: 1 per proposal below, 1/2 per proposal tied.
    #   2 x [A] [B C]   A: 2 below          -> 2      B, C: 1 tied -> 1/2 each    (x2: A 4, B 1, C 1)
    #   1 x [B] [A] [C] B: 2, A: 1, C: 0
    #   1 x [C]         C: 2 below; A and B unlisted, tied at the bottom -> 1/2 each
    # Totals: A = 4 + 1 + 1/2 = 5.5, B = 1 + 2 + 1/2 = 3.5, C = 1 + 0 + 2 = 3 (sum 12 = 4 ballots x 3).
    ballots = [Ballot([["A"], ["B", "C"]], weight=2), [["B"], ["A"], ["C"]], [["C"]]]

    result = borda("ABC", ballots)

    assert result.scores == {"A": 5.5, "B": 3.5, "C": 3.0}
    assert result.tiers == [["A"], ["B"], ["C"]]
    steps = result.explain()
    assert [(c.higher, c.lower, c.higher_value, c.lower_value) for s in steps for c in s.comparisons] == [
        ("A", "B", 5.5, 3.5),
        ("B", "C", 3.5, 3.0),
    ]


def test_borda_equal_scores_share_a_tier_in_the_given_order():
    result = borda(["x", "y", "z"], [[["z"], ["y"]], [["y"], ["z"]]])

    assert result.tiers == [["y", "z"], ["x"]]
    assert result.scores == {"x": 0.0, "y": 3.0, "z": 3.0}


def test_a_weighted_ballot_counts_as_that_many_copies():
    weighted = [Ballot([["a"], ["b", "c"]], 3), Ballot([["c"], ["a"]], 2)]
    copies = [[["a"], ["b", "c"]]] * 3 + [[["c"], ["a"]]] * 2

    assert schulze("abc", weighted) == schulze("abc", copies)
    assert borda("abc", weighted) == borda("abc", copies)


def test_no_ballots_ties_everyone():
    assert schulze([1, 2, 3], []).tiers == [[1, 2, 3]]
    assert borda([1, 2, 3], []).tiers == [[1, 2, 3]]
    assert schulze([], []).winners == []


def test_ballot_ranking_an_unknown_proposal_is_refused():
    with pytest.raises(BallotError) as error:
        validate_ballot([1, 2], [[1], [7]], names={7: "Fietsenstalling station"})

    assert str(error.value) == "Het stembiljet rangschikt een onbekend voorstel: Fietsenstalling station"
    assert error.value.candidate == 7


@pytest.mark.parametrize("ballot", [[["a", "a"]], [["a"], ["b", "a"]]])
def test_ballot_ranking_a_proposal_twice_is_refused(ballot):
    with pytest.raises(BallotError, match="Het stembiljet rangschikt een voorstel twee keer: a"):
        validate_ballot("abc", ballot)


def test_counting_refuses_a_bad_ballot():
    with pytest.raises(BallotError):
        schulze("ab", [[["a"], ["z"]]])
    with pytest.raises(BallotError):
        borda("ab", [Ballot([["a"]], weight=0)])


def test_candidates_must_be_distinct():
    with pytest.raises(ValueError):
        pairwise_matrix(["a", "a"], [])


# Agreement with the reference library pref_voting, on random profiles with ties and unlisted candidates.
#
# pref_voting's conventions, read from its source (version 1.18):
# - ProfileWithTies compares only candidates both ranked, unless use_extended_strict_preference() is called;
#   then a ranked candidate is above an unranked one, and unranked ones are tied: our convention.
# - beat_path (Schulze) with strength_function=profile.support draws a link x -> y when margin(x, y) > 0,
#   weighted by support(x, y) = d[x, y]: winning votes. beat_path_defeat gives the relation p[x,y] > p[y,x].
# - Borda for profiles with ties uses symmetric_borda_scores: (ranked below) - (ranked above), with unranked
#   candidates tied at the bottom. Ours is (m - 1)/2 + symmetric/2 per ballot, hence the same order.

PROFILE_COUNT = 600


def random_ballot(rng: random.Random, candidates: list[int]) -> Ballot:
    listed = rng.sample(candidates, rng.randint(0, len(candidates)))
    tiers: list[list[int]] = []
    for candidate in listed:
        if tiers and rng.random() < 0.35:
            tiers[-1].append(candidate)
        else:
            tiers.append([candidate])
    return Ballot(tiers, rng.choice((1, 1, 1, 2, 3)))


def random_profiles(count: int, seed: int) -> list[tuple[list[int], list[Ballot]]]:
    rng = random.Random(seed)
    profiles = []
    for _ in range(count):
        candidates = list(range(rng.randint(1, 12)))
        ballots = [random_ballot(rng, candidates) for _ in range(rng.randint(1, 10))]
        profiles.append((candidates, ballots))
    return profiles


@pytest.fixture(scope="module")
def profiles():
    profiles_with_ties = pytest.importorskip("pref_voting.profiles_with_ties")
    cases = []
    for candidates, ballots in random_profiles(PROFILE_COUNT, seed=2024):
        rankings = [{c: rank for rank, tier in enumerate(b.tiers, start=1) for c in tier} for b in ballots]
        reference = profiles_with_ties.ProfileWithTies(
            rankings, rcounts=[b.weight for b in ballots], candidates=candidates
        )
        reference.use_extended_strict_preference()
        cases.append((candidates, ballots, reference))
    return cases


def test_random_profiles_have_ties_cycles_and_several_sizes(profiles):
    sizes = {len(candidates) for candidates, _, _ in profiles}
    tied_ballots = sum(any(len(t) > 1 for t in b.tiers) for _, ballots, _ in profiles for b in ballots)
    shared_first_place = sum(len(schulze(c, b).winners) > 1 for c, b, _ in profiles)

    assert sizes == set(range(1, 13))
    assert tied_ballots > 500
    assert shared_first_place > 20


def test_pairwise_matrix_agrees_with_pref_voting(profiles):
    for candidates, ballots, reference in profiles:
        d = pairwise_matrix(candidates, ballots)
        assert d == {(x, y): reference.support(x, y) for x, y in d}


def test_schulze_agrees_with_pref_voting(profiles):
    from pref_voting.margin_based_methods import beat_path, beat_path_defeat

    for index, (candidates, ballots, reference) in enumerate(profiles):
        result = schulze(candidates, ballots)
        p = result.strengths
        defeats = beat_path_defeat(reference, strength_function=reference.support)

        assert sorted(result.winners) == beat_path(reference, strength_function=reference.support), index
        for x in candidates:
            for y in candidates:
                if x != y:
                    assert defeats.has_edge(x, y) == (p[x, y] > p[y, x]), (index, x, y)
        assert [set(tier) for tier in result.tiers] == layers_of(defeats, candidates), index


def layers_of(defeats, candidates: list[int]) -> list[set[int]]:
    """The unbeaten candidates of pref_voting's defeat graph, then the unbeaten of the rest, and so on."""
    remaining, layers = set(candidates), []
    while remaining:
        top = {x for x in remaining if not any(defeats.has_edge(y, x) for y in remaining)}
        layers.append(top)
        remaining -= top
    return layers


def test_schulze_tiers_are_real_ties_and_every_step_is_explained(profiles):
    for candidates, ballots, _ in profiles:
        result = schulze(candidates, ballots)
        p = result.strengths
        for tier in result.tiers:
            assert all(p[x, y] == p[y, x] for x in tier for y in tier if x != y)
        for step in result.explain():
            for lower in step.lower:
                assert any(c.is_decisive for c in step.comparisons if c.lower == lower)


def test_borda_agrees_with_pref_voting(profiles):
    from pref_voting.scoring_methods import (
        borda_for_profile_with_ties,
        borda_ranking,
        symmetric_borda_scores,
    )

    for index, (candidates, ballots, reference) in enumerate(profiles):
        result = borda(candidates, ballots)
        symmetric = symmetric_borda_scores(reference)
        half_a_point_per_other = sum(b.weight for b in ballots) * (len(candidates) - 1)

        assert result.scores == {x: (half_a_point_per_other + symmetric[x]) / 2 for x in candidates}, index
        assert sorted(result.winners) == borda_for_profile_with_ties(reference), index
        expected = [set(tier) for tier in borda_ranking(reference).to_indiff_list()]
        assert [set(tier) for tier in result.tiers] == expected, index


def sixty_proposals_ten_councils() -> tuple[list[int], list[Ballot]]:
    rng = random.Random(60)
    candidates = list(range(60))
    return candidates, [random_ballot(rng, candidates) for _ in range(10)]


def test_schulze_ranks_sixty_proposals_of_ten_councils_within_twenty_milliseconds():
    candidates, ballots = sixty_proposals_ten_councils()
    schulze(candidates, ballots)  # warm
    best = min(timeit.repeat(lambda: schulze(candidates, ballots), number=1, repeat=5))
    assert best < 0.020, f"{best * 1000:.1f} ms"


def test_the_ranking_is_computed_once_per_set_of_ballots():
    candidates, ballots = sixty_proposals_ten_councils()
    first = rank(SCHULZE, candidates, ballots)
    assert rank(SCHULZE, candidates, [Ballot(list(b.tiers), b.weight) for b in ballots]) is first
    changed = [Ballot(ballots[0].tiers, ballots[0].weight + 1), *ballots[1:]]
    assert rank(SCHULZE, candidates, changed) is not first
    assert rank(SCHULZE, candidates, changed).tiers == schulze(candidates, changed).tiers
