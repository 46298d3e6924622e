"""The worker's threads for its database calls.

Database calls are blocking, so an async route runs them in a thread. Starlette's
``run_in_threadpool`` uses anyio's pool of up to forty threads: under load, as many threads as
requests in flight then take turns at Python's global lock, and the hand-offs cost more CPU than
the calls themselves (a kept today page on PostgreSQL: about 1 ms of CPU per request, half of it
in those hand-offs). A few threads keep as many calls in flight as the database can serve from
one worker while the lock changes hands far less often.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

READ_THREADS = 4
"""Threads for the short reads of the fast lanes (signing in, the data version)."""
WRITE_THREADS = 8
"""Threads for the writes of the fast lanes: a set logged waits for its batch's commit, so a
few more calls stay in flight to be gathered into one batch."""

_pools: dict[str, ThreadPoolExecutor] = {}
_made = threading.Lock()


def _pool(name: str, size: int) -> ThreadPoolExecutor:
    # Made on first use, in the worker process (never inherited across a fork).
    pool = _pools.get(name)
    if pool is None:
        with _made:
            pool = _pools.get(name)
            if pool is None:
                pool = _pools[name] = ThreadPoolExecutor(size, thread_name_prefix=f"db-{name}")
    return pool


async def _in(name: str, size: int, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    context = contextvars.copy_context()  # as run_in_threadpool does: the request's context
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool(name, size), lambda: context.run(fn, *args, **kwargs))


async def in_read_thread(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` in one of the worker's read threads; its result or exception."""
    return await _in("read", READ_THREADS, fn, *args, **kwargs)


async def in_write_thread(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` in one of the worker's write threads; its result or exception."""
    return await _in("write", WRITE_THREADS, fn, *args, **kwargs)


__all__ = ["READ_THREADS", "WRITE_THREADS", "in_read_thread", "in_write_thread"]
