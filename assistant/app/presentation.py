"""What a citation card and an answer view need, computed once from an :class:`Answer`.

The chat page, the Markdown export and the feedback store all show the same facts
about a citation: which document, publisher, year, page, the quote, the chunk it sits
in (so the page can highlight the quote in context), the fact's own source URL, and
the official document behind it. For a brief, the official document is found in
``corpus/sources.yaml``: the entry whose ``url`` or ``see_also`` is the fact's URL,
else the brief's ``related_documents`` that have a URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.core.types import Answer, Citation, SourceDoc, Verification
from assistant.corpus.sources import SourceEntry, SourceList, load_optional_sources
from assistant.text.injection import instruction_spans, merge_spans

#: Evidence-strength bands over ``Answer.confidence`` and key-term coverage; set from
#: the distribution over the bundled question sets (answered questions mostly score
#: 0.85-1.0; partly covered ones 0.55-0.8).
STRONG_CONFIDENCE = 0.85
STRONG_COVERAGE = 0.9
MODERATE_CONFIDENCE = 0.65
#: How many related official documents a brief's card lists when no fact URL matches.
MAX_RELATED = 3


@dataclass(frozen=True)
class OfficialLink:
    """An official (or primary) document from ``corpus/sources.yaml``."""

    source_id: str
    title: str
    publisher: str
    url: str
    year: int | None = None
    #: True when this entry is the fact's own source (its url/see_also is the fact URL).
    matched: bool = False


@dataclass(frozen=True)
class CitationCard:
    n: int
    source_id: str
    title: str
    publisher: str
    kind: str
    year: int | None
    page: int | None
    section: str
    quote: str
    chunk_id: str
    chunk_text: str
    fact_urls: tuple[str, ...]
    document_url: str | None
    official: tuple[OfficialLink, ...] = ()
    #: The quote holds a sentence that reads like an instruction to an AI: show it as the
    #: document's text, with a warning (``t("answer.suspicious_quote", lang)``).
    suspicious: bool = False
    #: Where such sentences sit in ``chunk_text`` (start, end), to mark them in context.
    suspicious_spans: tuple[tuple[int, int], ...] = ()

    @property
    def quote_span(self) -> tuple[int, int] | None:
        """Where the quote sits in the chunk text (``None`` if it is not verbatim there)."""
        start = self.chunk_text.find(self.quote)
        return None if start < 0 else (start, start + len(self.quote))

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "source_id": self.source_id,
            "title": self.title,
            "publisher": self.publisher,
            "kind": self.kind,
            "year": self.year,
            "page": self.page,
            "section": self.section,
            "quote": self.quote,
            "chunk_id": self.chunk_id,
            "fact_urls": list(self.fact_urls),
            "document_url": self.document_url,
            "official_urls": [o.url for o in self.official],
            "suspicious": self.suspicious,
            "suspicious_spans": [list(span) for span in self.suspicious_spans],
        }


@dataclass(frozen=True)
class AnswerView:
    """An answer as the chat page, the export and the feedback store see it."""

    question: str
    text: str
    abstained: bool
    abstain_reason: str
    condensed_query: str
    lang: str
    conflict: bool
    confidence: float
    evidence: dict[str, float]
    level: str
    cards: tuple[CitationCard, ...]
    mode: str = "extractive"
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: Set by an LLM answerer, e.g. why the extractive answer is shown instead.
    notice: str = ""
    #: What sentence-level verification found in an LLM answer (None for extractive).
    verification: Verification | None = None

    @property
    def searched_differently(self) -> bool:
        return self.condensed_query != self.question

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "abstain_reason": self.abstain_reason,
            "condensed_query": self.condensed_query,
            "lang": self.lang,
            "conflict": self.conflict,
            "confidence": round(self.confidence, 4),
            "evidence": dict(self.evidence),
            "evidence_level": self.level,
            "mode": self.mode,
            "notice": self.notice,
            "verification": self.verification.to_json() if self.verification else None,
            "citations": [c.to_json() for c in self.cards],
        }


class OfficialDocuments:
    """``corpus/sources.yaml`` indexed by id and by every URL it lists."""

    def __init__(self, entries: dict[str, SourceEntry]) -> None:
        self.entries = entries
        self.by_url: dict[str, str] = {}
        for sid, entry in entries.items():
            for url in [entry.url, *entry.see_also]:
                if url:
                    self.by_url.setdefault(_url_key(url), sid)

    @classmethod
    def from_sources(cls, sources: SourceList) -> OfficialDocuments:
        return cls(dict(sources.by_id))

    @classmethod
    def load(cls, corpus_dir: Path) -> OfficialDocuments:
        """The official documents of ``corpus_dir/sources.yaml`` (validated; none if absent)."""
        return cls.from_sources(load_optional_sources(Path(corpus_dir) / "sources.yaml"))

    def link(self, source_id: str, matched: bool = False) -> OfficialLink | None:
        entry = self.entries.get(source_id)
        if entry is None or not entry.url:
            return None
        return OfficialLink(
            source_id=source_id,
            title=entry.title or source_id,
            publisher=entry.publisher,
            url=entry.url,
            year=entry.year,
            matched=matched,
        )

    def for_citation(self, doc: SourceDoc, fact_urls: tuple[str, ...]) -> tuple[OfficialLink, ...]:
        """Official documents to link from a card: the fact's own first, then related ones.
        A user's document links none: its own text may name an official URL as its source,
        and the card must not vouch for it."""
        if doc.kind == "user":
            return ()
        links: list[OfficialLink] = []
        seen: set[str] = set()
        for url in fact_urls:
            sid = self.by_url.get(_url_key(url))
            if sid and sid not in seen:
                link = self.link(sid, matched=True)
                if link:
                    links.append(link)
                    seen.add(sid)
        if doc.kind == "brief" and not links:
            for sid in doc.related:
                link = self.link(sid)
                if link and sid not in seen and link.url not in (doc.url,):
                    links.append(link)
                    seen.add(sid)
                if len(links) >= MAX_RELATED:
                    break
        return tuple(links)


def _url_key(url: str) -> str:
    """Compare URLs without scheme, a trailing slash or a leading ``www.``."""
    key = url.strip().split("://", 1)[-1].rstrip("/")
    return key[4:] if key.startswith("www.") else key


def citation_card(citation: Citation, officials: OfficialDocuments | None = None) -> CitationCard:
    doc = citation.doc
    chunk = citation.chunk
    return CitationCard(
        n=citation.n,
        source_id=doc.source_id,
        title=doc.title,
        publisher=doc.publisher,
        kind=doc.kind,
        year=doc.year,
        page=citation.chunk.page,
        section=citation.chunk.section,
        quote=citation.quote,
        chunk_id=citation.chunk.id,
        chunk_text=citation.chunk.text,
        fact_urls=tuple(citation.urls),
        document_url=doc.url,
        official=officials.for_citation(doc, tuple(citation.urls)) if officials else (),
        suspicious=citation.suspicious,
        suspicious_spans=merge_spans(chunk.suspicious, instruction_spans(chunk.text)),
    )


#: How the text a front end showed while an answer streamed relates to the final answer.
DraftStatus = Literal["none", "kept", "extended", "replaced"]


def draft_status(answer: Answer, shown: str) -> DraftStatus:
    """``none``: nothing was shown; ``kept``: the answer's text is what was shown;
    ``extended``: it begins with what was shown and adds only notes (show the rest);
    ``replaced``: it differs (a fallback, or flagged sentences the verified stream held
    back): show the answer in its place and say so (``t("answer.draft_replaced", lang)``)."""
    shown, text = shown.strip(), answer.text.strip()
    if not shown:
        return "none"
    if text == shown:
        return "kept"
    flagged = bool(answer.verification and answer.verification.unsupported)
    return "extended" if text.startswith(shown) and not answer.fell_back and not flagged else "replaced"


def evidence_level(answer: Answer) -> str:
    """``strong`` / ``moderate`` / ``weak`` for an answer, ``none`` for an abstention."""
    if answer.abstained:
        return "none"
    coverage = answer.evidence.get("coverage", 0.0)
    if answer.confidence >= STRONG_CONFIDENCE and coverage >= STRONG_COVERAGE:
        return "strong"
    if answer.confidence >= MODERATE_CONFIDENCE:
        return "moderate"
    return "weak"


def answer_view(answer: Answer, officials: OfficialDocuments | None = None) -> AnswerView:
    return AnswerView(
        question=answer.query,
        text=answer.text,
        abstained=answer.abstained,
        abstain_reason=answer.abstain_reason,
        condensed_query=answer.condensed_query,
        lang=answer.lang,
        conflict=answer.conflict,
        confidence=answer.confidence,
        evidence=dict(answer.evidence),
        level=evidence_level(answer),
        cards=tuple(citation_card(c, officials) for c in answer.citations),
        mode=answer.mode,
        timings_ms=dict(answer.timings_ms),
        notice=answer.notice,
        verification=answer.verification,
    )
