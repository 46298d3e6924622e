"""Use cases of the daily check-in: the athlete records one a day; the athlete and their
coaches read them with their trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from strongback.domain.coaching import CheckIn, CheckInTrend, checkin_trends, make_checkin
from strongback.domain.errors import InvalidInput
from strongback.services.coaching import utc_now
from strongback.services.ports import Scope

DEFAULT_DAYS = 28
MAX_DAYS = 366


@dataclass(frozen=True)
class CheckInRequest:
    """A check-in as given (scores not yet checked)."""

    back_pain: object
    sleep: object = None
    energy: object = None
    soreness: object = None
    note: str | None = None
    day: date | None = None


def record_checkin(scope: Scope, request: CheckInRequest, *, today: date | None = None) -> CheckIn:
    """Store the user's check-in for its day (today by default), replacing that day's earlier
    one. InvalidInput names the field at fault."""
    today = today or date.today()
    checkin = make_checkin(
        request.day or today,
        back_pain=request.back_pain,
        sleep=request.sleep,
        energy=request.energy,
        soreness=request.soreness,
        note=request.note,
        today=today,
    )
    with scope.unit_of_work(write=True) as uow:
        uow.checkins.save(checkin, utc_now())
        uow.commit()
    return checkin


@dataclass(frozen=True)
class CheckIns:
    """The check-ins of a window, oldest first, and each score's trend."""

    checkins: tuple[CheckIn, ...]
    trends: tuple[CheckInTrend, ...]


def checkins(scope: Scope, *, days: int = DEFAULT_DAYS, today: date | None = None) -> CheckIns:
    """The user's check-ins over the last ``days`` days with the trend of each score."""
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"{{days}} must be between 1 and {MAX_DAYS}, got {days}", field="days")
    today = today or date.today()
    since = today - timedelta(days=max(days, 14) - 1)
    with scope.unit_of_work() as uow:
        found = uow.checkins.list(since=since, until=today)
    shown = tuple(c for c in found if c.day > today - timedelta(days=days))
    return CheckIns(shown, checkin_trends(found, today))


__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "CheckInRequest", "CheckIns", "checkins", "record_checkin"]
