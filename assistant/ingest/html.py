"""HTML pages: the main text with its headings, without menus, breadcrumbs, sidebars, footers.

Official pages (金融庁, 厚生労働省, 特許庁 …) wrap a few paragraphs in global navigation,
breadcrumbs ("ホーム > 政策 > …"), "related links" sidebars and footers with the same
text on every page. The main text is found with trafilatura: it is maintained (regular
releases), it is among the best main-content extractors in published benchmarks, it
works on any site's template instead of ipfin keeping a list of ids and class names, and
its XML output keeps what a citation needs: headings (``<head>``) in order, paragraphs,
list items and table rows. selectolax and BeautifulSoup are parsers only: main-content
detection would be ours to write and maintain.

trafilatura needs some text to judge a page by: on a very short or flat page it falls back
to the whole body as one paragraph. Then (fewer than :data:`MIN_STRUCTURED_PARTS` parts)
ipfin reads the page itself with BeautifulSoup: innermost block elements, headings as
sections, without script, style, nav, header, footer, aside and form elements.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from assistant.text.ja import normalize

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

MIN_STRUCTURED_PARTS = 2
_TRAFILATURA_BLOCKS = ("p", "item", "quote", "code")
_BS4_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "pre", "blockquote", "dd", "dt", "caption")
_BS4_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg")
_SPACES = re.compile(r"[ \t\u3000]+")


@dataclass(frozen=True)
class HtmlPart:
    text: str
    section: str


@dataclass(frozen=True)
class HtmlText:
    title: str
    parts: list[HtmlPart]
    extractor: str  # "trafilatura" or "bs4"


def _clean(text: str) -> str:
    return _SPACES.sub(" ", normalize(text)).strip()


def _title(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    return _clean(soup.title.get_text(" ", strip=True)) if soup.title else ""


def _block_text(el: ET.Element) -> tuple[str, bool]:
    """The element's own text, and whether it holds further blocks (a list in a list item)."""
    nested = any(d.tag in _TRAFILATURA_BLOCKS or d.tag in ("list", "table") for d in el.iter() if d is not el)
    return _clean(el.text or "") if nested else _clean("".join(el.itertext())), nested


def _table_parts(table: ET.Element, section: str) -> list[HtmlPart]:
    """One part per data row; cells are named by the header row when there is one."""
    rows = list(table.iter("row"))
    cells = [[_clean("".join(c.itertext())) for c in row.iter("cell")] for row in rows]
    header: list[str] | None = None
    if rows and all(c.get("role") == "head" for c in rows[0].iter("cell")):
        header, cells = cells[0], cells[1:]
    parts = []
    for row in cells:
        if header and len(header) == len(row):
            text = " / ".join(f"{h}: {v}" if h else v for h, v in zip(header, row, strict=True) if v)
        else:
            text = " / ".join(v for v in row if v)
        if text:
            parts.append(HtmlPart(text, section))
    return parts


def _walk(main: ET.Element) -> tuple[list[HtmlPart], int]:
    """Parts in document order, each with the last heading before it; and the heading count."""
    parts: list[HtmlPart] = []
    section = ""
    heads = 0

    def walk(el: ET.Element) -> None:
        nonlocal section, heads
        for child in el:
            if child.tag == "head":
                text = _clean("".join(child.itertext()))
                if text:
                    section, heads = text, heads + 1
            elif child.tag == "table":
                parts.extend(_table_parts(child, section))
            elif child.tag in _TRAFILATURA_BLOCKS:
                text, nested = _block_text(child)
                if text:
                    parts.append(HtmlPart(text, section))
                if nested:
                    walk(child)
            else:
                walk(child)

    walk(main)
    return parts, heads


def _with_trafilatura(markup: str) -> list[HtmlPart] | None:
    import trafilatura

    xml = trafilatura.extract(
        markup,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        fast=True,
    )
    if not xml:
        return None
    main = ET.fromstring(xml).find("main")
    if main is None:
        return None
    parts, heads = _walk(main)
    return parts if len(parts) + heads >= MIN_STRUCTURED_PARTS else None


def _with_bs4(markup: str) -> list[HtmlPart]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(_BS4_DROP):
        tag.decompose()
    parts: list[HtmlPart] = []
    section = ""
    for el in (soup.body or soup).find_all(_BS4_BLOCKS):
        if el.find(_BS4_BLOCKS):
            continue  # the innermost blocks only, so no text is read twice
        text = _clean(el.get_text(" ", strip=True))
        if not text:
            continue
        if el.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            section = text
            continue
        parts.append(HtmlPart(text, section))
    return parts


def read_html(markup: str) -> HtmlText:
    title = _title(markup)
    parts = _with_trafilatura(markup)
    if parts is not None:
        return HtmlText(title, parts, "trafilatura")
    return HtmlText(title, _with_bs4(markup), "bs4")
