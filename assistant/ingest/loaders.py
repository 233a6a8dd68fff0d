"""Loaders: turn a file into a :class:`LoadedDoc` (document metadata + text blocks).

One function per format; :func:`load_file` dispatches on the extension. Text is
NFKC-normalised here, once, so every later stage sees the same characters. PDF pages
(:mod:`.pdf`, :mod:`.quality`, :mod:`.furniture`) and HTML main text (:mod:`.html`) have
modules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from assistant.core.errors import CorruptFileError, UnsupportedFileError
from assistant.core.safe_yaml import YamlLimitError, load_yaml
from assistant.core.types import SourceDoc, SourceKind
from assistant.corpus.reserved import slug
from assistant.ingest.furniture import heading_text, strip_furniture
from assistant.text.ja import detect_lang, join_pdf_lines, normalize

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:<!--\s*jurisdiction:\s*(?P<j>[a-z]{2,4})\s*-->)?\s*$")
#: The corpus authors' notes under a fact item, indented: "  - en: …", "  - q: …", "  - where: us".
_ANNOTATION = re.compile(r"^\s{2,}[-*]\s+(?P<key>en|q|where):\s*(?P<value>.+?)\s*$")
_FACT = re.compile(r"^\s*[-*]\s+(?P<text>.*?)\s+出典\s*[:：]\s*(?P<urls>\S.*?)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or PDF page, with where it sits in the document."""

    text: str
    page: int | None = None
    section: str = ""
    urls: tuple[str, ...] = ()
    extractor: str = ""  # PDF: "pypdf" or "pdfminer"; HTML: "trafilatura" or "bs4"
    #: The section's jurisdiction (a brief's heading says it); "" = the document's.
    jurisdiction: str = ""
    #: A brief's fact item: its own jurisdiction, English rendering and the questions it answers.
    fact_jurisdiction: str = ""
    en: str = ""
    questions: tuple[str, ...] = ()


@dataclass
class LoadedDoc:
    doc: SourceDoc
    blocks: list[Block]
    pages_without_text: list[int] = field(default_factory=list)
    #: Which extractor read which pages (HTML: the extractor with no pages).
    extractors: dict[str, list[int]] = field(default_factory=dict)


def load_file(path: Path, *, kind: SourceKind = "user", meta: dict | None = None) -> LoadedDoc:
    """Load ``path``; ``meta`` (from ``corpus/sources.yaml``) fills the document fields."""
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise UnsupportedFileError(
            f"{path.name}: ipfin cannot read '{suffix or 'files without an extension'}'.",
            f"Supported types: {', '.join(SUPPORTED_SUFFIXES)}.",
        )
    return loader(path, kind, meta or {})


def source_id_for(path: Path) -> str:
    """The file name as an id (lower-case, ASCII-safe where possible). Only a brief or an
    official document in ``corpus/raw`` is indexed under it; the ingest pipeline gives
    every other file ``user/<this>`` (see :mod:`assistant.corpus.reserved`)."""
    return slug(path.stem)


def _doc(path: Path, kind: SourceKind, meta: dict, title: str, lang: str) -> SourceDoc:
    """The document record. ``kind`` is the caller's (the pipeline decides it from where the
    file is): a document's own front matter cannot make it a brief or an official one."""
    year = meta.get("year")
    return SourceDoc(
        source_id=str(meta.get("id") or source_id_for(path)),
        title=str(meta.get("title") or title or path.stem),
        publisher=str(meta.get("publisher") or ""),
        url=(str(meta["url"]) if meta.get("url") else None),
        year=int(year) if isinstance(year, int) or (isinstance(year, str) and year.isdigit()) else None,
        lang=_lang(meta.get("lang") or meta.get("language"), lang),
        kind=kind,
        path=str(path),
        related=_strings(meta.get("related_documents")) if kind == "brief" else (),
        jurisdiction=str(meta.get("jurisdiction") or "") if isinstance(meta.get("jurisdiction"), str) else "",
    )


def _lang(declared: object, detected: str) -> str:
    return declared if declared in ("ja", "en", "zh") else detected


def _strings(value: object) -> tuple[str, ...]:
    """A front-matter list of ids (a single id or junk is tolerated, not fatal)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, str | int))
    return ()


def read_text_file(path: Path) -> str:
    """Decode a text file (UTF-8, else Shift_JIS / EUC-JP); refuse binary content, and
    refuse UTF-8 with damaged bytes rather than read it as Shift_JIS mojibake."""
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise UnsupportedFileError(
            f"{path.name}: the file looks binary, not text.",
            f"Give ipfin a text, Markdown, HTML or PDF file ({', '.join(SUPPORTED_SUFFIXES)}).",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            line = data.count(b"\n", 0, exc.start) + 1
            raise CorruptFileError(
                f"{path.name}: the text is UTF-8 with damaged bytes (byte 0x{data[exc.start]:02x} on line {line} "
                "is not UTF-8); read as another encoding it would be garbled.",
                "Fix or remove that byte (or save the file again as UTF-8) and ingest it again.",
            ) from exc
    for encoding in ("cp932", "euc_jp"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CorruptFileError(
        f"{path.name}: the text is neither UTF-8, Shift_JIS nor EUC-JP.",
        "Save the file as UTF-8 and ingest it again.",
    )


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 characters beyond ASCII outnumber the broken sequences two to one: a
    UTF-8 file with a few damaged bytes, not a Shift_JIS or EUC-JP one. (Measured on the
    briefs, the lexicon and the gold set: as Shift_JIS/EUC-JP their ratio is at most 0.63,
    from 30 bytes to whole files; as UTF-8 with one damaged byte, at least 2.75 in the
    first 60 bytes and hundreds in a whole brief.)"""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return valid >= 2 * max(1, broken)


# ------------------------------------------------------------------ Markdown / text


def _load_markdown(path: Path, kind: SourceKind, meta: dict) -> LoadedDoc:
    raw = read_text_file(path).replace("\r\n", "\n")
    front: dict = {}
    m = _FRONT_MATTER.match(raw)
    if m:
        try:
            front = load_yaml(m.group(1)) or {}
        except YamlLimitError as exc:
            raise CorruptFileError(f"{path.name}: the front matter cannot be read: {exc}.") from exc
        except yaml.YAMLError as exc:
            raise CorruptFileError(
                f"{path.name}: the front matter is not valid YAML ({exc.__class__.__name__}).",
                "Fix the block between the '---' lines at the top of the file.",
            ) from exc
        if not isinstance(front, dict):
            front = {}
        raw = raw[m.end() :]
    blocks: list[Block] = []
    title = ""
    section = ""
    section_jurisdiction = ""
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            text = normalize(
                " ".join(paragraph) if detect_lang("".join(paragraph)) == "en" else "".join(paragraph)
            ).strip()
            if text:
                blocks.append(Block(text, None, section, jurisdiction=section_jurisdiction))
            paragraph.clear()

    for line in raw.split("\n"):
        note = _ANNOTATION.match(line)
        if note and blocks and blocks[-1].urls and not paragraph:
            blocks[-1] = _annotate(blocks[-1], note.group("key"), normalize(note.group("value")).strip())
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            level, text = len(heading.group(1)), normalize(heading.group(2)).strip()
            if level == 1 and not title:
                title = text
            else:
                section = text
                section_jurisdiction = heading.group("j") or ""
            continue
        fact = _FACT.match(line)
        if fact:
            flush()
            # URLs are taken before NFKC: normalising would change characters like '／'.
            urls = tuple(fact.group("urls").split())
            blocks.append(
                Block(normalize(fact.group("text")).strip(), None, section, urls, jurisdiction=section_jurisdiction)
            )
            continue
        if _LIST_ITEM.match(line):
            flush()
            text = normalize(_LIST_ITEM.sub("", line, count=1)).strip()
            if text:
                blocks.append(Block(text, None, section, jurisdiction=section_jurisdiction))
            continue
        if not line.strip():
            flush()
            continue
        paragraph.append(line.strip())
    flush()
    merged = {**front, **{k: v for k, v in meta.items() if v is not None}}
    lang = detect_lang("".join(b.text for b in blocks[:20]))
    return LoadedDoc(_doc(path, kind, merged, title, lang), blocks)


def _annotate(block: Block, key: str, value: str) -> Block:
    """A fact item with one of its notes added (an annotation is data about the fact, never
    part of its text: it is not quoted, only searched and shown as ipfin's translation)."""
    if key == "en":
        return replace(block, en=value)
    if key == "where":
        return replace(block, fact_jurisdiction=value.lower())
    return replace(block, questions=(*block.questions, value))


def _load_text(path: Path, kind: SourceKind, meta: dict) -> LoadedDoc:
    text = normalize(read_text_file(path))
    blocks = [Block(p.strip()) for p in re.split(r"\n\s*\n", join_pdf_lines(text)) if p.strip()]
    first = blocks[0].text.split("\n")[0][:80] if blocks else path.stem
    return LoadedDoc(_doc(path, kind, meta, first, detect_lang(text[:2000])), blocks)


# ------------------------------------------------------------------ HTML


def _load_html(path: Path, kind: SourceKind, meta: dict) -> LoadedDoc:
    from assistant.ingest.html import read_html

    page = read_html(read_text_file(path))
    blocks = [Block(p.text, None, p.section, extractor=page.extractor) for p in page.parts]
    title = page.title or next((b.section for b in blocks if b.section), "")
    lang = detect_lang("".join(b.text for b in blocks[:20]))
    return LoadedDoc(_doc(path, kind, meta, title, lang), blocks, extractors={page.extractor: []})


# ------------------------------------------------------------------ PDF


def _paragraphs(lines: list[str], page: int, section: str, extractor: str) -> list[Block]:
    text = join_pdf_lines("\n".join(lines))
    return [Block(p.strip(), page, section, extractor=extractor) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _load_pdf(path: Path, kind: SourceKind, meta: dict) -> LoadedDoc:
    """Best text per page, furniture stripped, headings as sections (carried across pages)."""
    from assistant.ingest.pdf import read_pdf

    pdf = read_pdf(path, meta.get("lang") or meta.get("language"))
    readable = [p for p in pdf.pages if p.usable]
    empty = [p.number for p in pdf.pages if not p.usable]
    pages, _ = strip_furniture([p.text.split("\n") for p in readable])
    blocks: list[Block] = []
    extractors: dict[str, list[int]] = {}
    section = ""
    for page, lines in zip(readable, pages, strict=True):
        if not lines:
            empty.append(page.number)  # nothing but a running header or a page number
            continue
        extractors.setdefault(page.extractor, []).append(page.number)
        body: list[str] = []
        for line in lines:
            heading = heading_text(line)
            if heading:
                blocks += _paragraphs(body, page.number, section, page.extractor)
                body, section = [], heading
            else:
                body.append(line)
        blocks += _paragraphs(body, page.number, section, page.extractor)
    lang = detect_lang("".join(b.text for b in blocks[:10]))
    return LoadedDoc(_doc(path, kind, meta, pdf.title, lang), blocks, sorted(empty), extractors)


_LOADERS: dict[str, Callable[[Path, SourceKind, dict], LoadedDoc]] = {
    ".md": _load_markdown,
    ".markdown": _load_markdown,
    ".txt": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
}
