"""Where the shared data sets live, found in one place.

They sit beside the repository in ``../shared`` (``$STRONGBACK_SHARED`` overrides). When they are
missing, tests/conftest.py stops a CI run (``CI`` set) with one line, and elsewhere skips every
test that uses them with a loud reason, so a newcomer who cloned the repository alone sees why
instead of a collection error. Nothing here raises at import or collection time.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_ENV = "STRONGBACK_SHARED"


def shared_dir() -> Path:
    """The ``shared`` folder beside the repository (or ``$STRONGBACK_SHARED``)."""
    given = os.environ.get(SHARED_ENV)
    return Path(given) if given else REPO.parent / "shared"


def data_dir() -> Path:
    """The ``shared/data`` folder."""
    return shared_dir() / "data"


def available() -> bool:
    """True when the shared data sets are there."""
    return (data_dir() / "exports").is_dir()


def missing_reason() -> str:
    """One line saying what is missing and how to point the tests at it."""
    return (
        f"the shared data sets are missing: no folder {data_dir() / 'exports'} "
        f"(set ${SHARED_ENV} to the shared folder)"
    )


def exports(app: str | None = None) -> Path:
    """The export samples folder, or one app's folder (``strong``, ``hevy``, ``fitnotes``...)."""
    folder = data_dir() / "exports"
    return folder / app if app is not None else folder


def export_files(app: str) -> list[Path]:
    """Every CSV sample of one app, sorted (empty when the samples are missing)."""
    return sorted(exports(app).glob("*.csv"))


def sample_paths(app: str) -> list[Path]:
    """The samples of one app, for ``parametrize``."""
    return export_files(app)


def sample(app: str, part: str) -> Path:
    """The first sample of an app whose name holds ``part``; a path that does not exist when
    the samples are missing (the tests using it are then skipped or the run stopped)."""
    found = [p for p in export_files(app) if part in p.name]
    return found[0] if found else exports(app) / f"<no sample named like {part}>"


__all__ = [
    "available",
    "data_dir",
    "export_files",
    "exports",
    "missing_reason",
    "sample",
    "sample_paths",
    "shared_dir",
]
