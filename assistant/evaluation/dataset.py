"""The gold set: one JSON object per line (see eval/README.md for the fields)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import ConfigError
from assistant.core.settings import PROJECT_ROOT

DEFAULT_DATASET = PROJECT_ROOT / "eval" / "datasets" / "ipfin-qa.jsonl"
_REQUIRED = ("id", "question", "answerable", "expected_sources", "key_facts", "category")


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    answerable: bool
    expected_sources: tuple[str, ...]
    key_facts: tuple[str, ...]
    category: str
    lang: str = "ja"
    persona: str = "sme"
    history: tuple[str, ...] = field(default_factory=tuple)


def load_dataset(path: Path = DEFAULT_DATASET) -> list[EvalItem]:
    if not path.is_file():
        raise ConfigError(f"No dataset at {path}.", "Give a JSONL file with --dataset (see eval/README.md).")
    items: list[EvalItem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"{path.name} line {number} is not JSON ({exc.msg}).", "Fix or remove the line."
            ) from None
        missing = [k for k in _REQUIRED if k not in row]
        if missing:
            raise ConfigError(
                f"{path.name} line {number} lacks {', '.join(missing)}.",
                "Every item needs id, question, answerable, expected_sources, key_facts and category.",
            )
        items.append(
            EvalItem(
                id=str(row["id"]),
                question=str(row["question"]),
                answerable=bool(row["answerable"]),
                expected_sources=tuple(row["expected_sources"]),
                key_facts=tuple(row["key_facts"]),
                category=str(row["category"]),
                lang=str(row.get("lang", "ja")),
                persona=str(row.get("persona", "sme")),
                history=tuple(row.get("history") or ()),
            )
        )
    if not items:
        raise ConfigError(f"{path} holds no items.", "Add one JSON object per line.")
    return items
