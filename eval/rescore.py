"""Score a report.json with today's metrics: compare a build against another one.

An older build's report lacks the leading-sentence and jurisdiction metrics, and may come
from a build whose items knew nothing of user groups or dev/test halves; this script reads
the answers it recorded (text, citations, abstention, ranked sources) and scores them as
`ipfin eval` scores today, per split and per user group.

    python eval/rescore.py REPORT.json [REPORT.json ...] --dataset eval/datasets/users-sme.jsonl \
        --dataset eval/datasets/users-bank-en.jsonl [--mode hybrid+condense] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.core.messages import framing_prefixes
from assistant.evaluation import metrics
from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.jurisdiction import question_jurisdictions, quote_jurisdiction

KEYS = ("key_fact_recall", "lead_sentence", "abstention_correct", "hit@5", "jurisdiction_error_rate", "accuracy")


def rows_of(report: dict, mode: str) -> list[dict]:
    rows = list(report.get("user_items") or [])
    rows += (report.get("items") or {}).get(mode, [])
    return rows


def score(rows: list[dict], items: dict) -> dict[str, dict[str, dict[str, float]]]:
    framing = framing_prefixes()
    per: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        item = items.get(row["id"])
        if item is None:
            continue
        answer = {"answer": row["answer"], "lines": row.get("lines") or (), "citations": row["citations"]}
        answered = not row["abstained"]
        s = {"answerable": item.answerable, "abstained": row["abstained"]}
        if item.answerable:
            s["key_fact_recall"] = metrics.key_fact_recall(row["answer"], item.key_facts)
            s["lead_sentence"] = metrics.lead_sentence(answer, item.lead_facts or item.key_facts, framing) if answered else 0.0
            s["hit@5"] = metrics.hit_at_k(row["ranked_sources"], item.expected_sources, 5)
            s["correct"] = answered and s["key_fact_recall"] >= 1.0
        else:
            s["correct"] = row["abstained"]
        if answered:
            _, n = metrics.lead_text(answer, framing)
            cite = next((c for c in row["citations"] if c["n"] == n), None)
            lead_j = quote_jurisdiction(cite) if cite else ""
            wanted = item.jurisdiction or question_jurisdictions(row.get("condensed_query") or item.question)
            s["jurisdiction_error"] = metrics.jurisdiction_error(lead_j, wanted)
        for key in ((item.split or "all", item.group), (item.split or "all", "all")):
            per.setdefault(key, []).append(s)
    out: dict[str, dict[str, dict[str, float]]] = {}
    for (split, group), scores in sorted(per.items()):
        ans = [s for s in scores if s["answerable"]]
        done = [s for s in scores if "jurisdiction_error" in s]

        def mean(key: str, rows: list[dict]) -> float:
            values = [r[key] for r in rows if key in r]
            return sum(values) / len(values) if values else 0.0

        out.setdefault(split, {})[group] = {
            "items": len(scores),
            "key_fact_recall": mean("key_fact_recall", ans),
            "lead_sentence": mean("lead_sentence", ans),
            "abstention_correct": sum(s["abstained"] != s["answerable"] for s in scores) / len(scores),
            "hit@5": mean("hit@5", ans),
            "jurisdiction_error_rate": mean("jurisdiction_error", done),
            "accuracy": sum(bool(s["correct"]) for s in scores) / len(scores),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--dataset", action="append", type=Path, required=True)
    parser.add_argument("--mode", default="hybrid+condense")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    items = {i.id: i for path in args.dataset for i in load_dataset(path)}
    rows = [r for path in args.reports for r in rows_of(json.loads(path.read_text(encoding="utf-8")), args.mode)]
    result = score(rows, items)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for split, groups in result.items():
        print(f"\n{split} half")
        print(f"{'group':<6} {'n':>3} " + " ".join(f"{k[:14]:>14}" for k in KEYS))
        for group, s in groups.items():
            print(f"{group:<6} {s['items']:>3} " + " ".join(f"{s[k]:>14.3f}" for k in KEYS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
