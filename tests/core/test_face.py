"""The city's face is city data: name, logo, colours, favicon, contact and footer come from the city's
folder, and another city changes the folder, not the code. Shared links show a title, a summary and a
picture."""

import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from participation.core.colours import contrast
from participation.core.face import SOFT, FaceError, colour_problems, read_face, svg_problems
from participation.core.models import City
from participation.demo.loader import DATA_DIR, load_demo
from participation.extensions import db
from participation.ideas.models import Idea

HARELBEKE = DATA_DIR / "harelbeke"


class Tags(HTMLParser):
    """The <meta> and <link> tags of a page's head."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and "content" in values:
            self.meta[values.get("property") or values.get("name") or ""] = values["content"]
        if tag == "link":
            self.links.append(values)


def tags(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def city_folder(tmp_path, name="Zwevegem", colours=None, logo=True):
    """A copy of the demo folder as another city would make it: only the data changes."""
    folder = tmp_path / name.lower()
    shutil.copytree(HARELBEKE, folder)
    data = json.loads((folder / "city.json").read_text(encoding="utf-8"))
    data["city"].update(name=name, slug=name.lower(), tagline=f"Gemeente {name}")
    data["accounts"] = []
    (folder / "city.json").write_text(json.dumps(data), encoding="utf-8")
    face = json.loads((folder / "face" / "face.json").read_text(encoding="utf-8"))
    face["colours"] = colours or {"primary": "#2D5B2D", "primary_dark": "#1C3A1C", "accent": "#8A4B08"}
    face["contact"] = {"address": "Otegemstraat 100, 8550 Zwevegem", "phone": "056 76 55 00",
                       "email": "info@zwevegem.example"}
    face["footer"] = "Het participatieplatform van de gemeente Zwevegem."
    (folder / "face" / "face.json").write_text(json.dumps(face), encoding="utf-8")
    (folder / "face" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 60"><title>Zwevegem</title>'
        '<text x="0" y="40" fill="#fff">Zwevegem</text></svg>', encoding="utf-8")
    if not logo:
        (folder / "face" / "logo.svg").unlink()
        (folder / "face" / "share.png").unlink()
    return folder


def test_the_demo_city_wears_its_face(app, client):
    app.test_cli_runner().invoke(args=["demo", "load"])
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<img class="brand-logo" src="/stad/logo.svg\?v=[0-9a-f]{16}" alt="Harelbeke"', page)
    assert "Stadhuis, Marktstraat 29, 8530 Harelbeke" in page
    assert '<a href="tel:056733311">056 73 33 11</a>' in page
    assert '<a href="mailto:info@harelbeke.be">info@harelbeke.be</a>' in page
    assert "Het participatieplatform van Stad &amp; OCMW Harelbeke." in page
    assert tags(page).meta["theme-color"] == "#00567A"

    logo = client.get("/stad/logo.svg")
    assert logo.status_code == 200 and logo.mimetype == "image/svg+xml"
    assert b"<title>Harelbeke</title>" in logo.data
    css = client.get("/stad/huisstijl.css").get_data(as_text=True)
    assert "--brand: #00567A;" in css and "--brand-dark: #003B54;" in css


def test_every_page_has_a_favicon_and_no_404(app, client):
    app.test_cli_runner().invoke(args=["demo", "load"])
    page = client.get("/trajecten").get_data(as_text=True)
    icon = next(link for link in tags(page).links if link.get("rel") == "icon")
    assert client.get(icon["href"]).status_code == 200
    response = client.get("/favicon.ico", follow_redirects=True)
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"


def test_another_city_changes_the_folder_not_the_code(app, client, tmp_path):
    folder = city_folder(tmp_path)
    result = app.test_cli_runner().invoke(args=["demo", "load", "--city", str(folder)])
    assert result.exit_code == 0, result.output
    page = client.get("/").get_data(as_text=True)
    assert 'alt="Zwevegem"' in page and "Otegemstraat 100, 8550 Zwevegem" in page
    assert 'alt="Harelbeke"' not in page and "Stad &amp; OCMW Harelbeke" not in page
    assert "--brand: #2D5B2D;" in client.get("/stad/huisstijl.css").get_data(as_text=True)
    assert b"Zwevegem" in client.get("/stad/logo.svg").data


def test_a_city_without_logo_or_picture_keeps_its_name_and_shares_without_picture(app, client, tmp_path,
                                                                                    make_process):
    folder = city_folder(tmp_path, logo=False)
    app.test_cli_runner().invoke(args=["demo", "load", "--city", str(folder)])
    page = client.get("/").get_data(as_text=True)
    assert '<span class="brand-city">Zwevegem</span>' in page
    assert client.get("/stad/logo.svg").status_code == 404
    process = make_process("public")
    meta = tags(client.get(f"/trajecten/{process.slug}").get_data(as_text=True)).meta
    assert "og:image" not in meta and meta["twitter:card"] == "summary"


def test_without_a_face_the_platform_keeps_its_own_look(client):
    db.session.add(City(name="Kuurne", slug="kuurne"))
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert '<span class="brand-city">Kuurne</span>' in page
    assert "--brand: #00567A;" in client.get("/stad/huisstijl.css").get_data(as_text=True)
    assert client.get("/favicon.ico", follow_redirects=True).status_code == 200


@pytest.mark.parametrize("colours, named", [
    ({"primary": "#6FA8DC", "primary_dark": "#003B54", "accent": "#B3411B"}, "primary #6FA8DC against white text"),
    ({"primary": "#00567A", "primary_dark": "#7F9FB5", "accent": "#B3411B"}, "primary_dark #7F9FB5"),
    ({"primary": "#00567A", "primary_dark": "#003B54", "accent": "#F4C2A8"}, "accent #F4C2A8"),
    ({"primary": "blue", "primary_dark": "#003B54", "accent": "#B3411B"}, "primary must be a colour"),
])
def test_colours_that_break_aa_contrast_are_refused(app, tmp_path, colours, named):
    folder = city_folder(tmp_path, colours=colours)
    result = app.test_cli_runner().invoke(args=["demo", "load", "--city", str(folder)])
    assert result.exit_code != 0
    assert named in result.output
    assert db.session.scalar(db.select(db.func.count(City.id))) == 0


def test_the_demo_colours_keep_aa_contrast():
    face = read_face(HARELBEKE / "face")
    assert contrast(face["colour_primary"], "#FFFFFF") >= 4.5
    assert contrast(face["colour_primary"], SOFT) >= 4.5
    assert contrast(face["colour_primary_dark"], "#FFFFFF") >= 4.5
    assert contrast(face["colour_accent"], "#FFFFFF") >= 3
    assert colour_problems({"primary": face["colour_primary"], "primary_dark": face["colour_primary_dark"],
                            "accent": face["colour_accent"]}) == []


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">'
    '<image x:href="https://evil.example/a.png"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><foreignObject/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    "<html></html>",
])
def test_an_svg_that_could_run_or_fetch_something_is_refused(svg):
    assert svg_problems(svg)


def test_the_demo_logo_and_icon_are_safe():
    for name in ("logo.svg", "favicon.svg"):
        assert svg_problems((HARELBEKE / "face" / name).read_text(encoding="utf-8")) == [], name


def test_a_broken_face_stops_the_load_with_the_problem_named(app, tmp_path):
    folder = city_folder(tmp_path)
    (folder / "face" / "favicon.svg").write_text("<svg><script>", encoding="utf-8")
    with pytest.raises(FaceError, match="favicon.svg"):
        load_demo(str(folder))


def test_idea_and_process_pages_say_what_a_shared_link_shows(app, client, make_process):
    app.test_cli_runner().invoke(args=["demo", "load"])
    process = make_process("public", title="Speelpleinen voor iedereen")
    process.summary = "Waar wil jij een speelplein?"
    idea = Idea(process_id=process.id, title="Een speelplein in Hulste", theme="people", status="published",
                body="In Hulste is er **geen** plek om te spelen.\n\n- schommels\n- een bank")
    db.session.add(idea)
    db.session.commit()

    meta = tags(client.get(f"/ideeen/{idea.id}").get_data(as_text=True)).meta
    assert meta["og:title"] == meta["twitter:title"] == "Een speelplein in Hulste"
    assert meta["og:description"] == "In Hulste is er geen plek om te spelen. schommels een bank"
    assert meta["og:url"] == f"http://localhost/ideeen/{idea.id}"
    assert re.fullmatch(r"http://localhost/stad/deelbeeld.png\?v=[0-9a-f]{16}", meta["og:image"])
    assert meta["twitter:card"] == "summary_large_image"
    picture = client.get(meta["og:image"].removeprefix("http://localhost"))
    assert picture.status_code == 200 and picture.mimetype == "image/png" and picture.data[:4] == b"\x89PNG"

    meta = tags(client.get(f"/trajecten/{process.slug}").get_data(as_text=True)).meta
    assert meta["og:title"] == "Speelpleinen voor iedereen"
    assert meta["og:description"] == "Waar wil jij een speelplein?"


def test_a_public_page_offers_a_share_link_and_a_staff_page_does_not(client, client_as, make_process):
    public = make_process("public")
    idea = Idea(process_id=public.id, title="Zitbanken", body="Op de Markt", theme="people", status="published")
    staff = make_process("staff")
    inner = Idea(process_id=staff.id, title="Een idee van collega's", body="Intern", theme="people",
                 status="published")
    db.session.add_all([idea, inner])
    db.session.commit()

    page = client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert 'id="share-title"' in page
    assert f"https://wa.me/?text=Zitbanken%20http%3A//localhost/ideeen/{idea.id}" in page
    assert f'value="http://localhost/ideeen/{idea.id}" readonly' in page
    assert 'id="share-title"' in client.get(f"/trajecten/{public.slug}").get_data(as_text=True)

    employee = client_as("employee")
    assert 'id="share-title"' not in employee.get(f"/ideeen/{inner.id}").get_data(as_text=True)
    assert 'id="share-title"' not in employee.get(f"/trajecten/{staff.slug}").get_data(as_text=True)


def test_a_page_reads_the_city_once_and_never_its_files(client, count_queries):
    load_demo("harelbeke")
    db.session.commit()
    with count_queries() as counter:
        client.get("/toegankelijkheid")
    city_reads = [s for s in counter.statements if "FROM cities" in s]
    assert len(city_reads) == 1
    assert "cities.logo_svg IS NOT NULL" in city_reads[0] and "cities.logo_svg," not in city_reads[0]
