"""Pictures of the progress numbers: matplotlib charts (SVG or PNG), the project's own back-view
body map (SVG) and the printable report (HTML, PDF through WeasyPrint).

matplotlib and WeasyPrint are imported inside the functions that draw, never here.
"""

from __future__ import annotations

from strongback.charts.bodymap import body_map_svg
from strongback.charts.plots import CHARTS, chart, dashboard, to_bytes, write_figure
from strongback.charts.report import html_to_pdf, report_html

__all__ = [
    "CHARTS",
    "body_map_svg",
    "chart",
    "dashboard",
    "html_to_pdf",
    "report_html",
    "to_bytes",
    "write_figure",
]
