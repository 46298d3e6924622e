"""The weekly principle checks over set tallies instead of sets.

A tally counts the sets of one exercise on one day that share their reps and whether they were
warm-ups: what one SQL aggregate gives for many athletes at once. The weekly checks (coverage,
rep ranges, recovery, volume) need no more than that, so a week audited from its tallies holds
the same results as one audited from its sets; only the block's progression, which compares
estimated maxes, needs the sets themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strongback.domain.catalog import Catalog
from strongback.domain.planning.audit import (
    WeekAudit,
    audit_week,
    monday_of,
    trained_exercise,
)
from strongback.domain.planning.checks import Entry, WeekView
from strongback.domain.planning.principles import Band, Group
from strongback.domain.vocab import WeightUnit


@dataclass(frozen=True, slots=True)
class SetTally:
    """``count`` sets of one exercise on one day with the same reps, warm-ups or not."""

    day: date
    exercise: str
    reps: int | None
    warm_up: bool
    count: int


def tallied_week_views(
    tallies: Iterable[SetTally],
    catalog: Catalog,
    starts: Sequence[date],
    unit: WeightUnit = WeightUnit.KG,
) -> list[WeekView]:
    """Week views for the weeks starting on these Mondays, each entry's hard sets and reps
    from the tallies (estimated maxes and effort are left out: no weekly check reads them)."""
    wanted = set(starts)
    grouped: dict[tuple[date, date, str], list[SetTally]] = {}
    for t in tallies:
        monday = monday_of(t.day)
        if monday in wanted:
            grouped.setdefault((monday, t.day, t.exercise), []).append(t)
    per_week: dict[date, list[Entry]] = {m: [] for m in starts}
    unknown: dict[str, int] = {}
    for (monday, day, ex_id), found in sorted(grouped.items()):
        exercise = trained_exercise(catalog, ex_id, sum(t.count for t in found), unknown)
        if exercise is None:
            continue
        hard = [t for t in found if not t.warm_up]
        per_week[monday].append(
            Entry(
                day=day,
                exercise=exercise,
                hard_sets=sum(t.count for t in hard),
                reps=tuple(float(t.reps) for t in hard if t.reps for _ in range(t.count)),
                unit=unit.value,
            )
        )
    return [WeekView(start=m, entries=tuple(per_week[m])) for m in starts]


def audit_tallied_week(
    tallies: Iterable[SetTally],
    catalog: Catalog,
    bands: Mapping[Group, Band],
    week_start: date,
    workouts: int,
) -> WeekAudit:
    """The weekly checks of the week starting on ``week_start`` from its tallies (and the
    day before it, for recovery); ``workouts`` is the week's number of workouts."""
    previous, week = tallied_week_views(
        tallies, catalog, [week_start - timedelta(days=7), week_start]
    )
    return audit_week(week, bands, previous, workouts)


__all__ = ["SetTally", "audit_tallied_week", "tallied_week_views"]
