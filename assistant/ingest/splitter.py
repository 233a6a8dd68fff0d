"""Split loaded blocks into chunks of a few hundred characters.

Chunks never cross a page or a section and never cut a sentence (except a single
sentence longer than three chunks, which is cut hard). Consecutive chunks of the same
page and section overlap by up to ``overlap`` characters of whole sentences.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.core.types import Chunk, SentenceSource
from assistant.ingest.loaders import Block
from assistant.text.ja import split_sentences


@dataclass(frozen=True)
class _Unit:
    text: str
    urls: tuple[str, ...]
    new_block: bool
    block: int


def chunk_id(source_id: str, page: int | None, section: str, text: str) -> str:
    """Content hash: the same text in the same place always gets the same id."""
    key = f"{source_id}\x1f{page}\x1f{section}\x1f{text}".encode()
    return hashlib.sha256(key).hexdigest()[:24]


def split_blocks(source_id: str, blocks: list[Block], chunk_chars: int, overlap: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    group: list[Block] = []
    for block in blocks:
        if group and (block.page, block.section, block.extractor) != (
            group[0].page,
            group[0].section,
            group[0].extractor,
        ):
            chunks.extend(_split_group(source_id, group, chunk_chars, overlap))
            group = []
        group.append(block)
    if group:
        chunks.extend(_split_group(source_id, group, chunk_chars, overlap))
    return chunks


def _units(blocks: list[Block], chunk_chars: int) -> list[_Unit]:
    units: list[_Unit] = []
    hard_limit = chunk_chars * 3
    for number, block in enumerate(blocks):
        first = True
        for span in split_sentences(block.text):
            text = span.text
            while len(text) > hard_limit:
                units.append(_Unit(text[:chunk_chars], block.urls, first, number))
                text, first = text[chunk_chars:], False
            units.append(_Unit(text, block.urls, first, number))
            first = False
    return units


def _split_group(source_id: str, blocks: list[Block], chunk_chars: int, overlap: int) -> list[Chunk]:
    page, section, extractor = blocks[0].page, blocks[0].section, blocks[0].extractor
    units = _units(blocks, chunk_chars)
    out: list[Chunk] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and size + len(unit.text) > chunk_chars:
            out.append(_make(source_id, page, section, current, extractor))
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
        out.append(_make(source_id, page, section, current, extractor))
    return out


def _make(source_id: str, page: int | None, section: str, units: list[_Unit], extractor: str = "") -> Chunk:
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
            sources.append((unit.block, SentenceSource(start, pos, unit.urls)))
    text = "".join(parts)
    return Chunk(
        id=chunk_id(source_id, page, section, text),
        text=text,
        source_id=source_id,
        page=page,
        section=section,
        char_start=0,
        char_end=len(text),
        sources=tuple(_merge(sources)),
        extractor=extractor,
    )


def _merge(sources: list[tuple[int, SentenceSource]]) -> list[SentenceSource]:
    """One span per fact item (block): its sentences share the item's URLs."""
    merged: list[SentenceSource] = []
    last_block = None
    for block, s in sources:
        if merged and block == last_block:
            merged[-1] = SentenceSource(merged[-1].start, s.end, s.urls)
        else:
            merged.append(s)
        last_block = block
    return merged


def _is_cjk_boundary(left: str, right: str) -> bool:
    return not (left[-1:].isascii() and right[:1].isascii())
