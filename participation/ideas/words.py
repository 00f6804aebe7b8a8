"""Dutch words as the search index keeps them: lower case, without accents, stemmed.

The stemming is the Snowball Dutch stemmer, so "fietsen", "fiets" and "fietsers" meet.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from participation.security import plain_text

WORD = re.compile(r"[a-z0-9]+")
MAX_TERM = 40
# The small words that say nothing about what an idea is about.
STOPWORDS = frozenset(
    """
    aan al alle als ben bij dan dat de deze die dit doen door dus een en er geen had heb hebben heeft het
    hier hij hoe hun ik in is ja je jij kan kun kunnen maar me meer men met mij mijn moet na naar niet nog
    nu of om onder ons onze ook op over per te tot u uit uw van veel voor waar wat we wel werd wie wij
    wil wordt worden zal ze zij zijn zo zou zonder
    """.split()
)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case, accents removed: "Ideeën" becomes "ideeen"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(fold(text)) if len(w) > 1 and w not in STOPWORDS]


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The stem of one folded word; a city's ideas use a few thousand words again and again."""
    return _stemmer().stemWord(word)[:MAX_TERM]


def stem_map(text: str) -> dict[str, str]:
    """Each stem with the first word it came from, so a match can be explained in the person's words."""
    found: dict[str, str] = {}
    for word in words(text):
        stemmed = stem(word)
        if len(stemmed) > 1:
            found.setdefault(stemmed, word)
    return found


def stems(text: str) -> set[str]:
    return set(stem_map(text))


def idea_stems(title: str, body_html: str) -> set[str]:
    return stems(f"{title} {plain_text(body_html)}")
