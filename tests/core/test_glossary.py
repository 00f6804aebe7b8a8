"""The catalogues follow docs/glossary.md: one word per thing."""

import re

import pytest
from babel.messages.pofile import read_po

from participation import ROOT

# (language, words the glossary replaced, why)
AVOIDED = [
    ("nl", r"\b[Ff]ases\b", "the plural is 'fasen'"),
    ("nl", r"\bgoedkeuring", "councils 'onderschrijven' the note"),
    ("nl", r"\bkan je\b", "'kun je'"),
    ("nl", r"^Exports$", "the menu speaks Dutch"),
    ("fr", r"\b[Pp]rocessus\b", "a process is a 'trajet'"),
    ("fr", r"\be-mails?\b", "'courriel', 'adresse électronique'"),
    ("fr", r"Peace & Partnership", "'Paix et partenariats'"),
    ("fr", r"Méthode : Méthode", "no word twice"),
]


def messages(language: str) -> list[tuple[str, str]]:
    with open(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle, locale=language)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        found.extend((msgid, text) for text in strings if text)
    return found


@pytest.mark.parametrize(("language", "pattern", "reason"), AVOIDED)
def test_the_catalogue_uses_the_glossarys_word(language, pattern, reason):
    wrong = [(msgid, text) for msgid, text in messages(language) if re.search(pattern, text)]
    assert wrong == [], reason


def test_saving_is_opslaan_and_bewaren_is_keeping():
    wrong = [(msgid, text) for msgid, text in messages("nl")
             if re.search(r"\bsaved?\b", msgid, re.IGNORECASE) and re.search(r"\bbewa", text, re.IGNORECASE)]
    assert wrong == []


def test_fr_method_heading_names_the_method_once():
    by_id = dict(messages("fr"))
    assert (by_id["Method: %(method)s"] % {"method": by_id["Schulze method"]}).count("Méthode") == 1
