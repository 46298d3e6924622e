"""Strongback: a back-training coach.

The package is laid out as a pure domain core (``strongback.domain``) with adapters around it:
``storage`` (SQLAlchemy), ``interchange`` (Strong, Hevy, free-exercise-db, JSON backup, iCalendar),
``services`` (use cases wiring domain and storage) and ``cli`` (Typer). Nothing heavy is imported
here so that ``strongback --help`` stays instant.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
