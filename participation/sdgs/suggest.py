"""Suggest SDG targets for a Dutch text, with the words that led to each suggestion.

The index is built once from the Dutch target texts, the goal titles and, when given, the
city's own sentence per goal ("Iedereen telt mee in Harelbeke" for goal 10) and a list of the
words a Flemish city uses for each goal (``data/keywords_nl.json``: "fietspaden", "leefloon",
"riolering" …, which the UN wording never says). Words are
lower-cased, stripped of a small list of Dutch function words, split into the parts of a
compound when those parts occur in the reference texts ("verkeersveiligheid" also counts as
"verkeer" and "veiligheid"), and stemmed with the Snowball Dutch stemmer. A target's score
blends the cosine similarity of TF-IDF vectors with its own text and with its goal's text, plus
a small bonus when the city has a sentence for that goal (its declared focus); scores lie
between 0 and 1. Each suggestion names the words of the input that matched, as written.

Everything here is pure: no database and no Flask application are needed.
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

DATA_PATH = Path(__file__).resolve().parent / "data" / "sdgs.json"
KEYWORDS_PATH = Path(__file__).resolve().parent / "data" / "keywords_nl.json"

STOP_WORDS = frozenset(
    """
    aan al alle alles als alsook ander andere anders bij binnen boven daar daarbij daardoor
    daarin daarna daarom dan dat de deze dezelfde die dit doch doen door dus een eens en
    enkel enz er ervan etc even evenals geen haar hadden heb hebben heeft hem hen het hier
    hij hoe hun ieder iedere iemand iets ik in ingevolge inzake is ja je jij jou jullie kan
    kon kunnen laat maar maken me meer meest met mij mijn minder minst moet moeten na naar
    naast niet niets nog nu of om omdat onder ons onze ook op over per reeds sinds te tegen
    ten ter tijdens tot tussen u uit van vanaf vanuit veel via voor vooral waar waarbij
    waardoor wat we wel werd werden wie wij wil worden wordt zal ze zelf zich zij zijn zo
    zoals zonder zou zowel zullen
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LINKERS = ("", "s", "e", "en")
_MIN_PART = 4


@dataclass(frozen=True)
class Weights:
    """The knobs of the suggester; the defaults were tuned on the tuning half of the
    evaluation set in ``bench/sdg_suggest_eval.json`` (see ``bench/sdg_suggest_eval.py``)."""

    target: float = 0.3  # share of a target's own text in its score; the rest is its goal's
    title: float = 1.0  # how often the goal titles count in the goal's text
    statement: float = 4.0  # how often the city's sentence counts in the goal's text
    compound_part: float = 0.5  # weight of a compound's parts next to the whole word
    city_goal_bonus: float = 0.05  # added to a matching target of a goal the city has a sentence for
    keywords: float = 2.0  # how often the municipal keyword list counts in the goal's text


@dataclass(frozen=True)
class Suggestion:
    target: str
    goal: int
    score: float
    matched_words: tuple[str, ...]


@dataclass(frozen=True)
class GoalSuggestion:
    goal: int
    score: float
    targets: tuple[str, ...]
    matched_words: tuple[str, ...]


_local = threading.local()


def _stemmer():
    """One stemmer per thread: a Snowball stemmer keeps state while it works on a word."""
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("dutch")
    return _local.stemmer


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball Dutch stem, evened out where the stemmer leaves forms apart: the verb ending
    -dt goes to -d ("bestrijdt", "bestrijd") and a final -e after a consonant goes
    ("groene", "groen")."""
    result = _stemmer().stemWord(word)
    if result.endswith("dt"):
        result = result[:-1]
    if len(result) > 4 and result.endswith("e") and result[-2] not in "aeiou":
        result = result[:-1]
    return result


def words(text: str) -> list[str]:
    """The words of a text as written, without digits and punctuation."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def _content(word: str) -> str | None:
    lowered = word.lower()
    if len(lowered) < 3 or lowered in STOP_WORDS:
        return None
    return lowered


class _Analyzer:
    """Turns words into weighted terms; knows the reference vocabulary to split compounds."""

    def __init__(self, vocabulary: set[str], part_weight: float) -> None:
        self.vocabulary = vocabulary
        self.part_weight = part_weight
        self._parts: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """Stems of the known parts of a compound, longest head first; () when none is found."""
        if word in self._parts:
            return self._parts[word]
        found: tuple[str, ...] = ()
        for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
            head, rest = word[:cut], word[cut:]
            if stem(head) not in self.vocabulary:
                continue
            for linker in _LINKERS:
                if not rest.startswith(linker):
                    continue
                tail = rest[len(linker) :]
                if len(tail) < _MIN_PART:
                    continue
                if stem(tail) in self.vocabulary:
                    found = (stem(head), stem(tail))
                else:
                    deeper = self.parts(tail)
                    if deeper:
                        found = (stem(head), *deeper)
                if found:
                    break
            if found:
                break
        self._parts[word] = found
        return found

    def terms(self, word: str) -> dict[str, float]:
        content = _content(word)
        if content is None:
            return {}
        result = {stem(content): 1.0}
        if "-" in content:
            pieces = [piece for piece in content.split("-") if _content(piece)]
            for piece in pieces:
                result.setdefault(stem(piece), self.part_weight)
        elif len(content) >= 2 * _MIN_PART:
            for part in self.parts(content):
                result.setdefault(part, self.part_weight)
        return result

    def vector(self, texts: Iterable[tuple[str, float]]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for text, repeat in texts:
            for word in words(text):
                for term, weight in self.terms(word).items():
                    counts[term] += weight * repeat
        return counts


def _normalised(counts: Mapping[str, float], idf: Mapping[str, float]) -> dict[str, float]:
    weighted = {
        term: (tf if tf < 1 else 1.0 + math.log(tf)) * idf[term]
        for term, tf in counts.items()
        if tf > 0 and term in idf
    }
    norm = math.sqrt(sum(value * value for value in weighted.values()))
    return {term: value / norm for term, value in weighted.items()} if norm else {}


def _common_statement_words(statements: Mapping[int, str]) -> set[str]:
    """Words found in most of the city's sentences (the city's own name, typically):
    they say nothing about one goal in particular."""
    if len(statements) < 3:
        return set()
    seen: Counter[str] = Counter()
    for sentence in statements.values():
        seen.update({word.lower() for word in words(sentence)})
    return {word for word, count in seen.items() if count > len(statements) / 2}


class Suggester:
    """Ranks the 169 targets (and the 17 goals) for a Dutch text. Build it once, query often."""

    def __init__(
        self,
        targets: list[tuple[str, int, str]],
        goal_texts: Mapping[int, list[tuple[str, float]]],
        weights: Weights,
        city_goals: Iterable[int] = (),
    ) -> None:
        self.weights = weights
        self._goal_of = {code: goal for code, goal, _ in targets}
        self._city_goals = frozenset(city_goals)
        vocabulary: set[str] = set()
        all_texts = [text for _, _, text in targets]
        all_texts += [text for pieces in goal_texts.values() for text, _ in pieces]
        for text in all_texts:
            vocabulary.update(stem(c) for w in words(text) if (c := _content(w)))
        self._analyzer = _Analyzer(vocabulary, weights.compound_part)

        target_counts = {code: self._analyzer.vector([(text, 1.0)]) for code, _, text in targets}
        goal_counts = {goal: self._analyzer.vector(pieces) for goal, pieces in goal_texts.items()}
        documents = list(target_counts.values()) + list(goal_counts.values())
        df: Counter[str] = Counter()
        for counts in documents:
            df.update(counts.keys())
        total = len(documents)
        self._idf = {term: math.log((total + 1) / (freq + 1)) + 1.0 for term, freq in df.items()}
        self._targets = {code: _normalised(counts, self._idf) for code, counts in target_counts.items()}
        self._goals = {goal: _normalised(counts, self._idf) for goal, counts in goal_counts.items()}
        self._order = {code: index for index, (code, _, _) in enumerate(targets)}

    @classmethod
    def from_data(
        cls,
        goals: list[dict],
        statements: Mapping[int, str] | None = None,
        weights: Weights | None = None,
        language: str = "nl",
        keywords: Mapping[int, str] | None = None,
    ) -> Suggester:
        """Build from the reference data (``load_reference_goals()``) and, optionally, the
        city's sentence per goal number and a list of municipal words per goal
        (``load_keywords()``), which count ``weights.keywords`` times in the goal's text."""
        weights = weights or Weights()
        statements = {int(goal): sentence for goal, sentence in (statements or {}).items()}
        common = _common_statement_words(statements)
        targets: list[tuple[str, int, str]] = []
        goal_texts: dict[int, list[tuple[str, float]]] = {}
        for goal in goals:
            number = int(goal["number"])
            pieces = [
                (goal["title"][language], weights.title),
                (goal["long_title"][language], weights.title),
            ]
            if statements.get(number):
                sentence = " ".join(w for w in words(statements[number]) if w.lower() not in common)
                pieces.append((sentence, weights.statement))
            if keywords and keywords.get(number) and weights.keywords > 0:
                pieces.append((keywords[number], weights.keywords))
            goal_texts[number] = pieces
            for target in goal["targets"]:
                targets.append((target["code"], number, target["text"][language]))
        return cls(targets, goal_texts, weights, city_goals=statements)

    def _query(self, text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
        counts: Counter[str] = Counter()
        origin: dict[str, list[str]] = defaultdict(list)
        for word in words(text):
            for term, weight in self._analyzer.terms(word).items():
                counts[term] += weight
                if word not in origin[term]:
                    origin[term].append(word)
        return _normalised(counts, self._idf), origin

    def _score_all(self, text: str) -> tuple[dict[str, float], Mapping[str, float], Mapping[str, list[str]]]:
        query, origin = self._query(text)
        if not query:
            return {}, query, origin
        goal_scores = {
            goal: sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            for goal, vector in self._goals.items()
        }
        share, bonus = self.weights.target, self.weights.city_goal_bonus
        scores = {}
        for code, vector in self._targets.items():
            goal = self._goal_of[code]
            score = share * sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            score += (1.0 - share) * goal_scores.get(goal, 0.0)
            if score > 0:
                scores[code] = score + (bonus if goal in self._city_goals else 0.0)
        return scores, query, origin

    def _matched(
        self, query: Mapping[str, float], origin: Mapping[str, list[str]], *vectors: Mapping[str, float]
    ) -> tuple[str, ...]:
        hits: list[str] = []
        for term in query:
            if any(term in vector for vector in vectors):
                for word in origin[term]:
                    if word not in hits:
                        hits.append(word)
        return tuple(hits)

    def suggest(self, text: str, top: int = 5) -> list[Suggestion]:
        """The ``top`` best targets for ``text``, best first; nothing for a text without content."""
        scores, query, origin = self._score_all(text)
        ranked = sorted(scores, key=lambda code: (-scores[code], self._order[code]))
        return [
            Suggestion(
                target=code,
                goal=self._goal_of[code],
                score=round(min(scores[code], 1.0), 4),
                matched_words=self._matched(
                    query, origin, self._targets[code], self._goals.get(self._goal_of[code], {})
                ),
            )
            for code in ranked[:top]
        ]

    def suggest_goals(self, text: str, top: int = 3, targets_per_goal: int = 3) -> list[GoalSuggestion]:
        """The ``top`` best goals, each scored by its best target and listing its best targets."""
        scores, query, origin = self._score_all(text)
        by_goal: dict[int, list[str]] = defaultdict(list)
        for code in sorted(scores, key=lambda code: (-scores[code], self._order[code])):
            by_goal[self._goal_of[code]].append(code)
        ranked = sorted(by_goal, key=lambda goal: (-scores[by_goal[goal][0]], goal))
        result = []
        for goal in ranked[:top]:
            best = by_goal[goal][:targets_per_goal]
            vectors = [self._targets[code] for code in best] + [self._goals.get(goal, {})]
            result.append(
                GoalSuggestion(
                    goal=goal,
                    score=round(min(scores[best[0]], 1.0), 4),
                    targets=tuple(best),
                    matched_words=self._matched(query, origin, *vectors),
                )
            )
        return result


def load_reference_goals(path: Path | None = None) -> list[dict]:
    """The 17 goals with their targets, from the reference data shipped with the package."""
    with open(path or DATA_PATH, encoding="utf-8") as handle:
        return json.load(handle)["goals"]


def load_keywords(path: Path | None = None) -> dict[int, str]:
    """Municipal words per goal (``data/keywords_nl.json`` unless another list is given)."""
    with open(path or KEYWORDS_PATH, encoding="utf-8") as handle:
        return {int(goal): text for goal, text in json.load(handle)["goals"].items()}


def load_statements(path: Path) -> dict[int, str]:
    """A city's sentence per goal, from a JSON object mapping goal numbers to sentences."""
    with open(path, encoding="utf-8") as handle:
        return {int(goal): sentence for goal, sentence in json.load(handle).items()}
