"""The worker's database threads: a call runs off the event loop, in a few threads at most,
with the request's context, and its exception reaches the caller."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import TypeVar

import pytest

from strongback.web.db_threads import (
    READ_THREADS,
    WRITE_THREADS,
    in_read_thread,
    in_write_thread,
)
from tests.loops import run_in_own_loop

T = TypeVar("T")
REQUEST = contextvars.ContextVar("REQUEST", default="none")


def test_a_call_runs_in_another_thread_with_the_requests_context() -> None:
    async def main() -> tuple[str, str]:
        REQUEST.set("GET /today")
        return await in_read_thread(lambda: (threading.current_thread().name, REQUEST.get()))

    name, seen = run_in_own_loop(main)
    assert name.startswith("db-read") and seen == "GET /today"


def test_a_failure_in_the_thread_is_raised_to_the_caller() -> None:
    def fails() -> None:
        raise LookupError("no such session")

    with pytest.raises(LookupError, match="no such session"):
        run_in_own_loop(lambda: in_write_thread(fails))


def test_many_reads_at_once_share_a_few_threads_and_the_loop_stays_free() -> None:
    threads: list[str] = []
    guard = threading.Lock()

    def read(i: int) -> int:
        with guard:
            threads.append(threading.current_thread().name)
        threading.Event().wait(0.05)  # a blocking call
        return i

    async def main() -> tuple[list[int], int]:
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.001)
                ticks += 1

        ticker = asyncio.create_task(tick())
        results = await asyncio.gather(*(in_read_thread(read, i) for i in range(40)))
        ticker.cancel()
        return list(results), ticks

    results, ticks = run_in_own_loop(main)
    assert results == list(range(40))
    assert all(name.startswith("db-read") for name in threads)
    assert len(set(threads)) <= READ_THREADS
    assert ticks > 5  # the event loop ran while the calls blocked


def test_when_every_write_thread_waits_another_call_still_runs_at_once() -> None:
    """One user's batch stuck on a lock must not hold up another user's call."""
    release = threading.Event()

    def stuck() -> str:
        release.wait(10)
        return "stuck"

    async def main() -> tuple[str, bool]:
        waiting = [asyncio.ensure_future(in_write_thread(stuck)) for _ in range(WRITE_THREADS)]
        await asyncio.sleep(0.05)
        other = await asyncio.wait_for(
            in_write_thread(lambda: threading.current_thread().name), timeout=5
        )
        still_waiting = not any(w.done() for w in waiting)
        release.set()
        await asyncio.gather(*waiting)
        return other, still_waiting

    other, still_waiting = run_in_own_loop(main)
    assert still_waiting and not other.startswith("db-write")
