"""The worker's database threads: a call runs off the event loop, in a few threads at most,
with the request's context, and its exception reaches the caller."""

from __future__ import annotations

import asyncio
import contextvars
import threading

import pytest

from strongback.web.db_threads import READ_THREADS, in_read_thread, in_write_thread

REQUEST = contextvars.ContextVar("REQUEST", default="none")


def test_a_call_runs_in_another_thread_with_the_requests_context() -> None:
    async def main() -> tuple[str, str]:
        REQUEST.set("GET /today")
        return await in_read_thread(lambda: (threading.current_thread().name, REQUEST.get()))

    name, seen = asyncio.run(main())
    assert name.startswith("db-read") and seen == "GET /today"


def test_a_failure_in_the_thread_is_raised_to_the_caller() -> None:
    def fails() -> None:
        raise LookupError("no such session")

    with pytest.raises(LookupError, match="no such session"):
        asyncio.run(in_write_thread(fails))


def test_many_calls_at_once_share_a_few_threads_and_the_loop_stays_free() -> None:
    threads: set[str] = set()
    in_flight = 0
    most = 0
    guard = threading.Lock()

    def read(i: int) -> int:
        nonlocal in_flight, most
        with guard:
            in_flight += 1
            most = max(most, in_flight)
            threads.add(threading.current_thread().name)
        threading.Event().wait(0.01)  # a blocking call
        with guard:
            in_flight -= 1
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

    results, ticks = asyncio.run(main())
    assert results == list(range(40))
    assert most <= READ_THREADS and len(threads) <= READ_THREADS
    assert ticks > 10  # the event loop ran while the calls blocked
