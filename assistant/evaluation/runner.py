"""Run the gold set through several configurations (ablations) in one go.

Modes: ``bm25``, ``dense``, ``hybrid`` (each asked without follow-up condensation:
a follow-up is searched as typed), ``hybrid+condense`` (the shipped extractive system)
and ``llm`` (hybrid + condensation + the configured LLM answerer, verified).
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field

from assistant.answer.grounding import GroundednessScorer
from assistant.app.assistant import Assistant
from assistant.evaluation import metrics
from assistant.evaluation.dataset import EvalItem

MODES = ("bm25", "dense", "hybrid", "hybrid+condense", "llm")
#: What runs when no mode is named: every mode that needs no LLM, plus ``llm`` when one
#: is configured.
EXTRACTIVE_MODES = ("bm25", "dense", "hybrid", "hybrid+condense")
MAIN_MODE = "hybrid+condense"
RANKED_DEPTH = 10


@dataclass
class ItemResult:
    id: str
    mode: str
    category: str
    lang: str
    question: str
    condensed_query: str
    answerable: bool
    expected_sources: list[str]
    ranked_sources: list[str]
    answer: str
    abstained: bool
    cited_sources: list[str]
    citations: list[dict]
    scores: dict[str, float] = field(default_factory=dict)
    unsupported: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    answer_mode: str = ""
    notice: str = ""
    judge: dict[str, float] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        if not self.answerable:
            return self.abstained
        return not self.abstained and self.scores.get("key_fact_recall", 0.0) >= 1.0

    def failure_reasons(self) -> list[str]:
        reasons = []
        if not self.answerable and not self.abstained:
            reasons.append("answered an unanswerable question")
        if self.answerable:
            if self.abstained:
                reasons.append("false abstention")
            elif self.scores.get("key_fact_recall", 0.0) < 1.0:
                reasons.append(f"key facts {self.scores.get('key_fact_recall', 0.0):.0%}")
            if self.scores.get("hit@5", 1.0) < 1.0:
                reasons.append("expected source not retrieved in top 5")
            if not self.abstained and self.scores.get("citation_validity", 1.0) < 1.0:
                reasons.append("invalid citation")
            if not self.abstained and self.scores.get("groundedness", 1.0) < 1.0:
                reasons.append("unsupported sentence")
        return reasons

    def to_json(self) -> dict:
        return asdict(self) | {"correct": self.correct, "failure_reasons": self.failure_reasons()}


def run_mode(assistant: Assistant, items: list[EvalItem], mode: str, progress: bool = False) -> list[ItemResult]:
    """Ask every item through :meth:`Assistant.ask`, exactly as the product asks."""
    from tqdm import tqdm

    retrieval_mode = "hybrid" if mode == "llm" else mode.split("+")[0]
    condense = mode in ("hybrid+condense", "llm")
    scorer = GroundednessScorer(assistant.embedder)
    results: list[ItemResult] = []
    for item in tqdm(items, desc=f"eval {mode}", unit="q", file=sys.stderr, disable=not progress):
        answer = assistant.ask(
            item.question,
            list(item.history),
            retrieval_mode,
            persona=item.persona,
            condense=condense,
            answerer="llm" if mode == "llm" else "extractive",
        )
        query = answer.condensed_query
        ranked = [h.chunk.source_id for h in assistant.search(query, top_k=RANKED_DEPTH, mode=retrieval_mode)]
        data = answer.to_json()
        cited = [c["source_id"] for c in data["citations"]]
        result = ItemResult(
            id=item.id,
            mode=mode,
            category=item.category,
            lang=item.lang,
            question=item.question,
            condensed_query=query,
            answerable=item.answerable,
            expected_sources=list(item.expected_sources),
            ranked_sources=ranked,
            answer=answer.text,
            abstained=answer.abstained,
            cited_sources=cited,
            citations=data["citations"],
            timings_ms=data["timings_ms"],
            answer_mode=answer.mode,
            notice=answer.notice,
        )
        if item.answerable:
            exp = item.expected_sources
            result.scores = {
                "hit@5": metrics.hit_at_k(ranked, exp, 5),
                "recall@5": metrics.recall_at_k(ranked, exp, 5),
                "mrr": metrics.reciprocal_rank(ranked, exp),
                "ndcg@10": metrics.ndcg_at_k(ranked, exp, 10),
                "key_fact_recall": metrics.key_fact_recall(answer.text, item.key_facts),
            }
            if not answer.abstained:
                chunks = {c.chunk.id: c.chunk.text for c in answer.citations}
                grounding = scorer.score(answer.text, {c.n: c.chunk.text for c in answer.citations})
                result.scores |= {
                    "citation_validity": metrics.citation_validity(answer.text, data["citations"], chunks),
                    "citation_precision": metrics.citation_precision(cited, exp),
                    "groundedness": grounding.score,
                }
                result.unsupported = grounding.unsupported
        results.append(result)
    return results


def summarise(results: list[ItemResult]) -> dict:
    """Aggregate one mode's item results into the report's numbers."""
    answerable = [r for r in results if r.answerable]
    answered = [r for r in answerable if not r.abstained]

    def mean(key: str, rows: list[ItemResult]) -> float:
        values = [r.scores[key] for r in rows if key in r.scores]
        return sum(values) / len(values) if values else 0.0

    abst = metrics.abstention_scores([(not r.answerable, r.abstained) for r in results])
    categories: dict[str, list[bool]] = {}
    for r in results:
        categories.setdefault(r.category, []).append(r.correct)
    stages = {}
    for stage in ("retrieve", "answer", "total"):
        values = [r.timings_ms[stage] for r in results if stage in r.timings_ms]
        stages[stage] = {"p50": metrics.percentile(values, 0.5), "p95": metrics.percentile(values, 0.95)}
    judged = [r.judge for r in results if r.judge]
    judge = {
        k: sum(j[k] for j in judged if k in j) / max(1, sum(k in j for j in judged))
        for k in ("faithfulness", "answer_relevancy")
    } if judged else {}
    return {
        "items": len(results),
        "judge": judge,
        "fallbacks": sum(r.mode == "llm" and r.answer_mode != "llm" for r in results),
        "accuracy": sum(r.correct for r in results) / len(results) if results else 0.0,
        "retrieval": {k: mean(k, answerable) for k in ("hit@5", "recall@5", "mrr", "ndcg@10")},
        "answer": {
            "key_fact_recall": mean("key_fact_recall", answerable),
            "citation_validity": mean("citation_validity", answered),
            "citation_precision": mean("citation_precision", answered),
            "groundedness": mean("groundedness", answered),
        },
        "abstention": {
            "precision": abst.precision,
            "recall": abst.recall,
            "f1": abst.f1,
            "false_abstention_rate": abst.false_abstention_rate,
        },
        "latency_ms": stages,
        "per_category": {c: sum(v) / len(v) for c, v in sorted(categories.items())},
        "per_language": {
            lang: sum(r.correct for r in results if r.lang == lang) / max(1, sum(r.lang == lang for r in results))
            for lang in sorted({r.lang for r in results})
        },
    }


def flat_metrics(summary: dict) -> dict[str, float]:
    """``{"hit@5": …, "key_fact_recall": …, "abstention_f1": …}`` for thresholds and tables."""
    flat = dict(summary["retrieval"]) | dict(summary["answer"])
    flat |= {f"abstention_{k}": v for k, v in summary["abstention"].items()}
    flat["false_abstention_rate"] = summary["abstention"]["false_abstention_rate"]
    flat["accuracy"] = summary["accuracy"]
    flat["latency_p95_ms"] = summary["latency_ms"]["total"]["p95"]
    return flat
