"""PDF text page by page: pypdf first, pdfminer.six for the pages pypdf gets wrong.

pypdf reads most PDFs well and fast, but a page can come out empty, as replacement or
private-use characters, or as glyph ids read as code points (pypdf issues #2295, #3799).
Each page is checked (:mod:`.quality`); a page with a problem is extracted again with a
second extractor and the better of the two is kept. The extractor of every page is
recorded, so ``ipfin sources`` can show where each page's text came from; a page that no
extractor reads (a scan) is reported and never indexed.

Why pdfminer.six and not pypdfium2 as the second extractor, measured on PDFs made like
the test PDFs (``tests/pdfs.py``): 3 lines of Japanese on each of 2 pages; character
accuracy of page 1 against the drawn text, and time per document (mean of 5 runs):

    PDF                                             pypdf       pdfminer.six   pypdfium2
    reportlab CID HeiseiMin-W3 (UniJIS-UCS2-H)      1.00  3 ms  1.00  5 ms     1.00  2 ms
    reportlab CID HeiseiKakuGo-W5                   1.00  2 ms  1.00  4 ms     1.00  1 ms
    reportlab CID HeiseiMin-W3 90ms-RKSJ-H (#3799)  1.00  3 ms  1.00  5 ms     1.00  1 ms
    IPAGothic TrueType embedded (reportlab subset)  1.00  3 ms  1.00  6 ms     1.00  1 ms
    IPAGothic CIDFontType2 Identity-H, ToUnicode    0.00  9 ms  1.00 43 ms     0.00 15 ms
      removed: glyph ids come out as Armenian, Cyrillic, Gujarati… letters
    two columns drawn line by line across           columns     columns kept   columns
                                                    interleaved apart          interleaved

Where pypdf is right, all three are; where pypdf fails on a font, PDFium fails the same
way (both read the content stream's codes through the same missing mapping), while
pdfminer.six falls back to the embedded TrueType font's own ``cmap`` table and recovers
the text; its layout analysis also keeps two columns apart. It is slower, which does not
matter for the few pages it sees, and it is pure Python (no native wheel to install).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import CorruptFileError, EncryptedPdfError
from assistant.ingest.quality import Problem, TextQuality, assess
from assistant.text.ja import detect_lang, normalize

# Both libraries log recoverable damage themselves; ipfin reports one line per file.
logging.getLogger("pypdf").setLevel(logging.ERROR)
logging.getLogger("pdfminer").setLevel(logging.ERROR)

PRIMARY = "pypdf"
FALLBACK = "pdfminer"


@dataclass(frozen=True)
class PdfPage:
    number: int  # from 1
    text: str  # NFKC-normalised, one extracted line per line
    extractor: str  # who produced ``text``
    quality: TextQuality
    problem: Problem | None  # the problem that remains (None: fine)

    @property
    def usable(self) -> bool:
        return self.quality.usable()


@dataclass(frozen=True)
class PdfText:
    pages: list[PdfPage]
    title: str
    expect_japanese: bool


def _encrypted(path: Path) -> EncryptedPdfError:
    return EncryptedPdfError(
        f"{path.name}: the PDF is encrypted.", "Save an unprotected copy (print to PDF) and ingest that."
    )


def _pypdf_pages(path: Path) -> tuple[list[str], str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted(path)
        pages = list(reader.pages)
        title = (reader.metadata.title if reader.metadata else None) or ""
    except EncryptedPdfError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise _encrypted(path) from exc
        raise CorruptFileError(
            f"{path.name}: the PDF cannot be read ({exc.__class__.__name__}: {str(exc)[:80]}).",
            "Check that the download finished, or export the document to PDF again.",
        ) from exc
    if not pages:
        raise CorruptFileError(f"{path.name}: the PDF has no pages.", "Export the document to PDF again.")
    texts = []
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # noqa: BLE001 - pypdf raises many types on broken pages; the fallback gets a try
            texts.append("")
    return texts, str(title)


def _pdfminer_pages(path: Path, numbers: list[int]) -> dict[int, str]:
    """Text of the pages ``numbers`` (from 1), one layout text box after another."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    wanted = sorted(numbers)
    out: dict[int, str] = {}
    try:
        layouts = extract_pages(str(path), page_numbers=[n - 1 for n in wanted], laparams=LAParams())
        for number, layout in zip(wanted, layouts, strict=False):
            out[number] = "\n".join(el.get_text().rstrip("\n") for el in layout if isinstance(el, LTTextContainer))
    except Exception:  # noqa: BLE001 - a second opinion that fails leaves the first one standing
        pass
    return out


def _clean(text: str) -> str:
    return "\n".join(line.strip() for line in normalize(text).split("\n") if line.strip())


def read_pdf(path: Path, lang: str | None = None) -> PdfText:
    """Every page's best text. ``lang`` (from the manifest) says what to expect; else inferred."""
    raw, title = _pypdf_pages(path)
    first = [_clean(t) for t in raw]
    qualities = [assess(t) for t in first]
    if lang:
        expect_japanese = lang == "ja"
    else:
        readable = "".join(t for t, q in zip(first, qualities, strict=True) if q.usable())
        expect_japanese = not readable or detect_lang(readable[:5000]) == "ja"
    flagged = [n for n, q in enumerate(qualities, start=1) if q.problem(expect_japanese)]
    second = {n: _clean(t) for n, t in _pdfminer_pages(path, flagged).items()} if flagged else {}
    pages: list[PdfPage] = []
    for number, (text, quality) in enumerate(zip(first, qualities, strict=True), start=1):
        best = (text, quality, PRIMARY)
        if number in second:
            alt_quality = assess(second[number])
            if alt_quality.rank(expect_japanese) > quality.rank(expect_japanese):
                best = (second[number], alt_quality, FALLBACK)
        pages.append(PdfPage(number, best[0], best[2], best[1], best[1].problem(expect_japanese)))
    return PdfText(pages, normalize(title).strip(), expect_japanese)
