"""Where the shared data sets live, found in one place.

The samples sit beside the repository in ``../shared/data`` (``$STRONGBACK_SAMPLES`` overrides).
A test that needs them calls :func:`exports` or :func:`data_dir`: when the folder is missing it
fails with one clear line under CI (``CI`` set), and skips with a loud reason elsewhere, so a
newcomer who cloned the repository alone sees why instead of a collection error.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES_ENV = "STRONGBACK_SAMPLES"


def data_dir() -> Path:
    """The ``shared/data`` folder, or a failure/skip naming where it was looked for."""
    given = os.environ.get(SAMPLES_ENV)
    root = Path(given) if given else REPO.parent / "shared" / "data"
    if not root.is_dir():
        reason = (
            f"the shared data sets are missing: no folder {root} "
            f"(set ${SAMPLES_ENV} to the shared/data folder)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(f"SKIPPED LOUDLY: {reason}")
    return root


def exports(app: str | None = None) -> Path:
    """The export samples folder, or one app's folder (``strong``, ``hevy``, ``fitnotes``...)."""
    folder = data_dir() / "exports"
    if app is not None:
        folder = folder / app
    if not folder.is_dir() or not any(folder.iterdir()):
        reason = f"no export samples in {folder}"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(f"SKIPPED LOUDLY: {reason}")
    return folder


def export_files(app: str) -> list[Path]:
    """Every CSV sample of one app, sorted; fails or skips loudly when there is none."""
    return sorted(exports(app).glob("*.csv"))


def sample_paths(app: str) -> list[Path]:
    """The samples of one app for ``parametrize`` at collection time: never raises; an empty
    list makes the parametrized test report itself as skipped with pytest's own reason."""
    given = os.environ.get(SAMPLES_ENV)
    root = Path(given) if given else REPO.parent / "shared" / "data"
    return sorted((root / "exports" / app).glob("*.csv"))
