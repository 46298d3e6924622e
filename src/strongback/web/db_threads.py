"""The worker's threads for its database calls.

Database calls are blocking, so an async route runs them in a thread. Starlette's
``run_in_threadpool`` uses anyio's pool of up to forty threads: under load, as many threads as
requests in flight then take turns at Python's global lock, and the hand-offs cost more CPU than
the calls themselves (a kept today page on PostgreSQL: about 1 ms of CPU per request, half of it
in those hand-offs). A few threads keep as many calls in flight as the database can serve from
one worker while the lock changes hands far less often. A write may wait (one user's batch
on a lock): when every write thread is taken, further writes go to anyio's pool as before, so a
stuck user never queues another's behind it. Reads never wait on writers, so they queue for
the read threads.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool

P = ParamSpec("P")
R = TypeVar("R")

READ_THREADS = 4
"""Threads for the short reads of the fast lanes (signing in, the data version)."""
WRITE_THREADS = 8
"""Threads for the writes of the fast lanes, one per batch in flight (each key's batches go one
at a time, ``web.loop_group``): a batch may wait on its user's writer lock, so there are more
than read threads."""

_pools: dict[str, ThreadPoolExecutor] = {}
_busy: dict[str, int] = {}  # calls given to each pool and not returned yet
_made = threading.Lock()


def _forget_pools() -> None:
    # A forked child has none of its parent's threads: it makes its own pools on first use.
    global _made
    _made = threading.Lock()
    _pools.clear()
    _busy.clear()


os.register_at_fork(after_in_child=_forget_pools)


def _pool(name: str, size: int) -> ThreadPoolExecutor:
    # Made on first use, in the worker process (never inherited across a fork).
    pool = _pools.get(name)
    if pool is None:
        with _made:
            pool = _pools.get(name)
            if pool is None:
                pool = _pools[name] = ThreadPoolExecutor(size, thread_name_prefix=f"db-{name}")
    return pool


async def _in(
    name: str, size: int, spill: bool, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs
) -> R:
    with _made:
        overflow = spill and _busy.get(name, 0) >= size
        if not overflow:
            _busy[name] = _busy.get(name, 0) + 1
    if overflow:
        return await run_in_threadpool(fn, *args, **kwargs)
    context = contextvars.copy_context()  # as run_in_threadpool does: the request's context
    try:
        return await asyncio.get_running_loop().run_in_executor(
            _pool(name, size), partial(context.run, fn, *args, **kwargs)
        )
    finally:
        with _made:
            _busy[name] -= 1


async def in_read_thread(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` in one of the worker's read threads; its result or exception."""
    return await _in("read", READ_THREADS, False, fn, *args, **kwargs)


async def in_write_thread(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args, **kwargs)`` in one of the worker's write threads, or in anyio's pool when
    they are all taken; its result or exception."""
    return await _in("write", WRITE_THREADS, True, fn, *args, **kwargs)


__all__ = ["READ_THREADS", "WRITE_THREADS", "in_read_thread", "in_write_thread"]
