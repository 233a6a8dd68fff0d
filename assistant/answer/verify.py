"""Verification after generation: every sentence of an LLM answer is checked against
the passages it cites (``grounding.GroundednessScorer``, the same scorer the evaluation
uses). Unsupported sentences are flagged or removed; a reply with nothing supported
left is rejected so the caller falls back to the extractive answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answer.grounding import GroundednessScorer, Grounding
from assistant.core.types import Verification


@dataclass
class CheckedReply:
    """A model's reply after verification: the text to show and what the check found."""

    text: str
    grounding: Grounding
    removed: bool = False
    cited: list[int] = field(default_factory=list)

    @property
    def supported(self) -> int:
        return sum(s.supported for s in self.grounding.factual)

    @property
    def unsupported(self) -> list[str]:
        return self.grounding.unsupported

    def summary(self, fallback: str = "") -> Verification:
        return Verification(self.supported, tuple(self.unsupported), self.removed, fallback)


def verify(text: str, passages: dict[int, str], scorer: GroundednessScorer, policy: str = "flag") -> CheckedReply:
    """Check ``text``; with ``policy="remove"`` drop the unsupported sentences from it."""
    grounding = scorer.score(text, passages)
    kept = [s for s in grounding.sentences if s.supported or policy != "remove"]
    removed = policy == "remove" and len(kept) < len(grounding.sentences)
    if removed:
        lines: dict[int, list[str]] = {}
        for s in kept:
            lines.setdefault(s.line, []).append(s.raw)
        text = "\n".join("".join(parts) if _is_cjk(parts) else " ".join(parts) for _, parts in sorted(lines.items()))
    cited = sorted({n for s in grounding.sentences if s.supported for n in s.cited if n in passages})
    return CheckedReply(text=text, grounding=grounding, removed=removed, cited=cited)


def _is_cjk(parts: list[str]) -> bool:
    return any(not p.isascii() for p in parts)
