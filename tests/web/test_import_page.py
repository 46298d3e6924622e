"""The import page with a real export from the shared samples: the summary, then a name the
catalog did not know matched from the page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.samples import sample
from tests.web.helpers import csrf_of, sign_up
from tests.web.test_pages import submit


def test_import_of_a_real_strong_export_then_a_name_is_matched(
    make_client: Callable[..., Any],
) -> None:
    ada = make_client()
    sign_up(ada, "ada@example.org")
    path = sample("strong", "ys-math")
    token = csrf_of(ada.get("/import").text)
    with path.open("rb") as handle:
        response = ada.post(
            "/import", data={"csrf_token": token}, files={"file": (path.name, handle, "text/csv")}
        )
    assert response.status_code == 200, response.text
    assert f"Imported {path.name}" in response.text
    names = re.findall(r'name="name" value="([^"]+)"', response.text)
    assert names, "the sample has names the catalog does not know"
    mapped = submit(ada, "/import", "/import/map", {"name": names[0], "other": "goblet-squat"})
    assert "Mapped" in mapped.text
    assert f'name="name" value="{names[0]}"' not in mapped.text


def test_every_imported_name_on_the_records_page_links_to_a_card(
    make_client: Callable[..., Any],
) -> None:
    ada = make_client()
    sign_up(ada, "ada@example.org")
    path = sample("strong", "ys-math")
    token = csrf_of(ada.get("/import").text)
    with path.open("rb") as handle:
        ada.post("/import", data={"csrf_token": token}, files={"file": (path.name, handle)})
    links = set(re.findall(r'href="(/catalog/[^"]+)"', ada.get("/records").text))
    assert len(links) > 5
    for link in sorted(links):
        assert ada.get(link).status_code == 200, link
