"""What counts as the database refusing the data (one line, InvalidInput, nothing stored) and
what does not: a busy database or a lost connection goes on as it is, since a commit sent
before the connection broke may have gone through and must not be retried."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from strongback.domain.errors import InvalidInput
from strongback.storage.repositories.rows import _refusals_as_invalid_input


@pytest.mark.parametrize(
    "refusal",
    [errors.StringDataRightTruncation("value too long"), errors.UniqueViolation("duplicate")],
)
def test_a_value_the_server_refuses_is_invalid_input_in_one_line(refusal: Exception) -> None:
    refused = pytest.raises(InvalidInput, match="the database refused the data")
    with refused, _refusals_as_invalid_input():
        raise refusal


def test_a_lost_connection_is_not_a_refusal_of_the_data() -> None:
    lost = psycopg.OperationalError("server closed the connection unexpectedly")
    with pytest.raises(psycopg.OperationalError), _refusals_as_invalid_input():
        raise lost
