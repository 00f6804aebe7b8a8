"""Dutch words for the SDG suggester: function words left out, stems, and the parts of compounds.

A text becomes terms: each content word's Snowball stem, plus the stems of its parts when it is a
compound of words the suggester knows ("fietsenstalling" also counts as "fiets" and "stalling").
Function words (articles, pronouns, auxiliaries, conjunctions, adverbs like "zodat", "ook", "nu")
never become terms, so they can never be shown as the words that led to a suggestion.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

# The Snowball project's Dutch stop list, with the pronouns, auxiliaries, link words and numbers it leaves
# out and the verbs an idea uses to ask for something ("zet", "maak", "graag") rather than to say what.
STOP_WORDS = frozenset(
    """
    aan aangezien acht achter al alle allebei alleen alles als alsjeblieft alsook alstublieft altijd
    ander andere anders beetje ben best beter bij bijna bijvoorbeeld binnen boven bv daar daarbij
    daardoor daarin daarmee daarna daarom daarvan daarvoor dan dank dat de derde deze dezelfde die dit
    doch doe doen door drie duizend dus echt een eens eerste eigen eigenlijk elk elke en enkel enkele
    enz er erg ergens ervan ervoor etc even evenals evenveel ga gaan gaarne gaat gedaan geef geeft geen
    gehad gemaakt genoeg geven geweest gewoon graag haar had hadden heb hebben hebt heeft hele hem hen
    het hier hij hoe hoeveel honderd hun ieder iedere iemand iets ik in ingevolge inzake is ja je jij
    jou jouw jullie kan komen komt kon krijg krijgen krijgt kun kunnen kunt laat laatste langs laten
    liggen ligt lijkt maak maakt maar maken me meer meest men met mij mijn minder minst misschien moest
    moet moeten mogelijk mogen na naar naast natuurlijk neem negen nemen net niet niets nodig nog nogal
    nooit nu of ofwel om omdat omtrent onder ons onze ook op opnieuw over overal per plus reeds rond
    sinds soms staan staat steeds te tegen tegenover ten ter terecht terwijl tien toch toe toen tonen
    toont tot tussen twee tweede u uit uw vaak van vanaf vanuit veel verder via vier vijf vind vinden
    volgende volgens voor vooral vorige waar waarbij waardoor waarin waarom wanneer want waren was wat
    we weer wel welke werd werden wie wij wil willen wilt worden wordt zal zeer zelf zelfs zes zet
    zetten zeven zich zie zien zij zijn zit zitten zo zoals zodat zodra zonder zou zouden zowel zullen
    één
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LINKERS = ("", "s", "e", "en")
MIN_PART = 4
MIN_HEAD_ONLY = 5
MIN_WORD = 3

_local = threading.local()


def _stemmer():
    """One stemmer per thread: a Snowball stemmer keeps state while it works on a word."""
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("dutch")
    return _local.stemmer


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball Dutch stem, evened out where the stemmer leaves forms apart: the verb ending -dt goes
    to -d ("bestrijdt", "bestrijd"), a final -e after a consonant goes ("groene", "groen"), and a final
    -s that belongs to the word stays ("fiets" and "fietsen" meet at "fiets", "kans" and "kansen" at
    "kans"; a plural -s as in "winkels" or "jongens" still goes)."""
    result = _stemmer().stemWord(word)
    if result == word[:-1] and (word.endswith("ts") or word.endswith("ns") and not word.endswith("ens")):
        result = _stemmer().stemWord(word + "en")
    if result.endswith("dt"):
        result = result[:-1]
    if len(result) > 4 and result.endswith("e") and result[-2] not in "aeiou":
        result = result[:-1]
    return result


def words(text: str) -> list[str]:
    """The words of a text as written, without digits and punctuation."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def content(word: str) -> str | None:
    """The word in lower case when it carries meaning; None for a function word or a scrap."""
    lowered = word.lower().replace("’", "'").split("'")[0]  # "auto's" is "auto"
    if len(lowered) < MIN_WORD or lowered in STOP_WORDS:
        return None
    return lowered


def content_text(text: str) -> str:
    """The content words of a text in lower case, one space apart."""
    return " ".join(lowered for word in words(text) if (lowered := content(word)))


class Analyzer:
    """Turns a text into terms (stems, and the stems of a compound's known parts).

    ``ignored`` words (the names of the city and its districts) are left out like function words: they
    say where an idea is, not what it is about. Picklable, so it travels with the trained model;
    scikit-learn calls it as a vectorizer's analyzer.
    """

    def __init__(self, texts: Iterable[str], ignored: Iterable[str] = ()) -> None:
        self.ignored = frozenset(word.lower() for word in ignored)
        self.vocabulary = frozenset(
            stem(lowered) for text in texts for word in words(text) if (lowered := self.content(word))
        )
        self._parts: dict[str, tuple[str, ...]] = {}

    def __getstate__(self) -> dict:
        return {"vocabulary": self.vocabulary, "ignored": self.ignored}

    def __setstate__(self, state: dict) -> None:
        self.vocabulary = state["vocabulary"]
        self.ignored = state["ignored"]
        self._parts = {}

    def content(self, word: str) -> str | None:
        lowered = content(word)
        return None if lowered in self.ignored else lowered

    def content_text(self, text: str) -> str:
        """The content words of a text in lower case, one space apart (for character n-grams)."""
        return " ".join(lowered for word in words(text) if (lowered := self.content(word)))

    def parts(self, word: str) -> tuple[str, ...]:
        """Stems of the known parts of a compound, longest head first; () when none is found. When only
        the first part is known ("fietsen" in "fietsenstalling"), that part alone."""
        if word in self._parts:
            return self._parts[word]
        found = self._split(word)
        if not found:
            for cut in range(len(word) - MIN_HEAD_ONLY, MIN_HEAD_ONLY - 1, -1):
                if stem(word[:cut]) in self.vocabulary:
                    found = (stem(word[:cut]),)
                    break
        self._parts[word] = found
        return found

    def _split(self, word: str) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, rest = word[:cut], word[cut:]
            if stem(head) not in self.vocabulary:
                continue
            for linker in _LINKERS:
                if not rest.startswith(linker):
                    continue
                tail = rest[len(linker):]
                if len(tail) < MIN_PART:
                    continue
                if stem(tail) in self.vocabulary:
                    found = (stem(head), stem(tail))
                elif deeper := self._split(tail):
                    found = (stem(head), *deeper)
                if found:
                    break
            if found:
                break
        return found

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The terms of one word as written: its stem, then its parts; () for a function word."""
        lowered = self.content(word)
        if lowered is None:
            return ()
        terms = [stem(lowered)]
        if "-" in lowered:
            pieces = [stem(piece) for piece in lowered.split("-") if content(piece)]
        elif len(lowered) >= 2 * MIN_PART:
            pieces = list(self.parts(lowered))
        else:
            pieces = []
        terms += [piece for piece in pieces if piece not in terms]
        return tuple(terms)

    def __call__(self, text: str) -> list[str]:
        return [term for word in words(text) for term in self.word_terms(word)]
