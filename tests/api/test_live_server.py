"""The API through the real server (``strongback serve --workers 2`` in a subprocess) on each
engine: the same create sent at once to both workers stores one workout."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from strongback.app import Strongback
from strongback.services import accounts
from strongback.settings import Settings
from tests.api.test_workouts_api import body
from tests.web.live import LiveServer


def _token(db_url: str) -> str:
    with Strongback(Settings(database_url=db_url)) as strongback:
        account = accounts.sign_up(strongback, "racer@example.com", "a long enough password 1")
        return accounts.create_token(strongback, account.id, "race")[1]


@pytest.mark.slow
def test_one_client_id_sent_at_once_to_two_workers_stores_one_workout(
    two_workers: LiveServer, db_url: str
) -> None:
    headers = {"Authorization": f"Bearer {_token(db_url)}"}
    payload = body(client_id=str(uuid.uuid4()))
    url = f"{two_workers.base_url}/api/v1/workouts"

    def send(_: int) -> Any:
        # One connection each, so the requests spread over both workers.
        with httpx.Client(headers=headers, timeout=60) as client:
            return client.post(url, json=payload)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, range(8)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 7 + [201], [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    listed = httpx.get(url, headers=headers, timeout=30).json()
    assert len(listed["items"]) == 1 and listed["next"] is None
