"""The city's partners file: what Harelbeke's holds, how a municipality loads its own, and the Dutch errors
a bad file gets."""

import json

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from participation.cli import main
from participation.extensions import db
from participation.partners.cityfile import PartnersFileError, read_partners
from participation.partners.models import Partner
from tests.partners.helpers import PARTNERS_FILE, load_city_partners


def test_harelbekes_file_holds_the_partners_the_seeds_name_in_their_order():
    report = load_city_partners()
    assert report.counts["new"] == 14
    names = db.session.scalars(select(Partner.name).order_by(Partner.position)).all()
    assert names[:4] == ["W13", "Leiedal", "IMOG", "DYZO"]
    w13 = db.session.scalar(select(Partner).where(Partner.slug == "w13"))
    assert "geïntegreerd breed onthaal" in w13.description
    assert w13.full_name == ""  # the seeds never spell it out
    dyzo = db.session.scalar(select(Partner).where(Partner.slug == "dyzo"))
    assert dyzo.site == ""  # unknown sites stay empty


def test_loading_again_changes_nothing_and_a_changed_file_updates_in_place():
    load_city_partners()
    assert load_city_partners().counts == {"unchanged": 14}
    data = json.loads(PARTNERS_FILE.read_text(encoding="utf-8"))
    data["partners"][0]["full_name"] = "W13 vzw"
    data["partners"].reverse()
    from participation.partners.services import save_partners

    report = save_partners(read_partners(json.dumps(data)))
    assert report.counts["changed"] == 14  # every position moved
    w13 = db.session.scalar(select(Partner).where(Partner.slug == "w13"))
    assert (w13.full_name, w13.position) == ("W13 vzw", 13)
    assert db.session.scalar(select(db.func.count()).select_from(Partner)) == 14


def problems_of(raw: str) -> list[str]:
    with pytest.raises(PartnersFileError) as error, force_locale("nl"):
        read_partners(raw)
    return [str(problem) for problem in error.value.problems]


def test_a_bad_file_is_refused_with_every_problem_in_dutch():
    raw = json.dumps({"partners": [
        {"slug": "W 13", "name": "W13"},
        {"slug": "imog", "name": ""},
        {"slug": "imog", "name": "IMOG bis", "site": "www.imog.be", "kleur": "groen"},
        {"slug": "larf", "name": "LARF", "aliases": "LARF"},
        "DYZO",
    ]})
    assert problems_of(raw) == [
        "Partner 1: de slug “W 13” mag alleen kleine letters, cijfers en koppeltekens bevatten.",
        "Partner 2 heeft geen naam.",
        "Partner 3: “kleur” is geen veld van een partner.",
        "Partner 3: de slug “imog” komt twee keer voor.",
        "Partner 3: de website moet beginnen met https:// of http://.",
        "Partner 4: “aliases” moet een lijst van namen zijn.",
        "Partner 5: geef de partner als object met een slug en een naam.",
    ]


def test_a_file_that_is_no_partners_list_says_so_in_dutch():
    assert problems_of('{"partners": [') == ["Het bestand is geen geldige JSON (regel 1, kolom 15)."]
    assert problems_of('{"partner": []}') == ["Het bestand heeft een lijst “partners” nodig."]
    with pytest.raises(PartnersFileError) as error, force_locale("nl"):
        read_partners(b"\xff\xfe")
    assert error.value.problems == ["Het bestand is geen UTF-8-tekst."]


def test_without_aliases_the_name_is_recognised_and_an_empty_list_recognises_nothing():
    first, second = read_partners(json.dumps({"partners": [
        {"slug": "w13", "name": "W13"}, {"slug": "zuid-west", "name": "Zuid-West", "aliases": []},
    ]}))
    assert first.aliases == ("W13",) and second.aliases == ()


def test_a_municipality_loads_its_own_file_from_the_command_line(app, tmp_path):
    own = tmp_path / "partners.json"
    own.write_text(json.dumps({"partners": [{"slug": "imog", "name": "IMOG", "site": "https://www.imog.be"}]}),
                   encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(main, ["partners", "load", str(own)])
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(Partner.site).where(Partner.slug == "imog")) == "https://www.imog.be"

    own.write_text(json.dumps({"partners": [{"slug": "imog"}]}), encoding="utf-8")
    result = runner.invoke(main, ["partners", "load", str(own)])
    assert result.exit_code == 1
    assert "Partner 1 heeft geen naam." in result.output


def test_the_demo_load_brings_the_partners_after_the_plan(app):
    from participation.demo.loader import load_demo

    report = load_demo()
    db.session.commit()
    assert "Partners: 14 new, 0 changed, 0 unchanged; 19 plan tasks name a partner" in report.lines
