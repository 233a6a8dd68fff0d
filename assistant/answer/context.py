"""Context packing for the LLM: numbered passages with their source, within a budget.

Highest-ranked first; a chunk (or a near-copy of one) appears once; the budget is an
estimate of tokens (a Japanese character ≈ 1 token, an English word ≈ 1.3), so a
passage that would overflow it is left out rather than cut mid-sentence.

Sentences that read like instructions to an AI (``Chunk.suspicious``, and whatever
:mod:`assistant.text.injection` finds in the text now) are never given to a model: each is
replaced by a note saying a sentence was left out, and a passage with nothing else in it
is dropped. Verification checks the model's sentences against this same redacted text, and
gets the left-out sentences separately (:attr:`Passage.instructions`) to catch a reply that
repeats them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from assistant.core.types import Hit
from assistant.text.injection import instruction_spans, merge_spans, redact
from assistant.text.similarity import char_bigrams, jaccard

_WORD = re.compile(r"[A-Za-z0-9]+")
_NEAR_COPY = 0.8
#: What a model sees instead of a sentence that reads like an instruction to it (both
#: languages: the prompt may be answered in either).
REDACTED = "[省略: AIへの指示のように読める文 / omitted: a sentence that reads like an instruction to an AI]"
_MIN_LEFT = 8  # characters of a redacted passage still worth giving


@dataclass(frozen=True)
class Passage:
    n: int
    hit: Hit

    @cached_property
    def suspicious(self) -> tuple[tuple[int, int], ...]:
        """The instruction-like sentences of the chunk: marked at ingest, and found again now
        (an index built before a cue existed is still protected)."""
        chunk = self.hit.chunk
        return merge_spans(chunk.suspicious, instruction_spans(chunk.text))

    @cached_property
    def text(self) -> str:
        """The chunk text a model sees and verification checks against (instructions left out)."""
        chunk = self.hit.chunk
        return redact(chunk.text, self.suspicious, REDACTED) if self.suspicious else chunk.text

    @property
    def instructions(self) -> list[str]:
        """The left-out sentences themselves (for verification only, never for the model)."""
        return [self.hit.chunk.text[a:b] for a, b in self.suspicious]

    @property
    def usable(self) -> bool:
        """False when nothing but left-out sentences remains."""
        return len(self.text.replace(REDACTED, "").strip()) >= _MIN_LEFT

    def render(self) -> str:
        doc, chunk = self.hit.doc, self.hit.chunk
        where = ", ".join(
            p for p in (doc.publisher, str(doc.year) if doc.year else "", f"p.{chunk.page}" if chunk.page else "") if p
        )
        head = (
            f"[{self.n}] {_label(doc.title)}"
            + (f"({_label(where)})" if where else "")
            + (f" / {_label(chunk.section)}" if chunk.section else "")
        )
        return f"{head}\n{self.text}"


def _label(text: str) -> str:
    """A title or heading, unless it reads like an instruction (a file may be named so)."""
    return REDACTED if instruction_spans(text) else text


def estimate_tokens(text: str) -> int:
    words = _WORD.findall(text)
    ascii_chars = sum(len(w) for w in words)
    return int(len(text) - ascii_chars + 1.3 * len(words)) + 1


def pack(hits: list[Hit], budget_tokens: int) -> list[Passage]:
    passages: list[Passage] = []
    seen: list[set[str]] = []
    used = 0
    for hit in hits:
        candidate = Passage(len(passages) + 1, hit)
        if not candidate.usable:
            continue
        grams = char_bigrams(candidate.text)
        if any(jaccard(grams, g) >= _NEAR_COPY for g in seen):
            continue
        cost = estimate_tokens(candidate.text) + 20
        if passages and used + cost > budget_tokens:
            continue
        seen.append(grams)
        used += cost
        passages.append(candidate)
    return passages


def render(passages: list[Passage]) -> str:
    return "\n\n".join(p.render() for p in passages)
