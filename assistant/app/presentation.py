"""What a citation card and an answer view need, computed once from an :class:`Answer`.

The chat page, the Markdown export, the conversation history and the feedback store all
show the same facts about a citation: which document, publisher, year, page, the quote, the
chunk it sits in (so the page can highlight the quote in context), the fact's own source
URL, and the official document behind it.

Official documents come from ``corpus/sources.yaml``: the entry whose ``url`` or
``see_also`` is the fact's URL (the fact's own source, labelled by its kind: an official
document, or commentary), else those of the brief's ``related_documents`` that are about the
quoted fact (their title and the quote share a topic the brief as a whole does not already
name). A brief about the enterprise value charge lists ten related documents; a quote about
the guarantee restriction is shown the guarantee guideline, not the labour-council minutes.

Several citations often quote the same passage (one [n] per quoted sentence); the page shows
one card per passage (:class:`PassageCard`) listing its [n]s, with every quote marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

from assistant.core.types import Answer, AnswerLine, Citation, SourceDoc, Verification
from assistant.corpus.sources import SourceEntry, SourceList, load_optional_sources
from assistant.text.injection import instruction_spans, merge_spans

#: Evidence-strength bands over ``Answer.confidence`` and key-term coverage; set from
#: the distribution over the bundled question sets (answered questions mostly score
#: 0.85-1.0; partly covered ones 0.55-0.8).
STRONG_CONFIDENCE = 0.85
STRONG_COVERAGE = 0.9
MODERATE_CONFIDENCE = 0.65
#: How many related official documents a brief's card lists when no fact URL matches.
MAX_RELATED = 2
#: A note for the corpus's editors at the end of a title ("(正式タイトル未確認)"): not shown.
_EDITORIAL_NOTE = re.compile(r"\s*[(（][^()（）]*未確認[^()（）]*[)）]\s*$")
#: Words too general to show that a related document is about one quoted fact.
_GENERIC_WORDS = (
    "法律 制度 報告 報告書 概要 方法 方等 方 基本的 実務 事業 融資 金融 関係 調整 部会 議事録 資料 検討 検討ペーパー 事業性 着目 融資実務 ワーキング グループ 推進  "
    "推進等 設定 利用 制限 対象 公表 施行 紹介 解説 記事 日本 企業 会社 ガイドライン 指針 件 一部 改正 関連 支援 業務 Ver 知財 知的財産 中小企業 金融機関 事業者  "
    "経営者 特許庁 金融庁 スタートアップ 審議会 調査 研究 しくみ 仕組み"
)
_GENERIC_TOPICS = frozenset(_GENERIC_WORDS.split())
#: A topic names something: two or more letters that are not digits or punctuation.
_TOPIC = re.compile(r"(?:[^\W\d_].*){2,}")


@dataclass(frozen=True)
class OfficialLink:
    """A document of ``corpus/sources.yaml`` linked from a card."""

    source_id: str
    title: str
    publisher: str
    url: str
    year: int | None = None
    #: True when this entry is the fact's own source (its url/see_also is the fact URL);
    #: False when it is one of the brief's related documents about the quoted fact.
    matched: bool = False
    #: The entry's kind: ``primary`` (an official document) or ``secondary`` (commentary).
    kind: str = "primary"

    @property
    def label_key(self) -> str:
        """Which label the page and the export show: the kind, truthfully."""
        if self.kind == "secondary":
            return "commentary"
        return "official" if self.matched else "related_official"


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
    #: The quoted text reads like instructions to an AI: shown as text, with a warning.
    suspicious: bool = False
    #: Spans of the chunk that read like instructions (shown marked, never as markup).
    suspicious_spans: tuple[tuple[int, int], ...] = ()
    #: The corpus authors' English rendering of the quoted fact (for English readers).
    translation: str = ""

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

    def to_record(self) -> dict:
        """Everything, for the conversation history (:meth:`from_record` reads it back)."""
        return self.to_json() | {
            "chunk_text": self.chunk_text,
            "official": [o.__dict__ for o in self.official],
            "suspicious_spans": [list(s) for s in self.suspicious_spans],
            "translation": self.translation,
        }

    @classmethod
    def from_record(cls, raw: dict) -> CitationCard:
        return cls(
            n=int(raw["n"]),
            source_id=str(raw["source_id"]),
            title=str(raw["title"]),
            publisher=str(raw.get("publisher") or ""),
            kind=str(raw.get("kind") or "primary"),
            year=raw.get("year"),
            page=raw.get("page"),
            section=str(raw.get("section") or ""),
            quote=str(raw["quote"]),
            chunk_id=str(raw.get("chunk_id") or ""),
            chunk_text=str(raw.get("chunk_text") or raw["quote"]),
            fact_urls=tuple(str(u) for u in raw.get("fact_urls") or ()),
            document_url=raw.get("document_url"),
            official=tuple(OfficialLink(**o) for o in raw.get("official") or ()),
            suspicious=bool(raw.get("suspicious")),
            suspicious_spans=tuple((int(a), int(b)) for a, b in raw.get("suspicious_spans") or ()),
            translation=str(raw.get("translation") or ""),
        )


@dataclass(frozen=True)
class Segment:
    """A piece of a passage's text: plain, a quote (with its [n]s) or instruction-like text."""

    text: str
    cites: tuple[int, ...] = ()
    suspicious: bool = False


@dataclass(frozen=True)
class PassageCard:
    """One card per quoted passage (chunk): its [n]s, every quote marked in the text."""

    numbers: tuple[int, ...]
    cards: tuple[CitationCard, ...]

    @property
    def first(self) -> CitationCard:
        return self.cards[0]

    @property
    def suspicious(self) -> bool:
        return any(c.suspicious for c in self.cards) or bool(self.first.suspicious_spans)

    @property
    def fact_urls(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u for c in self.cards for u in c.fact_urls))

    @property
    def official(self) -> tuple[OfficialLink, ...]:
        seen: dict[str, OfficialLink] = {}
        for card in self.cards:
            for link in card.official:
                if link.source_id not in seen or (link.matched and not seen[link.source_id].matched):
                    seen[link.source_id] = link
        return tuple(sorted(seen.values(), key=lambda o: not o.matched))

    def segments(self) -> tuple[Segment, ...]:
        """The chunk text cut at every quote and instruction-like span, in order."""
        text = self.first.chunk_text
        marks: list[tuple[int, int, int | None]] = []
        for card in self.cards:
            span = card.quote_span
            if span:
                marks.append((span[0], span[1], card.n))
        bounds = {0, len(text)}
        for a, b, _ in marks:
            bounds |= {a, b}
        for a, b in self.first.suspicious_spans:
            bounds |= {max(0, min(a, len(text))), max(0, min(b, len(text)))}
        cuts = sorted(bounds)
        out: list[Segment] = []
        for a, b in pairwise(cuts):
            if a == b:
                continue
            cites = tuple(sorted({n for s, e, n in marks if s <= a and b <= e and n is not None}))
            odd = any(s <= a and b <= e for s, e in self.first.suspicious_spans)
            if out and out[-1].cites == cites and out[-1].suspicious == odd:
                out[-1] = Segment(out[-1].text + text[a:b], cites, odd)
            else:
                out.append(Segment(text[a:b], cites, odd))
        return tuple(out)


def group_passages(cards: tuple[CitationCard, ...]) -> tuple[PassageCard, ...]:
    """Cards grouped by the chunk they quote, in the order of their first [n]."""
    groups: dict[str, list[CitationCard]] = {}
    for card in sorted(cards, key=lambda c: c.n):
        groups.setdefault(card.chunk_id or f"#{card.n}", []).append(card)
    return tuple(PassageCard(tuple(c.n for c in group), tuple(group)) for group in groups.values())


@dataclass(frozen=True)
class AnswerView:
    """An answer as the chat page, the export, the history and the feedback store see it."""

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
    #: The answer's structure (framing, cited facts, notes); empty: render ``text``.
    lines: tuple[AnswerLine, ...] = ()

    @property
    def searched_differently(self) -> bool:
        return self.condensed_query != self.question

    @property
    def passages(self) -> tuple[PassageCard, ...]:
        return group_passages(self.cards)

    @property
    def numbers(self) -> frozenset[int]:
        return frozenset(c.n for c in self.cards)

    @property
    def rejected_draft(self) -> bool:
        """True when an LLM's streamed draft failed verification and this replaces it."""
        return bool(self.verification and self.verification.fallback)

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
            "lines": [line.to_json() for line in self.lines],
        }

    def to_record(self) -> dict:
        """Everything, for the conversation history (:meth:`from_record` reads it back)."""
        out = self.to_json()
        out["citations"] = [c.to_record() for c in self.cards]
        out["timings_ms"] = dict(self.timings_ms)
        if self.verification:
            out["verification"] = self.verification.to_json() | {"fallback": self.verification.fallback}
        return out

    @classmethod
    def from_record(cls, raw: dict) -> AnswerView:
        ver = raw.get("verification")
        return cls(
            question=str(raw["question"]),
            text=str(raw["answer"]),
            abstained=bool(raw["abstained"]),
            abstain_reason=str(raw.get("abstain_reason") or ""),
            condensed_query=str(raw.get("condensed_query") or raw["question"]),
            lang=str(raw.get("lang") or "ja"),
            conflict=bool(raw.get("conflict")),
            confidence=float(raw.get("confidence") or 0.0),
            evidence={str(k): float(v) for k, v in (raw.get("evidence") or {}).items()},
            level=str(raw.get("evidence_level") or "none"),
            cards=tuple(CitationCard.from_record(c) for c in raw.get("citations") or ()),
            mode=str(raw.get("mode") or "extractive"),
            timings_ms={str(k): float(v) for k, v in (raw.get("timings_ms") or {}).items()},
            notice=str(raw.get("notice") or ""),
            verification=Verification(
                supported=int(ver.get("supported", 0)),
                unsupported=tuple(ver.get("unsupported") or ()),
                removed=bool(ver.get("removed")),
                fallback=str(ver.get("fallback") or ""),
            )
            if ver
            else None,
            lines=tuple(
                AnswerLine(
                    text=str(line["text"]),
                    kind=line.get("kind") or "fact",
                    cite=line.get("cite"),
                    translation=str(line.get("translation") or ""),
                    group=str(line.get("group") or ""),
                    jurisdiction=str(line.get("jurisdiction") or ""),
                )
                for line in raw.get("lines") or ()
            ),
        )


def display_title(title: str) -> str:
    """A title as readers see it: without an editor's note such as 「(正式タイトル未確認)」."""
    return _EDITORIAL_NOTE.sub("", title).strip() or title


@lru_cache(maxsize=2048)
def _topics(text: str) -> frozenset[str]:
    from assistant.text.ja import noun_phrases

    return frozenset(p for p in noun_phrases(text) if p not in _GENERIC_TOPICS and _TOPIC.search(p))


def about_the_fact(quote: str, related_title: str, brief_title: str) -> bool:
    """True when a related document is about the quoted fact: a topic of its title occurs in
    the quote, or a specific topic of the quote occurs in its title; topics that the brief's
    own title names (what every fact of the brief is about) do not count."""
    background = _topics(brief_title)
    title_topics = _topics(related_title) - background
    if any(topic in quote for topic in title_topics):
        return True
    return any(len(topic) >= 4 and topic in related_title for topic in _topics(quote) - background)


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
            title=display_title(entry.title or source_id),
            publisher=entry.publisher,
            url=entry.url,
            year=entry.year,
            matched=matched,
            kind=entry.kind if entry.kind in ("primary", "secondary") else "primary",
        )

    def for_citation(self, doc: SourceDoc, fact_urls: tuple[str, ...], quote: str = "") -> tuple[OfficialLink, ...]:
        """Documents to link from a card: the fact's own source first; else the brief's
        related official documents that are about the quoted fact (at most two)."""
        if doc.kind == "user":
            return ()  # a user's document may name an official URL; the card must not vouch for it
        links: list[OfficialLink] = []
        seen: set[str] = set()
        for url in fact_urls:
            sid = self.by_url.get(_url_key(url))
            if sid and sid not in seen:
                link = self.link(sid, matched=True)
                if link:
                    links.append(link)
                    seen.add(sid)
        if doc.kind == "brief" and not links and quote:
            for sid in doc.related:
                link = self.link(sid)
                if (
                    link
                    and link.kind == "primary"
                    and sid not in seen
                    and link.url != doc.url
                    and about_the_fact(quote, link.title, doc.title)
                ):
                    links.append(link)
                    seen.add(sid)
                if len(links) >= MAX_RELATED:
                    break
        return tuple(links)


def _url_key(url: str) -> str:
    """Compare URLs without scheme, a trailing slash or a leading ``www.``."""
    key = url.strip().split("://", 1)[-1].rstrip("/")
    return key[4:] if key.startswith("www.") else key


def _overlaps(span: tuple[int, int], spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def citation_card(citation: Citation, officials: OfficialDocuments | None = None) -> CitationCard:
    doc = citation.doc
    chunk = citation.chunk
    start = chunk.text.find(citation.quote)
    span = (start, start + len(citation.quote)) if start >= 0 else None
    unit = chunk.unit_at(*span) if span else None
    odd_spans = merge_spans(tuple(chunk.suspicious or ()), instruction_spans(chunk.text))
    flagged = bool(citation.suspicious) or (span is not None and _overlaps(span, odd_spans))
    return CitationCard(
        n=citation.n,
        source_id=doc.source_id,
        title=display_title(doc.title),
        publisher=doc.publisher,
        kind=doc.kind,
        year=doc.year,
        page=chunk.page,
        section=chunk.section,
        quote=citation.quote,
        chunk_id=chunk.id,
        chunk_text=chunk.text,
        fact_urls=tuple(citation.urls),
        document_url=doc.url,
        official=officials.for_citation(doc, tuple(citation.urls), citation.quote) if officials else (),
        suspicious=flagged,
        suspicious_spans=odd_spans,
        translation=unit.en if unit and unit.en else "",
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
        lines=tuple(getattr(answer, "lines", ()) or ()),
    )
