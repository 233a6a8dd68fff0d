"""The gold set: one JSON object per line (see eval/README.md for the fields)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import ConfigError
from assistant.core.settings import PROJECT_ROOT

DEFAULT_DATASET = PROJECT_ROOT / "eval" / "datasets" / "ipfin-qa.jsonl"
#: Questions written the way users type (SME owners, bank staff, English readers), in a dev
#: half (tuned on) and a test half (reported): see eval/README.md.
USER_DATASETS = (
    PROJECT_ROOT / "eval" / "datasets" / "users-sme.jsonl",
    PROJECT_ROOT / "eval" / "datasets" / "users-bank-en.jsonl",
    PROJECT_ROOT / "eval" / "datasets" / "users-fresh.jsonl",
)
GROUPS = ("sme", "bank", "en")
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
    #: Who asks: "sme" (casual Japanese), "bank" (professional Japanese), "en" (English).
    group: str = ""
    #: "dev" (tuned on), "test" (reported), or "" for a set without halves.
    split: str = ""
    #: What the first sentence of a good answer must carry (default: any key fact).
    lead_facts: tuple[str, ...] = ()
    #: What the question is about ("jp" when it names no place); () = not annotated.
    jurisdiction: tuple[str, ...] = ()
    intent: str = ""


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
                group=str(row.get("group") or _group(row)),
                split=str(row.get("split") or ""),
                lead_facts=tuple(row.get("lead_facts") or ()),
                jurisdiction=_jurisdiction(row.get("jurisdiction")),
                intent=str(row.get("intent") or ""),
            )
        )
    if not items:
        raise ConfigError(f"{path} holds no items.", "Add one JSON object per line.")
    return items


def _group(row: dict) -> str:
    """A set without ``group``: English questions are "en", the SME persona "sme", else "bank"."""
    if row.get("lang") == "en":
        return "en"
    return "sme" if row.get("persona", "sme") == "sme" else "bank"


def _jurisdiction(raw: object) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(raw) if isinstance(raw, list) else (str(raw),)
