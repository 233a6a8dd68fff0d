"""Typed hand-offs between the stages (ingest → index → retrieve → answer)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from assistant.text.ja import split_sentences

#: brief: ipfin's own summaries; primary: official documents from corpus/sources.yaml;
#: secondary: commentary listed there (not official); user: documents the user added.
SourceKind = Literal["brief", "primary", "secondary", "user"]


class RetrievalMode(StrEnum):
    """How chunks are found: the one list of modes (settings, CLI, retriever, evaluation)."""

    HYBRID = "hybrid"  # BM25 and dense, fused by reciprocal rank
    BM25 = "bm25"
    DENSE = "dense"

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(m.value for m in cls)


@dataclass(frozen=True)
class SourceDoc:
    """One document as the user knows it (a brief, an official PDF, a user's file)."""

    source_id: str
    title: str
    publisher: str = ""
    url: str | None = None
    year: int | None = None
    lang: str = "ja"
    kind: SourceKind = "primary"
    path: str = ""
    related: tuple[str, ...] = ()
    #: What the document is about: a code of corpus/lexicon/places.yaml ("jp", "us", "cn",
    #: "intl", …); "" means the lexicon's default (Japan).
    jurisdiction: str = ""


@dataclass(frozen=True)
class SentenceSource:
    """A fact unit of a brief: a span of a chunk whose fact comes from ``urls``, with what
    the corpus authors wrote about it (its jurisdiction when it differs from the chunk's,
    an English rendering, and questions it answers, indexed as extra retrieval keys)."""

    start: int
    end: int
    urls: tuple[str, ...]
    jurisdiction: str = ""
    en: str = ""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of a document. ``id`` is a content hash."""

    id: str
    text: str
    source_id: str
    page: int | None = None
    section: str = ""
    char_start: int = 0
    char_end: int = 0
    sources: tuple[SentenceSource, ...] = ()
    #: Which extractor produced the text of a PDF page ("pypdf", "pdfminer"); "" otherwise.
    extractor: str = ""
    #: What the chunk is about (document default or its section's); "" = the lexicon default.
    jurisdiction: str = ""
    #: Spans that read like instructions to an assistant ("ignore the previous
    #: instructions…"): shown as text with a warning, never given to a model as evidence.
    suspicious: tuple[tuple[int, int], ...] = ()

    def unit_at(self, start: int, end: int) -> SentenceSource | None:
        """The fact unit that covers ``[start, end)``, if a brief recorded one."""
        return next((s for s in self.sources if s.start <= start and end <= s.end), None)

    def jurisdiction_at(self, start: int, end: int) -> str:
        unit = self.unit_at(start, end)
        return (unit.jurisdiction if unit and unit.jurisdiction else "") or self.jurisdiction

    def urls_at(self, start: int, end: int) -> tuple[str, ...]:
        """The fact URLs of the span ``[start, end)``, where a brief recorded them."""
        found: list[str] = []
        for s in self.sources:
            if s.start < end and start < s.end:
                found.extend(u for u in s.urls if u not in found)
        return tuple(found)

    def quotable_units(self) -> list[tuple[int, int]]:
        """Spans an answer may quote: a brief's fact items (one to three sentences sharing a
        source URL, so "この施行日は…" keeps its antecedent) and single sentences elsewhere."""
        spans = [(s.start, s.end) for s in self.sources]
        for sent in split_sentences(self.text):
            if not any(a <= sent.start < b for a, b in spans):
                spans.append((sent.start, sent.end))
        return sorted(spans)

    def to_metadata(self, doc: SourceDoc) -> dict[str, str | int | float | bool]:
        """Flat metadata for Chroma and LangChain Documents (no None values)."""
        meta: dict[str, str | int | float | bool] = {
            "source_id": self.source_id,
            "title": doc.title,
            "publisher": doc.publisher,
            "kind": doc.kind,
            "lang": doc.lang,
            "section": self.section,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "page": self.page if self.page is not None else -1,
            "year": doc.year if doc.year is not None else -1,
            "url": doc.url or "",
            "fact_sources": json.dumps([_unit_json(s) for s in self.sources], ensure_ascii=False),
            "extractor": self.extractor,
            "jurisdiction": self.jurisdiction,
            "suspicious": json.dumps([list(span) for span in self.suspicious]),
        }
        return meta

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict) -> Chunk:
        page = int(meta.get("page", -1))
        return cls(
            id=chunk_id,
            text=text,
            source_id=str(meta["source_id"]),
            page=None if page < 0 else page,
            section=str(meta.get("section", "")),
            char_start=int(meta.get("char_start", 0)),
            char_end=int(meta.get("char_end", 0)),
            sources=tuple(_unit_from_json(u) for u in json.loads(str(meta.get("fact_sources", "[]")))),
            extractor=str(meta.get("extractor", "")),
            jurisdiction=str(meta.get("jurisdiction", "")),
            suspicious=tuple((int(a), int(b)) for a, b in json.loads(str(meta.get("suspicious", "[]")))),
        )


def _unit_json(s: SentenceSource) -> list:
    out: list = [s.start, s.end, list(s.urls)]
    if s.jurisdiction or s.en or s.questions:
        out.append({"j": s.jurisdiction, "en": s.en, "q": list(s.questions)})
    return out


def _unit_from_json(raw: list) -> SentenceSource:
    extra = raw[3] if len(raw) > 3 else {}
    return SentenceSource(
        int(raw[0]), int(raw[1]), tuple(raw[2]), str(extra.get("j", "")), str(extra.get("en", "")),
        tuple(extra.get("q", ())),
    )


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the rank each retriever gave it."""

    chunk: Chunk
    doc: SourceDoc
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None


@dataclass(frozen=True)
class Citation:
    """Numbered evidence: ``quote`` occurs verbatim in ``chunk.text``."""

    n: int
    chunk: Chunk
    doc: SourceDoc
    quote: str
    urls: tuple[str, ...] = ()

    @property
    def url(self) -> str | None:
        """The fact's own source URL for briefs, else the document's URL."""
        return self.urls[0] if self.urls else self.doc.url

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "source_id": self.doc.source_id,
            "title": self.doc.title,
            "publisher": self.doc.publisher,
            "url": self.url,
            "fact_urls": list(self.urls),
            "document_url": self.doc.url,
            "page": self.chunk.page,
            "quote": self.quote,
            "chunk_id": self.chunk.id,
            "kind": self.doc.kind,
            "year": self.doc.year,
            "section": self.chunk.section,
            "jurisdiction": self.jurisdiction,
        }

    @property
    def jurisdiction(self) -> str:
        """What the quoted fact is about (its unit's, its chunk's, else its document's)."""
        start = self.chunk.text.find(self.quote)
        own = self.chunk.jurisdiction_at(start, start + len(self.quote)) if start >= 0 else self.chunk.jurisdiction
        return own or self.doc.jurisdiction


@dataclass(frozen=True)
class AnswerLine:
    """One line of an answer, as front ends lay it out (the page renders these, escaping each
    part, instead of parsing ``Answer.text``).

    ``kind``: ``fact`` is a verbatim quote with its citation number ``cite``; ``framing`` is
    ipfin's own words that state no fact ("文書によれば…", "Here is what the documents say");
    ``note`` is a notice such as the conflicting-figures warning. ``group`` is the label of
    the jurisdiction group the line opens ("米国では" / "In the US"), when it opens one.
    ``translation``: for an English reader, the corpus authors' English rendering of the quote
    (ipfin's translation); ``text`` is then still the cited Japanese original.
    """

    text: str
    kind: Literal["fact", "framing", "note"] = "fact"
    cite: int | None = None
    translation: str = ""
    group: str = ""
    jurisdiction: str = ""

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "cite": self.cite,
            "translation": self.translation,
            "group": self.group,
            "jurisdiction": self.jurisdiction,
        }


@dataclass(frozen=True)
class Verification:
    """What sentence-level verification found in an LLM answer."""

    supported: int = 0
    unsupported: tuple[str, ...] = ()
    removed: bool = False
    #: Why the extractive answer is shown instead of the model's ("" when it is not).
    fallback: str = ""

    def to_json(self) -> dict:
        out: dict = {"supported": self.supported, "unsupported": list(self.unsupported), "removed": self.removed}
        return out | ({"fallback": self.fallback} if self.fallback else {})


@dataclass(frozen=True)
class Answer:
    """What every answerer returns; rendered by the CLI, the UI and the evaluator."""

    text: str
    citations: list[Citation]
    abstained: bool
    mode: str
    query: str
    condensed_query: str
    lang: str = "ja"
    abstain_reason: str = ""
    confidence: float = 0.0
    conflict: bool = False
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: The signals behind the abstention decision: key-term coverage of the top
    #: passages, best sentence similarity, best lexical score (each in [0, 1]).
    evidence: dict[str, float] = field(default_factory=dict)
    #: LLM answers only: what verification found.
    verification: Verification | None = None
    #: Version of the prompt files behind an LLM answer ("" for extractive answers).
    prompt_version: str = ""
    #: A visible notice, e.g. why an LLM answer fell back to the extractive one.
    notice: str = ""
    #: The answer's lines (framing, facts with their citation and translation, notes);
    #: empty for an abstention and for LLM answers (their ``text`` is the model's).
    lines: tuple[AnswerLine, ...] = ()
    #: What the question asks (definition, yesno, whatif, when, howmuch, who, howto,
    #: comparison, other) and which jurisdictions it is about (["jp"] when it names none).
    intent: str = ""
    jurisdictions: tuple[str, ...] = ()

    @property
    def fell_back(self) -> bool:
        """True when an LLM answer could not be used and this is the extractive one."""
        return bool(self.verification and self.verification.fallback)

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "abstained": self.abstained,
            "abstain_reason": self.abstain_reason,
            "citations": [c.to_json() for c in self.citations],
            "mode": self.mode,
            "query": self.query,
            "condensed_query": self.condensed_query,
            "lang": self.lang,
            "confidence": round(self.confidence, 4),
            "conflict": self.conflict,
            "evidence": self.evidence,
            "notice": self.notice,
            "lines": [line.to_json() for line in self.lines],
            "intent": self.intent,
            "jurisdictions": list(self.jurisdictions),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        } | (
            {"verification": self.verification.to_json(), "prompt_version": self.prompt_version}
            if self.verification is not None
            else {}
        )


@dataclass
class IngestReport:
    """Summary of one ``ipfin ingest`` run."""

    documents: int = 0
    documents_skipped: int = 0
    documents_removed: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    chunks_total: int = 0
    pages_without_text: list[tuple[str, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
