"""Calls asked for at once in one event loop go to their thread as batches: each caller gets its
own outcome, a failure stays in its batch, and a caller that goes away leaves the rest alone."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import TypeVar

import pytest

from strongback.web.db_threads import in_read_thread
from strongback.web.loop_group import LoopGroup
from tests.loops import run_in_own_loop

T = TypeVar("T")


class Recorder:
    """A batch function that records each batch, runs slowly, and fails where told."""

    def __init__(self, pause: float = 0.05) -> None:
        self.batches: list[tuple[str, list[int]]] = []
        self.threads: set[str] = set()
        self.pause = pause
        self.fail_batch: int | None = None  # the batch (its number) that fails as a whole

    def __call__(self, key: str, items: Sequence[int]) -> list[int | Exception]:
        self.batches.append((key, list(items)))
        self.threads.add(threading.current_thread().name)
        threading.Event().wait(self.pause)  # a blocking query
        if self.fail_batch == len(self.batches):
            raise ConnectionError("the database went away")
        return [ValueError(f"no {i}") if i < 0 else i * 10 for i in items]


def test_calls_asked_for_at_once_go_as_few_batches_each_answered_with_its_own_outcome() -> None:
    run = Recorder()
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> list[int]:
        return await asyncio.gather(*(group.submit("ada", i) for i in range(20)))

    assert run_in_own_loop(main) == [i * 10 for i in range(20)]
    assert len(run.batches) == 1  # all asked before the batch's first step
    assert sorted(i for _, items in run.batches for i in items) == list(range(20))
    assert all(name.startswith("db-read") for name in run.threads)


def test_a_lone_call_goes_at_once_in_a_batch_of_its_own() -> None:
    run = Recorder(pause=0)
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> list[int]:
        return [await group.submit("ada", 1), await group.submit("ada", 2)]

    assert run_in_own_loop(main) == [10, 20]
    assert run.batches == [("ada", [1]), ("ada", [2])]


def test_an_items_failure_is_its_callers_alone() -> None:
    group: LoopGroup[str, int, int] = LoopGroup(Recorder(), in_read_thread)

    async def main() -> list[int | BaseException]:
        return await asyncio.gather(
            *(group.submit("ada", i) for i in (1, -2, 3)), return_exceptions=True
        )

    first, failed, third = run_in_own_loop(main)
    assert (first, third) == (10, 30)
    assert isinstance(failed, ValueError) and str(failed) == "no -2"


def test_a_batch_that_fails_fails_its_callers_and_the_next_batch_still_runs() -> None:
    run = Recorder()
    run.fail_batch = 1
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> tuple[list[int | BaseException], int]:
        first = asyncio.ensure_future(group.submit("ada", 1))
        await asyncio.sleep(0.01)  # the first batch is in its thread
        later = await asyncio.gather(group.submit("ada", 2), group.submit("ada", 3))
        return [*await asyncio.gather(first, return_exceptions=True), *later], len(run.batches)

    outcomes, batches = run_in_own_loop(main)
    assert isinstance(outcomes[0], ConnectionError)
    assert outcomes[1:] == [20, 30] and batches == 2


def test_a_caller_that_goes_away_leaves_the_others_answered() -> None:
    run = Recorder()
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> tuple[list[int], int]:
        leaving = asyncio.ensure_future(group.submit("ada", 1))
        staying = [asyncio.ensure_future(group.submit("ada", i)) for i in (2, 3)]
        await asyncio.sleep(0.01)
        leaving.cancel()  # its client hung up
        answers = list(await asyncio.gather(*staying))
        return [*answers, await group.submit("ada", 4)], len(run.batches)

    answers, batches = run_in_own_loop(main)
    assert answers == [20, 30, 40] and batches == 2


def test_each_key_has_its_own_batches_running_side_by_side() -> None:
    both_running = threading.Barrier(2, timeout=10)  # broken if one key waits for the other

    def run(key: str, items: Sequence[int]) -> list[int | Exception]:
        both_running.wait()
        return [i * 10 for i in items]

    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> list[int]:
        return list(await asyncio.gather(group.submit("ada", 1), group.submit("bo", 2)))

    assert run_in_own_loop(main) == [10, 20]


@pytest.mark.parametrize("outcomes", [[], [1, 2, 3]])
def test_a_batch_answering_the_wrong_number_of_outcomes_fails_its_callers(
    outcomes: list[int],
) -> None:
    group: LoopGroup[str, int, int] = LoopGroup(lambda _key, _items: outcomes, in_read_thread)

    async def main() -> list[int | BaseException]:
        return await asyncio.gather(group.submit("ada", 1), return_exceptions=True)

    (failed,) = run_in_own_loop(main)
    assert isinstance(failed, RuntimeError) and "outcomes for" in str(failed)


def test_a_drain_cancelled_before_it_starts_leaves_no_caller_waiting_nor_the_key_stuck() -> None:
    run = Recorder(pause=0)
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> tuple[bool, int]:
        first = asyncio.ensure_future(group.submit("ada", 1))
        await asyncio.sleep(0)  # asked: its drain is made, not started
        (drain,) = [
            t for t in asyncio.all_tasks() if t.get_coro().__qualname__ == "LoopGroup._drain"
        ]
        drain.cancel()  # as the loop's closing does
        await asyncio.wait([first], timeout=5)
        return first.cancelled(), await group.submit("ada", 2)

    assert run_in_own_loop(main) == (True, 20)
    assert run.batches == [("ada", [2])]


def test_a_call_cancelled_before_its_batch_is_not_run() -> None:
    run = Recorder(pause=0)
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread)

    async def main() -> int:
        leaving = asyncio.ensure_future(group.submit("ada", 1))
        await asyncio.sleep(0)  # asked, its batch not taken yet
        leaving.cancel()
        return await group.submit("ada", 2)

    assert run_in_own_loop(main) == 20
    assert run.batches == [("ada", [2])]


def test_calls_beyond_the_batch_limit_go_in_the_next_batch() -> None:
    run = Recorder(pause=0)
    group: LoopGroup[str, int, int] = LoopGroup(run, in_read_thread, max_batch=4)

    async def main() -> list[int]:
        return list(await asyncio.gather(*(group.submit("ada", i) for i in range(10))))

    assert run_in_own_loop(main) == [i * 10 for i in range(10)]
    assert [items for _, items in run.batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
