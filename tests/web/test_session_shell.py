"""The session page's shell through the app in-process: signed in only, its script, styles and
manifest linked (no inline script), the service worker served from the root, the manifest
starting at /session, and the today page leading to it."""

from __future__ import annotations

import json
from typing import Any

from strongback.web.templating import HTMX_FILE
from tests.web.helpers import form_post


def test_the_session_page_is_for_signed_in_users_only(client: Any) -> None:
    response = client.get("/session", follow_redirects=False)
    assert response.status_code in (302, 303, 307)
    assert "/login" in response.headers["location"]


def test_the_page_links_its_script_manifest_and_csrf_token(signed_up_user: dict[str, Any]) -> None:
    page = signed_up_user["client"].get("/session")
    assert page.status_code == 200
    text = page.text
    assert '<script src="/static/session.js" defer></script>' in text
    assert '<link rel="manifest" href="/static/manifest.webmanifest">' in text
    assert '<meta name="csrf-token" content="' in text
    assert "<script>" not in text  # the CSP forbids inline script
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_the_service_worker_and_manifest_make_it_installable(client: Any) -> None:
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["service-worker-allowed"] == "/"
    assert "'/session'" in worker.text and "'/static/session.js'" in worker.text
    manifest = json.loads(client.get("/static/manifest.webmanifest").text)
    assert manifest["start_url"] == "/session" and manifest["display"] == "standalone"
    for path in ("/static/session.js", "/static/session.css", manifest["icons"][0]["src"]):
        assert client.get(path).status_code == 200, path


def test_every_asset_the_worker_caches_exists(client: Any) -> None:
    worker = client.get("/sw.js").text
    shell = worker.split("const SHELL = [", 1)[1].split("];", 1)[0]
    paths = [line.strip().strip(",'") for line in shell.splitlines() if line.strip()]
    assert f"/static/{HTMX_FILE}" in paths  # the file base.html loads
    for path in paths:
        if path != "/session":
            assert client.get(path).status_code == 200, path


def test_today_leads_to_the_guided_session(signed_up_user: dict[str, Any]) -> None:
    browser = signed_up_user["client"]
    profile = {"equipment": ["dumbbells", "bench"], "unit": "kg", "dumbbells": "5, 10",
               "kettlebells": "", "plates": "", "bar_weight": "", "pain_threshold": "3",
               "days": "3", "minutes": "45", "level": "beginner", "goal": "hypertrophy",
               "weeks": "4"}  # fmt: skip
    assert form_post(browser, "/onboarding", profile).status_code == 303
    assert 'href="/session"' in browser.get("/today").text
