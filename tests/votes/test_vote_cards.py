"""A vote card in a process's list of ideas shows the idea's votes once."""

import re

from tests.votes.conftest import CLOSED


def idea_items(html: str) -> list[str]:
    return re.findall(r'<li class="idea-item">(.*?)</li>\s*(?=<li class="idea-item">|</ul>)', html, re.S)


def test_a_vote_card_shows_the_votes_once_while_voting(voting, client_as):
    process, ideas = voting(kind="dots", budget=3, max_per_idea=2)
    client = client_as("resident")
    client.post(f"/stemmen/ideeen/{ideas[0].id}")
    items = idea_items(client.get(f"/trajecten/{process.slug}").get_data(as_text=True))
    assert len(items) == 3
    for item in items:
        text = re.sub(r"<[^>]+>", " ", item)
        assert len(re.findall(r"\bStemmen:", text)) == 1, text
        assert not re.search(r"\d+ stem(men)?\b", text), text


def test_after_voting_the_card_still_shows_the_votes_once(voting, client_as):
    process, ideas = voting(phases=CLOSED)
    items = idea_items(client_as(None).get(f"/trajecten/{process.slug}").get_data(as_text=True))
    assert items
    for item in items:
        text = re.sub(r"<[^>]+>", " ", item)
        assert len(re.findall(r"\bStemmen:", text)) + len(re.findall(r"\d+ stem(men)?\b", text)) == 1, text
