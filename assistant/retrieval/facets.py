"""Questions that compare places ("アメリカと中国で…", "US or China") are searched once per
place, and the hits interleaved, so each side reaches the answer instead of whichever side
dominates the corpus. The places are data (``corpus/lexicon/places.yaml``)."""

from __future__ import annotations

import re

from assistant.core.types import Hit
from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import detect_lang


def facets(query: str, lexicon: Lexicon) -> list[str]:
    """One search per place when a question names two or more ("AとBの違い", "US or China").

    Each facet keeps the question and names one place only, so BM25 and the embedding
    are pulled towards that side instead of whichever side dominates the corpus.
    """
    names = lexicon.place_names
    found = [p for p in names if p in query]
    if detect_lang(query) == "en" or not found:
        found += [ja for ja in lexicon.expand_english(query) if ja in names and ja not in found]
    canonical = {p.name: p.same_as for p in lexicon.places if p.same_as}
    found = list(dict.fromkeys(canonical.get(p, p) for p in found))
    # "中国の珠海市" is one side: the more specific place stands for its country.
    regions = {p.region_of for p in lexicon.places if p.name in found and p.region_of}
    found = [p for p in found if p not in regions]
    if len(found) < 2:
        return []
    out = []
    for place in found:
        rest = query
        for other in names:
            if other != place and canonical.get(other) != place:
                rest = rest.replace(other, "")
        for word, translations in lexicon.glossary.items():  # "China" in an English question
            if place not in translations and any(t in names for t in translations):
                rest = re.sub(rf"\b{re.escape(word)}\b", "", rest, flags=re.I)
        out.append(f"{place} {' '.join(rest.split())}")
    return out


def interleave(main: list[Hit], sides: list[list[Hit]], top_k: int) -> list[Hit]:
    """Merge the hits of a comparison: the whole question's best chunk first (often the
    overview that compares both), then each side's own chunks in turn, then the rest of
    the main ranking. A chunk belongs to the side that ranks it best; one every side
    ranks the same says little about either and waits for the main ranking."""
    ranks: dict[str, list[int]] = {}
    for hits in sides:
        for rank, h in enumerate(hits):
            ranks.setdefault(h.chunk.id, []).append(rank)
    merged = main[:1]
    seen = {h.chunk.id for h in merged}
    for rank in range(top_k):
        for hits in sides:
            if rank >= len(hits) or hits[rank].chunk.id in seen:
                continue
            mine = ranks[hits[rank].chunk.id]
            generic = len(mine) == len(sides) and len(set(mine)) == 1
            if rank == min(mine) and not generic:
                seen.add(hits[rank].chunk.id)
                merged.append(hits[rank])
    merged += [h for h in main if h.chunk.id not in seen]
    return merged[:top_k]
