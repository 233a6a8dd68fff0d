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
from assistant.core.messages import framing_prefixes
from assistant.evaluation import metrics
from assistant.evaluation.dataset import EvalItem
from assistant.evaluation.jurisdiction import question_jurisdictions, quote_jurisdiction

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
    group: str
    split: str
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
    lead: str = ""
    lead_jurisdiction: str = ""
    intent: str = ""
    lines: list[dict] = field(default_factory=list)

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
            if not self.abstained and self.scores.get("lead_sentence", 1.0) < 1.0:
                reasons.append("the first sentence does not answer")
        if not self.abstained and self.scores.get("jurisdiction_error", 0.0) > 0:
            reasons.append(f"led by a fact about {self.lead_jurisdiction}")
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
            group=item.group,
            split=item.split,
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
            intent=answer.intent,
            lines=data["lines"],
        )
        framing = framing_prefixes()
        lead, lead_n = metrics.lead_text(data, framing)
        result.lead = lead
        if not answer.abstained:
            lead_cite = next((c for c in data["citations"] if c["n"] == lead_n), None)
            result.lead_jurisdiction = quote_jurisdiction(lead_cite) if lead_cite else ""
            wanted = item.jurisdiction or question_jurisdictions(query)
            result.scores["jurisdiction_error"] = metrics.jurisdiction_error(result.lead_jurisdiction, wanted)
        if item.answerable:
            exp = item.expected_sources
            result.scores = {
                "hit@5": metrics.hit_at_k(ranked, exp, 5),
                "recall@5": metrics.recall_at_k(ranked, exp, 5),
                "mrr": metrics.reciprocal_rank(ranked, exp),
                "ndcg@10": metrics.ndcg_at_k(ranked, exp, 10),
                "key_fact_recall": metrics.key_fact_recall(answer.text, item.key_facts),
                "lead_sentence": 0.0
                if answer.abstained
                else metrics.lead_sentence(data, item.lead_facts or item.key_facts, framing),
            } | ({"jurisdiction_error": result.scores["jurisdiction_error"]} if "jurisdiction_error" in result.scores else {})
            if not answer.abstained:
                chunks = {c.chunk.id: c.chunk.text for c in answer.citations}
                grounding = scorer.score(checkable_text(answer), {c.n: c.chunk.text for c in answer.citations})
                result.scores |= {
                    "citation_validity": metrics.citation_validity(answer.text, data["citations"], chunks),
                    "citation_precision": metrics.citation_precision(cited, exp),
                    "groundedness": grounding.score,
                }
                result.unsupported = grounding.unsupported
        results.append(result)
    return results


def checkable_text(answer) -> str:
    """What groundedness checks: the answer's text, or, when it gave its lines, its quoted
    facts and notes with their marks. An English reader's translation beside a quote is the
    corpus authors' rendering of that quote, not a claim ipfin makes, so it is not checked
    against the Japanese passage (the quote it stands beside is)."""
    if not answer.lines:
        return answer.text
    parts = []
    for line in answer.lines:
        if line.kind == "fact":
            parts.append(f"{line.text}[{line.cite}]")
        elif line.kind == "note":
            parts.append(line.text)
    return "\n".join(parts)


def group_summary(results: list[ItemResult]) -> dict:
    """The numbers the user-question sets are judged by, for one group or split."""
    answerable = [r for r in results if r.answerable]
    answered = [r for r in results if not r.abstained]

    def mean(key: str, rows: list[ItemResult]) -> float:
        values = [r.scores[key] for r in rows if key in r.scores]
        return sum(values) / len(values) if values else 0.0

    return {
        "items": len(results),
        "key_fact_recall": mean("key_fact_recall", answerable),
        "lead_sentence": mean("lead_sentence", answerable),
        "abstention_correct": sum(r.abstained != r.answerable for r in results) / len(results) if results else 0.0,
        "hit@5": mean("hit@5", answerable),
        "jurisdiction_error_rate": mean("jurisdiction_error", answered),
        "accuracy": sum(r.correct for r in results) / len(results) if results else 0.0,
    }


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
            "lead_sentence": mean("lead_sentence", answerable),
        },
        "jurisdiction_error_rate": mean("jurisdiction_error", [r for r in results if not r.abstained]),
        "abstention_correct": sum(r.abstained != r.answerable for r in results) / len(results) if results else 0.0,
        "per_group": {g: group_summary([r for r in results if r.group == g]) for g in sorted({r.group for r in results})},
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
    flat["jurisdiction_error_rate"] = summary.get("jurisdiction_error_rate", 0.0)
    flat["abstention_correct"] = summary.get("abstention_correct", 0.0)
    flat["latency_p95_ms"] = summary["latency_ms"]["total"]["p95"]
    return flat
