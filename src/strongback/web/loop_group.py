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
from functools import partial
from typing import Generic, TypeVar

from strongback.services.group_commit import checked_outcomes

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
R = TypeVar("R")

Batch = Callable[[K, Sequence[T]], Sequence[R | Exception]]
"""A batch: ``run(key, items)`` gives each item's outcome, in order."""

MAX_BATCH = 500
"""Calls per batch at most: a batch's items may become one statement's parameters."""


@dataclass(eq=False)
class _Queue(Generic[T, R]):
    drain: asyncio.Task[None] | None = None
    waiting: list[tuple[T, asyncio.Future[R]]] = field(default_factory=list)


class LoopGroup(Generic[K, T, R]):
    """Runs the calls of one key asked for at once in one loop as batches: ``run(key, items)``
    in a thread (``await hop(run, key, items)``: ``db_threads.in_read_thread``) gives each
    item's outcome (its result or its exception), in order."""

    def __init__(
        self,
        run: Batch[K, T, R],
        hop: Callable[[Batch[K, T, R], K, Sequence[T]], Awaitable[Sequence[R | Exception]]],
        *,
        max_batch: int = MAX_BATCH,
    ) -> None:
        self._run = run
        self._hop = hop
        self._max_batch = max_batch
        # Per event loop (a test's client may run its own): the keys with a batch under way.
        self._queues: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[K, _Queue[T, R]]
        ] = weakref.WeakKeyDictionary()

    async def submit(self, key: K, item: T) -> R:
        """The outcome of ``item``: returned, or raised, once its batch has run."""
        loop = asyncio.get_running_loop()
        queues = self._queues.setdefault(loop, {})
        future: asyncio.Future[R] = loop.create_future()
        queue = queues.get(key)
        if queue is None or queue.drain is None or queue.drain.done():
            # A drain that ended before its first step and whose end is not handled yet (see
            # _never_started) hands its calls on to the next.
            queue = queues[key] = _Queue(waiting=queue.waiting if queue is not None else [])
            queue.waiting.append((item, future))  # before the drain may look
            queue.drain = loop.create_task(self._drain(queues, key, queue))
            queue.drain.add_done_callback(partial(_never_started, queues, key, queue))
        else:
            queue.waiting.append((item, future))
        return await future

    def waiting(self, key: K) -> int:
        """How many calls of ``key`` wait for a batch in the running loop."""
        queue = self._queues.get(asyncio.get_running_loop(), {}).get(key)
        return len(queue.waiting) if queue is not None else 0

    async def _drain(self, queues: dict[K, _Queue[T, R]], key: K, queue: _Queue[T, R]) -> None:
        batch: list[tuple[T, asyncio.Future[R]]] = []
        try:
            while queue.waiting:
                # Calls whose request went away (cancelled) are dropped before they run.
                live = [call for call in queue.waiting if not call[1].done()]
                batch, queue.waiting = live[: self._max_batch], live[self._max_batch :]
                if not batch:
                    continue
                try:
                    outcomes = checked_outcomes(
                        await self._hop(self._run, key, [item for item, _ in batch]), len(batch)
                    )
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
            if queues.get(key) is queue:
                del queues[key]
            for _, future in [*batch, *queue.waiting]:
                future.cancel()


def _never_started(
    queues: dict[K, _Queue[T, R]], key: K, queue: _Queue[T, R], _drain: asyncio.Task[None]
) -> None:
    # A drain cancelled before its first step (the loop closing) ran no ``finally``: its calls
    # are cancelled here, and its key freed, unless a call came meanwhile and took them on.
    if queues.get(key) is queue:
        del queues[key]
        for _, future in queue.waiting:
            future.cancel()


__all__ = ["MAX_BATCH", "Batch", "LoopGroup"]
