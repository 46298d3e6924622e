"""Group commit: calls made at once for the same key run together, in one unit of work.

A thread that finds no batch running for its key leads: it runs what is waiting (its own call
and whatever arrived meanwhile) in one go, hands each caller its outcome, and passes the lead to
a caller still waiting, who runs the next batch. Alone, a call runs at once, by itself; under
load, each batch pays for one transaction (its lock, its commit) instead of one per call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

K = TypeVar("K")  # hashable: the key of a dict
T = TypeVar("T")
R = TypeVar("R")


@dataclass(eq=False)
class _Ticket(Generic[T, R]):
    item: T
    done: threading.Event = field(default_factory=threading.Event)
    outcome: R | Exception | None = None
    leads: bool = False


@dataclass(eq=False)
class _Queue(Generic[T, R]):
    waiting: list[_Ticket[T, R]] = field(default_factory=list)
    running: bool = False


def checked_outcomes(outcomes: Sequence[R | Exception], calls: int) -> Sequence[R | Exception]:
    """A batch's outcomes, one per call (RuntimeError when the batch answered another count)."""
    if len(outcomes) != calls:
        raise RuntimeError(f"{len(outcomes)} outcomes for {calls} calls")
    return outcomes


class GroupCommit(Generic[K, T, R]):
    """Runs concurrent calls of one key in batches: ``run(key, items)`` gives each item's
    outcome (its result or its exception), in order."""

    def __init__(self, run: Callable[[K, Sequence[T]], Sequence[R | Exception]]) -> None:
        self._run = run
        self._guard = threading.Lock()
        self._queues: dict[K, _Queue[T, R]] = {}

    def submit(self, key: K, item: T) -> R:
        """The outcome of ``item``: returned, or raised, once its batch has run."""
        ticket: _Ticket[T, R] = _Ticket(item)
        with self._guard:
            queue = self._queues.setdefault(key, _Queue())
            queue.waiting.append(ticket)
            ticket.leads = not queue.running
            queue.running = True
        if not ticket.leads:
            ticket.done.wait()
        if ticket.leads:  # led from the start, or handed the lead while waiting
            self._lead(key, queue)
        if isinstance(ticket.outcome, Exception):
            raise ticket.outcome
        return ticket.outcome  # type: ignore[return-value]

    def _lead(self, key: K, queue: _Queue[T, R]) -> None:
        with self._guard:
            batch, queue.waiting = queue.waiting, []
        # Made per batch: an exception raised again keeps growing its traceback.
        outcomes: Sequence[R | Exception] = [RuntimeError("the batch was interrupted")] * len(batch)
        try:
            outcomes = checked_outcomes(self._run(key, [t.item for t in batch]), len(batch))
        except Exception as exc:  # a failure of the batch as a whole: every caller's
            outcomes = [exc] * len(batch)
        finally:  # even when interrupted: no caller waits forever, the next batch runs
            self._hand_over(key, queue)
            for ticket, outcome in zip(batch, outcomes, strict=True):
                ticket.outcome = outcome
                if not ticket.leads:
                    ticket.done.set()

    def _hand_over(self, key: K, queue: _Queue[T, R]) -> None:
        """The lead to the first caller waiting, or the key's queue dropped when none is."""
        with self._guard:
            if queue.waiting:
                queue.waiting[0].leads = True
                queue.waiting[0].done.set()
            else:
                queue.running = False
                del self._queues[key]


__all__ = ["GroupCommit", "checked_outcomes"]
