"""Split loaded blocks into chunks of a few hundred characters.

Chunks never cross a page or a section and never cut a sentence (except a single
sentence longer than three chunks, which is cut hard). Consecutive chunks of the same
page and section overlap by up to ``overlap`` characters of whole sentences.

Each chunk records the sentences that read like instructions to an AI assistant
(``Chunk.suspicious``, found by :mod:`assistant.text.injection`): they stay in the text
and the index, but answerers never hand them to a model as evidence.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from assistant.core.types import Chunk, SentenceSource
from assistant.ingest.loaders import Block
from assistant.text.injection import instruction_spans
from assistant.text.ja import split_sentences


@dataclass(frozen=True)
class _Unit:
    text: str
    urls: tuple[str, ...]
    new_block: bool
    block: int
    source: Block


def chunk_id(source_id: str, page: int | None, section: str, text: str, notes: str = "") -> str:
    """Content hash: the same text in the same place always gets the same id. ``notes`` (the
    chunk's jurisdiction and its facts' annotations) count too, so an edited annotation is
    indexed again; a chunk without any keeps the id it always had."""
    key = f"{source_id}\x1f{page}\x1f{section}\x1f{text}" + (f"\x1f{notes}" if notes else "")
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def split_blocks(
    source_id: str, blocks: list[Block], chunk_chars: int, overlap: int, jurisdiction: str = ""
) -> list[Chunk]:
    """Chunks of ``blocks``; ``jurisdiction`` is the document's (a section may say another)."""
    chunks: list[Chunk] = []
    group: list[Block] = []
    for block in blocks:
        if group and (block.page, block.section, block.extractor, block.jurisdiction) != (
            group[0].page,
            group[0].section,
            group[0].extractor,
            group[0].jurisdiction,
        ):
            chunks.extend(_split_group(source_id, group, chunk_chars, overlap, jurisdiction))
            group = []
        group.append(block)
    if group:
        chunks.extend(_split_group(source_id, group, chunk_chars, overlap, jurisdiction))
    return chunks


def _units(blocks: list[Block], chunk_chars: int) -> list[_Unit]:
    units: list[_Unit] = []
    hard_limit = chunk_chars * 3
    for number, block in enumerate(blocks):
        first = True
        for span in split_sentences(block.text):
            text = span.text
            while len(text) > hard_limit:
                units.append(_Unit(text[:chunk_chars], block.urls, first, number, block))
                text, first = text[chunk_chars:], False
            units.append(_Unit(text, block.urls, first, number, block))
            first = False
    return units


def _split_group(
    source_id: str, blocks: list[Block], chunk_chars: int, overlap: int, jurisdiction: str = ""
) -> list[Chunk]:
    page, section, extractor = blocks[0].page, blocks[0].section, blocks[0].extractor
    jurisdiction = blocks[0].jurisdiction or jurisdiction
    units = _units(blocks, chunk_chars)
    out: list[Chunk] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and size + len(unit.text) > chunk_chars:
            out.append(_make(source_id, page, section, current, extractor, jurisdiction))
            carried: list[_Unit] = []
            carried_size = 0
            for prev in reversed(current):
                if carried_size + len(prev.text) > overlap:
                    break
                carried.insert(0, prev)
                carried_size += len(prev.text)
            current, size = carried, carried_size
        current.append(unit)
        size += len(unit.text)
    if current:
        out.append(_make(source_id, page, section, current, extractor, jurisdiction))
    return out


def _make(
    source_id: str, page: int | None, section: str, units: list[_Unit], extractor: str = "", jurisdiction: str = ""
) -> Chunk:
    parts: list[str] = []
    sources: list[tuple[int, SentenceSource]] = []
    pos = 0
    for i, unit in enumerate(units):
        if i:
            sep = "\n" if unit.new_block else ("" if _is_cjk_boundary(parts[-1], unit.text) else " ")
            parts.append(sep)
            pos += len(sep)
        start = pos
        parts.append(unit.text)
        pos += len(unit.text)
        if unit.urls:
            b = unit.source
            sources.append((unit.block, SentenceSource(start, pos, unit.urls, b.fact_jurisdiction, b.en, b.questions)))
    text = "".join(parts)
    merged = tuple(_merge(sources))
    notes = [jurisdiction] if jurisdiction else []
    notes += [json.dumps([s.jurisdiction, s.en, s.questions], ensure_ascii=False) for s in merged if s.en or s.questions or s.jurisdiction]
    return Chunk(
        id=chunk_id(source_id, page, section, text, "\x1e".join(notes)),
        text=text,
        source_id=source_id,
        page=page,
        section=section,
        char_start=0,
        char_end=len(text),
        sources=merged,
        extractor=extractor,
        jurisdiction=jurisdiction,
        suspicious=instruction_spans(text),
    )


def _merge(sources: list[tuple[int, SentenceSource]]) -> list[SentenceSource]:
    """One span per fact item (block): its sentences share the item's URLs."""
    merged: list[SentenceSource] = []
    last_block = None
    for block, s in sources:
        if merged and block == last_block:
            merged[-1] = replace(merged[-1], end=s.end)
        else:
            merged.append(s)
        last_block = block
    return merged


def _is_cjk_boundary(left: str, right: str) -> bool:
    return not (left[-1:].isascii() and right[:1].isascii())
