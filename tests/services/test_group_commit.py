"""Group commit: calls of one key made at once run in batches, each caller gets its own
outcome, and a call alone runs at once."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from strongback.services.group_commit import GroupCommit


def test_a_call_alone_runs_at_once_by_itself() -> None:
    batches: list[list[int]] = []

    def run(key: str, items: Sequence[int]) -> list[int | Exception]:
        batches.append(list(items))
        return [i * 10 for i in items]

    gc: GroupCommit[str, int, int] = GroupCommit(run)
    assert gc.submit("a", 1) == 10
    assert gc.submit("a", 2) == 20
    assert batches == [[1], [2]]


def test_calls_made_while_a_batch_runs_go_together_in_the_next_and_keep_their_outcomes() -> None:
    started, release = threading.Event(), threading.Event()
    batches: list[list[int]] = []

    def run(key: str, items: Sequence[int]) -> list[int | Exception]:
        batches.append(list(items))
        if items == [0]:
            started.set()
            release.wait(timeout=10)
        return [ValueError(f"odd {i}") if i % 2 else i * 10 for i in items]

    gc: GroupCommit[str, int, int] = GroupCommit(run)
    outcomes: dict[int, object] = {}

    def call(i: int) -> None:
        try:
            outcomes[i] = gc.submit("a", i)
        except ValueError as exc:
            outcomes[i] = str(exc)

    first = threading.Thread(target=call, args=(0,))
    first.start()
    assert started.wait(timeout=10)
    others = [threading.Thread(target=call, args=(i,)) for i in range(1, 6)]
    for t in others:
        t.start()
    while sum(len(q.waiting) for q in gc._queues.values()) < 5:  # all five are waiting
        threading.Event().wait(0.01)
    release.set()
    for t in (first, *others):
        t.join(timeout=10)
    assert batches[0] == [0] and sorted(batches[1]) == [1, 2, 3, 4, 5]
    assert outcomes == {0: 0, 1: "odd 1", 2: 20, 3: "odd 3", 4: 40, 5: "odd 5"}
    assert gc._queues == {}


def test_a_batch_that_fails_as_a_whole_fails_each_of_its_calls_and_the_next_still_runs() -> None:
    def run(key: str, items: Sequence[int]) -> list[int | Exception]:
        if key == "broken":
            raise RuntimeError("the database went away")
        return list(items)

    gc: GroupCommit[str, int, int] = GroupCommit(run)
    with pytest.raises(RuntimeError, match="went away"):
        gc.submit("broken", 1)
    assert gc.submit("fine", 2) == 2
    assert gc._queues == {}
