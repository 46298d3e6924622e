"""The API's docs page: every endpoint listed, served without any script (so the app's
Content-Security-Policy cannot break it), and its links lead somewhere."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.test_anonymous import ENDPOINTS


def test_the_docs_page_lists_every_endpoint_without_a_script(anonymous: TestClient) -> None:
    page = anonymous.get("/api/v1/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text.replace('<script src="/static/', "")  # only our own files
    schema = anonymous.get("/openapi.json").json()
    for path, item in schema["paths"].items():
        for method in item if path.startswith("/api/") else ():
            assert f"{method.upper()} {path}" in page.text
    assert len(ENDPOINTS) <= page.text.count('<section class="card"')


def test_the_docs_page_links_lead_somewhere(anonymous: TestClient) -> None:
    page = anonymous.get("/api/v1/docs").text
    for href in set(re.findall(r'href="(/[^"#]*)', page)):
        answer = anonymous.get(href, follow_redirects=False)
        assert answer.status_code in (200, 303), (href, answer.status_code)


def test_the_api_schema_describes_only_the_json_api(anonymous: TestClient) -> None:
    paths = anonymous.get("/openapi.json").json()["paths"]
    pages = [p for p in paths if not p.startswith("/api/v1/")]
    assert pages == []
    assert "/api/v1/workouts" in paths and "/api/v1/docs" not in paths
