"""Reading a data file the city uploads: its encoding, its delimiter, its rows and the cap on its errors."""

import pytest
from flask_babel import force_locale

from participation.datafile import FileError, NotTextError, RowError, RowErrors, decode, read_csv
from tests.datafiles import DELIMITERS, ENCODINGS, resave

TEXT = "Code;Indicator;Opmerking\ngrijze-druk;Grijze druk;bijna 45 % – geëvalueerd\n"
ROWS = [(1, ["Code", "Indicator", "Opmerking"]), (2, ["grijze-druk", "Grijze druk", "bijna 45 % – geëvalueerd"])]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_excel_saves_reads_the_same_text(encoding):
    assert decode(resave(TEXT, encoding=encoding)) == TEXT


@pytest.mark.parametrize("delimiter", DELIMITERS)
def test_the_delimiter_is_the_one_the_header_has_most_of(delimiter):
    assert read_csv(resave(TEXT, delimiter=delimiter)) == ROWS


def test_a_quoted_newline_stays_in_its_row_and_rows_keep_their_numbers():
    rows = read_csv(b'Code;Opmerking\n\na;"twee\nregels"\n')
    assert rows == [(1, ["Code", "Opmerking"]), (2, []), (3, ["a", "twee\nregels"])]


@pytest.mark.parametrize("data", [b"Code;x\x00\x01\x02;y\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_bytes_that_no_text_has_are_refused(data):
    with pytest.raises(NotTextError):
        decode(data)


def test_a_file_over_the_row_limit_is_refused_before_its_rows_are_read():
    with pytest.raises(FileError) as raised, force_locale("en"):
        read_csv(b"Code\n" + b"x\n" * 11, max_rows=10)
    with force_locale("en"):
        assert str(raised.value.message) == "The file has more than 10 rows: split it into smaller files."
    assert len(read_csv(b"Code\n" + b"x\n" * 10, max_rows=10)) == 11


def test_errors_beyond_the_cap_are_counted_not_listed():
    found = RowErrors(max_errors=3)
    for row in range(2, 7):
        found.error(row, "Jaar", "fout")
    found.add_errors([RowError(9, None, "fout")], more=4)
    assert [error.row for error in found.errors] == [2, 3, 4]
    assert found.more_errors == 2 + 1 + 4 and found.error_count == 10 and not found.is_valid


def test_an_error_names_its_row_and_column():
    with force_locale("en"):
        assert str(RowError(4, "Jaar", "“twintig” is not a year.")) == (
            "Row 4, column “Jaar”: “twintig” is not a year."
        )
        assert str(RowError(1, None, "The file is empty.")) == "Row 1: The file is empty."
