"""The web adapter: FastAPI pages (Jinja2 + htmx) and the JSON API over the services.

Exports ``create_app`` (``strongback.web.app``); ``strongback serve`` runs it with uvicorn.
"""

from strongback.web.app import create_app

__all__ = ["create_app"]
