"""Reading the multi-year plan from the administration's spreadsheet.

The example files hold the whole of the city's Power BI progress report (seeds/000_…), written by
``data/make_report_csv.py``; the figures below are that report's.
"""

import codecs
import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from flask_babel import force_locale

from participation.datafile import FileError
from participation.plan.money import format_amount, parse_amount, percent, remaining, sum_amounts
from participation.plan.spreadsheet import (
    COLUMNS,
    Quarter,
    SheetRow,
    Status,
    load_plan,
    parse_plan,
    parse_quarter,
    read_rows,
    service_of,
)

DATA = Path(__file__).parent / "data"
EXAMPLE_CSV = DATA / "plan_example.csv"
EXAMPLE_XLSX = DATA / "plan_example.xlsx"
DEMO_CSV = Path(__file__).parents[2] / "participation" / "demo" / "harelbeke" / "plan.csv"


@pytest.fixture(scope="module")
def plan():
    with EXAMPLE_CSV.open("rb") as handle:
        return load_plan(handle)


# A valid row: SDG 03, action plan AP01, its first action and task, as in the example file.
BASE_ROW = {
    "SDG": "3",
    "Beleidsdoelstelling code": "D03",
    "Beleidsdoelstelling": "Goede gezondheid en welzijn",
    "Beleidsdoelstelling uitgaven totaal": "",
    "Beleidsdoelstelling besteld": "",
    "Beleidsdoelstelling ontvangsten totaal": "",
    "Beleidsdoelstelling ontvangen": "",
    "Actieplan code": "AP01",
    "Actieplan": "We voorzien betaalbare en toegankelijke kinderopvang",
    "Actieplan label": "Betaalbare en toegankelijke kinderopvang",
    "Uitgaven totaal": "55.325 €",
    "Besteld": "41.566 €",
    "Ontvangsten totaal": "",
    "Ontvangen": "",
    "Taken volgens rapport": "",
    "Actie code": "D03/AP01/01",
    "Actie": "Verzekeren van buitenschoolse kinderopvang in het stedelijk onderwijs",
    "Actie omschrijving": "",
    "Taak": "Buitenschoolse stedelijke kinderopvang",
    "Dienst": "",
    "Kwartaal": "2023KW1",
    "Status": "Bezig",
    "Toelichting": "",
}
CELL_NAMES = {
    "sdg": "SDG",
    "goal": "Beleidsdoelstelling",
    "code": "Actie code",
    "title": "Actie",
    "task": "Taak",
    "service": "Dienst",
    "total": "Uitgaven totaal",
    "ordered": "Besteld",
    "quarter": "Kwartaal",
    "status": "Status",
    "explanation": "Toelichting",
}


def row(**cells: str) -> dict[str, str]:
    """The base row with some cells changed: ``row(code="D03/AP01/02", status="Voltooid")``."""
    return BASE_ROW | {CELL_NAMES[name]: value for name, value in cells.items()}


def csv_bytes(rows: list[dict[str, str] | None], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    """A CSV file of the rows under the headers; ``None`` leaves a blank line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cells in rows:
        writer.writerow([cells[column] for column in COLUMNS] if cells else [])
    return out.getvalue().encode(encoding)


def english(text) -> str:
    """A translatable message as English readers see it (the msgid), whatever the app's language."""
    with force_locale("en"):
        return str(text)


def errors_of(parsed) -> list[tuple[int, str | None]]:
    return [(error.row, error.column) for error in parsed.errors]


# The example files: the whole progress report


def test_csv_and_xlsx_give_the_same_plan(plan):
    with EXAMPLE_XLSX.open("rb") as handle:
        from_xlsx = load_plan(handle)
    assert plan.errors == from_xlsx.errors == []
    assert from_xlsx.goals == plan.goals
    assert from_xlsx.action_plans == plan.action_plans
    assert from_xlsx.actions == plan.actions
    assert from_xlsx.tasks == plan.tasks
    assert from_xlsx.status_updates == plan.status_updates


def test_demo_plan_is_the_example():
    assert DEMO_CSV.read_bytes() == EXAMPLE_CSV.read_bytes()


def test_example_holds_every_sdg_and_task_the_report_shows(plan):
    assert sorted(goal.sdg for goal in plan.goals) == [1, 2, 3, 4, 6, 7, 8, 10, 11, 13, 15, 16]
    assert [goal.code for goal in plan.goals] == [f"D{goal.sdg:02d}" for goal in plan.goals]
    assert len(plan.tasks) == 161  # the report counts 164; it does not show three of them
    assert sum(p.reported_tasks for p in plan.action_plans) == 164
    assert len(plan.status_updates) == 161
    assert {u.quarter for u in plan.status_updates} == {Quarter(2023, 1)}
    # No code the report does not print, no task it does not show.
    assert all(len(action.code) == len("D16/AP02/03") for action in plan.actions)
    assert not [t for t in plan.tasks if "niet getoond" in t.title]


def test_an_action_carries_the_tasks_the_report_lists_under_its_code(plan):
    tasks = [task for task in plan.tasks if task.action_code == "D16/AP02/03"]
    assert [task.title for task in tasks] == [
        "FAC Optimaliseren contractbeheer via inbedding in hoteldiensten",
        "Werkgroep uitvoering acties MTO 2022",
        "Traject baanbrekende werkgever",
        "G&I Integriteitsverhaal: pijler zorgvuldige handhaving",
        "G&I Integriteitsverhaal: pijler moreel leren",
        "G&I Integriteitsverhaal: pijler integriteitsinfrastructuur",
        "P&O Uitrol HR-software",
        "P&O Evolutie naar innovatieve arbeidsorganisatie",
        "P&O Ziekteverzuim remediëren",
    ]
    assert [task.service for task in tasks] == ["FAC", "", "", "G&I", "G&I", "G&I", "P&O", "P&O", "P&O"]
    action = next(action for action in plan.actions if action.code == "D16/AP02/03")
    assert action.title == (
        "Er worden kaders uitgewerkt met duidelijke afspraken om de werking van de organisatie te versterken "
        "(Behavior)"
    )
    latest = plan.latest_statuses()
    assert latest["D16/AP02/03", "P&O Ziekteverzuim remediëren"].explanation.startswith(
        "De cijfers zijn gekoppeld in Power BI."
    )
    assert latest["D16/AP02/03", "FAC Optimaliseren contractbeheer via inbedding in hoteldiensten"].explanation == ""


def test_hallo_harelbeke_actions_are_in_the_plan(plan):
    actions = {action.code: action for action in plan.actions}
    assert actions["D10/AP01/04"].title == (
        "Participatie-initiatieven vertalen zich in concrete acties voor de burger"
    )
    (task,) = [task for task in plan.tasks if task.action_code == "D10/AP01/04"]
    assert task.title == "Uitwerking ideeën Hallo Harelbeke"
    update = plan.latest_statuses()[task.key]
    assert (update.quarter, update.status) == (Quarter(2023, 1), Status.IN_PROGRESS)
    assert update.explanation.startswith("De infrastructuurwerken voor de Veilige Schoolomgevingen")


@pytest.mark.parametrize(
    ("title", "service"),
    [("P&O Uitrol HR-software", "P&O"), ("G&I Integriteitsverhaal: pijler moreel leren", "G&I"),
     ("FAC Optimaliseren contractbeheer", "FAC"), ("WASO Herhaling risicoanalyse", "WASO"),
     ("GBO realiseren ism W13", ""), ("Brugfiguurwerking", ""), ("Data en Power BI", "")],
)
def test_the_service_is_the_one_a_title_names_first(title, service):
    assert service_of(title) == service


def test_a_service_column_names_the_service_when_the_title_does_not():
    parsed = parse_plan([row(service="Welzijn")])
    assert parsed.tasks[0].service == "Welzijn"


# The report's "UITGAVEN" table for SDG 03: label, total, ordered, ordered %, remaining, tasks.
SDG_03_EXPENSES = [
    ("AP01", "55.325 €", "41.566 €", 75, "13.759 €", 4),
    ("AP02", "48.389 €", "7.850 €", 16, "40.539 €", 8),
    ("AP03", "71.276 €", "17.610 €", 25, "53.666 €", 6),
    # The report rounds amounts it keeps in cents: it shows 310.072 € remaining, 1 € more than its whole
    # euros leave.
    ("AP04", "347.462 €", "37.391 €", 11, "310.071 €", 2),
    ("AP05", "2.029.797 €", "877.802 €", 43, "1.151.995 €", 2),
    ("AP06", "4.483.489 €", "1.507.091 €", 34, "2.976.398 €", 1),
]


@pytest.mark.parametrize(("code", "total", "ordered", "share", "left", "tasks"), SDG_03_EXPENSES)
def test_sdg_03_action_plans_match_the_report_table(plan, code, total, ordered, share, left, tasks):
    (action_plan,) = [p for p in plan.action_plans if p.goal_code == "D03" and p.code == code]
    assert format_amount(action_plan.expenses_total) == total
    assert format_amount(action_plan.expenses_ordered) == ordered
    assert action_plan.expenses_percent == share
    assert format_amount(action_plan.expenses_remaining) == left
    assert action_plan.reported_tasks == tasks


def test_sdg_03_goal_keeps_the_report_totals(plan):
    """The goal's own row says 7.035.739 €; its action plans, each rounded to the euro, add up to 7.035.738 €."""
    (goal,) = [goal for goal in plan.goals if goal.code == "D03"]
    assert format_amount(goal.expenses_total) == "7.035.739 €"
    assert format_amount(goal.expenses_ordered) == "2.489.310 €"
    assert (goal.expenses_percent, format_amount(goal.expenses_remaining)) == (35, "4.546.429 €")
    assert (format_amount(goal.income_total), format_amount(goal.income_received)) == ("60.970 €", "30.719 €")
    plans = [p for p in plan.action_plans if p.goal_code == "D03"]
    assert format_amount(sum_amounts(p.expenses_total for p in plans)) == "7.035.738 €"


def test_sdg_03_income_of_zero_is_not_blank(plan):
    """AP06 budgets 0 € income and received 28.718 €; AP02 budgets no income at all."""
    plans = {p.code: p for p in plan.action_plans if p.goal_code == "D03"}
    assert (plans["AP06"].income_total, plans["AP06"].income_received) == (0, 2_871_800)
    assert plans["AP06"].income_percent is None
    assert format_amount(plans["AP06"].income_remaining) == "-28.718 €"
    assert plans["AP02"].income_total is None


def test_task_counts_match_the_report_charts(plan):
    """The report's chapter charts: TAKEN (50) 4 / 41 / 5, (46) 4 / 42 / 0, (37) 3 / 32 / 2, (31) 5 / 26 / 0.
    Three tasks are counted there but not shown: one in progress (D03 AP04), two not started (D10 AP02, D06
    AP06, whose page is missing), as the charts' totals tell."""
    def counts(sdgs):
        tasks = [task for sdg in sdgs for task in plan.tasks_for_sdg(sdg)]
        return tuple(plan.status_counts(tasks)[status] for status in Status)

    assert counts((1, 2, 3, 4, 10)) == (4 - 1, 41 - 1, 5)
    assert counts((7, 8, 11)) == (4, 42, 0)
    assert counts((6, 13, 15)) == (3 - 1, 32, 2)
    assert counts((16,)) == (5, 26, 0)


# Bounds on the work a file may cause


def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_read():
    """A zip bomb: a small file whose sheet unpacks to far more than the limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row/>" * 2_000_000)  # 12 MB of XML
    data = buffer.getvalue()
    assert len(data) < 100_000
    with pytest.raises(FileError) as raised:
        load_plan(data, max_unpacked_bytes=5 * 1024 * 1024)
    assert english(raised.value.message) == (
        "The XLSX file unpacks to 11 MB, more than the 5 MB allowed: split it into smaller files."
    )


def test_a_file_with_too_many_rows_is_refused():
    data = b"x\n" * 300_000
    with pytest.raises(FileError) as raised:
        load_plan(data, max_rows=20_000)
    assert english(raised.value.message) == "The file has more than 20.000 rows: split it into smaller files."


def test_errors_stop_being_listed_after_the_limit_and_the_rest_are_counted():
    parsed = parse_plan([row(sdg="99", code=f"D03/AP01/{n:02d}") for n in range(250)], max_errors=200)
    assert len(parsed.errors) == 200
    assert parsed.more_errors == 50


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_read(encoding):
    data = csv_bytes([row(task="Kinderopvang één")], delimiter="\t" if encoding == "utf-16" else ";",
                     encoding=encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    parsed = load_plan(data)
    assert parsed.is_valid, [english(e) for e in parsed.errors]
    assert parsed.tasks[0].title == "Kinderopvang één"


def test_a_binary_file_is_refused_as_not_utf8():
    with pytest.raises(FileError) as raised:
        load_plan(b"SDG;x\x00\x01\x02;y\n")
    assert "neither an XLSX file nor a CSV file" in english(raised.value.message)


# Errors: every one named by row and column, all at once


def test_bad_amount_is_reported_with_row_and_column():
    parsed = parse_plan([row(), row(code="D03/AP01/02", ordered="veel")])
    assert errors_of(parsed) == [(3, "Besteld")]
    assert english(parsed.errors[0]) == "Row 3, column “Besteld”: “veel” is not an amount like 1.234,56 €."
    assert not parsed.is_valid


@pytest.mark.parametrize("value", ["0", "18", "SDG 99", "drie", ""])
def test_unknown_sdg_is_reported_with_row_and_column(value):
    parsed = parse_plan([row(sdg=value)])
    assert errors_of(parsed) == [(2, "SDG")]
    assert parsed.goals == []


@pytest.mark.parametrize("value", ["3", "03", "SDG 03", "sdg3"])
def test_sdg_is_read_in_several_spellings(value):
    parsed = parse_plan([row(sdg=value)])
    assert parsed.is_valid
    assert parsed.goals[0].sdg == 3


def test_all_errors_are_reported_at_once():
    parsed = parse_plan(
        [
            row(sdg="19"),
            row(code="", quarter="2023KW5"),
            row(code="D03/AP01/03", status="Half klaar", total="1,234.56"),
            row(code="D03/AP01/04"),
        ]
    )
    assert errors_of(parsed) == [
        (2, "SDG"),
        (3, "Actie code"),
        (3, "Kwartaal"),
        (4, "Uitgaven totaal"),
        (4, "Status"),
    ]
    assert [a.code for a in parsed.actions] == ["D03/AP01/01", "D03/AP01/03", "D03/AP01/04"]


def test_rows_from_a_file_keep_the_numbers_the_spreadsheet_shows():
    data = csv_bytes(
        [row(), None, row(code="D03/AP01/02", explanation="Twee\nregels"), row(code="D03/AP01/03", total="7.035.73")]
    )
    rows = read_rows(io.BytesIO(b"\xef\xbb\xbf" + data))
    assert [r.number for r in rows] == [2, 4, 5]
    assert rows[1].values["Toelichting"] == "Twee\nregels"
    assert errors_of(parse_plan(rows)) == [(5, "Uitgaven totaal")]


def test_xlsx_rows_keep_their_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append(list(row().values()))
    sheet.append([])
    sheet.append(list(row(code="D03/AP01/02", sdg="42").values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = parse_plan(read_rows(io.BytesIO(buffer.getvalue())))
    assert errors_of(parsed) == [(4, "SDG")]


def test_missing_code_is_reported():
    parsed = parse_plan([row(code="")])
    assert errors_of(parsed) == [(2, "Actie code")]
    assert parsed.actions == []


def test_conflicting_duplicates_are_reported():
    parsed = parse_plan(
        [
            row(),
            row(title="Een andere titel"),
            row(status="Voltooid"),
            row(goal="Geen armoede"),
            row(quarter="2023KW2", status="Voltooid"),
        ]
    )
    assert errors_of(parsed) == [(3, "Actie"), (4, "Status"), (5, "Beleidsdoelstelling")]
    assert english(parsed.errors[1].message) == (
        "Conflicts with row 2, where D03/AP01/01 “Buitenschoolse stedelijke kinderopvang” 2023KW1 has “Bezig”."
    )
    task = "Buitenschoolse stedelijke kinderopvang"
    assert [u.key for u in parsed.status_updates] == [
        ("D03/AP01/01", task, Quarter(2023, 1)),
        ("D03/AP01/01", task, Quarter(2023, 2)),
    ]


def test_identical_rows_are_read_once():
    parsed = parse_plan([row(), row()])
    assert parsed.is_valid
    assert len(parsed.actions) == len(parsed.tasks) == len(parsed.status_updates) == 1


def test_action_codes_must_be_unique_across_action_plans():
    other_plan = row()
    other_plan["Actieplan code"] = "AP02"
    other_plan["Actieplan"] = "Het welzijn en de gezondheid van de Harelbeekse burger optimaliseren"
    parsed = parse_plan([row(), other_plan])
    assert errors_of(parsed) == [(3, "Actieplan code")]


def test_the_latest_quarter_gives_the_budget():
    """Each quarter's row may keep the figures of its time; the latest quarter's are the current ones."""
    parsed = parse_plan(
        [
            row(quarter="2023KW2", ordered="45.000 €"),
            row(quarter="2023KW1", ordered="41.566 €"),
            row(quarter="2023KW3", ordered="", total="", status="Voltooid"),
        ]
    )
    assert parsed.is_valid
    (action_plan,) = parsed.action_plans
    assert (action_plan.expenses_total, action_plan.expenses_ordered) == (5_532_500, 4_500_000)
    assert action_plan.expenses_percent == 81
    assert parsed.latest_statuses()["D03/AP01/01", "Buitenschoolse stedelijke kinderopvang"].status == Status.DONE
    assert [u.quarter.code for u in parsed.status_updates] == ["2023KW2", "2023KW1", "2023KW3"]


def test_differing_amounts_in_one_quarter_are_a_conflict():
    parsed = parse_plan([row(), row(ordered="41.567 €")])
    assert errors_of(parsed) == [(3, "Besteld")]
    assert "41.566 €" in english(parsed.errors[0])


def test_a_status_without_a_quarter_is_refused():
    parsed = parse_plan([row(quarter=""), row(code="D03/AP01/02", quarter="", status="")])
    assert errors_of(parsed) == [(2, "Kwartaal")]
    assert [a.code for a in parsed.actions] == ["D03/AP01/01", "D03/AP01/02"]
    assert parsed.status_updates == []


@pytest.mark.parametrize(
    ("written", "status"),
    [("Niet gestart", "not_started"), ("bezig", "in_progress"), ("Voltooid", "done"), ("Taak voltooid", "done")],
)
def test_statuses_map_to_stable_keys(written, status):
    parsed = parse_plan([row(status=written)])
    assert parsed.status_updates[0].status == status
    assert english(Status(status).label) in {"Not started", "In progress", "Completed"}


def test_unknown_status_is_reported():
    parsed = parse_plan([row(status="Gepland")])
    assert errors_of(parsed) == [(2, "Status")]
    assert "Niet gestart, Bezig, Voltooid" in english(parsed.errors[0])


# Columns and files


def test_missing_columns_are_reported_on_the_header_row():
    rows = [{k: v for k, v in row().items() if k not in ("Kwartaal", "Actie")}]
    parsed = parse_plan(rows)
    assert errors_of(parsed) == [(1, "Actie"), (1, "Kwartaal")]


def test_headers_match_without_regard_to_case_and_extra_columns_are_ignored():
    rows = [{**{k.upper(): v for k, v in row().items()}, "Opmerking": "intern"}]
    parsed = parse_plan(rows)
    assert parsed.is_valid
    assert parsed.ignored_columns == ["Opmerking"]
    optional = {k: v for k, v in row().items() if k not in ("Actieplan label", "Ontvangen", "Toelichting", "Dienst")}
    assert parse_plan([optional]).is_valid


def test_csv_with_commas_and_without_bom_is_read():
    data = csv_bytes([row(total="55.325,50 €", title="Opvang, buitenschools")], delimiter=",")
    parsed = load_plan(io.BytesIO(data))
    assert parsed.is_valid
    assert parsed.action_plans[0].expenses_total == 5_532_550
    assert parsed.actions[0].title == "Opvang, buitenschools"


def test_csv_saved_by_older_excel_is_read():
    parsed = load_plan(io.BytesIO(csv_bytes([row(title="Kinderopvang één")], encoding="cp1252")))
    assert parsed.actions[0].title == "Kinderopvang één"
    assert parsed.action_plans[0].expenses_total == 5_532_500


def test_sheet_rows_can_be_given_directly():
    parsed = parse_plan([SheetRow(7, row(sdg="20"))])
    assert errors_of(parsed) == [(7, "SDG")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel file"),
        (b"PK\x03\x04broken", "cannot be read"),
    ],
)
def test_files_that_are_no_spreadsheet_are_refused(data, message):
    with pytest.raises(FileError) as raised:
        read_rows(io.BytesIO(data))
    assert message in english(raised.value.message)


def test_a_column_given_twice_is_refused():
    header = ";".join([*COLUMNS, "besteld"]).encode()
    with pytest.raises(FileError) as raised:
        read_rows(io.BytesIO(header))
    assert english(raised.value.message) == "The column “Besteld” appears twice."


def test_header_without_rows_is_reported():
    parsed = load_plan(io.BytesIO(";".join(COLUMNS).encode()))
    assert errors_of(parsed) == [(2, None)]


# Amounts


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("7.035.739 €", 703_573_900),
        ("1.234,56 €", 123_456),
        ("0 €", 0),
        ("-12.000 €", -1_200_000),
        ("-28.718 €", -2_871_800),
        ("€ 250", 25_000),
        ("7035739", 703_573_900),
        ("1234,5", 123_450),
        ("33.600 EUR", 3_360_000),
        ("7\u00a0035\u00a0739,00\u00a0€", 703_573_900),
        ("  347.462,40 € ", 34_746_240),
    ],
)
def test_belgian_amounts_are_read(text, cents):
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text", ["", "   ", None])
def test_a_blank_amount_is_none_not_zero(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    "text", ["veel", "1,234.56", "1.5", "12.34", "1.234,567", "7.035.73", "€", "--5", "5 € €", "35%", "1 2"]
)
def test_other_notations_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (703_573_900, "7.035.739 €"),
        (123_456, "1.234,56 €"),
        (0, "0 €"),
        (-1_200_000, "-12.000 €"),
        (50, "0,50 €"),
        (100_000_000_000, "1.000.000.000 €"),
        (None, ""),
    ],
)
def test_amounts_are_written_in_belgian_notation(cents, text):
    assert format_amount(cents) == text


@pytest.mark.parametrize("cents", [0, 1, 99, 100, 123_456, -50, 703_573_900, 34_746_240, -2_871_800, 10**12 + 7])
def test_belgian_amounts_round_trip(cents):
    assert parse_amount(format_amount(cents)) == cents


def test_whole_euros_round_like_the_report():
    assert format_amount(34_746_240, whole_euros=True) == "347.462 €"
    assert format_amount(15_079_140, whole_euros=True) == "150.791 €"
    assert format_amount(50, whole_euros=True) == "1 €"
    assert format_amount(-50, whole_euros=True) == "-1 €"


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [
        (248_931_000, 703_573_900, 35),
        (343_300, 533_300, 64),
        (1, 200, 1),
        (1, 201, 0),
        (5, 0, None),
        (None, 100, None),
        (0, 100, 0),
        (2_871_800, 0, None),
    ],
)
def test_percent_is_rounded_like_the_report(part, whole, share):
    assert percent(part, whole) == share


def test_remaining_counts_a_blank_as_nothing():
    assert remaining(None, None) is None
    assert remaining(22_722_500, None) == 22_722_500
    assert remaining(0, 2_871_800) == -2_871_800
    assert sum_amounts([None, None]) is None
    assert sum_amounts([None, 5, 7]) == 12


# Quarters


@pytest.mark.parametrize(("text", "quarter"), [("2023KW1", (2023, 1)), ("2023 kw4", (2023, 4)), ("2031KW2", (2031, 2))])
def test_quarter_codes_are_read(text, quarter):
    parsed = parse_quarter(text)
    assert (parsed.year, parsed.number) == quarter
    assert str(parsed) == f"{quarter[0]}KW{quarter[1]}"


@pytest.mark.parametrize("text", ["2023KW5", "2023KW0", "2023Q1", "23KW1", "1999KW1", "KW1 2023", "", "2023KW12"])
def test_bad_quarter_codes_are_refused(text):
    with pytest.raises(ValueError):
        parse_quarter(text)


def test_quarters_sort_in_time():
    codes = ["2024KW1", "2023KW4", "2023KW1"]
    assert [str(q) for q in sorted(map(parse_quarter, codes))] == ["2023KW1", "2023KW4", "2024KW1"]


def test_a_bad_quarter_is_reported_with_row_and_column():
    parsed = parse_plan([row(), row(code="D03/AP01/02", quarter="2023-03")])
    assert errors_of(parsed) == [(3, "Kwartaal")]
