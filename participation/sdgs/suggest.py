"""Suggest SDG goals, then targets within them, for a Dutch text; learnt from labelled examples.

Training (``SdgSuggester.fit``) takes examples: texts the city filed under a goal (its plan's tasks and
their explanations, the targets' own texts, the goal titles, the city's sentence per goal, ideas that
moderators linked) and texts a moderator refused for a goal or a target. Texts become two sets of
features with scikit-learn: TF-IDF over Dutch terms (stems and the parts of compounds, see ``dutch.py``)
and TF-IDF over character n-grams of the content words (so "fietsenstalling" and "fietsstalling"
meet). One logistic regression per goal (one against the rest) learns which features speak for that
goal; a text a moderator refused for a goal is a negative example of that goal only. The 169 target
texts are examples of their goal, so a goal with few examples of the city is still found.

Suggesting ranks the goals by their regression's probability. A goal is suggested only when words of
the text speak for it (``matched_words``: the words that pushed its score up most, each once, never a
function word). Within a goal, a target is suggested only when the text shares a distinctive term (one
found in few targets) with the target's own text or with texts linked to that target (moderators'
links, plan tasks), and a text like one refused for the target gets it less: no target is chosen only
because its goal won.

Everything here is pure: no database and no Flask application are needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from participation.sdgs.dutch import Analyzer, content_text, stem, words


@dataclass(frozen=True)
class Example:
    """A labelled text: filed under ``goal`` (and ``target`` when known), or refused for it."""

    text: str
    goal: int
    target: str | None = None
    weight: float = 1.0
    refused: bool = False
    source: str = ""


@dataclass(frozen=True)
class Settings:
    """The knobs, compared on the tuning set (``bench/sdg_suggest_tuning.json``) only."""

    char_weight: float = 0.7  # share of the character n-grams next to the Dutch terms
    char_ngrams: tuple[int, int] = (3, 5)
    regularisation: float = 4.0  # C of the logistic regressions
    refusal_weight: float = 3.0  # how much a text refused for a goal counts against it, next to an example
    goals: int = 3  # goals suggested at most
    targets_per_goal: int = 3
    min_goal_score: float = 0.02  # a goal scoring less is not suggested
    word_share: float = 0.2  # a word is shown when it weighs at least this share of the strongest word
    min_target_similarity: float = 0.15  # a target less similar to the text is not suggested
    max_targets_per_term: int = 12  # a term in more targets than this ("kinderen") is too common to lead to one


@dataclass(frozen=True)
class GoalSuggestion:
    goal: int
    score: float
    matched_words: tuple[str, ...]
    targets: tuple[Suggestion, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """A target within a suggested goal; ``target`` is None when no target of the goal fits."""

    target: str | None
    goal: int
    score: float
    matched_words: tuple[str, ...]


@dataclass
class _Query:
    text: str
    terms: sparse.csr_matrix  # the Dutch terms' TF-IDF row
    features: sparse.csr_matrix  # terms and character n-grams, weighted and stacked


class SdgSuggester:
    """Build it with ``fit`` once; ask ``suggest_goals`` or ``suggest`` often."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.library_version = sklearn.__version__

    # ---- training --------------------------------------------------------------------------------
    def fit(self, examples: Iterable[Example], target_goals: Mapping[str, int],
            ignored: Iterable[str] = ()) -> SdgSuggester:
        """Learn from ``examples``; ``target_goals`` maps every target code to its goal number;
        ``ignored`` words (the city's place names) never count."""
        examples = [example for example in examples if content_text(example.text)]
        texts: dict[str, int] = {}
        for example in examples:
            texts.setdefault(example.text, len(texts))
        positive: dict[int, set[int]] = defaultdict(set)
        refused: dict[int, set[int]] = defaultdict(set)
        weight = np.zeros(len(texts))
        for example in examples:
            row = texts[example.text]
            weight[row] = max(weight[row], example.weight)
            if not example.refused:
                positive[example.goal].add(row)
            elif example.target is None:
                refused[example.goal].add(row)

        self.analyzer = Analyzer(texts, ignored)
        self.term_vectorizer = TfidfVectorizer(analyzer=self.analyzer, sublinear_tf=True)
        self.char_vectorizer = TfidfVectorizer(
            analyzer="char_wb", preprocessor=self.analyzer.content_text, ngram_range=self.settings.char_ngrams,
            sublinear_tf=True, min_df=2,
        )
        corpus = list(texts)
        term_matrix = self.term_vectorizer.fit_transform(corpus)
        char_matrix = self.char_vectorizer.fit_transform(corpus)
        features = self._stack(term_matrix, char_matrix)
        self._char_offset = term_matrix.shape[1]

        self.goals = sorted(positive)
        coefficients, intercepts = [], []
        for goal in self.goals:
            labels = np.zeros(len(texts), dtype=int)
            labels[list(positive[goal])] = 1
            sample_weight = weight.copy()
            against = [row for row in refused[goal] if row not in positive[goal]]
            sample_weight[against] *= self.settings.refusal_weight
            model = LogisticRegression(
                C=self.settings.regularisation, solver="liblinear", dual=True, class_weight="balanced"
            ).fit(features, labels, sample_weight=sample_weight)
            coefficients.append(model.coef_[0])
            intercepts.append(model.intercept_[0])
        self._coefficients = np.vstack(coefficients).astype(np.float32)  # goals × features
        self._intercepts = np.array(intercepts, dtype=np.float32)

        self._fit_targets(examples, texts, term_matrix, target_goals)
        return self

    def _stack(self, terms: sparse.spmatrix, chars: sparse.spmatrix) -> sparse.csr_matrix:
        share = self.settings.char_weight
        return sparse.hstack([terms * (1.0 - share), chars * share], format="csr")

    def _fit_targets(self, examples: list[Example], texts: Mapping[str, int], term_matrix: sparse.csr_matrix,
                     target_goals: Mapping[str, int]) -> None:
        """A profile per target: the terms of its own text and of the texts linked to it; a term found in
        many targets ("mensen", "water" in goal 6) weighs little. The texts refused for a target are kept
        beside it: a text like them gets the target less (``_targets_of``)."""
        present = (term_matrix > 0).astype(np.float64).tocsr()
        linked: dict[str, set[int]] = defaultdict(set)
        against: dict[str, set[int]] = defaultdict(set)
        for example in examples:
            if example.target in target_goals:
                (against if example.refused else linked)[example.target].add(texts[example.text])
        self.targets = sorted(target_goals, key=_target_order)
        self.target_goal = dict(target_goals)
        counts = _membership(self.targets, linked, present.shape[0]) @ present
        found_in = np.asarray((counts > 0).sum(axis=0)).ravel()
        self._target_idf = np.where(found_in > 0, np.log((1.0 + len(self.targets)) / (1.0 + found_in)), 0.0)
        self._target_idf = self._target_idf.astype(np.float32)
        self._distinctive = found_in <= self.settings.max_targets_per_term
        profiles = counts.copy()
        profiles.data = 1.0 + np.log(profiles.data)
        profiles = normalize(profiles.multiply(self._target_idf).tocsr()).astype(np.float32)
        weighted = normalize(present.multiply(self._target_idf).tocsr())
        self._target_refusals = {code: weighted[sorted(rows)] for code, rows in against.items() if rows}
        self._goal_targets: dict[int, tuple[list[str], np.ndarray]] = {}
        for goal in sorted(set(target_goals.values())):
            rows = [index for index, code in enumerate(self.targets) if target_goals[code] == goal]
            self._goal_targets[goal] = ([self.targets[row] for row in rows], profiles[rows].toarray())

    # ---- suggesting ------------------------------------------------------------------------------
    def _query(self, text: str) -> _Query | None:
        if not self.analyzer.content_text(text):
            return None
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            terms = self.term_vectorizer.transform([text])
            chars = self.char_vectorizer.transform([text])
        if terms.nnz == 0 and chars.nnz == 0:
            return None
        return _Query(text, terms, self._stack(terms, chars))

    def _goal_scores(self, query: _Query) -> np.ndarray:
        decision = query.features @ self._coefficients.T + self._intercepts
        return 1.0 / (1.0 + np.exp(-np.asarray(decision).ravel()))

    def _pushes(self, query: _Query) -> tuple[list[str], np.ndarray]:
        """The content words of the query (each stem once) and how much each pushes each goal's score:
        the share of its features (its terms and its character n-grams) in the goal's decision."""
        term_index = self.term_vectorizer.vocabulary_
        char_index = self.char_vectorizer.vocabulary_
        char_analyzer = self.char_vectorizer.build_analyzer()
        found: list[str] = []
        columns: list[np.ndarray] = []
        seen_stems: set[str] = set()
        for word in words(query.text):
            lowered = self.analyzer.content(word)
            if lowered is None or stem(lowered) in seen_stems:
                continue
            seen_stems.add(stem(lowered))
            mine = [term_index[t] for t in self.analyzer.word_terms(word) if t in term_index]
            mine += [self._char_offset + char_index[g] for g in char_analyzer(lowered) if g in char_index]
            if mine:
                found.append(word)
                columns.append(np.unique(np.array(mine, dtype=np.int64)))
        pushes = np.zeros((len(found), len(self.goals)), dtype=np.float32)
        if not found:
            return found, pushes
        sharing = np.bincount(np.concatenate(columns), minlength=query.features.shape[1])
        values = np.zeros(query.features.shape[1], dtype=np.float32)
        values[query.features.indices] = query.features.data
        for index, mine in enumerate(columns):
            pushes[index] = self._coefficients[:, mine] @ (values[mine] / sharing[mine])
        return found, pushes

    def _goal_words(self, found: list[str], pushes: np.ndarray, row: int) -> tuple[str, ...]:
        """The words that push goal ``row`` up the most, strongest first, each once."""
        column = pushes[:, row] if len(found) else np.zeros(0)
        strongest = float(column.max()) if len(found) else 0.0
        if strongest <= 0:
            return ()
        chosen = [i for i in range(len(found)) if column[i] >= self.settings.word_share * strongest]
        return tuple(found[i] for i in sorted(chosen, key=lambda i: -column[i]))

    def _targets_of(self, query: _Query, goal: int, goal_score: float,
                    exclude: frozenset[str]) -> tuple[Suggestion, ...]:
        """Targets of ``goal`` whose profile shares a distinctive term with the query, most similar first."""
        codes, profiles = self._goal_targets[goal]
        columns = query.terms.indices[self._target_idf[query.terms.indices] > 0]
        if not codes or not len(columns):
            return ()
        weights = self._target_idf[columns]
        present = profiles[:, columns]  # targets of the goal × the query's terms
        similarity = present @ weights / np.linalg.norm(weights)
        for i, code in enumerate(codes):
            if code in self._target_refusals:  # as far as the query is like a text refused for the target
                refused = self._target_refusals[code][:, columns] @ weights / np.linalg.norm(weights)
                similarity[i] -= float(np.max(refused))
        distinctive = (present[:, self._distinctive[columns]] > 0).any(axis=1)
        ranked = sorted(
            (i for i, code in enumerate(codes) if code not in exclude and distinctive[i]
             and similarity[i] >= self.settings.min_target_similarity),
            key=lambda i: (-similarity[i], i),
        )[: self.settings.targets_per_goal]
        return tuple(
            Suggestion(
                target=codes[i], goal=goal, score=round(goal_score * float(similarity[i] / similarity[ranked[0]]), 4),
                matched_words=self._words_with_terms(query.text, set(columns[present[i] > 0].tolist())),
            )
            for i in ranked
        )

    def _words_with_terms(self, text: str, columns: set[int]) -> tuple[str, ...]:
        vocabulary = self.term_vectorizer.vocabulary_
        found: list[str] = []
        seen: set[str] = set()
        for word in words(text):
            terms = [t for t in self.analyzer.word_terms(word) if vocabulary.get(t) in columns]
            lowered = self.analyzer.content(word)
            if terms and lowered and stem(lowered) not in seen:
                seen.add(stem(lowered))
                found.append(word)
        return tuple(found)

    def suggest_goals(self, text: str, top: int | None = None,
                      exclude: Iterable[str] = ()) -> list[GoalSuggestion]:
        """The best goals for ``text``, best first, each with the words that led to it and its targets
        (targets in ``exclude`` left out); nothing for a text without content."""
        query = self._query(text)
        if query is None:
            return []
        top = self.settings.goals if top is None else top
        exclude = frozenset(exclude)
        scores = self._goal_scores(query)
        found, pushes = self._pushes(query)
        result = []
        for row in sorted(range(len(self.goals)), key=lambda row: (-scores[row], self.goals[row])):
            if len(result) >= top or scores[row] < self.settings.min_goal_score:
                break
            matched = self._goal_words(found, pushes, row)
            if not matched:
                continue
            goal, score = self.goals[row], round(float(scores[row]), 4)
            result.append(GoalSuggestion(goal, score, matched, self._targets_of(query, goal, score, exclude)))
        return result

    def suggest(self, text: str, top: int = 5) -> list[Suggestion]:
        """Up to ``top`` suggestions, goal by goal: each goal's targets, or the goal alone (target None)
        when none of its targets shares meaning with the text."""
        result: list[Suggestion] = []
        for goal in self.suggest_goals(text, top=max(top, self.settings.goals)):
            result += goal.targets or [Suggestion(None, goal.goal, goal.score, goal.matched_words)]
        return result[:top]


def _membership(codes: list[str], rows: Mapping[str, set[int]], size: int) -> sparse.csr_matrix:
    """A codes × texts matrix with a 1 where the text belongs to the code."""
    pairs = [(index, row) for index, code in enumerate(codes) for row in sorted(rows.get(code, ()))]
    data = np.ones(len(pairs))
    return sparse.csr_matrix((data, ([i for i, _ in pairs], [r for _, r in pairs])), shape=(len(codes), size))


def _target_order(code: str) -> tuple[int, int, str]:
    goal, _, rest = code.partition(".")
    return (int(goal), int(rest) if rest.isdigit() else 100, rest)
