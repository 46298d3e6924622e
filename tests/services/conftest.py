"""Fixtures of the use-case tests: the composition root on a fresh database of each engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from strongback.app import Strongback
from strongback.settings import Settings


@pytest.fixture
def strongback(db_url: str) -> Iterator[Strongback]:
    """The composition root on a fresh database of each engine."""
    with Strongback(Settings(database_url=db_url)) as app:
        yield app
