"""Formatting that works: what the hint promises (bold, italics, lists, links, paragraphs and line
breaks) is what the page shows, a preview shows it before sending, and texts written as HTML by
earlier versions and the demo still show as they did."""

import json
import re

import pytest

from participation.api.serializers import idea_data
from participation.demo.loader import DATA_DIR
from participation.extensions import db
from participation.ideas.models import Idea
from participation.security import sanitize_html
from participation.text import render_rich_text, summary
from tests.security.xss import active_content

RESIDENT_TEXT = (
    "Op de Gentsestraat rijden auto's te snel.\r\n"
    "Vooral 's ochtends, als de scholen beginnen.\r\n"
    "\r\n"
    "Ik stel voor:\r\n"
    "- een **zebrapad** aan de school\r\n"
    "- een _flitspaal_\r\n"
    "\r\n"
    "Zie ook [het mobiliteitsplan](https://www.harelbeke.be/mobiliteit)."
)


def test_the_marks_the_hint_names_become_formatting():
    html = render_rich_text(RESIDENT_TEXT)
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.S)
    assert len(paragraphs) == 3, html
    assert "te snel.<br>" in paragraphs[0]  # a line break stays a line break
    assert "<li>een <strong>zebrapad</strong> aan de school</li>" in html
    assert "<li>een <em>flitspaal</em></li>" in html
    assert re.search(r'<a href="https://www.harelbeke.be/mobiliteit"[^>]*>het mobiliteitsplan</a>', html)
    assert "**" not in html and "_flitspaal_" not in html


def test_html_written_by_earlier_versions_shows_as_before():
    stored = ('<p>Een <strong>groene</strong> speelplaats</p><p>Met <em>bomen</em> en <a href="https://x.be">'
              "een link</a></p><ul><li>schaduw</li></ul>")
    assert render_rich_text(stored) == sanitize_html(stored)


def test_every_demo_idea_shows_as_the_html_it_was_written_in():
    ideas = json.loads((DATA_DIR / "harelbeke" / "ideas.json").read_text(encoding="utf-8"))
    for item in ideas:
        assert render_rich_text(item["body"]) == sanitize_html(item["body"]), item["title"]


def test_plain_text_of_earlier_versions_keeps_its_paragraphs_and_entities():
    stored = "Tom &amp; Jerry willen een speeltuin.\n\nLiefst &lt;dicht&gt; bij school."
    html = render_rich_text(stored)
    assert html.count("<p>") == 2
    assert "Tom &amp; Jerry" in html and "&lt;dicht&gt;" in html


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>**vet**",
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "<img src=x onerror=alert(1)>",
    "[klik](JaVaScRiPt:alert(1))",
])
def test_markdown_goes_through_the_one_sanitiser(source):
    html = render_rich_text(source)
    assert active_content(html, allowed_head=False) == []
    assert 'href="javascript' not in html.lower() and "<img" not in html


def test_summary_is_plain_words_cut_at_a_word():
    text = summary(RESIDENT_TEXT, length=60)
    assert "**" not in text and "<" not in text
    assert text.startswith("Op de Gentsestraat rijden auto's te snel.")
    assert text.endswith("…") and len(text) <= 60


def submit(client, process, body, action=None):
    data = {"title": "Veilig naar school", "body": body, "theme": "people", "district_id": ""}
    if action:
        data["action"] = action
    return client.post(f"/trajecten/{process.slug}/ideeen/nieuw", data=data)


def test_a_resident_writes_markdown_and_the_idea_page_shows_it_formatted(resident_client, make_process):
    process = make_process("public")
    response = submit(resident_client, process, RESIDENT_TEXT)
    assert response.status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert "**zebrapad**" in idea.body  # kept as typed, so it can be changed as typed
    page = resident_client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "<strong>zebrapad</strong>" in page and "<em>flitspaal</em>" in page
    assert "te snel.<br>" in page

    form = resident_client.get(f"/ideeen/{idea.id}/bewerken").get_data(as_text=True)
    assert "- een **zebrapad** aan de school" in form


def test_preview_shows_the_text_formatted_and_sends_nothing(resident_client, make_process):
    process = make_process("public")
    response = submit(resident_client, process, RESIDENT_TEXT, action="preview")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="preview"' in page
    preview = page[page.index('id="preview"'):page.index("<form", page.index('id="preview"'))]
    assert "<strong>zebrapad</strong>" in preview and "<li>" in preview
    assert "**zebrapad**" in page  # the form keeps what was typed
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_the_form_tells_the_truth_and_works_without_javascript(resident_client, make_process):
    process = make_process("public")
    page = resident_client.get(f"/trajecten/{process.slug}/ideeen/nieuw").get_data(as_text=True)
    assert "**vet**" in page and "_schuin_" in page and "(- )" in page and "[woorden](https://…)" in page
    assert "Een lege regel begint een nieuwe alinea." in page
    toolbar = re.search(r'<div class="rt-toolbar"[^>]*>', page).group(0)
    assert " hidden" in toolbar  # the buttons appear only when richtext.js runs
    assert 'aria-describedby="body-hint body-marks"' in page
    assert re.search(r'<button type="submit" name="action" value="preview"[^>]*>\s*Voorbeeld', page)


def test_marks_alone_are_not_an_idea(resident_client, make_process):
    process = make_process("public")
    response = submit(resident_client, process, "- \n- \n\n<p></p>")
    assert response.status_code == 200
    assert "Beschrijf je idee in een paar zinnen." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_the_open_data_gives_the_formatted_text(app, make_process):
    process = make_process("public")
    idea = Idea(process_id=process.id, title="Zebrapad", body="Een **zebrapad**\n\n- hier", theme="people",
                status="published")
    db.session.add(idea)
    db.session.commit()
    with app.test_request_context():
        body = idea_data(idea)["body"]
    assert body == "<p>Een <strong>zebrapad</strong></p>\n<ul>\n<li>hier</li>\n</ul>\n"


def test_a_process_description_takes_the_same_marks(admin_client, make_process):
    process = make_process("public", title="Speelpleinen")
    process.description = "Een **nieuw** speelplein.\n\n- in Hulste\n- in Stasegem"
    db.session.commit()
    page = admin_client.get(f"/trajecten/{process.slug}").get_data(as_text=True)
    assert "<strong>nieuw</strong>" in page and "<li>in Hulste</li>" in page
