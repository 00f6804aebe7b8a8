"""The 2024 note as demo data, its page and its PDF: the points in order, CONCREET, the endorsing councils."""

import io
import re

import pytest
from pypdf import PdfReader

from participation.advisory.models import AmbitionPoint, CouncilRound, Endorsement, Recommendation
from participation.extensions import db

NOTE = "/adviesraden/rondes/ambitienota-2024/ambitienota"


@pytest.fixture
def demo(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_demo_loads_the_2024_note_as_a_published_round_and_an_open_round(demo, app):
    note = db.session.scalar(db.select(CouncilRound).where(CouncilRound.slug == "ambitienota-2024"))
    assert note.is_published and note.point_count == 9
    assert [p.number for p in note.points] == list(range(1, 10))
    assert db.session.scalar(db.select(db.func.count()).select_from(Endorsement)) == 10
    untitled = [s for s in note.points[0].sub_themes if s.title is None]
    assert len(untitled) == 1
    open_round = db.session.scalar(db.select(CouncilRound).where(CouncilRound.slug == "gezamenlijk-advies-2026"))
    assert open_round.step == "ranking" and len({p.council_id for p in open_round.proposals}) == 3
    counts = db.session.scalar(db.select(db.func.count()).select_from(Recommendation))
    app.test_cli_runner().invoke(args=["demo", "load"])
    assert db.session.scalar(db.select(db.func.count()).select_from(Recommendation)) == counts
    assert db.session.scalar(db.select(db.func.count()).select_from(CouncilRound)) == 2


def test_the_public_reads_the_2024_note_laid_out_like_the_seed(demo, client):
    body = client.get(NOTE).get_data(as_text=True)
    assert "Harelbeke" in body and "Inleiding" in body
    positions = [body.index(f'id="point-{n}"') for n in range(1, 10)]
    assert positions == sorted(positions)
    assert "Solidair Harelbeke met respect voor alle mensen" in body
    assert "CONCREET" in body and "Mobiliteit op mensenmaat" in body
    endorsed = body.split("Onderschreven door")[1]
    for council in ("Klimaatraad", "We{i}reldraad", "Handelscomité", "Lokaal Overleg Kinderopvang"):
        assert council in endorsed
    assert "Conclusie" in body


def test_the_pdf_has_the_city_the_points_in_order_and_the_councils(demo, client):
    response = client.get(NOTE + ".pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert text.startswith("HARELBEKE") or "Harelbeke" in text[:200]
    titles = [point.title for point in db.session.scalars(db.select(AmbitionPoint).order_by(AmbitionPoint.number))
              if point.round.slug == "ambitienota-2024"]
    positions = [text.index(title[:40]) for title in titles]
    assert positions == sorted(positions), "the points appear in their order"
    assert "CONCREET" in text and "Onderschreven door" in text and "Handelscomité" in text


def test_the_pdf_is_tagged_and_its_text_stays_on_the_page(demo, client):
    from tests.exports.pdf_checks import tagged, text_outside_pages

    data = client.get(NOTE + ".pdf").data
    assert tagged(data) == {"struct_tree": True, "marked": True, "lang": "nl", "title_shown": True}
    assert text_outside_pages(data) == []


def test_the_note_page_links_the_pdf_and_the_open_round_is_not_public(demo, client, client_as):
    assert "ambitienota.pdf" in client.get(NOTE).get_data(as_text=True)
    assert client.get("/adviesraden/rondes/gezamenlijk-advies-2026").status_code == 404
    member = client_as("council_member")
    assert "Gezamenlijk advies 2026" in member.get("/adviesraden").get_data(as_text=True)
    assert "Gezamenlijk advies 2026" not in client.get("/adviesraden").get_data(as_text=True)


def test_goal_page_lists_the_ambition_points_linked_to_the_goal(demo, client):
    note = db.session.scalar(db.select(CouncilRound).where(CouncilRound.slug == "ambitienota-2024"))
    assert "10.2" in [target.target_code for target in note.points[0].targets], "the demo note links its points"
    html = client.get("/sdgs/10").get_data(as_text=True)
    empty = client.get("/sdgs/3").get_data(as_text=True)
    assert "Solidair Harelbeke" in html and "/adviesraden/rondes/ambitienota-2024/punten/1" in html
    assert "Nog geen ambitiepunt" in empty


def test_sdg_reference_knows_the_169_targets():
    from participation.sdgs.reference import goal_of, target_codes

    assert len(target_codes()) == 169 and "17.19" in target_codes()
    assert goal_of("10.2") == 10
