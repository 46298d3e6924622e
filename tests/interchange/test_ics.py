"""The iCalendar export of a plan: valid, one event per session, dates on the plan's weekdays."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from strongback.domain.catalog import load_catalog
from strongback.domain.errors import InvalidInput
from strongback.interchange.files import write_atomically
from strongback.interchange.ics import next_monday, plan_to_ics, session_count, session_date
from tests.builders import plan_for

PLAN = plan_for(2, 40, "band,pull-up-bar", weeks=5, weekdays="tue,sat")
CATALOG = load_catalog()


def test_session_dates_follow_the_weekday_from_the_start_date() -> None:
    monday = date(2026, 3, 2)
    assert session_date(monday, 1, 1) == monday
    assert session_date(monday, 2, 3) == date(2026, 3, 11)
    thursday = date(2026, 3, 5)
    assert session_date(thursday, 1, 2) == date(2026, 3, 10)  # next Tuesday
    assert next_monday(date(2026, 3, 2)) == date(2026, 3, 9)
    assert next_monday(date(2026, 3, 8)) == date(2026, 3, 9)


def test_calendar_parses_back_with_every_session() -> None:
    data = plan_to_ics(
        PLAN, date(2026, 3, 2), catalog=CATALOG, stamp=datetime(2026, 1, 1, tzinfo=UTC)
    )
    cal = Calendar.from_ical(data)
    assert str(cal.get("version")) == "2.0" and "Strongback" in str(cal.get("prodid"))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 10
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts[0] == date(2026, 3, 3) and starts[-1] == date(2026, 4, 4)
    assert {d.isoweekday() for d in starts} == {2, 6}
    deload = [e for e in events if "(deload)" in str(e.get("summary"))]
    assert len(deload) == 2  # week 5 is the deload
    for e in events:
        assert (e.decoded("dtend") - e.decoded("dtstart")).days == 1
        assert "reps in reserve" in str(e.get("description"))


def test_calendar_files_are_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    write_atomically(target, plan_to_ics(PLAN, date(2026, 3, 2), catalog=CATALOG))
    assert session_count(PLAN) == 10
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(InvalidInput, match="cannot write"):
        write_atomically(tmp_path / "missing" / "plan.ics", b"x")


def test_written_files_take_the_mode_the_umask_gives(tmp_path: Path) -> None:
    import os

    old = os.umask(0o027)
    try:
        write_atomically(tmp_path / "a.ics", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "a.ics").stat().st_mode & 0o777 == 0o640
