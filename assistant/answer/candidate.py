"""A fact unit of a retrieved chunk, as the extractive answerer scores it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.compose import Unit
from assistant.answer.question import QuestionFrame
from assistant.core.types import Hit
from assistant.text.ja import content_terms


@dataclass
class Candidate:
    hit_rank: int
    hit: Hit
    text: str
    start: int
    end: int
    jurisdiction: str = ""
    lexical: float = 0.0
    own: float = 0.0
    semantic: float = 0.0
    similarity: float = 0.0
    asked: float = 0.0
    asked_words: float = 0.0
    score: float = 0.0
    #: The unit opens by stating what the thing a definition question asks about is.
    defines: bool = False
    #: The unit lists several of the kind a question asks about (法的リスク・評価リスク・経営
    #: リスク, for 「どんなリスクがある？」).
    lists_kinds: bool = False

    @property
    def origin(self) -> tuple[str, ...]:
        """Who vouches for the unit: its fact URLs, else its document."""
        return self.hit.chunk.urls_at(self.start, self.end) or (self.hit.doc.source_id,)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.hit.chunk.id, self.start, self.end)

    def unit(self) -> Unit:
        fact = self.hit.chunk.unit_at(self.start, self.end)
        return Unit(self.text, self.jurisdiction, fact.en if fact and (fact.start, fact.end) == (self.start, self.end) else "")


@lru_cache(maxsize=50_000)
def terms(text: str) -> tuple[str, ...]:
    """Content terms of a unit or an annotated question (the same texts recur across questions)."""
    return tuple(content_terms(text))


def names_instrument(c: Candidate, q: QuestionFrame) -> bool:
    """Whether the unit's passage names a scheme the question names (``q.instruments``): in
    its chunk's text, its section heading or its document's title (a section of the JPO
    brief says only 評価書); a title may say it in words apart (「事業性に着目した融資実務…
    ワーキング・グループ」 is the 事業性融資 WG)."""
    where = (c.hit.chunk.text, c.hit.chunk.section, c.hit.doc.title)
    if any(term in text for term in q.instruments for text in where):
        return True
    title = c.hit.doc.title
    return any(len(words := content_terms(term)) > 1 and all(w in title for w in words) for term in q.instruments)
