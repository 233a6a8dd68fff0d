"""Write report.json, report.md and a self-contained report.html (inline SVG charts,
no scripts, no external assets) for one evaluation run."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from assistant.evaluation.runner import MAIN_MODE, ItemResult, flat_metrics

TABLE_METRICS = (
    "hit@5",
    "mrr",
    "ndcg@10",
    "key_fact_recall",
    "lead_sentence",
    "jurisdiction_error_rate",
    "citation_validity",
    "citation_precision",
    "groundedness",
    "abstention_f1",
    "false_abstention_rate",
    "accuracy",
)
_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1")


USER_METRICS = ("key_fact_recall", "lead_sentence", "abstention_correct", "hit@5", "jurisdiction_error_rate", "accuracy")


def write_reports(
    out: Path, run: dict, results: dict[str, list[ItemResult]], user_results: list[ItemResult] | None = None
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "html": out / "report.html"}
    payload = run | {
        "items": {m: [r.to_json() for r in rs] for m, rs in results.items()},
        "user_items": [r.to_json() for r in user_results or []],
    }
    paths["json"].write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    paths["md"].write_text(markdown(run, results, user_results or []), encoding="utf-8")
    paths["html"].write_text(html(run, results, user_results or []), encoding="utf-8")
    return paths


def user_tables(run: dict) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) per split of the user questions: one row per group and overall."""
    users = run.get("users") or {}
    tables = []
    for split, summary in users.get("splits", {}).items():
        header = ["group", "items", *USER_METRICS]
        held = " (held out: report this one)" if split == "test" else " (tuned on)" if split == "dev" else ""
        tables.append((f"User questions, {split} half{held}, {users.get('mode', '')}", header, _group_rows(summary)))
        for name, part in summary.get("sets", {}).items():
            tables.append((f"User questions, set {name!r}, {split} half", header, _group_rows(part)))
    return tables


def _group_rows(summary: dict) -> list[list[str]]:
    """One row per user group of ``summary``, then the overall row."""
    rows = [[g, str(s["items"]), *(f"{s[k]:.3f}" for k in USER_METRICS)] for g, s in summary["per_group"].items()]
    rows.append(["all", str(summary["items"]), *(f"{summary[k]:.3f}" for k in USER_METRICS)])
    return rows


def _fmt(v: float, key: str = "") -> str:
    return f"{v:.0f}" if key.endswith("_ms") else f"{v:.3f}"


def _main(run: dict) -> str:
    return MAIN_MODE if MAIN_MODE in run["modes"] else next(iter(run["modes"]))


def markdown(run: dict, results: dict[str, list[ItemResult]], user_results: list[ItemResult] | None = None) -> str:
    main = _main(run)
    lines = [
        "# ipfin evaluation report",
        "",
        f"- dataset: `{run['dataset']}` ({run['items']} items)",
        f"- embedder: `{run['embedder']}`; created {run['created']}",
        f"- LLM judge: {run['judge']}",
        f"- thresholds ({run['thresholds_file']}): **{'PASSED' if not run['threshold_failures'] else 'FAILED'}**",
        "",
    ]
    for failure in run["threshold_failures"]:
        lines.append(f"  - {failure}")
    lines += [
        "",
        "## Ablations",
        "",
        "| metric | " + " | ".join(run["modes"]) + " |",
        "|---|" + "---|" * len(run["modes"]),
    ]
    flats = {m: flat_metrics(s) for m, s in run["modes"].items()}
    for key in (*TABLE_METRICS, "latency_p95_ms"):
        lines.append(f"| {key} | " + " | ".join(_fmt(flats[m][key], key) for m in run["modes"]) + " |")
    judged = {m: s["judge"] for m, s in run["modes"].items() if s.get("judge")}
    if judged:
        lines += ["", "## LLM judge", "", "| mode | faithfulness | answer relevancy |", "|---|---|---|"]
        lines += [f"| {m} | {j.get('faithfulness', 0):.3f} | {j.get('answer_relevancy', 0):.3f} |" for m, j in judged.items()]
    if "llm" in run["modes"]:
        lines += ["", f"LLM mode fell back to the extractive answer on {run['modes']['llm']['fallbacks']} item(s)."]
    summary = run["modes"][main]
    lines += ["", f"## Per category ({main})", "", "| category | correct |", "|---|---|"]
    lines += [f"| {c} | {v:.2f} |" for c, v in summary["per_category"].items()]
    lines += ["", f"## Latency ({main}, ms)", "", "| stage | p50 | p95 |", "|---|---|---|"]
    lines += [f"| {s} | {v['p50']:.1f} | {v['p95']:.1f} |" for s, v in summary["latency_ms"].items()]
    for title, header, rows in user_tables(run):
        lines += ["", f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    failed = [r for r in results[main] if r.failure_reasons()]
    failed += [r for r in user_results or [] if r.failure_reasons()]
    lines += [
        "",
        f"## Failed items ({main}: {len(failed)})",
        "",
        "| id | category | question | expected | cited | why |",
        "|---|---|---|---|---|---|",
    ]
    for r in failed:
        q = r.question.replace("|", "\\|")
        lines.append(
            f"| {r.id} | {r.category} | {q} | {', '.join(r.expected_sources)} | "
            f"{', '.join(dict.fromkeys(r.cited_sources))} | {'; '.join(r.failure_reasons())} |"
        )
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ SVG charts


def _bars(title: str, labels: list[str], series: dict[str, list[float]], vmax: float = 1.0) -> str:
    """Grouped horizontal bars; ``series`` maps a legend name to one value per label."""
    row_h, bar_h, left, width = 26 * max(1, len(series)) + 10, 20, 190, 420
    height = 40 + row_h * len(labels) + 24 * len(series)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="18" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i, label in enumerate(labels):
        y0 = 34 + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y0 + row_h / 2}" font-size="12" text-anchor="end">{escape(label)}</text>'
        )
        for j, (name, values) in enumerate(series.items()):
            v = values[i]
            w = max(1.0, width * min(v, vmax) / vmax)
            y = y0 + j * 26
            parts.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{_COLOURS[j % len(_COLOURS)]}"><title>{escape(name)}: {v:.3f}</title></rect>'
            )
            parts.append(f'<text x="{left + w + 4}" y="{y + 15}" font-size="11">{v:.2f}</text>')
    ly = 40 + row_h * len(labels)
    for j, name in enumerate(series):
        parts.append(
            f'<rect x="{left}" y="{ly + j * 22}" width="14" height="14" fill="{_COLOURS[j % len(_COLOURS)]}"/>'
        )
        parts.append(f'<text x="{left + 20}" y="{ly + j * 22 + 12}" font-size="12">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _histogram(title: str, values: list[float], bins: int = 12) -> str:
    if not values:
        return ""
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, int((v - lo) / span * bins))] += 1
    width, height, left, bottom = 480, 200, 40, 30
    bw = width / bins
    peak = max(counts)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height + bottom + 30}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="18" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i, c in enumerate(counts):
        h = height * c / peak if peak else 0
        x = left + i * bw
        parts.append(
            f'<rect x="{x:.1f}" y="{30 + height - h:.1f}" width="{bw - 2:.1f}" height="{h:.1f}" fill="#4e79a7"><title>{lo + i * span / bins:.0f}–{lo + (i + 1) * span / bins:.0f} ms: {c}</title></rect>'
        )
    parts.append(f'<text x="{left}" y="{height + 50}" font-size="11">{lo:.0f} ms</text>')
    parts.append(f'<text x="{left + width}" y="{height + 50}" font-size="11" text-anchor="end">{hi:.0f} ms</text>')
    parts.append("</svg>")
    return "".join(parts)


def html(run: dict, results: dict[str, list[ItemResult]], user_results: list[ItemResult] | None = None) -> str:
    main = _main(run)
    summary = run["modes"][main]
    flats = {m: flat_metrics(s) for m, s in run["modes"].items()}
    cats = list(summary["per_category"])
    ablation = _bars(
        "Ablation: retrieval and answer quality by mode",
        ["hit@5", "mrr", "ndcg@10", "key_fact_recall", "abstention_f1", "accuracy"],
        {
            m: [flats[m][k] for k in ("hit@5", "mrr", "ndcg@10", "key_fact_recall", "abstention_f1", "accuracy")]
            for m in run["modes"]
        },
    )
    per_cat = _bars(f"Per-category share correct ({main})", cats, {main: [summary["per_category"][c] for c in cats]})
    latency = _histogram(
        f"Latency distribution, total per question ({main})", [r.timings_ms.get("total", 0.0) for r in results[main]]
    )
    rows = "".join(
        f"<tr><td>{escape(k)}</td>" + "".join(f"<td>{_fmt(flats[m][k], k)}</td>" for m in run["modes"]) + "</tr>"
        for k in (*TABLE_METRICS, "latency_p95_ms")
    )
    failed = [r for r in results[main] if r.failure_reasons()]
    failed += [r for r in user_results or [] if r.failure_reasons()]
    user_html = "".join(
        f"<h2>{escape(title)}</h2><table><tr>{''.join(f'<th>{escape(h)}</th>' for h in header)}</tr>"
        + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        + "</table>"
        for title, header, rows in user_tables(run)
    )
    failed_rows = "".join(
        f"<tr><td>{escape(r.id)}</td><td>{escape(r.category)}</td><td>{escape(r.question)}</td>"
        f"<td>{escape(', '.join(r.expected_sources))}</td><td>{escape(', '.join(dict.fromkeys(r.cited_sources)))}</td>"
        f"<td>{escape('; '.join(r.failure_reasons()))}</td><td class='ans'>{escape(r.answer)}</td></tr>"
        for r in failed
    )
    status = "PASSED" if not run["threshold_failures"] else "FAILED: " + "; ".join(run["threshold_failures"])
    head = "".join(f"<th>{escape(m)}</th>" for m in run["modes"])
    return f"""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>ipfin evaluation report</title>
<style>
body{{font-family:system-ui,"Noto Sans CJK JP",sans-serif;margin:2rem;max-width:1100px;color:#222}}
table{{border-collapse:collapse;margin:1rem 0;font-size:13px}} td,th{{border:1px solid #ccc;padding:4px 8px;vertical-align:top}}
th{{background:#f3f3f3}} .ans{{white-space:pre-wrap;max-width:420px}} .status{{font-weight:bold}}
.charts svg{{display:block;margin:1.5rem 0}}
</style></head><body>
<h1>ipfin evaluation report</h1>
<p>dataset <code>{escape(run["dataset"])}</code> ({run["items"]} items) · embedder <code>{escape(run["embedder"])}</code> · {escape(run["created"])}</p>
<p class="status">Thresholds ({escape(run["thresholds_file"])}): {escape(status)}</p>
<p>LLM judge: {escape(run["judge"])}</p>
<h2>Ablations</h2>
<table><tr><th>metric</th>{head}</tr>{rows}</table>
<div class="charts">{ablation}{per_cat}{latency}</div>
{user_html}
<h2>Failed items ({escape(main)}: {len(failed)})</h2>
<table><tr><th>id</th><th>category</th><th>question</th><th>expected</th><th>cited</th><th>why</th><th>answer</th></tr>{failed_rows}</table>
</body></html>
"""


def _judge_table(run: dict) -> str:
    judged = {m: s["judge"] for m, s in run["modes"].items() if s.get("judge")}
    if not judged:
        return ""
    rows = "".join(
        f"<tr><td>{escape(m)}</td><td>{j.get('faithfulness', 0):.3f}</td><td>{j.get('answer_relevancy', 0):.3f}</td></tr>"
        for m, j in judged.items()
    )
    return f"<table><tr><th>mode</th><th>faithfulness</th><th>answer relevancy</th></tr>{rows}</table>"
