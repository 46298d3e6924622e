"""The importer kernel's reading of files: bytes to a CSV the way a person sees it in an editor.

What every importer shares: the bytes are checked (empty, binary junk), decoded (UTF-8 with or
without a BOM, UTF-16 with a BOM, else the Windows code page a spreadsheet may have saved), the
delimiter is sniffed from the header line (``,``, ``;``, tab or ``|``), and each record carries the
PHYSICAL line it starts on, so that an error points where an editor shows the problem even when a
quoted note spans several lines. A quote left open at the end of the file (a truncated export) is
reported at the line where the record began, with the field that never closed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from strongback.domain.errors import ImportFormatError

DELIMITERS = (",", ";", "\t", "|")
# The longest header line read as one (real headers are a few hundred characters).
MAX_HEADER = 16_384
# The longest cell whose text is parsed as a number, date or duration; longer is refused at once.
MAX_CELL = 256
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


class Record(NamedTuple):
    """One CSV record: the physical line it starts on (1-based) and its fields."""

    line: int
    fields: list[str]


@dataclass(frozen=True)
class CsvFile:
    """A decoded CSV file: its path as given, text, delimiter, header and header line."""

    path: str
    text: str
    delimiter: str
    header: list[str]
    header_line: int

    def records(self) -> Iterator[Record]:
        """Every non-blank record after the header, each with its first physical line.

        Raises ImportFormatError when a quoted field is never closed (a truncated file).
        """
        for line, fields in self.rows():
            yield Record(line, fields)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The records as plain ``(line, fields)`` pairs: :meth:`records` for hot loops."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        last_end = 0
        header_line = self.header_line
        pending: tuple[int, list[str]] | None = None
        try:
            for fields in reader:
                start = last_end + 1
                last_end = reader.line_num
                if start <= header_line:
                    continue
                if not any(fields) or (len(fields) == 1 and not fields[0].strip()):
                    continue
                # One record is held back: the last one must first be checked for a quote that
                # never closed, which the csv module ends silently at the end of the data.
                if pending is not None:
                    yield pending
                pending = (start, fields)
        except csv.Error as exc:
            raise self._open_quote_error(last_end + 1, str(exc)) from None
        if pending is not None:
            self._check_closed(pending[0])
            yield pending

    def count_lines(self) -> int:
        """The number of physical lines (for progress reporting)."""
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)

    def _offset_of_line(self, line: int) -> int:
        if line <= 1:
            return 0
        text = self.text
        if "\r" not in text:
            # Plain newlines: the record checked is usually near the end, so count back from
            # there instead of walking every line of a large file.
            after = text.count("\n") - (line - 1)  # line breaks at or after the offset sought
            if after < 0:
                return len(text)
            if after < line:
                end = len(text)
                for _ in range(after + 1):
                    end = text.rfind("\n", 0, end)
                return end + 1
        for n, match in enumerate(_LINE_BREAK.finditer(text), start=2):
            if n == line:
                return match.end()
        return len(text)

    def _check_closed(self, line: int) -> None:
        tail = self.text[self._offset_of_line(line) :]
        field_index, opened = _open_field(tail, self.delimiter)
        if opened is not None:
            raise self._quote_error(line, field_index, opened)

    def _open_quote_error(self, line: int, detail: str) -> ImportFormatError:
        tail = self.text[self._offset_of_line(line) :]
        field_index, opened = _open_field(tail, self.delimiter)
        if opened is not None:
            return self._quote_error(line, field_index, opened)
        return ImportFormatError(f"not readable as CSV ({detail})", path=self.path, line=line)

    def _quote_error(self, line: int, field_index: int, opened: str) -> ImportFormatError:
        name = self.header[field_index] if field_index < len(self.header) else None
        shown = opened.split("\n", 1)[0].split("\r", 1)[0]
        return ImportFormatError(
            "a quote opened here is never closed (the file looks truncated)",
            path=self.path,
            line=line,
            field=name or f"column {field_index + 1}",
            value=shown,
        )

    def width_error(self, record: Record, width: int) -> ImportFormatError:
        """The error for a record with more or fewer fields than the header."""
        found = len(record.fields)
        if found < width:
            return ImportFormatError(
                f"the record ends after {found} of {width} fields (cut short?)",
                path=self.path,
                line=record.line,
                field=self.field_name(found),
                value=record.fields[-1] if record.fields else "",
            )
        return ImportFormatError(
            f"{found} fields where the header has {width}",
            path=self.path,
            line=record.line,
            field=self.field_name(width),
            value=record.fields[width],
        )

    def no_records_error(self) -> ImportFormatError:
        """The error for a file whose header is followed by no record at all."""
        return ImportFormatError(
            "the file has a header but no sets", path=self.path, line=self.header_line
        )

    def field_name(self, index: int) -> str:
        """The header name of a column (or ``column N`` when the header is shorter)."""
        if index < len(self.header) and self.header[index].strip():
            return self.header[index].strip()
        return f"column {index + 1}"


def _open_field(text: str, delimiter: str) -> tuple[int, str | None]:
    """Scan one record's raw text; if a quoted field is still open at the end, say which.

    Returns (index of the field, its raw text from the opening quote) or (index, None).
    """
    field_index = 0
    in_quote = False
    at_field_start = True
    opened_at = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if in_quote:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                in_quote = False
        elif c == '"' and at_field_start:
            in_quote = True
            opened_at = i
        elif c == delimiter:
            field_index += 1
            at_field_start = True
            i += 1
            continue
        elif c in "\r\n":
            # The record ends at a line break outside quotes.
            return field_index, None
        at_field_start = False
        i += 1
    if in_quote:
        return field_index, text[opened_at + 1 :]
    return field_index, None


def decode(data: bytes, path: str) -> str:
    """Bytes to text: refuses empty and binary files with the line where the junk starts."""
    if not data.strip():
        raise ImportFormatError("the file is empty", path=path, line=1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        encoding = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        head = data[:4096]
        if b"\x00" in head:
            # UTF-16 without a BOM has a NUL beside (nearly) every ASCII character, always on the
            # same side; binary junk has its NULs anywhere.
            odd, even = head[1::2].count(0), head[0::2].count(0)
            if odd > 0.9 * (len(head) // 2) and even == 0:
                encoding = "utf-16-le"
            elif even > 0.9 * (len(head) // 2) and odd == 0:
                encoding = "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise _binary_error(data, exc.start, path) from None
        try:
            # A spreadsheet re-save on Windows writes its code page, not UTF-8.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _binary_error(data, exc.start, path) from None
        if _first_control(text):
            raise _binary_error(data, exc.start, path) from None
    junk = _first_control(text)
    if junk:
        line = text.count("\n", 0, junk.start()) + 1
        raise ImportFormatError(
            "the file holds binary data, not CSV text",
            path=path,
            line=line,
            value=repr(text[junk.start() : junk.start() + 8]),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _first_control(text: str) -> re.Match[str] | None:
    """The first control character of a text (not tab, CR or LF), if any.

    Each character looked for alone first: a search for one character runs through a large
    file about ten times faster than the character class does.
    """
    if not any(c in text for c in _CONTROL_CHARS):
        return None
    return _CONTROL.search(text)


def _binary_error(data: bytes, offset: int, path: str) -> ImportFormatError:
    line = data.count(b"\n", 0, offset) + 1
    return ImportFormatError(
        "the file is not text in a known encoding (binary data?)",
        path=path,
        line=line,
        value=data[offset : offset + 8].hex(" "),
    )


def sniff_delimiter(header_line: str) -> str:
    """The delimiter used by a header line: the candidate that occurs most outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    in_quote = False
    for c in header_line:
        if c == '"':
            in_quote = not in_quote
        elif not in_quote and c in counts:
            counts[c] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_bytes(path: str | Path, shown: str) -> bytes:
    """The bytes of a file; ImportFormatError naming the file when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFormatError("no such file", path=shown) from None
    except IsADirectoryError:
        raise ImportFormatError("is a directory, not a file", path=shown) from None
    except OSError as exc:
        raise ImportFormatError(f"cannot read the file ({exc.strerror})", path=shown) from None


def open_csv(path: str | Path, *, display_path: str | None = None) -> CsvFile:
    """Read, decode and sniff a CSV export; the header is its first non-blank line."""
    shown = display_path or str(path)
    return parse_text(decode(read_bytes(path, shown), shown), shown)


def parse_text(text: str, path: str) -> CsvFile:
    """A CsvFile from decoded text (the header is the first non-blank line)."""
    header_line = 0
    first = ""
    start = 0
    n = 1
    # Line by line from the top (not a split of the whole file: the header is near the start).
    for match in _LINE_BREAK.finditer(text):
        raw = text[start : match.start()]
        if raw.strip():
            header_line, first = n, raw
            break
        start = match.end()
        n += 1
    else:
        if text[start:].strip():
            header_line, first = n, text[start:]
    if not header_line:
        raise ImportFormatError("the file is empty", path=path, line=1)
    if len(first) > MAX_HEADER:
        # A BOM of another encoding in front of the text, or no line breaks at all, makes the
        # whole file one line: no export has a header of this size.
        raise ImportFormatError(
            f"the first line is {len(first):,} characters long: not an export header",
            path=path,
            line=header_line,
            value=first[:40],
        )
    delimiter = sniff_delimiter(first)
    reader = csv.reader(io.StringIO(first, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise ImportFormatError(
            f"the header is not readable as CSV ({exc})", path=path, line=header_line
        ) from None
    return CsvFile(path, text, delimiter, header, header_line)


def parse_number(text: str, delimiter: str = ",") -> float:
    """A decimal number as apps write it; a decimal comma is accepted in ``;``-separated files.

    Raises ValueError when the text is not a number.
    """
    value = text.strip()
    if delimiter != "," and _DECIMAL_COMMA.match(value):
        value = value.replace(",", ".")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(value)
    return number


def normalize_header(name: str) -> str:
    """A header cell for lookup: lower case, accents kept, punctuation and spacing unified."""
    cleaned = re.sub(r"[\s_\-.:]+", " ", name.strip().strip('"').casefold())
    return cleaned.strip()


def find_columns(header: Sequence[str], names: dict[str, str]) -> dict[str, int]:
    """Map field keys to column indexes through a table of normalized header names."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(normalize_header(cell))
        if key is not None and key not in found:
            found[key] = index
    return found


__all__ = [
    "DELIMITERS",
    "MAX_CELL",
    "CsvFile",
    "Record",
    "decode",
    "find_columns",
    "normalize_header",
    "open_csv",
    "parse_number",
    "parse_text",
    "read_bytes",
    "sniff_delimiter",
]
