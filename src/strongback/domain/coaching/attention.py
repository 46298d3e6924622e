"""The figures of a coach's roster for one athlete, and whether the athlete needs attention.

- sessions done against planned over the last 7 and 30 days; a drop of
  :data:`COMPLIANCE_DROP` points or more from the 30-day figure to the 7-day one is flagged;
- days since the last session (flagged past :data:`INACTIVE_DAYS`);
- the pain trend over two weeks (set pain and check-in back pain), and any red-flag words in a
  recent note;
- the principles the audit found broken in the week in progress (or the last trained one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from strongback.domain.coaching.athlete_data import AthleteData, PlanCalendar
from strongback.domain.coaching.checkins import CheckIn
from strongback.domain.planning.audit import WeekAudit

COMPLIANCE_DROP = 20  # points, from the 30-day figure to the 7-day one
INACTIVE_DAYS = 7
PAIN_WINDOW_DAYS = 14
PAIN_RISE = 1.0  # the last week's mean pain above the week before's by this much
NOTE_WINDOW_DAYS = 14
READ_DAYS = 30  # the days of sessions the figures read back

# The words of a note that call for a clinician (see planning.explain.RED_FLAGS) [BIM].
RED_FLAG_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bnumb(ness)?\b", "numbness"),
    (r"bladder|bowel|incontinen|urinat", "bladder or bowel trouble"),
    (r"foot ?drop|dropping foot|drop foot", "foot drop"),
    (r"legs (are |feel |felt )?weak|weak(ness)? in (my |both )?legs", "weakness in the legs"),
    (r"fever", "fever"),
    (r"night pain|pain at night|hurts at night|pain at rest", "pain at night or at rest"),
    (r"weight loss|losing weight", "unexplained weight loss"),
    (r"\bfell\b|\bfall\b", "a fall"),
)
_RED_FLAGS = [(re.compile(p, re.IGNORECASE), label) for p, label in RED_FLAG_WORDS]


def red_flags(text: str | None) -> tuple[str, ...]:
    """The red flags a note's words point at (empty for none)."""
    if not text:
        return ()
    return tuple(dict.fromkeys(label for rx, label in _RED_FLAGS if rx.search(text)))


@dataclass(frozen=True)
class Compliance:
    """Sessions done against planned over a window of days ending today."""

    days: int
    done: int
    planned: int | None

    @property
    def percent(self) -> int | None:
        """Done over planned, capped at 100; None without planned sessions."""
        if not self.planned:
            return None
        return min(100, round(100 * self.done / self.planned))


@dataclass(frozen=True)
class Attention:
    """One athlete's line of the roster."""

    athlete_id: int
    name: str
    last_7: Compliance
    last_30: Compliance
    last_session: date | None
    days_since_last: int | None
    pain_latest: int | None
    pain_rising: bool
    red_flags: tuple[str, ...]
    broken_principles: tuple[str, ...]
    audit_week: date | None
    reasons: tuple[str, ...]

    @property
    def compliance_drop(self) -> bool:
        """The 7-day figure fell :data:`COMPLIANCE_DROP` points or more below the 30-day one."""
        p7, p30 = self.last_7.percent, self.last_30.percent
        return p7 is not None and p30 is not None and p30 - p7 >= COMPLIANCE_DROP

    @property
    def needs_attention(self) -> bool:
        """True when any figure is flagged."""
        return bool(self.reasons)

    def urgency(self) -> tuple[int, ...]:
        """The roster's order, most urgent first: red flags, pain, compliance, inactivity,
        broken principles, then the longest without a session."""
        return (
            -len(self.red_flags),
            -int(self.pain_rising),
            -int(self.compliance_drop),
            -int(self.inactive),
            -len(self.broken_principles),
            -(self.days_since_last if self.days_since_last is not None else 10_000),
        )

    @property
    def inactive(self) -> bool:
        """No session for more than :data:`INACTIVE_DAYS` days (or none ever)."""
        return self.days_since_last is None or self.days_since_last > INACTIVE_DAYS

    def to_public(self) -> dict[str, Any]:
        """The athlete's JSON object of the roster."""

        def window(c: Compliance) -> dict[str, Any]:
            return {"done": c.done, "planned": c.planned, "percent": c.percent}

        return {
            "athlete_id": self.athlete_id,
            "name": self.name,
            "needs_attention": self.needs_attention,
            "reasons": list(self.reasons),
            "sessions_7_days": window(self.last_7),
            "sessions_30_days": window(self.last_30),
            "compliance_drop": self.compliance_drop,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "days_since_last_session": self.days_since_last,
            "pain_latest": self.pain_latest,
            "pain_rising": self.pain_rising,
            "red_flags": list(self.red_flags),
            "broken_principles": list(self.broken_principles),
            "audit_week": self.audit_week.isoformat() if self.audit_week else None,
        }


def compliance(
    sessions: Sequence[date], calendar: PlanCalendar | None, today: date, days: int
) -> Compliance:
    """Sessions done and planned over the ``days`` days ending today."""
    first = today - timedelta(days=days - 1)
    done = sum(1 for d in sessions if first <= d <= today)
    planned = calendar.planned_between(first, today) if calendar is not None else None
    return Compliance(days, done, planned)


def pain_by_day(logged: Mapping[date, int], checkins: Iterable[CheckIn]) -> dict[date, int]:
    """The highest pain of each day: set pain and check-in back pain together."""
    out = dict(logged)
    for c in checkins:
        out[c.day] = max(out.get(c.day, 0), c.back_pain)
    return out


def pain_rising(per_day: dict[date, int], today: date) -> bool:
    """The last 7 days' mean pain is :data:`PAIN_RISE` or more above the 7 days before."""
    split = today - timedelta(days=6)
    start = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    recent = [p for d, p in per_day.items() if split <= d <= today]
    earlier = [p for d, p in per_day.items() if start <= d < split]
    if not recent or not earlier:
        return False
    return sum(recent) / len(recent) - sum(earlier) / len(earlier) >= PAIN_RISE


def broken_this_week(week: WeekAudit | None) -> tuple[date | None, tuple[str, ...]]:
    """The week audited and the principles it found broken (none for a week not trained)."""
    if week is None or not week.trained:
        return None, ()
    return week.start, tuple(r.principle for r in week.results if r.applicable and not r.held)


def _reasons(a: Attention, pain_threshold: int) -> tuple[str, ...]:
    out = []
    if a.red_flags:
        out.append(f"red flag in a note: {', '.join(a.red_flags)}")
    if a.pain_rising:
        out.append("pain is rising")
    elif a.pain_latest is not None and a.pain_latest > pain_threshold:
        out.append(f"pain {a.pain_latest}/10, above their limit of {pain_threshold}/10")
    if a.compliance_drop:
        out.append(
            f"sessions done fell to {a.last_7.percent}% this week from {a.last_30.percent}% "
            "over 30 days"
        )
    if a.days_since_last is None:
        out.append("no session logged yet")
    elif a.days_since_last > INACTIVE_DAYS:
        out.append(f"no session for {a.days_since_last} days")
    if a.broken_principles:
        out.append(f"principles broken this week: {', '.join(a.broken_principles)}")
    return tuple(out)


def attention_of(data: AthleteData, today: date) -> Attention:
    """The roster line of one athlete on ``today``."""
    sessions = [d for d in data.sessions if d <= today]
    last = max(sessions, default=data.last_session)
    per_day = pain_by_day(data.pain_logged, data.checkins)
    recent_pain = [d for d in per_day if today - timedelta(days=7) < d <= today]
    week, broken = broken_this_week(data.audit)
    since = today - timedelta(days=NOTE_WINDOW_DAYS)
    notes = [n for d, n in data.notes if since <= d <= today]
    notes.extend(c.note for c in data.checkins if c.note and since <= c.day <= today)
    found = Attention(
        athlete_id=data.athlete_id,
        name=data.name,
        last_7=compliance(sessions, data.calendar, today, 7),
        last_30=compliance(sessions, data.calendar, today, 30),
        last_session=last,
        days_since_last=(today - last).days if last is not None else None,
        pain_latest=per_day[max(recent_pain)] if recent_pain else None,
        pain_rising=pain_rising(per_day, today),
        red_flags=red_flags(" \n".join(notes)),
        broken_principles=broken,
        audit_week=week,
        reasons=(),
    )
    return _with_reasons(found, data.pain_threshold)


def _with_reasons(a: Attention, pain_threshold: int) -> Attention:
    return replace(a, reasons=_reasons(a, pain_threshold))


def roster_order(lines: Iterable[Attention]) -> list[Attention]:
    """Who needs attention first, then the rest by name."""
    return sorted(lines, key=lambda a: (not a.needs_attention, a.urgency(), a.name, a.athlete_id))


__all__ = [
    "COMPLIANCE_DROP",
    "INACTIVE_DAYS",
    "PAIN_RISE",
    "READ_DAYS",
    "RED_FLAG_WORDS",
    "Attention",
    "Compliance",
    "attention_of",
    "broken_this_week",
    "compliance",
    "pain_by_day",
    "pain_rising",
    "red_flags",
    "roster_order",
]
