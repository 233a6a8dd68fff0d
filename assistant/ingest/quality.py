"""Is the text extracted from a PDF page usable? Cheap character statistics, per page.

A Japanese PDF whose font lacks a usable Unicode mapping does not fail: it extracts as
confident garbage (glyph ids read as code points, which come out as Armenian, Cyrillic or
Gujarati letters; U+FFFD; private-use characters; pdfminer's ``(cid:123)``). Indexed, that
garbage matches nothing and, worse, is quoted back as evidence. Three problems are told apart:

* ``empty``: fewer than :data:`MIN_PAGE_CHARS` visible characters (a scan, a blank page);
* ``garbled``: many replacement/private-use/control characters or ``(cid:n)`` markers, or
  many characters from scripts no ipfin document uses (Armenian, Gujarati, IPA… in a
  Japanese report);
* ``not_japanese``: the document is Japanese but the page has almost no kana or kanji.
  Worth a second extractor; an English page of a Japanese report is still usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MIN_PAGE_CHARS = 5
#: Share of bad characters (U+FFFD, private use, controls, ``(cid:n)``) from which a page is garbled.
MAX_BAD_SHARE = 0.1
#: Share of characters from unexpected scripts from which a page is garbled.
MAX_UNEXPECTED_SHARE = 0.3
#: Below this share of kana/kanji, a page of a Japanese document is "not Japanese".
MIN_JAPANESE_SHARE = 0.05

Problem = Literal["empty", "garbled", "not_japanese"]

_CID = re.compile(r"\(cid:\d+\)")
_JAPANESE = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x31F0, 0x31FF))
#: Everything an ipfin document (Japanese, English, Chinese) legitimately contains.
_EXPECTED = (
    *_JAPANESE,
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A (names, accents)
    (0x0370, 0x03FF),  # Greek (formulae)
    (0x2000, 0x2BFF),  # punctuation, currency, letterlike, arrows, maths, boxes, shapes, symbols
    (0x3000, 0x303F),  # CJK punctuation
    (0x3190, 0x33FF),  # kanbun, enclosed CJK (㈱), CJK compatibility (㍻)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full- and half-width forms
)


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


def _is_bad(ch: str) -> bool:
    code = ord(ch)
    return (
        code == 0xFFFD
        or 0xE000 <= code <= 0xF8FF
        or code >= 0xF0000
        or (code < 0x20 and ch not in "\n\t\r")
        or 0x7F <= code <= 0x9F
    )


@dataclass(frozen=True)
class TextQuality:
    chars: int  # visible characters
    japanese: float  # share of kana and kanji
    bad: float  # share of replacement, private-use and control characters and (cid:n) markers
    unexpected: float  # share of characters from scripts no ipfin document uses

    def problem(self, expect_japanese: bool) -> Problem | None:
        if self.chars < MIN_PAGE_CHARS:
            return "empty"
        if self.bad >= MAX_BAD_SHARE or self.unexpected >= MAX_UNEXPECTED_SHARE:
            return "garbled"
        if expect_japanese and self.japanese < MIN_JAPANESE_SHARE:
            return "not_japanese"
        return None

    def usable(self) -> bool:
        """Worth indexing: not empty and not garbled (a non-Japanese page is still text)."""
        return self.problem(expect_japanese=False) is None

    def rank(self, expect_japanese: bool) -> tuple[int, float]:
        """Order two extractions of one page: fewer problems first, then cleaner (ties keep the first)."""
        level = {None: 3, "not_japanese": 2, "garbled": 1, "empty": 0}[self.problem(expect_japanese)]
        return level, round(-(self.bad + self.unexpected), 2)


def assess(text: str) -> TextQuality:
    cid_markers = len(_CID.findall(text))
    visible = [c for c in _CID.sub("", text) if not c.isspace()]
    n = len(visible) + cid_markers
    if n == 0:
        return TextQuality(0, 0.0, 0.0, 0.0)
    japanese = sum(1 for c in visible if _in(ord(c), _JAPANESE))
    bad = sum(1 for c in visible if _is_bad(c)) + cid_markers
    unexpected = sum(1 for c in visible if not _is_bad(c) and not _in(ord(c), _EXPECTED))
    return TextQuality(n, japanese / n, bad / n, unexpected / n)
