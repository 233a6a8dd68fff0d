"""Verification after generation: every sentence of an LLM answer is checked against
the passages it cites (``grounding.GroundednessScorer``, the same scorer the evaluation
uses). Unsupported sentences are flagged or removed; a reply with nothing supported
left is rejected so the caller falls back to the extractive answer.

A sentence that carries out an instruction found in a document (``SentenceSupport.injected``)
is removed under either policy, and never quoted back in a notice: flagging would still
show the reader the text the document's author wanted shown.

:class:`VerifiedStream` does the same while a reply streams, so a front end can show a
reply sentence by sentence without ever showing one that verification rejects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.answer.grounding import GroundednessScorer, Grounding, sentences_with_marks
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


class VerifiedStream:
    """A reply checked while it streams: ``emit`` receives only text that verification
    accepts so far (supported sentences and ipfin-style framing, never an unsupported or
    injected one), as it grows.

    Each time a sentence is complete (the next one has begun, or the reply ended), the
    reply so far is verified as under ``policy="remove"`` and whatever the verified text
    adds to what was already emitted is emitted. A sentence without a citation waits for
    the sentence whose [n] may cover it. The final answer is still verified as a whole;
    a front end compares it with what was emitted (see ``assistant.app.draft_status``).
    """

    def __init__(
        self,
        scorer: GroundednessScorer,
        passages: dict[int, str],
        emit: Callable[[str], None],
        instructions: Sequence[str] = (),
    ) -> None:
        self.scorer = scorer
        self.passages = passages
        self.instructions = instructions
        self.emit = emit
        self.reply = ""
        self.shown = ""
        self._checked = ""

    def feed(self, piece: str) -> None:
        self.reply += piece
        self._release(_complete_prefix(self.reply))

    def close(self) -> None:
        """The reply has ended: its last sentence is complete too."""
        self._release(self.reply)

    def _release(self, text: str) -> None:
        text = text.strip()
        if not text or text == self._checked:
            return
        self._checked = text
        verified = verify(text, self.passages, self.scorer, "remove", self.instructions).text.strip()
        if verified.startswith(self.shown) and len(verified) > len(self.shown):
            self.emit(verified[len(self.shown) :])
            self.shown = verified


def _complete_prefix(reply: str) -> str:
    """The part of ``reply`` whose sentences are complete (all but the last one begun)."""
    head, sep, tail = reply.rpartition("\n")
    pieces = sentences_with_marks(tail) if tail.strip() else []
    if len(pieces) <= 1:
        return head + sep if pieces else reply
    return head + sep + tail[: tail.rfind(pieces[-1])]
