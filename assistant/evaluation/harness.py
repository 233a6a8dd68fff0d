"""``ipfin eval``: build (or reuse) an index of the bundled briefs, run the gold set in
every requested mode, check eval/thresholds.yaml, write the three reports."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from assistant.app.assistant import Assistant
from assistant.core.errors import ConfigError
from assistant.core.safe_yaml import load_yaml
from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.evaluation.dataset import DEFAULT_DATASET, load_dataset
from assistant.evaluation.report import write_reports
from assistant.evaluation.runner import (
    EXTRACTIVE_MODES,
    MAIN_MODE,
    MODES,
    ItemResult,
    flat_metrics,
    group_summary,
    run_mode,
    summarise,
)

DEFAULT_THRESHOLDS = PROJECT_ROOT / "eval" / "thresholds.yaml"
_EPS = 5e-4  # bounds are written with three decimals
JUDGE_SKIPPED = "skipped: no LLM endpoint configured (set IPFIN_LLM_PROVIDER and IPFIN_LLM_MODEL to enable it)"


@dataclass
class EvalOutcome:
    run: dict
    paths: dict[str, Path]

    @property
    def passed(self) -> bool:
        return not self.run["threshold_failures"]


def check_thresholds(path: Path, summaries: dict[str, dict], users: dict | None = None) -> list[str]:
    """Human-readable lines for every threshold the configured mode misses, and (section
    ``users:``) every bound the user questions' test half misses."""
    if not path.is_file():
        raise ConfigError(
            f"No thresholds file at {path}.", "Give one with --thresholds, or restore eval/thresholds.yaml."
        )
    try:
        spec = load_yaml(path) or {}
    except (yaml.YAMLError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot be read as YAML ({exc}).", "Fix the thresholds file.") from exc
    if not isinstance(spec, dict):
        raise ConfigError(f"{path}: expected `mode:`, `min:` and `max:`.", "See eval/thresholds.yaml.")
    failures: list[str] = []
    mode = spec.get("mode", MAIN_MODE)
    if mode in summaries:  # a mode that was not run is not gated
        failures += _bounds(path, spec, flat_metrics(summaries[mode]), mode)
    gate = spec.get("users") or {}
    split = str(gate.get("split", "test"))
    if users and split in users.get("splits", {}):
        summary = users["splits"][split]
        failures += _gate(path, gate, summary, f"users ({split} half)")
        for name, bounds in (gate.get("sets") or {}).items():
            if name in summary.get("sets", {}):
                failures += _gate(path, bounds, summary["sets"][name], f"users {name} ({split} half)")
    return failures


def _gate(path: Path, gate: dict, summary: dict, label: str) -> list[str]:
    """The bounds of one block (``min``, ``max``, ``per_group``) against one summary."""
    values = {k: v for k, v in summary.items() if isinstance(v, float | int)}
    failures = _bounds(path, gate, values, label)
    for group, bounds in (gate.get("per_group") or {}).items():
        group_values = summary.get("per_group", {}).get(group)
        if group_values:
            failures += _bounds(path, bounds, group_values, f"{label[:-1]}, {group})")
    return failures


def user_sets(path: Path) -> dict[str, tuple[str, ...]]:
    """The named sets of user questions the thresholds file gates on their own
    (``users: sets: <name>: datasets: [file stems]``), so a set added later is judged
    by its own floors and never moves the floors measured on the earlier ones."""
    try:
        spec = (load_yaml(path) or {}) if path.is_file() else {}
    except (yaml.YAMLError, ValueError):
        return {}  # check_thresholds reports the broken file
    sets = ((spec.get("users") or {}) if isinstance(spec, dict) else {}).get("sets") or {}
    out: dict[str, tuple[str, ...]] = {}
    for name, block in sets.items():
        stems = (block or {}).get("datasets") if isinstance(block, dict) else None
        if not stems or not isinstance(stems, list):
            raise ConfigError(
                f"{path.name}: users set {name!r} names no datasets.",
                "Give it `datasets: [users-sme, …]` (file names without .jsonl).",
            )
        out[str(name)] = tuple(str(s) for s in stems)
    return out


def _bounds(path: Path, spec: dict, values: dict, label: str) -> list[str]:
    failures = []
    for key, bound in (spec.get("min") or {}).items():
        if key not in values:
            raise ConfigError(f"{path.name}: unknown metric {key!r}.", f"Known: {', '.join(sorted(values))}.")
        if values[key] < bound - _EPS:
            failures.append(f"{label} {key} = {values[key]:.3f} is below the minimum {bound}")
    for key, bound in (spec.get("max") or {}).items():
        if key not in values:
            raise ConfigError(f"{path.name}: unknown metric {key!r}.", f"Known: {', '.join(sorted(values))}.")
        if values[key] > bound + _EPS:
            failures.append(f"{label} {key} = {values[key]:.3f} is above the maximum {bound}")
    return failures


def evaluate(
    settings: Settings,
    out: Path,
    dataset: Path = DEFAULT_DATASET,
    modes: tuple[str, ...] | None = None,
    thresholds: Path = DEFAULT_THRESHOLDS,
    reuse_home: bool = False,
    progress: bool = False,
    users: tuple[Path, ...] = (),
) -> EvalOutcome:
    """Run ``dataset`` in every mode, and the user-question sets ``users`` (dev and test
    halves) in the shipped mode; gate the shipped mode and the users' test half."""
    modes = modes or (EXTRACTIVE_MODES + (("llm",) if settings.llm_enabled else ()))
    if "llm" in modes and not settings.llm_enabled:
        raise ConfigError("Mode 'llm' needs an LLM endpoint.", "Set IPFIN_LLM_PROVIDER and IPFIN_LLM_MODEL (see README).")
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise ConfigError(f"Unknown mode {unknown[0]!r}.", f"Choose from: {', '.join(MODES)}.")
    items = load_dataset(dataset)
    loaded = [(path, item) for path in users for item in load_dataset(path)]
    user_items = [item for _, item in loaded]
    origin = {item.id: path.stem for path, item in loaded}
    with tempfile.TemporaryDirectory(prefix="ipfin-eval-") as tmp:
        if not reuse_home:
            # A fresh index of the bundled briefs only: results do not depend on what a
            # user has added to their own index.
            settings = settings.with_(home=Path(tmp))
        assistant = Assistant(settings)
        if not reuse_home:
            assistant.ingest([settings.corpus_dir / "briefs"])
        results = {m: run_mode(assistant, items, m, progress) for m in modes}
        user_results = run_mode(assistant, user_items, MAIN_MODE, progress) if user_items else []
        judge_line = JUDGE_SKIPPED
        if assistant.llm is not None:
            judge_line = _judge(assistant, results)
    summaries = {m: summarise(rs) for m, rs in results.items()}
    users_run = users_summary(user_results, users, user_sets(thresholds), origin)
    run = {
        "dataset": str(dataset),
        "items": len(items),
        "embedder": assistant.embedder.identity,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "judge": judge_line,
        "thresholds_file": str(thresholds),
        "threshold_failures": check_thresholds(thresholds, summaries, users_run),
        "modes": summaries,
        "users": users_run,
    }
    return EvalOutcome(run, write_reports(out, run, results, user_results))


def users_summary(
    results: list[ItemResult],
    paths: tuple[Path, ...],
    sets: dict[str, tuple[str, ...]] | None = None,
    origin: dict[str, str] | None = None,
) -> dict:
    """Per split (dev, test) and per user group (sme, bank, en): the numbers the user
    questions are judged by; and the same for each named set (``sets``: name -> dataset
    file stems; ``origin``: item id -> its file's stem). Empty when no user set was run."""
    if not results:
        return {}

    def summary(rows: list[ItemResult]) -> dict:
        groups = sorted({r.group for r in rows})
        return group_summary(rows) | {"per_group": {g: group_summary([r for r in rows if r.group == g]) for g in groups}}

    splits = {}
    for split in sorted({r.split for r in results}):
        rows = [r for r in results if r.split == split]
        splits[split or "all"] = summary(rows)
        named = {
            name: summary(chosen)
            for name, stems in (sets or {}).items()
            if (chosen := [r for r in rows if (origin or {}).get(r.id) in stems])
        }
        if named:
            splits[split or "all"]["sets"] = named
    return {"datasets": [str(p) for p in paths], "mode": MAIN_MODE, "splits": splits}


def _judge(assistant: Assistant, results: dict[str, list[ItemResult]]) -> str:
    """Faithfulness and answer relevancy, judged by the configured endpoint, for the
    shipped extractive mode and the LLM mode (answered items only)."""
    from assistant.llm.judge import Judge

    judge = Judge(assistant.llm)
    for mode in ("hybrid+condense", "llm"):
        for r in results.get(mode, []):
            if r.abstained:
                continue
            passages = "\n\n".join(f"[{c['n']}] {c['quote']}" for c in r.citations)
            faith = judge.faithfulness(passages, r.answer)
            rel = judge.relevancy(r.question, r.answer)
            r.judge = {k: v for k, v in (("faithfulness", faith), ("answer_relevancy", rel)) if v is not None}
    return f"{assistant.llm.description} with prompts {judge.version}"
