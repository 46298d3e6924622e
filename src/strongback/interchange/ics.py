"""A plan as an iCalendar file: one all-day event per session, the items in the description."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from strongback.domain.catalog import Catalog
from strongback.domain.planning.plan import Plan, PlanSession
from strongback.domain.progression.plan_view import session_date

PRODID = "-//Strongback//back-training plan//EN"


def next_monday(today: date) -> date:
    """The first Monday after today."""
    return today + timedelta(days=7 - today.weekday())


def _description(session: PlanSession, catalog: Catalog) -> str:
    lines = [f"About {session.estimated_minutes} minutes.", ""]
    for item in session.items:
        ex = catalog.find(item.exercise)
        name = ex.name if ex else item.exercise
        effort = f", {item.target_rir} reps in reserve" if item.target_rir is not None else ""
        tempo = f", tempo {item.tempo}" if item.tempo else ""
        rest = f", rest {item.rest_seconds} s" if item.rest_seconds is not None else ""
        dose = item.dose_text().replace("/side", " per side")
        lines.append(f"- {name}: {dose}{tempo}{rest}{effort}. {item.reason}".rstrip())
    return "\n".join(lines)


def plan_to_ics(
    plan: Plan,
    start: date,
    *,
    catalog: Catalog,
    stamp: datetime | None = None,
) -> bytes:
    """The iCalendar bytes of a plan: one all-day event per session from ``start`` on."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Strongback back plan")
    now = stamp or datetime.now(UTC)
    for week in plan.weeks:
        for session in week.sessions:
            day = session_date(start, week.week, session.day)
            event = Event()
            label = f"Week {week.week}" + (" (deload)" if week.deload else "")
            event.add("summary", f"Strongback {label}: {session.title}")
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("dtstamp", now)
            event.add("uid", f"{start.isoformat()}-w{week.week}-d{session.day}@strongback")
            event.add("description", _description(session, catalog))
            event.add("categories", ["Training"])
            cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def session_count(plan: Plan) -> int:
    """How many events the plan's calendar holds."""
    return sum(len(w.sessions) for w in plan.weeks)


__all__ = ["next_monday", "plan_to_ics", "session_count", "session_date"]
