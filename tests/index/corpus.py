"""Tiny Markdown corpora with facts that tell index states apart (shared by the index,
ingest and reliability tests)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write

BRIEF = """---
id: {id}
title: {title}
publisher: ipfin編集部 (テスト)
year: 2026
kind: brief
---
# {title}

## 本文

{items}
"""

#: One fact per document; the question, and the words an answer from this fact contains.
FACTS = {
    "alpha": ("アルファ精工の設立年は1999年である。", "アルファ精工の設立年は何年ですか？", "1999"),
    "beta": ("ベータ銀行の本店は札幌市にある。", "ベータ銀行の本店はどこにありますか？", "札幌"),
    "gamma": ("ガンマ信用金庫の店舗数は27店である。", "ガンマ信用金庫の店舗数はいくつですか？", "27店"),
    "delta": ("デルタ特許事務所の弁理士は12名である。", "デルタ特許事務所の弁理士は何名ですか？", "12名"),
    "epsilon": ("イプシロン商会の決算月は3月である。", "イプシロン商会の決算月はいつですか？", "3月"),
    "zeta": ("ゼータ工業の従業員数は340人である。", "ゼータ工業の従業員数は何人ですか？", "340人"),
}
#: A second version of alpha: another year, so an answer tells which version it came from.
ALPHA_V2 = "アルファ精工の設立年は2005年である。"


def brief(folder: Path, name: str, *sentences: str, title: str | None = None) -> Path:
    """``folder/name.md`` as a brief with one fact item per sentence."""
    items = "\n".join(f"- {s} 出典: https://example.org/{name}/{i}" for i, s in enumerate(sentences))
    return write(folder / f"{name}.md", BRIEF.format(id=name, title=title or f"{name}のテスト文書", items=items))


def corpus(folder: Path, names: list[str]) -> list[Path]:
    return [brief(folder, n, FACTS[n][0]) for n in names]


def annotated(folder: Path, name: str, sentence: str, question: str, en: str) -> Path:
    """``folder/name.md`` with one fact annotated with a question and an English rendering
    (the retrieval keys an ingest stores beside the unit vectors)."""
    item = f"- {sentence} 出典: https://example.org/{name}/0\n  - en: {en}\n  - q: {question}"
    return write(folder / f"{name}.md", BRIEF.format(id=name, title=f"{name}のテスト文書", items=item))
