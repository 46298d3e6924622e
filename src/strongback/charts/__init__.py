"""Pictures of the progress numbers: matplotlib charts (SVG or PNG), the project's own back-view
body map (SVG) and the printable report (HTML, PDF through WeasyPrint).

Nothing heavy is imported here: matplotlib and WeasyPrint load inside the functions that draw.
"""

from __future__ import annotations

__all__ = ["bodymap", "plots", "report"]
