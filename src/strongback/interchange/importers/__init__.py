"""Importers of other apps' exports: one kernel (reading files, the collector, keys, bounds,
errors), one plug-in module per app, and a registry that lists them and tells a file's app."""

from strongback.interchange.importers.kernel import Importer, ImportOptions, ParsedExport
from strongback.interchange.importers.source import CsvFile, open_csv

__all__ = ["CsvFile", "ImportOptions", "Importer", "ParsedExport", "open_csv"]
