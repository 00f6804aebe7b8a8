import csv
import json

import openpyxl

from tests.conftest import idea


def test_export_command_writes_each_format(app, make_process, tmp_path):
    process = make_process(slug="hallo-harelbeke")
    idea(process, "Speelstraat in Hulste", votes=4)
    other = make_process(slug="ander-traject")
    idea(other, "Niet in dit traject")
    runner = app.test_cli_runner()

    target = tmp_path / "ideeen.csv"
    result = runner.invoke(args=["export", "ideas", "--format", "csv", "--process", "hallo-harelbeke",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [row["titel"] for row in rows] == ["Speelstraat in Hulste"]

    target = tmp_path / "stemmen.xlsx"
    assert runner.invoke(args=["export", "vote_totals", "--format", "xlsx", "-o", str(target)]).exit_code == 0
    sheet = openpyxl.load_workbook(target, read_only=True).active
    assert next(sheet.iter_rows(values_only=True))[:2] == ("idee_id", "traject")

    target = tmp_path / "ideeen.json"
    assert runner.invoke(args=["export", "ideas", "--format", "json", "-o", str(target)]).exit_code == 0
    assert len(json.loads(target.read_text())) == 2


def test_export_command_lists_kinds_and_refuses_unknown_ones(app, tmp_path):
    runner = app.test_cli_runner()
    listing = runner.invoke(args=["export", "--help"])
    assert "ideas" in listing.output and "users" in listing.output
    result = runner.invoke(args=["export", "ideas", "--process", "bestaat-niet", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code != 0
    assert "Unknown process" in result.output
    assert runner.invoke(args=["export", "stemmers", "-o", str(tmp_path / "x.csv")]).exit_code != 0
