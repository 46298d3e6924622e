"""A plan as an iCalendar file: one all-day event per session, the items in the description."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

from strongback.domain.catalog import Catalog, load_catalog
from strongback.domain.errors import InvalidInput

PRODID = "-//Strongback//back-training plan//EN"


def next_monday(today: date) -> date:
    """The first Monday after today."""
    return today + timedelta(days=7 - today.weekday())


def session_date(start: date, week: int, day: int) -> date:
    """The date of a session: its weekday on or after ``start``, then whole weeks later."""
    first = start + timedelta(days=(day - 1 - start.weekday()) % 7)
    return first + timedelta(days=7 * (week - 1))


def _dose(item: dict[str, Any]) -> str:
    if "reps" in item:
        what = f"{item['reps']['min']}-{item['reps']['max']} reps"
    elif "reps_per_side" in item:
        r = item["reps_per_side"]
        what = f"{r['min']}-{r['max']} reps per side"
    else:
        what = f"{item['seconds']} s" + (" per side" if item.get("per_side") else "")
    return f"{item['sets']} x {what}"


def _description(session: dict[str, Any], catalog: Catalog) -> str:
    lines = [f"About {session['estimated_minutes']} minutes.", ""]
    for item in session["items"]:
        ex = catalog.find(item["exercise"])
        name = ex.name if ex else item["exercise"]
        lines.append(
            f"- {name}: {_dose(item)}, tempo {item['tempo']}, rest {item['rest_seconds']} s, "
            f"{item['target_rir']} reps in reserve. {item['reason']}"
        )
    return "\n".join(lines)


def plan_to_ics(
    plan: dict[str, Any],
    start: date,
    *,
    catalog: Catalog | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The iCalendar bytes of a plan (the JSON object of ``strongback plan --json``)."""
    cat = catalog or load_catalog()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Strongback back plan")
    now = stamp or datetime.now(UTC)
    for week in plan["weeks"]:
        for session in week["sessions"]:
            day = session_date(start, week["week"], session["day"])
            event = Event()
            label = f"Week {week['week']}" + (" (deload)" if week.get("deload") else "")
            event.add("summary", f"Strongback {label}: {session['title']}")
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("dtstamp", now)
            event.add("uid", f"{start.isoformat()}-w{week['week']}-d{session['day']}@strongback")
            event.add("description", _description(session, cat))
            event.add("categories", ["Training"])
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_ics(plan: dict[str, Any], path: str | Path, start: date) -> int:
    """Write the plan's calendar to a file (whole file or nothing); returns the events written."""
    data = plan_to_ics(plan, start)
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
    return sum(len(w["sessions"]) for w in plan["weeks"])


__all__ = ["next_monday", "plan_to_ics", "session_date", "write_ics"]
