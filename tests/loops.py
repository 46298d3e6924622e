"""Event loops in tests: a coroutine run on a loop of its own, and a wait for a condition."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_loop(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``main()`` to its end on a loop in a thread of its own: this test process may
    already run an event loop on its main thread (the browser tests' driver)."""
    with ThreadPoolExecutor(1) as runner:
        return runner.submit(lambda: asyncio.run(main())).result()


async def until(condition: Callable[[], bool], seconds: float = 10) -> None:
    """Wait in the loop until ``condition()`` holds (AssertionError after ``seconds``)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while not condition():
        assert loop.time() < end, f"not so after {seconds} s"
        await asyncio.sleep(0.01)
