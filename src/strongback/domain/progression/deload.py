"""The deload decision across exercises: a lighter week when the plan says so, after weeks of
continuous training, or when several exercises have stalled."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from datetime import date, timedelta

from strongback.domain.progression.prescription import DeloadWeek

# ⚙ Deload after at most 6 weeks of continuous training (surveyed lifters: every 5.6 ± 2.3
# weeks) [ROG24]; a week with at most 60% of the usual sets already was a lighter one.
DELOAD_EVERY_WEEKS = 6
LIGHT_WEEK_SHARE = 0.6


def continuous_weeks(workout_days: Sequence[tuple[date, int]], today: date) -> int:
    """Complete weeks of training in a row before this week, without a lighter week or a gap.

    ``workout_days`` are (day, working sets that day). A week with no training, or with at most
    60% of the median sets of the weeks before it, breaks the run.
    """
    monday = today - timedelta(days=today.weekday())
    per_week: dict[date, int] = {}
    for day, sets in workout_days:
        if day >= monday:
            continue
        wk = day - timedelta(days=day.weekday())
        per_week[wk] = per_week.get(wk, 0) + sets
    if not per_week:
        return 0
    weeks = sorted(per_week)
    # Walk back from last week; stop at the first gap or lighter week.
    run = 0
    wk = monday - timedelta(days=7)
    while wk in per_week:
        before = [per_week[w] for w in weeks if w < wk][-4:]
        if len(before) >= 2 and per_week[wk] <= LIGHT_WEEK_SHARE * statistics.median(before):
            break
        run += 1
        wk -= timedelta(days=7)
    return run


def deload_due(
    *,
    plan_deload: bool = False,
    weeks_in_a_row: int = 0,
    stalled: Sequence[str] = (),
    active: int = 0,
) -> DeloadWeek | None:
    """Whether this week is a lighter one, and why.

    A deload week of the plan; 6 or more weeks of continuous training [ROG24]; or stalls across
    several exercises (⚙ at least 2, and at least a third of those trained lately).
    """
    if plan_deload:
        return DeloadWeek("this is the plan's deload week", planned=True)
    if weeks_in_a_row >= DELOAD_EVERY_WEEKS:
        return DeloadWeek(f"{weeks_in_a_row} weeks of training in a row without a lighter one")
    if len(stalled) >= max(2, math.ceil(active / 3)):
        names = ", ".join(s.replace("-", " ") for s in stalled[:4])
        return DeloadWeek(f"{len(stalled)} exercises have stalled ({names})")
    return None


__all__ = ["DELOAD_EVERY_WEEKS", "LIGHT_WEEK_SHARE", "continuous_weeks", "deload_due"]
