"""Reading CSV exports: encodings, delimiters, physical line numbers and broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from strongback.domain.errors import ImportFormatError
from strongback.interchange.importers.source import (
    _CONTROL,
    _first_control,
    open_csv,
    parse_number,
    sniff_delimiter,
)
from tests.samples import export_files


def _write(tmp_path: Path, data: bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bom_does_not_reach_the_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffDate,Reps\n2024-01-01,5\n".encode())
    csv_file = open_csv(path)
    assert csv_file.header == ["Date", "Reps"]
    assert [r.fields for r in csv_file.records()] == [["2024-01-01", "5"]]


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = _write(tmp_path, "Date;Reps\r\n2024-01-01;5\r\n".encode("utf-16"))
    csv_file = open_csv(path)
    assert csv_file.delimiter == ";"
    assert [r.fields for r in csv_file.records()] == [["2024-01-01", "5"]]


def test_windows_code_page_from_a_spreadsheet_resave_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, "title;exercise\nPecho-tríceps;Curl\n".encode("cp1252"))
    records = list(open_csv(path).records())
    assert records[0].fields == ["Pecho-tríceps", "Curl"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date,Workout Name,Reps", ","),
        ('"Workout #";"Date";"Workout Name"', ";"),
        ("Date\tName\tReps", "\t"),
        ('"a,b";c;d', ";"),
        ("single", ","),
    ],
)
def test_delimiter_is_the_one_used_most_outside_quotes(line: str, expected: str) -> None:
    assert sniff_delimiter(line) == expected


def test_crlf_line_endings_keep_editor_line_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path, b"A,B\r\n1,2\r\n3,4\r\n")
    assert [(r.line, r.fields) for r in open_csv(path).records()] == [
        (2, ["1", "2"]),
        (3, ["3", "4"]),
    ]


def test_a_record_with_a_multi_line_note_starts_on_its_first_physical_line(
    tmp_path: Path,
) -> None:
    data = b'A,Note\n1,"first\nsecond, with comma\nand ""quotes"""\n2,plain\n\n3,last\n'
    records = list(open_csv(_write(tmp_path, data)).records())
    assert [r.line for r in records] == [2, 5, 7]
    assert records[0].fields[1] == 'first\nsecond, with comma\nand "quotes"'


def test_blank_lines_before_the_header_are_skipped_and_counted(tmp_path: Path) -> None:
    csv_file = open_csv(_write(tmp_path, b"\n\nA,B\n1,2\n"))
    assert csv_file.header_line == 3
    assert [r.line for r in csv_file.records()] == [4]


def test_a_quote_never_closed_is_reported_where_the_record_starts(tmp_path: Path) -> None:
    data = b'A,B,Notes\n1,2,"ok"\n3,4,"this note\nwas cut off'
    csv_file = open_csv(_write(tmp_path, data))
    with pytest.raises(ImportFormatError) as err:
        list(csv_file.records())
    assert err.value.line == 3
    assert err.value.field == "Notes"
    assert err.value.value == "this note"
    assert "never closed" in str(err.value)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError) as err:
        open_csv(_write(tmp_path, b""))
    assert "empty" in str(err.value)
    assert err.value.line == 1


def test_a_file_of_blank_lines_is_empty(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        open_csv(_write(tmp_path, b"\n \r\n\n"))


def test_binary_junk_is_refused_with_the_line_where_it_starts(tmp_path: Path) -> None:
    data = b"Date,Reps\n2024-01-01,5\n\x00\x01\x02\xff\xfe\x89PNG\x00\x00"
    with pytest.raises(ImportFormatError) as err:
        open_csv(_write(tmp_path, data))
    assert err.value.line == 3
    assert "binary" in str(err.value) or "not text" in str(err.value)


def test_a_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError) as err:
        open_csv(tmp_path / "nope.csv")
    assert err.value.path is not None and err.value.path.endswith("nope.csv")


def test_numbers_accept_a_decimal_comma_only_outside_comma_files() -> None:
    assert parse_number("57,5", ";") == 57.5
    assert parse_number("8.0", ",") == 8.0
    with pytest.raises(ValueError):
        parse_number("57,5", ",")
    with pytest.raises(ValueError):
        parse_number("abc")
    with pytest.raises(ValueError):
        parse_number("nan")


def test_sets_built_in_one_step_equal_the_dataclass_constructor() -> None:
    from dataclasses import fields

    from strongback.domain.training_log import PerformedSet
    from strongback.interchange.importers.kernel import make_set

    full = {f.name: None for f in fields(PerformedSet)} | {"exercise": "pull-up", "order": 3}
    assert make_set(dict(full)) == PerformedSet(**full)
    assert make_set({"exercise": "pull-up", "order": 3}) == PerformedSet("pull-up", 3)
    with pytest.raises(TypeError):
        make_set({"exercise": "pull-up", "order": 3, "colour": "red"})


@pytest.mark.parametrize("kind", ["strong", "hevy"])
def test_parsed_sets_hold_every_field_like_the_constructor(kind: str) -> None:
    from dataclasses import asdict

    from strongback.domain.training_log import PerformedSet
    from strongback.domain.vocab import WeightUnit
    from strongback.interchange.importers.hevy import parse_hevy
    from strongback.interchange.importers.strong import parse_strong

    sample = export_files(kind)[0]
    parser = parse_strong if kind == "strong" else parse_hevy
    parsed = parser(sample, unit=WeightUnit.KG, resolve=lambda n: n.lower())
    for s in parsed.workouts[0].sets:
        assert asdict(s) == asdict(PerformedSet(**vars(s)))
        assert set(vars(s)) == {f for f in asdict(s)}


def test_utf16_without_a_bom_is_recognized(tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Reps\n2024-01-01,5\n".encode("utf-16-le"))
    assert [r.fields for r in open_csv(path).records()] == [["2024-01-01", "5"]]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50,
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" * 40,
        bytes(range(256)) * 8,
    ],
    ids=["png", "xlsx-zip", "all-bytes"],
)
def test_common_binary_files_are_called_binary(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ImportFormatError) as err:
        open_csv(_write(tmp_path, data))
    assert "binary" in str(err.value)


def test_import_bounds_are_the_bounds_of_log_add() -> None:
    from strongback.domain import set_bounds
    from strongback.interchange.importers import kernel as csv_input

    assert csv_input.MAX_WEIGHT == set_bounds.MAX_WEIGHT
    assert csv_input.MAX_REPS == set_bounds.MAX_REPS
    assert csv_input.MAX_SECONDS == set_bounds.MAX_SECONDS


def test_out_of_bounds_refuses_non_finite_numbers_and_keeps_negative_weights() -> None:
    from strongback.interchange.importers.kernel import out_of_bounds

    inf = float("inf")
    assert out_of_bounds(inf, None, None, None, None) is not None
    assert out_of_bounds(float("nan"), None, None, None, None) is not None
    assert out_of_bounds(None, None, None, -inf, None) is not None
    assert out_of_bounds(-20.0, 8, 30.0, 400.0, 8.5) is None


# Every control character a CSV export must not hold: all below space but tab, LF and CR, and DEL.
CONTROLS = [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + [0x7F]


@pytest.mark.parametrize("code", CONTROLS, ids=lambda c: f"0x{c:02x}")
def test_each_control_character_is_refused_on_the_line_it_is_on(tmp_path: Path, code: int) -> None:
    data = b"Date,Reps\n2024-01-01,5\n2024-01-02,5\n2024-01-03,5" + bytes([code]) + b"\n"
    with pytest.raises(ImportFormatError) as err:
        open_csv(_write(tmp_path, data))
    assert err.value.line == 4
    assert "binary" in str(err.value)


def test_tabs_line_breaks_and_characters_above_del_are_no_junk(tmp_path: Path) -> None:
    text = 'Date,Notes\r\n2024-01-01,\t"two\nlines"\n' + "".join(map(chr, range(0x80, 0x300)))
    assert open_csv(_write(tmp_path, text.encode("utf-8"))).header == ["Date", "Notes"]


@pytest.mark.parametrize("app", ["strong", "hevy", "fitnotes", "jefit", "liftosaur"])
def test_the_samples_hold_no_control_character_the_class_would_find(app: str) -> None:
    for path in export_files(app):
        text = open_csv(path).text
        assert _first_control(text) is None
        assert _CONTROL.search(text) is None
