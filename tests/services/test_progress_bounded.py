"""``next`` reads only the recent weeks and each exercise's last sessions, not the whole
history, and prescribes exactly what it would from the whole history (five years of a real
export, with and without a plan, the day after the last workout and weeks later)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from strongback.app import UserScope
from strongback.domain.vocab import Equipment
from strongback.services import importing, planning, progress, training_log
from strongback.storage import Database, open_database
from tests.builders import scope_of
from tests.samples import sample

FIVE_YEARS = sample("strong", "andrew50")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[UserScope, date]]:
    folder = tmp_path_factory.mktemp("bounded")
    database: Database = open_database(f"sqlite:///{folder / 'history.db'}")
    scope = scope_of(database)
    importing.import_file(scope, None, FIVE_YEARS)
    last = training_log.workouts(scope, last=1)[0].day
    try:
        yield scope, last
    finally:
        database.dispose()


def _from_whole_history(scope: UserScope, today: date) -> progress.NextResult:
    with scope.unit_of_work() as uow:
        catalog = scope.catalog.with_extra(uow.custom_exercises.list())
        args = (catalog, uow.profile.get(), uow.workouts.list(), uow.plans.current())
    return progress.prescriptions_for(*args, today=today)


def _same(scope: UserScope, today: date, *, prescribed: bool = True) -> None:
    bounded = progress.next_prescriptions(scope, today=today)
    whole = _from_whole_history(scope, today)
    assert bool(bounded.prescriptions) is prescribed
    assert {p.exercise: p for p in bounded.prescriptions} == {
        p.exercise: p for p in whole.prescriptions
    }
    assert (bounded.deload, bounded.source, bounded.message) == (
        whole.deload,
        whole.source,
        whole.message,
    )


@pytest.mark.slow
def test_next_from_recent_weeks_equals_next_from_the_whole_history(
    history: tuple[UserScope, date],
) -> None:
    scope, last = history
    _same(scope, last + timedelta(days=1))
    # Nothing in the last 4 weeks and no plan: nothing to prescribe, and the same words say so.
    _same(scope, last + timedelta(days=40), prescribed=False)
    owned = frozenset({Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.BENCH,
                       Equipment.CABLE_STATION, Equipment.LAT_PULLDOWN})  # fmt: skip
    plan = planning.build_plan(
        scope.catalog, planning.PlanRequest(days=4, minutes=60, equipment=owned)
    )
    monday = last - timedelta(days=last.weekday())
    planning.save_plan(scope, plan, start=monday)
    for days_after in (1, 40):
        _same(scope, last + timedelta(days=days_after))


@pytest.mark.slow
def test_next_reads_a_bounded_part_of_a_long_history(history: tuple[UserScope, date]) -> None:
    scope, last = history
    today = last + timedelta(days=1)
    with scope.unit_of_work() as uow:
        read = progress.bounded_history(uow, [], today)
        everything = uow.workouts.list()
    read_sets = sum(len(w.sets) for w in read)
    all_sets = sum(len(w.sets) for w in everything)
    assert 0 < read_sets < all_sets / 5, (read_sets, all_sets)


@pytest.mark.slow
def test_the_today_page_reads_the_bounded_history_and_shows_the_same(
    history: tuple[UserScope, date], monkeypatch: pytest.MonkeyPatch
) -> None:
    from strongback.services import today as today_page

    scope, last = history
    day = last + timedelta(days=1)
    bounded = today_page.today_session(scope, day)
    monkeypatch.setattr(today_page, "history_for", lambda uow, plan, day: uow.workouts.list())
    whole = today_page.today_session(scope, day)
    assert bounded.items, "nothing shown: the comparison would prove nothing"
    assert bounded == whole
