"""Calls asked for at once in a worker's event loop, made together: one database thread hop for
a batch.

The event loop's counterpart of ``services.group_commit``. A coroutine asks ``await
group.submit(key, item)``; while a batch of that key is in its thread, what is asked for the key
waits in the loop and goes as the next batch. Alone, a call goes at once. Under load, a worker's
requests pay for one thread hop (and one query) per batch instead of one each: the hand-offs
between the loop and the threads cost more CPU than a short query, and a worker short of CPU
makes every request wait for it.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
R = TypeVar("R")

Hop = Callable[..., Awaitable[Any]]
"""How a batch reaches its thread: ``await hop(fn, *args)`` (``db_threads.in_read_thread``)."""


@dataclass(eq=False)
class _Queue(Generic[T, R]):
    waiting: list[tuple[T, asyncio.Future[R]]] = field(default_factory=list)


class LoopGroup(Generic[K, T, R]):
    """Runs the calls of one key asked for at once in one loop as batches: ``run(key, items)``
    in a thread (by ``hop``) gives each item's outcome (its result or its exception), in
    order."""

    def __init__(self, run: Callable[[K, Sequence[T]], Sequence[R | Exception]], hop: Hop) -> None:
        self._run = run
        self._hop = hop
        # Per event loop (a test's client may run its own): the keys with a batch under way.
        self._queues: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[K, _Queue[T, R]]
        ] = weakref.WeakKeyDictionary()
        self._drains: set[asyncio.Task[None]] = set()  # held: the loop keeps weak references

    async def submit(self, key: K, item: T) -> R:
        """The outcome of ``item``: returned, or raised, once its batch has run."""
        loop = asyncio.get_running_loop()
        queues = self._queues.setdefault(loop, {})
        future: asyncio.Future[R] = loop.create_future()
        queue = queues.get(key)
        if queue is None:
            queue = queues[key] = _Queue()
            drain = loop.create_task(self._drain(queues, key, queue))
            self._drains.add(drain)
            drain.add_done_callback(self._drains.discard)
        queue.waiting.append((item, future))
        return await future

    async def _drain(self, queues: dict[K, _Queue[T, R]], key: K, queue: _Queue[T, R]) -> None:
        batch: list[tuple[T, asyncio.Future[R]]] = []
        try:
            while queue.waiting:
                batch, queue.waiting = queue.waiting, []
                try:
                    outcomes = await self._hop(self._run, key, [item for item, _ in batch])
                    if len(outcomes) != len(batch):
                        raise RuntimeError(f"{len(outcomes)} outcomes for {len(batch)} calls")
                except Exception as exc:  # a failure of the batch as a whole: every caller's
                    outcomes = [exc] * len(batch)
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if future.done():  # its request went away meanwhile
                        continue
                    if isinstance(outcome, Exception):
                        future.set_exception(outcome)
                    else:
                        future.set_result(outcome)
                batch = []
        finally:
            # Nothing is left waiting: the key's next call starts a batch of its own. Cancelled
            # (the loop closing), the calls still here are cancelled with it.
            del queues[key]
            for _, future in [*batch, *queue.waiting]:
                future.cancel()


__all__ = ["LoopGroup"]
