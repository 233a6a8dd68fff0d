"""Verification after generation: every sentence of an LLM answer is checked against
the passages it cites (``grounding.GroundednessScorer``, the same scorer the evaluation
uses). Unsupported sentences are flagged or removed; a reply with nothing supported
left is rejected so the caller falls back to the extractive answer.

A sentence that carries out an instruction found in a document (``SentenceSupport.injected``)
is removed under either policy, and never quoted back in a notice: flagging would still
show the reader the text the document's author wanted shown.
"""

from __future__ import annotations

from collections.abc import Sequence
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
        """Unsupported sentences that may be named in a notice (not the injected ones)."""
        return [s.sentence for s in self.grounding.factual if not s.supported and not s.injected]

    @property
    def injected(self) -> list[str]:
        """Sentences that carried out an instruction from a document (removed)."""
        return self.grounding.injected

    def summary(self, fallback: str = "") -> Verification:
        return Verification(self.supported, tuple(self.unsupported), self.removed, fallback, tuple(self.injected))


def verify(
    text: str,
    passages: dict[int, str],
    scorer: GroundednessScorer,
    policy: str = "flag",
    instructions: Sequence[str] = (),
) -> CheckedReply:
    """Check ``text``; with ``policy="remove"`` drop the unsupported sentences from it.
    ``instructions``: instruction-like sentences that were left out of the passages; a
    sentence carrying one out is dropped whatever the policy."""
    grounding = scorer.score(text, passages, instructions)
    kept = [s for s in grounding.sentences if not s.injected and (s.supported or policy != "remove")]
    if len(kept) < len(grounding.sentences):
        lines: dict[int, list[str]] = {}
        for s in kept:
            lines.setdefault(s.line, []).append(s.raw)
        text = "\n".join("".join(parts) if _is_cjk(parts) else " ".join(parts) for _, parts in sorted(lines.items()))
    removed = policy == "remove" and any(not s.supported and not s.injected for s in grounding.factual)
    cited = sorted({n for s in grounding.sentences if s.supported for n in s.cited if n in passages})
    return CheckedReply(text=text, grounding=grounding, removed=removed, cited=cited)


def _is_cjk(parts: list[str]) -> bool:
    return any(not p.isascii() for p in parts)
