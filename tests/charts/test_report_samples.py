"""Every sample export (Strong and Hevy), imported with the import service, makes a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from strongback.storage import open_database
from tests.builders import scope_of
from tests.samples import export_files, sample_paths


@pytest.mark.parametrize(
    "path",
    [*sample_paths("strong"), *sample_paths("hevy")],
    ids=lambda p: Path(p).name[:40],
)
def test_every_sample_export_produces_a_report(path: Path, tmp_path: Path) -> None:
    from strongback.charts.report import report_html
    from strongback.services.analytics import report
    from strongback.services.importing import import_file

    assert path in [*export_files("strong"), *export_files("hevy")]
    kind = "strong" if path.parent.name == "strong" else "hevy"
    db = open_database(f"sqlite:///{tmp_path / 's.db'}")
    try:
        scope = scope_of(db)
        import_file(scope, kind, path, skip_invalid=True)
        data = report(scope, weeks=4)
    finally:
        db.dispose()
    html = report_html(None, data.progress, data.audit, data.made_on.isoformat())
    assert sum(w.sessions for w in data.progress.weeks) > 0  # an old history shows where it ends
    assert html.count("<svg") == 6 and "Audit" in html
