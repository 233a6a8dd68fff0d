"""Context packing for the LLM: numbered passages with their source, within a budget.

Highest-ranked first; a chunk (or a near-copy of one) appears once; the budget is an
estimate of tokens (a Japanese character ≈ 1 token, an English word ≈ 1.3), so a
passage that would overflow it is left out rather than cut mid-sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.types import Hit
from assistant.text.similarity import char_bigrams, jaccard

_WORD = re.compile(r"[A-Za-z0-9]+")
_NEAR_COPY = 0.8


@dataclass(frozen=True)
class Passage:
    n: int
    hit: Hit

    @property
    def text(self) -> str:
        return self.hit.chunk.text

    def render(self) -> str:
        doc, chunk = self.hit.doc, self.hit.chunk
        where = ", ".join(
            p for p in (doc.publisher, str(doc.year) if doc.year else "", f"p.{chunk.page}" if chunk.page else "") if p
        )
        head = (
            f"[{self.n}] {doc.title}"
            + (f"({where})" if where else "")
            + (f" / {chunk.section}" if chunk.section else "")
        )
        return f"{head}\n{chunk.text}"


def estimate_tokens(text: str) -> int:
    words = _WORD.findall(text)
    ascii_chars = sum(len(w) for w in words)
    return int(len(text) - ascii_chars + 1.3 * len(words)) + 1


def pack(hits: list[Hit], budget_tokens: int) -> list[Passage]:
    passages: list[Passage] = []
    seen: list[set[str]] = []
    used = 0
    for hit in hits:
        grams = char_bigrams(hit.chunk.text)
        if any(jaccard(grams, g) >= _NEAR_COPY for g in seen):
            continue
        cost = estimate_tokens(hit.chunk.text) + 20
        if passages and used + cost > budget_tokens:
            continue
        seen.append(grams)
        used += cost
        passages.append(Passage(len(passages) + 1, hit))
    return passages


def render(passages: list[Passage]) -> str:
    return "\n\n".join(p.render() for p in passages)
