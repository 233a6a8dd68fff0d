"""Real PDFs for tests, drawn with reportlab's built-in Japanese CID fonts, a TrueType font
from a Debian package (fonts-ipafont-gothic, installed by .ci/run), and PDFium."""

from __future__ import annotations

import ctypes
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONTS = ("HeiseiMin-W3", "HeiseiKakuGo-W5")
for _name in _FONTS:
    pdfmetrics.registerFont(UnicodeCIDFont(_name))

#: A Japanese TrueType font from Debian's fonts-ipafont-gothic.
IPA_GOTHIC = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
TTF_FONT = "IPAGothic"
if IPA_GOTHIC.is_file():
    pdfmetrics.registerFont(TTFont(TTF_FONT, str(IPA_GOTHIC)))


def make_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    font: str = "HeiseiMin-W3",
    encrypt: str | None = None,
    title: str | None = None,
    header: str | None = None,
    footer: str | None = None,
    image_pages: tuple[int, ...] = (),
) -> Path:
    """One list of lines per page; an empty list makes a page with no text (like a scan).

    ``header`` and ``footer`` are drawn on every page with text, at the top and bottom,
    ``{page}`` replaced by the page number. Pages in ``image_pages`` (from 1) hold only a
    picture, as a scanned page does: no header, no footer, no text.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    if title:
        c.setTitle(title)
    for number, lines in enumerate(pages, start=1):
        if number in image_pages:
            _draw_scan(c)
            c.showPage()
            continue
        c.setFont(font, 9)
        if header:
            c.drawString(60, 810, header.format(page=number))
        if footer:
            c.drawString(260, 30, footer.format(page=number))
        c.setFont(font, 11)
        y = 780
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def _draw_scan(c: canvas.Canvas) -> None:
    """A grey 'scanned page': a picture with lines of ink, and no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (300, 420), 235)
    draw = ImageDraw.Draw(image)
    for y in range(40, 380, 14):
        draw.line((30, y, 270, y), fill=60, width=3)
    c.drawImage(ImageReader(image), 60, 200, width=450, height=600)


def make_identity_h_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Japanese text in IPAGothic as a CIDFontType2 with Identity-H encoding, written by
    PDFium, then with its /ToUnicode maps removed: the kind of PDF whose text pypdf (and
    PDFium itself) extract as glyph ids (pypdf issue #2295), and pdfminer.six recovers from
    the embedded font's cmap table."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    data = IPA_GOTHIC.read_bytes()
    doc = pdfium.PdfDocument.new()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = raw.FPDFText_LoadFont(doc, buffer, len(data), raw.FPDF_FONT_TRUETYPE, 1)
    for lines in pages:
        page = doc.new_page(595, 842)
        y = 780
        for line in lines:
            obj = raw.FPDFPageObj_CreateTextObj(doc, font, 11.0)
            text = (line + "\0").encode("utf-16-le")
            raw.FPDFText_SetText(obj, ctypes.cast(ctypes.create_string_buffer(text, len(text)), raw.FPDF_WIDESTRING))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 60, y)
            raw.FPDFPage_InsertObject(page, obj)
            y -= 16
        raw.FPDFPage_GenerateContent(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    with_map = path.with_name(path.stem + ".with-tounicode.pdf")
    doc.save(str(with_map))
    doc.close()
    writer = PdfWriter(clone_from=str(with_map))
    for page in writer.pages:
        for ref in page["/Resources"]["/Font"].values():
            font_dict = ref.get_object()
            if "/ToUnicode" in font_dict:
                del font_dict[NameObject("/ToUnicode")]
    writer.write(str(path))
    with_map.unlink()
    return path
