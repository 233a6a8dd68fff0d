"""Real PDFs for tests, drawn with reportlab's built-in Japanese CID fonts."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

_FONTS = ("HeiseiMin-W3", "HeiseiKakuGo-W5")
for _name in _FONTS:
    pdfmetrics.registerFont(UnicodeCIDFont(_name))


def make_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    font: str = "HeiseiMin-W3",
    encrypt: str | None = None,
    title: str | None = None,
) -> Path:
    """One list of lines per page; an empty list makes a page with no text (like a scan)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    if title:
        c.setTitle(title)
    for lines in pages:
        c.setFont(font, 11)
        y = 780
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path
