"""The known importers, and which one a file is. Adding an app is one module and one line here."""

from __future__ import annotations

from strongback.domain.errors import ImportFormatError
from strongback.interchange.importers import fitnotes, hevy, jefit, liftosaur, strong
from strongback.interchange.importers.kernel import Importer
from strongback.interchange.importers.source import CsvFile

IMPORTERS: tuple[Importer, ...] = (
    strong.IMPORTER,
    hevy.IMPORTER,
    fitnotes.IMPORTER,
    liftosaur.IMPORTER,
    jefit.IMPORTER,
)


def names() -> tuple[str, ...]:
    """The names of the known apps, as ``strongback import APP FILE`` takes them."""
    return tuple(i.name for i in IMPORTERS)


def get(name: str) -> Importer:
    """The importer of an app by name; ImportFormatError listing the known ones if unknown."""
    for importer in IMPORTERS:
        if importer.name == name.strip().casefold():
            return importer
    raise ImportFormatError(f"unknown app '{name}' (known: {', '.join(names())})")


def recognise(csv_file: CsvFile) -> Importer | None:
    """The first importer whose ``sniff`` accepts the file, or None."""
    for importer in IMPORTERS:
        if importer.sniff(csv_file):
            return importer
    return None


def detect(csv_file: CsvFile) -> Importer:
    """The importer of a file from its content; one line naming the header seen when none is."""
    found = recognise(csv_file)
    if found is None:
        raise ImportFormatError(
            f"not a known export format (known: {', '.join(names())})",
            path=csv_file.path,
            line=csv_file.header_line,
            field="header",
            value=csv_file.delimiter.join(csv_file.header),
        )
    return found


def check_forced(csv_file: CsvFile, forced: Importer) -> None:
    """Refuse a file of another app than the one forced, saying which app it looks like."""
    if forced.sniff(csv_file):
        return
    other = recognise(csv_file)
    if other is not None:
        raise ImportFormatError(
            f"this looks like a {other.title} export, not {forced.title}: "
            f"import it with 'strongback import {other.name}' or 'strongback import FILE'",
            path=csv_file.path,
            line=csv_file.header_line,
        )


__all__ = ["IMPORTERS", "check_forced", "detect", "get", "names", "recognise"]
