"""Today pages asked for at once by several signed-in browsers: their sessions are looked up
together, in one query per batch, and each browser gets its own account's page."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import httpx
import pytest

from strongback.app import Strongback
from strongback.domain.accounts import SignedIn
from strongback.services import accounts, training_log
from strongback.services.training_log import LogRequest
from strongback.web import deps
from strongback.web.app import create_app
from strongback.web.security import SESSION_COOKIE
from tests.loops import run_in_own_loop, until

NOTHING_FOR_THE_REAR_DELTS = "rear-delts: 0 sets"


def _cookie(strongback: Strongback, email: str) -> str:
    account = accounts.sign_up(strongback, email, "a password long enough")
    return accounts.start_session(strongback, account)


def test_pages_asked_for_at_once_sign_in_together_and_each_shows_its_own_account(
    strongback: Strongback, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = _cookie(strongback, "ada@example.org")
    bo = _cookie(strongback, "bo@example.org")
    bo_id = accounts.account_by_email(strongback, "bo@example.org").id
    for _ in range(3):
        training_log.log_sets(strongback.scope(bo_id), LogRequest("face-pull", reps=(15,)))

    batches: list[int] = []
    first_in, first_out = threading.Event(), threading.Event()
    real = accounts.sessions_signed_in

    def gathered(deployment: Strongback, cookies: Sequence[str]) -> list[SignedIn | None]:
        batches.append(len(cookies))
        if len(batches) == 1:  # the first batch is in its thread while the others arrive
            first_in.set()
            first_out.wait(timeout=10)
        return real(deployment, cookies)

    monkeypatch.setattr(accounts, "sessions_signed_in", gathered)

    async def browse() -> list[tuple[str, httpx.Response]]:
        transport = httpx.ASGITransport(app=create_app(strongback))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

            async def today(cookie: str) -> tuple[str, httpx.Response]:
                page = await client.get("/today", headers={"Cookie": f"{SESSION_COOKIE}={cookie}"})
                return cookie, page

            first = asyncio.ensure_future(today(ada))
            try:
                assert await asyncio.to_thread(first_in.wait, 10)
                rest = asyncio.ensure_future(asyncio.gather(*(today(c) for c in [ada, bo] * 5)))
                await until(lambda: deps._SIGN_INS.waiting(strongback) == 10)  # the next batch
            finally:
                first_out.set()
            return [await first, *await rest]

    pages = run_in_own_loop(browse)
    assert batches == [1, 10]
    assert [page.status_code for _, page in pages] == [200] * 11
    for cookie, page in pages:
        assert (NOTHING_FOR_THE_REAR_DELTS in page.text) == (cookie == ada), cookie
