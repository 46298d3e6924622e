"""JEFIT's sectioned CSV export.

The file is a series of sections, each opened by a banner (``### EXERCISE LOGS ####...``) and
closed by a line of ``#``, each with its own header. Sets come from EXERCISE SET LOGS when the
file has it, otherwise from the packed ``logs`` of EXERCISE LOGS (``WEIGHTxREPS,...``); an entry
of 0 x 0 is a set left empty (not imported, counted). The weight unit is SETTING's ``mass``
(``" kg"`` or ``" lbs"``). A log's ``belongsession`` that matches a WORKOUT SESSIONS ``_id``
gives the workout its start and end (Unix times, kept as UTC wall clock); otherwise the day
(``mydate``) is the workout. PROFILE's body weights (``weight`` on ``mydate``, 0 when not
measured) become the user's weighings, one per day. Other sections are skipped and their rows
counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from strongback.domain.body_weight import BodyWeight, check_body_weight
from strongback.domain.errors import ImportFormatError, InvalidInput
from strongback.domain.vocab import SetType, WeightUnit
from strongback.interchange.importers.collector import WEIGHT_UNITS, Collector, SetValues
from strongback.interchange.importers.kernel import ImportOptions, ParsedExport
from strongback.interchange.importers.source import MAX_CELL, CsvFile, parse_text

SOURCE = "jefit"
_BANNER = re.compile(r"^###\s*([A-Z][A-Z _]*?)\s*#{3,}\s*$")
_CLOSE = re.compile(r"^#{10,}\s*$")
_ENTRY = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[xX]\s*(\d+(?:\.\d+)?)\s*$")
USED = frozenset({"SETTING", "PROFILE", "EXERCISE LOGS", "EXERCISE SET LOGS", "WORKOUT SESSIONS"})
_SET_LINK = ("belonglog", "exercise_log_id", "log_id", "logid", "exerciselogid", "belong_log")


@dataclass(frozen=True)
class Section:
    """One section: its name and its text as a CSV file (blank lines keep the line numbers)."""

    name: str
    csv: CsvFile


def sections(csv_file: CsvFile) -> list[Section]:
    """The sections of a JEFIT file; ImportFormatError when it has none."""
    first = csv_file.delimiter.join(csv_file.header)
    if not _BANNER.match(first[:200]):
        raise ImportFormatError(
            "not a JEFIT export: the first line is not a section banner (### SETTING ###...)",
            path=csv_file.path,
            line=csv_file.header_line,
            value=first[:60],
        )
    lines = csv_file.text.splitlines(keepends=True)
    found: list[Section] = []
    name: str | None = None
    start = 0
    for i, raw in enumerate(lines):
        banner = _BANNER.match(raw[:200])
        if banner:
            name, start = banner.group(1).strip(), i
            continue
        if name is not None and _CLOSE.match(raw[:200]):
            body = "\n" * (start + 1) + "".join(lines[start + 1 : i])
            if body.strip():
                found.append(Section(name, parse_text(body, csv_file.path)))
            name = None
    if name is not None:
        raise ImportFormatError(
            f"the section {name} is never closed (the file looks truncated)",
            path=csv_file.path,
            line=start + 1,
        )
    if not found:
        raise ImportFormatError("not a JEFIT export (no section)", path=csv_file.path, line=1)
    return found


def _index(section: Section) -> dict[str, int]:
    return {h.strip().casefold(): i for i, h in enumerate(section.csv.header)}


class _Parser:
    def __init__(self, csv_file: CsvFile, options: ImportOptions) -> None:
        self.csv = csv_file
        self.options = options
        self.by_name = {s.name: s for s in sections(csv_file)}
        logs = self.by_name.get("EXERCISE LOGS")
        if logs is None:
            raise ImportFormatError(
                "a JEFIT export without an EXERCISE LOGS section", path=csv_file.path, line=1
            )
        self.logs = logs
        self.c = Collector(SOURCE, logs.csv, options)
        self.unit = self._setting_unit()
        self.sessions = self._sessions()

    def _setting_unit(self) -> WeightUnit | None:
        setting = self.by_name.get("SETTING")
        if setting is None:
            return None
        ix = _index(setting)
        for _, fields in setting.csv.rows():
            if "mass" in ix and ix["mass"] < len(fields):
                found = WEIGHT_UNITS.get(fields[ix["mass"]].strip().casefold())
                if found is not None:
                    return found
        return None

    def _sessions(self) -> dict[str, tuple[datetime, datetime | None]]:
        section = self.by_name.get("WORKOUT SESSIONS")
        if section is None:
            return {}
        ix = _index(section)
        found: dict[str, tuple[datetime, datetime | None]] = {}
        if not {"_id", "starttime"} <= ix.keys():
            return found
        for _, f in section.csv.rows():
            try:
                start = _unix(f[ix["starttime"]])
                end = _unix(f[ix["endtime"]]) if "endtime" in ix else None
            except (ValueError, IndexError, OverflowError, OSError):
                continue  # a session row that says nothing usable: the day is the workout
            if start is not None:
                found[f[ix["_id"]].strip()] = (start, end if end and end > start else None)
        return found

    def run(self) -> ParsedExport:
        for name, section in self.by_name.items():
            if name not in USED:
                self.c.count(f"rows of section {name}", sum(1 for _ in section.csv.rows()))
        set_logs = self._set_logs()
        ix = _index(self.logs)
        for key in ("mydate", "ename", "logs" if set_logs is None else "_id"):
            if key not in ix:
                raise ImportFormatError(
                    f"the EXERCISE LOGS section has no '{key}' column",
                    path=self.csv.path,
                    line=self.logs.csv.header_line,
                    value=cap_header(self.logs.csv),
                )
        self.ix = ix
        self.set_logs = set_logs
        # Later exports leave ``ename`` empty on some rows; the same ``eid`` named elsewhere
        # in the log gives the name.
        self.eid_names: dict[str, str] = {}
        if "eid" in ix:
            for _, f in self.logs.csv.rows():
                if len(f) == len(self.logs.csv.header) and f[ix["ename"]].strip():
                    self.eid_names.setdefault(f[ix["eid"]].strip(), f[ix["ename"]].strip())
        self.c.run(self.row)
        weighings = self._body_weights()
        return replace(self.c.finish(self.unit), body_weights=weighings)

    def _body_weights(self) -> tuple[BodyWeight, ...]:
        """PROFILE's weighings, the last of a day winning; rows without a weight are counted."""
        section = self.by_name.get("PROFILE")
        unit = self.unit or self.options.unit
        if section is None or unit is None:
            return ()
        ix = _index(section)
        by_day: dict[date, BodyWeight] = {}
        for line, fields in section.csv.rows():
            try:
                entry = self._weighing(section.csv, ix, unit, (line, fields))
            except ImportFormatError as exc:
                self.c.errors.bad(exc)
                continue
            if entry is None:
                self.c.count("PROFILE rows without a body weight")
            else:
                by_day[entry.day] = entry
        return tuple(sorted(by_day.values(), key=lambda e: e.day))

    def _weighing(
        self,
        csv_file: CsvFile,
        ix: dict[str, int],
        unit: WeightUnit,
        record: tuple[int, list[str]],
    ) -> BodyWeight | None:
        """One PROFILE row as a weighing in ``unit`` (None when it holds no weight)."""
        line, fields = record
        if "weight" not in ix or "mydate" not in ix:
            return None
        if len(fields) != len(csv_file.header):
            raise ImportFormatError(
                f"{len(fields)} fields where the PROFILE header has {len(csv_file.header)}",
                path=csv_file.path, line=line,
            )  # fmt: skip
        w_col, d_col = csv_file.field_name(ix["weight"]), csv_file.field_name(ix["mydate"])
        w_text, day_text = fields[ix["weight"]].strip(), fields[ix["mydate"]].strip()
        weight = self.c.number(line, w_col, w_text)
        if not weight:
            return None
        try:
            day = date.fromisoformat(day_text[:MAX_CELL])
        except ValueError:
            raise self.c.error(line, d_col, day_text, "not a date (YYYY-MM-DD)") from None
        self.c.check_date(line, d_col, day_text, datetime(day.year, day.month, day.day))
        try:
            check_body_weight(weight, unit)
        except InvalidInput as exc:
            raise self.c.error(line, w_col, w_text, str(exc)) from None
        return BodyWeight(day, weight, unit)

    def _set_logs(self) -> dict[str, list[tuple[int, str, str]]] | None:
        """EXERCISE SET LOGS, when present: per exercise log id, its (line, weight, reps)."""
        section = self.by_name.get("EXERCISE SET LOGS")
        if section is None:
            return None
        ix = _index(section)
        link = next((ix[k] for k in _SET_LINK if k in ix), None)
        if link is None or "weight" not in ix or "reps" not in ix:
            return None
        found: dict[str, list[tuple[int, str, str]]] = {}
        for line, f in section.csv.rows():
            if max(link, ix["weight"], ix["reps"]) < len(f):
                entry = (line, f[ix["weight"]], f[ix["reps"]])
                found.setdefault(f[link].strip(), []).append(entry)
        return found

    def col(self, key: str) -> str:
        return self.logs.csv.field_name(self.ix[key])

    def row(self, line: int, fields: list[str]) -> None:
        if len(fields) != len(self.logs.csv.header):
            self.c.width_error(line, fields)
            return
        c = self.c
        day_text = fields[self.ix["mydate"]].strip()
        try:
            day = date.fromisoformat(day_text[:MAX_CELL])
        except ValueError:
            raise c.error(line, self.col("mydate"), day_text, "not a date (YYYY-MM-DD)") from None
        started = datetime(day.year, day.month, day.day)
        c.check_date(line, self.col("mydate"), day_text, started)
        name = fields[self.ix["ename"]].strip()
        if not name and "eid" in self.ix:
            eid = fields[self.ix["eid"]].strip()[:20]
            name = self.eid_names.get(eid) or (f"JEFIT exercise {eid}" if eid else "")
        if not name:
            raise c.error(line, self.col("ename"), name, "the exercise name is empty")
        session = fields[self.ix["belongsession"]].strip() if "belongsession" in self.ix else ""
        key: tuple[str, str] = ("day", day_text)
        if session in self.sessions and abs((self.sessions[session][0].date() - day).days) <= 1:
            key = ("session", session)
            started = self.sessions[session][0]
        draft = c.workout(key, started, "JEFIT workout")
        if key[0] == "session":
            draft.ended_at = self.sessions[session][1]
        entries = self._entries(line, fields)
        if any("." in r.strip(".0") for _, _, r, _ in entries):
            # Cardio packed as 0xDISTANCE, 0xMINUTES...: not sets of reps.
            c.count("cardio rows of EXERCISE LOGS")
            return
        for entry_line, w_text, r_text, column in entries:
            self._add(draft, entry_line, name, w_text, r_text, column)

    def _entries(self, line: int, fields: list[str]) -> list[tuple[int, str, str, str]]:
        if self.set_logs is not None:
            own = self.set_logs.get(fields[self.ix["_id"]].strip(), [])
            return [(ln, w, r, "weight") for ln, w, r in own]
        packed = fields[self.ix["logs"]].strip()
        entries = []
        for part in packed.split(",") if packed else []:
            match = _ENTRY.match(part[:MAX_CELL])
            if match is None:
                raise self.c.error(line, "logs", packed, "not a list of WEIGHTxREPS entries")
            entries.append((line, match.group(1), match.group(2), "logs"))
        return entries

    def _add(self, draft: object, line: int, name: str, w: str, r: str, column: str) -> None:
        c = self.c
        weight = c.number(line, column, w)
        reps = c.whole(line, column if column == "logs" else "reps", r)
        if not weight and not reps:
            c.count("sets left empty (0 x 0)")
            return
        c.add(
            draft,  # type: ignore[arg-type]
            line,
            {"weight": (column, w), "reps": (column, r)},
            SetValues(
                name=name, set_type=SetType.WORKING, weight=weight or None,
                unit=self.unit or self.options.unit, reps=reps, key_unit=self.unit,
            ),
        )  # fmt: skip


def cap_header(csv_file: CsvFile) -> str:
    """A section header for a message."""
    return csv_file.delimiter.join(csv_file.header)


def _unix(text: str) -> datetime | None:
    value = text.strip()
    if not value or value == "0":
        return None
    return datetime.fromtimestamp(int(value[:20]), UTC).replace(tzinfo=None)


class JefitImporter:
    """The JEFIT plug-in: recognised by its section banners."""

    name = "jefit"
    title = "JEFIT"

    def sniff(self, csv_file: CsvFile) -> bool:
        """True when the file opens with a JEFIT section banner and holds exercise logs."""
        first = csv_file.delimiter.join(csv_file.header)
        return bool(_BANNER.match(first[:200])) and "### EXERCISE LOGS" in csv_file.text

    def parse(self, csv_file: CsvFile, options: ImportOptions) -> ParsedExport:
        """Parse the file as a JEFIT export."""
        return _Parser(csv_file, options).run()


IMPORTER = JefitImporter()

__all__ = ["IMPORTER", "JefitImporter", "Section", "sections"]
