"""Where a `next` leads: every page that sends a person on reads it through `security.safe_next`, the one
rule for a safe target, so a target off the site falls back to the page's own default."""

import re

import pytest

from participation import ROOT
from participation.extensions import db
from participation.votes.models import VoteRule
from tests.accounts.test_accounts import BAD_TARGETS
from tests.conftest import idea
from tests.votes.conftest import OPEN

# Remembers a safe target for after the address is confirmed (read back through safe_next); sends no one on.
REMEMBERS_A_TARGET = {"participation/accounts/views.py"}


def test_only_the_security_module_decides_whether_a_target_is_safe():
    deciding = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "participation").rglob("*.py")
        if re.search(r"\bis_safe_next\(", path.read_text(encoding="utf-8"))
    }
    assert deciding - REMEMBERS_A_TARGET == {"participation/security.py"}


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_the_language_switch_stays_on_the_site(client, target):
    assert client.get("/taal/fr", query_string={"next": target}).headers["Location"] == "/"


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_linking_a_target_goes_back_only_to_this_site(client_as, make_process, target):
    found = idea(make_process(), "Een veilige schoolomgeving", body="<p>Fietspaden en trage wegen.</p>")
    response = client_as("moderator").post(f"/sdgs/ideeen/{found.id}/koppelen", data={"code": "11.7", "next": target})
    assert response.headers["Location"] == f"/sdgs/koppelen?idea={found.id}"


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_a_vote_goes_back_only_to_this_site(client_as, make_process, target):
    process = make_process(phases=OPEN)
    db.session.add(VoteRule(process_id=process.id, kind="approval", max_per_idea=1))
    db.session.commit()
    found = idea(process, "Meer bomen op de markt")
    response = client_as("resident").post(f"/stemmen/ideeen/{found.id}", data={"next": target})
    assert response.headers["Location"] == f"/trajecten/{process.slug}/rangschikking"


def test_a_local_target_is_followed(client_as, client, make_process):
    process = make_process(phases=OPEN)
    db.session.add(VoteRule(process_id=process.id, kind="approval", max_per_idea=1))
    db.session.commit()
    found = idea(process, "Meer bomen op de markt")
    assert client.get("/taal/fr?next=/sdgs").headers["Location"] == "/sdgs"
    voted = client_as("resident").post(f"/stemmen/ideeen/{found.id}", data={"next": f"/ideeen/{found.id}"})
    assert voted.headers["Location"] == f"/ideeen/{found.id}"
    linked = client_as("moderator").post(f"/sdgs/ideeen/{found.id}/koppelen", data={"code": "11.7", "next": "/sdgs/11"})
    assert linked.headers["Location"] == "/sdgs/11"
