"""The daily readiness check an athlete may record: sleep, energy, soreness and back pain on
0-10 scales, and a note. One per day; recording the day again replaces it.

High back pain in a check-in counts like pain logged on a set: the next prescriptions regress
(see :func:`checkin_pain`, which the progress service feeds into progression's settings).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from strongback.domain.errors import InvalidInput

MAX_NOTE = 2000
# ⚙ A check-in counts for the next prescriptions for this many days (a pain report from last
# week says little about today).
CHECKIN_PAIN_DAYS = 2
SCORES = ("sleep", "energy", "soreness", "back_pain")


@dataclass(frozen=True)
class CheckIn:
    """One day's readiness: each score 0-10 (None when not given; back pain is always given)."""

    day: date
    back_pain: int
    sleep: int | None = None
    energy: int | None = None
    soreness: int | None = None
    note: str | None = None

    def to_public(self) -> dict[str, Any]:
        """The check-in's JSON object."""
        return {
            "date": self.day.isoformat(),
            "sleep": self.sleep,
            "energy": self.energy,
            "soreness": self.soreness,
            "back_pain": self.back_pain,
            "note": self.note,
        }


def _score(name: str, value: object, *, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            raise InvalidInput(f"{{{name}}} is required (0-10)", field=name)
        return None
    if isinstance(value, bool):
        raise InvalidInput(f"{{{name}}} must be a whole number 0-10", field=name)
    try:
        number = int(str(value)) if not isinstance(value, int) else value
    except ValueError:
        raise InvalidInput(f"{{{name}}} must be a whole number 0-10", field=name) from None
    if not 0 <= number <= 10:
        raise InvalidInput(f"{{{name}}} must be between 0 and 10, got {number}", field=name)
    return number


def make_checkin(
    day: date,
    *,
    back_pain: object,
    sleep: object = None,
    energy: object = None,
    soreness: object = None,
    note: str | None = None,
    today: date,
) -> CheckIn:
    """A checked check-in; InvalidInput names the field at fault. Future days are refused."""
    if day > today:
        raise InvalidInput(f"{{date}} {day.isoformat()} is in the future", field="date")
    text = (note or "").strip() or None
    if text is not None and len(text) > MAX_NOTE:
        raise InvalidInput(f"{{note}} is longer than {MAX_NOTE} characters", field="note")
    pain = _score("back_pain", back_pain, required=True)
    assert pain is not None
    return CheckIn(
        day=day,
        back_pain=pain,
        sleep=_score("sleep", sleep),
        energy=_score("energy", energy),
        soreness=_score("soreness", soreness),
        note=text,
    )


def checkin_pain(checkins: Iterable[CheckIn], today: date, last_session: date | None) -> int:
    """The back pain of the latest check-in that still speaks for the next session: made in the
    last :data:`CHECKIN_PAIN_DAYS` days and after the day of the last session (a session logged
    that day or later already shows how the back took training). 0 when none counts."""
    latest = max(checkins, key=lambda c: c.day, default=None)
    if latest is None or latest.day > today:
        return 0
    if (today - latest.day).days >= CHECKIN_PAIN_DAYS:
        return 0
    if last_session is not None and latest.day <= last_session:
        return 0
    return latest.back_pain


@dataclass(frozen=True)
class CheckInTrend:
    """Each score's mean over the last 7 days beside the 7 days before (None: nothing given)."""

    score: str
    last_7: float | None
    previous_7: float | None

    @property
    def change(self) -> float | None:
        """Last week's mean minus the week before's."""
        if self.last_7 is None or self.previous_7 is None:
            return None
        return round(self.last_7 - self.previous_7, 1)

    def to_public(self) -> dict[str, Any]:
        """The trend's JSON object."""
        return {
            "score": self.score,
            "last_7": self.last_7,
            "previous_7": self.previous_7,
            "change": self.change,
        }


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def checkin_trends(checkins: Iterable[CheckIn], today: date) -> tuple[CheckInTrend, ...]:
    """The trend of every score: the last 7 days (today included) against the 7 before."""
    recent_start = today - timedelta(days=6)
    earlier_start = today - timedelta(days=13)
    window = [c for c in checkins if earlier_start <= c.day <= today]
    out = []
    for score in SCORES:
        recent = [
            v for c in window if c.day >= recent_start and (v := getattr(c, score)) is not None
        ]
        earlier = [
            v for c in window if c.day < recent_start and (v := getattr(c, score)) is not None
        ]
        out.append(CheckInTrend(score, _mean(recent), _mean(earlier)))
    return tuple(out)


__all__ = [
    "CHECKIN_PAIN_DAYS",
    "MAX_NOTE",
    "SCORES",
    "CheckIn",
    "CheckInTrend",
    "checkin_pain",
    "checkin_trends",
    "make_checkin",
]
