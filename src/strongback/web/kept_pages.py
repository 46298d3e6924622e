"""Pages a worker keeps: a user's page rendered once and served again while nothing it shows
changed.

A kept page is keyed on what it depends on: the page, the user, the version of the user's data
(``users.data_version``, raised by every write to their rows and read with the signed-in
session in one query, so a write through any worker makes every worker render the page again),
the day, and the account the page's frame shows. Its HTML holds a placeholder where the
browser's own CSRF token goes (a page is kept per user, not per browser), put in when served.
Bounded: the least recently served pages go first.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from datetime import date
from functools import partial

from fastapi import Request
from fastapi.responses import HTMLResponse

from strongback.domain.accounts import Account
from strongback.web.deps import Caller, expected_csrf_token

DEFAULT_CAPACITY = 256  # pages (a today page is about 40 kB)

# Rendered where the CSRF token goes; a token's own form (64 hex digits), so escaped alike, and
# random per process, so no page's text holds it by chance.
CSRF_PLACEHOLDER = secrets.token_hex(32)


@dataclass(frozen=True)
class PageKey:
    """What a kept page depends on, beyond the catalog of the process."""

    page: str
    user_id: int
    data_version: int
    day: date
    account: Account
    extra: Hashable = None


class KeptPages:
    """A bounded map of kept pages, least recently served first out (thread-safe: sync routes
    run in a thread pool)."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self.capacity = capacity
        self._pages: OrderedDict[PageKey, str] = OrderedDict()
        self._lock = threading.Lock()
        self._rendering: dict[PageKey, asyncio.Future[str]] = {}  # the event loop's only

    async def page(self, key: PageKey | None, render: Callable[[], Awaitable[str]]) -> str:
        """The page kept under ``key``, else rendered by ``render`` and kept. Requests that
        miss the same page at once (a burst of them after a write) wait for one rendering
        instead of each making its own."""
        if key is None:
            return await render()
        html = self.get(key)
        if html is not None:
            return html
        rendering = self._rendering.get(key)
        if rendering is None:
            rendering = asyncio.ensure_future(render())
            self._rendering[key] = rendering
            rendering.add_done_callback(partial(self._rendered, key))
        # Shielded: a waiter that goes away (its browser closed) does not cancel the others'.
        return await asyncio.shield(rendering)

    def _rendered(self, key: PageKey, rendering: asyncio.Future[str]) -> None:
        del self._rendering[key]
        if not rendering.cancelled() and rendering.exception() is None:
            self.put(key, rendering.result())

    def get(self, key: PageKey) -> str | None:
        """The page kept under ``key``, or None."""
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
            return html

    def put(self, key: PageKey, html: str) -> None:
        """Keep a page (the least recently served one goes when full)."""
        with self._lock:
            self._pages[key] = html
            self._pages.move_to_end(key)
            while len(self._pages) > self.capacity:
                self._pages.popitem(last=False)

    def __len__(self) -> int:
        return len(self._pages)


def page_key(page: str, who: Caller, day: date, extra: Hashable = None) -> PageKey | None:
    """The key of a page for this caller, or None when it cannot be kept (signed in by token,
    or anonymous: no data version was read)."""
    if who.account is None or who.data_version is None:
        return None
    return PageKey(page, who.account.id, who.data_version, day, who.account, extra)


def kept_pages(request: Request) -> KeptPages:
    """The worker's kept pages (made by ``create_app``)."""
    pages: KeptPages = request.app.state.kept_pages
    return pages


def serve_kept(request: Request, who: Caller, html: str) -> HTMLResponse:
    """A kept page with this browser's CSRF token in place."""
    return HTMLResponse(html.replace(CSRF_PLACEHOLDER, expected_csrf_token(request, who)))


__all__ = [
    "CSRF_PLACEHOLDER",
    "DEFAULT_CAPACITY",
    "KeptPages",
    "PageKey",
    "kept_pages",
    "page_key",
    "serve_kept",
]
