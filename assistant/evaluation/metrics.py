"""Evaluation metrics, each a small function returning a :class:`Score`.

Vocabulary follows RAGAS/TruLens (context recall, faithfulness …) but every metric
here runs without a language model and understands Japanese:

retrieval  hit@k, recall@k, MRR, nDCG@10 over the *source ids* of the ranked hits
answer     key-fact recall, citation validity, citation precision, groundedness
abstention precision / recall / F1 on unanswerable items, false-abstention rate
latency    p50 / p95 per stage
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Score:
    """``score`` aggregates ``individual_scores`` (one per item), like Haystack evaluators."""

    score: float
    individual_scores: list[float] = field(default_factory=list)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _dedupe(ranked: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ranked))


# ---------------------------------------------------------------- retrieval


def hit_at_k(ranked: Sequence[str], expected: Sequence[str], k: int) -> float:
    """1.0 when any expected source is among the first ``k`` hits."""
    return 1.0 if set(ranked[:k]) & set(expected) else 0.0


def recall_at_k(ranked: Sequence[str], expected: Sequence[str], k: int) -> float:
    """Share of the expected sources found among the first ``k`` hits."""
    if not expected:
        return 0.0
    return len(set(ranked[:k]) & set(expected)) / len(set(expected))


def reciprocal_rank(ranked: Sequence[str], expected: Sequence[str]) -> float:
    for rank, source in enumerate(ranked, start=1):
        if source in expected:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], expected: Sequence[str], k: int = 10) -> float:
    """Binary-relevance nDCG; a source counts once (later hits of it are not gains)."""
    ranked = _dedupe(ranked)[:k]
    gains = [1.0 if s in expected else 0.0 for s in ranked]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(set(expected)), k)))
    return dcg / ideal if ideal else 0.0


def retrieval_scores(runs: Sequence[tuple[Sequence[str], Sequence[str]]], k: int = 5) -> dict[str, Score]:
    """``runs``: (ranked source ids, expected source ids) per answerable item."""
    hits = [hit_at_k(r, e, k) for r, e in runs]
    recalls = [recall_at_k(r, e, k) for r, e in runs]
    rrs = [reciprocal_rank(r, e) for r, e in runs]
    ndcgs = [ndcg_at_k(r, e, 10) for r, e in runs]
    return {
        f"hit@{k}": Score(_mean(hits), hits),
        f"recall@{k}": Score(_mean(recalls), recalls),
        "mrr": Score(_mean(rrs), rrs),
        "ndcg@10": Score(_mean(ndcgs), ndcgs),
    }


# ---------------------------------------------------------------- answers

_MARK = re.compile(r"\[(\d+)\]")


def fact_present(fact: str, text: str) -> bool:
    """A key fact is a literal substring, or a regex when written ``re:…``."""
    if fact.startswith("re:"):
        return re.search(fact[3:], text) is not None
    return fact in text


def key_fact_recall(answer: str, key_facts: Sequence[str]) -> float:
    if not key_facts:
        return 0.0
    return sum(fact_present(f, answer) for f in key_facts) / len(key_facts)


def citation_validity(answer: str, citations: Sequence[dict], chunk_texts: dict[str, str]) -> float:
    """1.0 when every [n] resolves to a citation and every quote is verbatim in its chunk."""
    numbers = {c["n"] for c in citations}
    marks = {int(m) for m in _MARK.findall(answer)}
    if not marks <= numbers:
        return 0.0
    for c in citations:
        text = chunk_texts.get(c.get("chunk_id", ""))
        if text is None or not c.get("quote") or c["quote"] not in text:
            return 0.0
    return 1.0


def citation_precision(cited_sources: Sequence[str], expected: Sequence[str]) -> float:
    """Share of cited sources that are among the expected ones."""
    if not cited_sources:
        return 0.0
    return sum(s in expected for s in cited_sources) / len(cited_sources)


# ---------------------------------------------------------------- abstention


@dataclass(frozen=True)
class AbstentionScores:
    precision: float
    recall: float
    f1: float
    false_abstention_rate: float


def abstention_scores(items: Sequence[tuple[bool, bool]]) -> AbstentionScores:
    """``items``: (should abstain, did abstain) per item."""
    tp = sum(s and d for s, d in items)
    fp = sum(d and not s for s, d in items)
    fn = sum(s and not d for s, d in items)
    answerable = sum(not s for s, _ in items)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return AbstentionScores(precision, recall, f1, fp / answerable if answerable else 0.0)


# ---------------------------------------------------------------- latency


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in [0, 1]); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


# ---------------------------------------------------------------- the leading sentence

_HEADING = re.compile(r"^\s*(?:▼|#+\s)")
_BULLET = re.compile(r"^\s*(?:[-*•]\s+|\d+[.)]\s+)")


def lead_text(answer: dict, framing: Sequence[str] = ()) -> tuple[str, int | None]:
    """The first factual sentence of an answer (its text, and the [n] it cites).

    From ``answer["lines"]`` when the answerer gave its structure (the first ``fact`` line),
    else from the text: the first line that is not framing, a heading or blank, up to its
    first citation mark.
    """
    for line in answer.get("lines") or ():
        if line.get("kind") == "fact":
            return line.get("text", ""), line.get("cite")
    for raw in str(answer.get("answer", "")).split("\n"):
        line = _BULLET.sub("", raw).strip()
        if not line or _HEADING.match(raw) or line.startswith(tuple(framing)) or line.startswith(">"):
            continue
        mark = _MARK.search(line)
        if mark:
            return line[: mark.start()].strip(), int(mark.group(1))
        return line, None
    return "", None


def lead_sentence(answer: dict, lead_facts: Sequence[str], framing: Sequence[str] = ()) -> float:
    """1.0 when the answer's first factual sentence carries one of ``lead_facts``."""
    text, _ = lead_text(answer, framing)
    return 1.0 if text and any(fact_present(f, text) for f in lead_facts) else 0.0


def jurisdiction_error(lead_jurisdiction: str, wanted: Sequence[str]) -> float:
    """1.0 when an answer about ``wanted`` places (Japan when the question names none) is led
    by a fact from another country. International statements (``intl``) may lead."""
    if not lead_jurisdiction or not wanted or lead_jurisdiction == "intl":
        return 0.0
    return 0.0 if lead_jurisdiction in wanted else 1.0
