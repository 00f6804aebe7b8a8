"""From a process page a person finds the ranking, and an administrator the tools of the process."""

from flask import url_for

from participation.extensions import db
from participation.votes.models import VoteRule


def links_on(client, slug: str) -> str:
    return client.get(f"/trajecten/{slug}").get_data(as_text=True)


def test_during_voting_a_resident_finds_the_ranking_but_no_tools(client_as, make_process):
    process = make_process("public", phases=[("propose", -20, -10), ("vote", -1, 5)], slug="fietsstraten")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=3, max_per_idea=2))
    db.session.commit()

    html = links_on(client_as("resident"), "fietsstraten")

    assert "Stem en bekijk de rangschikking" in html
    assert 'href="/trajecten/fietsstraten/rangschikking"' in html
    assert "Dit traject beheren" not in html
    assert "/beheer/trajecten/fietsstraten/stemregel" not in html


def test_after_voting_the_link_leads_to_the_result(client_as, make_process):
    make_process("public", phases=[("propose", -20, -10), ("vote", -9, -1)], slug="kermis")

    html = links_on(client_as(None), "kermis")

    assert "Bekijk de uitslag van de stemming" in html


def test_without_a_vote_phase_there_is_no_ranking_link(client_as, make_process):
    make_process("public", phases=[("propose", -1, 10)], slug="speelpleinen")

    html = links_on(client_as("resident"), "speelpleinen")

    assert "rangschikking" not in html
    assert 'class="process-links"' not in html


def test_an_administrator_finds_edit_rule_totals_and_report(app, client_as, make_process):
    process = make_process("public", phases=[("propose", -1, 10), ("vote", 10, 20)], slug="trage-wegen")

    html = links_on(client_as("administrator"), "trage-wegen")

    with app.test_request_context():
        for path in (url_for("processes.edit", process_id=process.id), url_for("votes.rule", slug="trage-wegen"),
                     url_for("votes.totals", slug="trage-wegen"),
                     url_for("exports.process_report", slug="trage-wegen")):
            assert f'href="{path}"' in html, path
    assert "Dit traject beheren" in html
