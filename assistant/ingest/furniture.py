"""Page furniture and headings in extracted PDF text.

Running headers ("令和7年3月 金融庁 事業性融資WG報告"), footers ("特許庁 普及支援課 - 3 -")
and page numbers repeat on every page. Left in, they are glued into sentences by line
joining, they make every chunk of a document look alike to BM25 and to the embedder, and
an answer can end up quoting them. A line is furniture when, with digits normalised
(``- 3 -`` and ``- 4 -`` are the same line), it recurs within the first or last
:data:`EDGE_LINES` lines of most pages; a line that is only a page number is furniture at
any page edge.

Headings ("第2章 …", "1.2 …", "【…】", "■ …") are short lines with a numbering or marker
and no sentence end; they name the section of the chunks that follow them, across pages,
until the next heading.
"""

from __future__ import annotations

import math
import re

#: How many lines at the top and at the bottom of a page can be furniture.
EDGE_LINES = 3
#: A line is running furniture when it recurs on at least this share of the pages with text…
RECURRING_SHARE = 0.5
#: …and on at least this many pages.
MIN_RECURRING_PAGES = 2
HEADING_MAX_CHARS = 40

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(
    r"^[-–—―‐ー\s(]*(?:p\.?|page|ページ|頁)?\s*\d{1,4}\s*(?:(?:/|of)\s*\d{1,4})?\s*(?:ページ|頁)?[-–—―‐ー\s)]*$",
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^(?:"
    r"第[0-9一二三四五六七八九十百]+[章節部編款条]"  # 第2章, 第三節, 第12条
    r"|[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}(?:\.\s*|\s+)"  # 1. 概要 / 1.2 対象 / 2 概要
    r"|(?:I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s"  # Roman numerals (NFKC turns Ⅱ into II)
    r"|【[^】]{1,30}】"  # 【概要】
    r"|[■◆◇□●]"  # marker headings
    r")"
)
_SENTENCE_END = ("。", "、", ",", ".", ":", ";", "」")


def line_key(line: str) -> str:
    """Comparison key: no whitespace, every run of digits the same."""
    return _DIGITS.sub("#", _SPACE.sub("", line))


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


def _edges(lines: list[str]) -> tuple[range, range]:
    n = len(lines)
    return range(min(EDGE_LINES, n)), range(max(n - EDGE_LINES, 0), n)


def strip_furniture(pages: list[list[str]]) -> tuple[list[list[str]], set[str]]:
    """Remove running headers, footers and page numbers; returns the pages and the keys removed.

    ``pages`` holds the non-empty lines of each page with text, in reading order.
    """
    from collections import Counter

    top_counts: Counter[str] = Counter()
    bottom_counts: Counter[str] = Counter()
    for lines in pages:
        top, bottom = _edges(lines)
        top_counts.update({line_key(lines[i]) for i in top})
        bottom_counts.update({line_key(lines[i]) for i in bottom})
    needed = max(MIN_RECURRING_PAGES, math.ceil(RECURRING_SHARE * len(pages)))
    running_top = {k for k, c in top_counts.items() if c >= needed and k}
    running_bottom = {k for k, c in bottom_counts.items() if c >= needed and k}
    removed: set[str] = set()
    out: list[list[str]] = []
    for lines in pages:
        top, bottom = _edges(lines)
        drop = set()
        for i in top:
            if line_key(lines[i]) in running_top or is_page_number(lines[i]):
                drop.add(i)
        for i in bottom:
            if line_key(lines[i]) in running_bottom or is_page_number(lines[i]):
                drop.add(i)
        removed.update(line_key(lines[i]) for i in drop)
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out, removed


def heading_text(line: str) -> str | None:
    """The heading, if ``line`` is one (see the module docstring); else ``None``."""
    text = line.strip()
    if not text or len(text) > HEADING_MAX_CHARS or text.endswith(_SENTENCE_END) or is_page_number(text):
        return None
    if not _HEADING.match(text):
        return None
    rest = text if text.startswith("【") else _HEADING.sub("", text, count=1)
    if sum(1 for c in rest if c.isalpha()) < 2:  # "1. 2" or "■" alone: a table row or a bullet
        return None
    if "。" in text:
        return None
    return text
