"""The city's figures per SDG: CSV import with a dry run and row/column errors, the SDG page's chart and table,
the API and the export."""

import csv
import io
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from participation.demo.loader import city_folder
from participation.extensions import db
from participation.indicators.csvfile import parse_number
from participation.indicators.models import Indicator, IndicatorValue
from participation.indicators.services import import_indicators
from tests.datafiles import DELIMITERS, ENCODINGS, resave

HEADER = "Code;Indicator;Eenheid;Bron;SDG;Subdoel;Beter;Jaar;Waarde;Soort;Vlaams gemiddelde;Opmerking\n"
DEMO_CSV = city_folder("harelbeke") / "indicators.csv"


def grijze_druk() -> Indicator:
    import_indicators(DEMO_CSV.read_bytes(), dry_run=False)
    db.session.commit()
    return db.session.scalar(select(Indicator).where(Indicator.code == "grijze-druk"))


def test_the_demo_holds_the_grijze_druk_series_as_the_inspiratienota_gives_it():
    indicator = grijze_druk()
    assert indicator.goal_number == 3 and indicator.unit == "%" and indicator.better == "lower"
    assert [(v.year, v.value, v.kind) for v in indicator.values] == [
        (2021, Decimal("35.95"), "measured"), (2030, Decimal("45"), "projected"), (2040, Decimal("47.9"), "projected"),
    ]
    assert indicator.values[1].note == "bijna 45 %"


def test_belgian_numbers_are_read_as_written():
    assert parse_number("35,95") == Decimal("35.95")
    assert parse_number("47,9 %") == Decimal("47.9")
    assert parse_number("1.234,5") == Decimal("1234.5")
    assert parse_number("1.234") == Decimal("1234")
    assert parse_number("47.9") == Decimal("47.9")


def test_a_dry_run_reports_and_changes_nothing_then_the_import_writes_and_a_second_import_changes_nothing():
    report = import_indicators(DEMO_CSV.read_bytes(), dry_run=True)
    assert not report.errors and report.has_changes and not report.applied
    assert db.session.scalar(select(func.count()).select_from(Indicator)) == 0
    report = import_indicators(DEMO_CSV.read_bytes(), dry_run=False)
    db.session.commit()
    assert report.applied and [c.state for c in report.changes] == ["new"] * 4
    again = import_indicators(DEMO_CSV.read_bytes(), dry_run=False)
    assert not again.has_changes


def test_a_reimport_corrects_a_value_and_keeps_values_missing_from_the_file():
    grijze_druk()
    corrected = HEADER + ("grijze-druk;Grijze druk: 65-plussers tegenover de bevolking van 20 tot 64 jaar;%;"
                          "Prognoses van het Agentschap Binnenlands Bestuur, aangehaald in de Inspiratienota 2040;"
                          "3;;lager;2040;48,1;prognose;;\n")
    report = import_indicators(corrected.encode(), dry_run=False)
    db.session.commit()
    assert [(c.kind, c.state) for c in report.changes] == [("indicator", "unchanged"), ("value", "changed")]
    values = db.session.scalars(select(IndicatorValue.value).order_by(IndicatorValue.year)).all()
    assert values == [Decimal("35.95"), Decimal("45"), Decimal("48.1")]


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written():
    bad = HEADER + (
        "grijze-druk;Grijze druk;%;ABB;3;;lager;2021;35,95;gemeten;;\n"
        "grijze-druk;Grijze druk;%;ABB;3;;lager;2021;36;gemeten;;\n"      # the same year twice
        "Grijze Druk!;Grijze druk;%;ABB;18;;lager;twintig;veel;gissing;;\n"  # bad code, SDG, year, value, kind
        "armoede;Kinderarmoede;%;ABB;1;11.1;sneller;2022;12;gemeten;;\n"   # target of another SDG, bad direction
        "grijze-druk;Grijze druk;‰;ABB;3;;lager;2022;35;gemeten;;\n"       # metadata differs from row 2
    )
    report = import_indicators(bad.encode(), dry_run=False)
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (3, "Jaar"), (4, "Code"), (4, "SDG"), (4, "Jaar"), (4, "Waarde"), (4, "Soort"),
        (5, "Subdoel"), (5, "Beter"), (6, "Indicator"),
    }
    assert "Botst met rij 2" in next(str(e.message) for e in report.errors if e.row == 3)
    assert not report.applied
    assert db.session.scalar(select(func.count()).select_from(Indicator)) == 0


def test_a_missing_column_is_named():
    report = import_indicators(b"Code;Indicator;SDG;Jaar\nx;y;3;2021\n", dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(1, "Waarde")]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", DELIMITERS)
def test_the_city_s_figures_read_the_same_in_every_encoding_and_delimiter(encoding, delimiter):
    text = DEMO_CSV.read_text(encoding="utf-8-sig")
    report = import_indicators(resave(text, encoding=encoding, delimiter=delimiter), dry_run=False)
    db.session.commit()
    assert not report.errors and report.applied and not report.ignored_columns
    indicator = db.session.scalar(select(Indicator))
    assert indicator.code == "grijze-druk" and indicator.unit == "%"
    assert [(v.year, v.value, v.note) for v in indicator.values] == [
        (2021, Decimal("35.95"), ""), (2030, Decimal("45"), "bijna 45 %"), (2040, Decimal("47.9"), ""),
    ]
    assert not import_indicators(DEMO_CSV.read_bytes(), dry_run=True).has_changes


def test_a_file_that_is_no_text_is_refused_on_its_first_row():
    report = import_indicators(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(1, None)]
    assert str(report.errors[0].message) == "Het bestand is geen CSV-tekstbestand."


def test_a_file_over_the_row_limit_is_refused_whole():
    rows = "".join(f"x{n};X;%;;3;;lager;2021;1;gemeten;;\n" for n in range(20_001))
    report = import_indicators((HEADER + rows).encode(), dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(1, None)]
    assert "20.000" in str(report.errors[0].message)


def test_errors_stop_after_two_hundred_and_say_how_many_more():
    rows = "".join(f"x{n};;%;;3;;lager;2021;1;gemeten;;\n" for n in range(250))
    report = import_indicators((HEADER + rows).encode(), dry_run=True)
    assert len(report.errors) == 200 and report.more_errors == 50


def test_the_sdg_page_shows_the_chart_the_table_and_the_trend_without_javascript(client):
    grijze_druk()
    page = client.get("/sdgs/3").get_data(as_text=True)
    assert "Grijze druk: 65-plussers tegenover de bevolking van 20 tot 64 jaar" in page
    assert 'class="indicator-chart"' in page and 'class="line-measured"' not in page  # one measurement: no line
    assert 'class="line-projected"' in page and page.count('class="dot-projected"') == 2
    for cell in ("35,95 %", "45 %", "47,9 %", "bijna 45 %"):
        assert cell in page
    assert "Stijgt van 35,95 % in 2021 (gemeten) naar 47,9 % in 2040 (prognose): een ongunstige evolutie." in page
    assert "Agentschap Binnenlands Bestuur" in page
    other = client.get("/sdgs/4").get_data(as_text=True)
    assert "De stad heeft voor dit doel nog geen eigen cijfers." in other


def test_the_api_and_the_export_carry_the_series(client, admin_client):
    grijze_druk()
    data = client.get("/api/v1/indicators?sdg=3").get_json()["data"]
    assert [(v["year"], v["value"], v["kind"]) for v in data[0]["values"]] == [
        (2021, 35.95, "measured"), (2030, 45.0, "projected"), (2040, 47.9, "projected"),
    ]
    assert client.get("/api/v1/indicators?sdg=4").get_json() == {"data": []}
    assert client.get("/api/v1/indicators?sdg=18").status_code == 400
    exported = admin_client.get("/beheer/exports/indicators.csv")
    assert exported.status_code == 200
    text = exported.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["code", "indicator", "eenheid"] and len(rows) == 4
    assert [row[5:9] for row in rows[1:]] == [
        ["lager", "2021", "35,95", "gemeten"],
        ["lager", "2030", "45", "prognose"],
        ["lager", "2040", "47,9", "prognose"],
    ]
    # What the export writes, the import reads back unchanged.
    again = import_indicators(text.encode(), dry_run=True)
    assert not again.errors and not again.has_changes


def test_an_administrator_imports_after_a_dry_run_without_choosing_the_file_again(admin_client):
    checked = admin_client.post("/beheer/indicatoren", data={
        "file": (io.BytesIO(DEMO_CSV.read_bytes()), "indicatoren.csv"), "dry_run": "1",
    }, content_type="multipart/form-data")
    page = checked.get_data(as_text=True)
    assert "Controle: dit zou de import veranderen" in page and db.session.scalar(
        select(func.count()).select_from(Indicator)) == 0
    token = page.split('name="checked" value="')[1].split('"')[0]
    done = admin_client.post("/beheer/indicatoren", data={"checked": token, "save": "1"})
    assert done.status_code == 200 and "De indicatoren zijn geïmporteerd." in done.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(IndicatorValue)) == 3


def test_an_administrator_edits_a_value_adds_a_year_and_deletes_the_indicator_after_confirming(admin_client):
    indicator = grijze_druk()
    form = {
        "name": indicator.name, "unit": "%", "source": indicator.source, "goal_number": "3", "target_code": "",
        "better": "lower",
        "values-0-year": "2021", "values-0-value": "35,95", "values-0-kind": "measured",
        "values-1-year": "2030", "values-1-value": "44,8", "values-1-kind": "projected",
        "values-2-year": "2040", "values-2-value": "47,9", "values-2-kind": "projected",
        "values-3-year": "2024", "values-3-value": "38,1", "values-3-kind": "measured",
    }
    assert admin_client.post(f"/beheer/indicatoren/{indicator.id}", data=form).status_code == 302
    values = db.session.execute(select(IndicatorValue.year, IndicatorValue.value).order_by(IndicatorValue.year)).all()
    assert values == [(2021, Decimal("35.95")), (2024, Decimal("38.1")), (2030, Decimal("44.8")),
                      (2040, Decimal("47.9"))]
    wrong = admin_client.post(f"/beheer/indicatoren/{indicator.id}", data={**form, "target_code": "11.1"})
    assert "is geen subdoel van deze SDG" in wrong.get_data(as_text=True)
    admin_client.post(f"/beheer/indicatoren/{indicator.id}/verwijderen", data={})
    assert db.session.get(Indicator, indicator.id) is not None
    admin_client.post(f"/beheer/indicatoren/{indicator.id}/verwijderen", data={"confirm": "y"})
    assert db.session.scalar(select(func.count()).select_from(IndicatorValue)) == 0
