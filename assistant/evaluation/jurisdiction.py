"""Which jurisdiction a cited quote is about, for the jurisdiction-error metric.

The answer says it (``Citation.to_json()["jurisdiction"]``); for answers that do not (an
older build, a report written elsewhere) the bundled briefs' annotations decide: the fact
item that contains the quote, its own ``where:``, else its section's, else the brief's.
A question's jurisdiction, when an item does not give one, follows the product's rule: the
places it names, else Japan.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT
from assistant.corpus.lexicon import Lexicon
from assistant.ingest.loaders import load_file

BRIEFS = PROJECT_ROOT / "corpus" / "briefs"


@lru_cache(maxsize=1)
def _facts(folder: str) -> tuple[tuple[str, str], ...]:
    out = []
    for path in sorted(Path(folder).glob("*.md")):
        loaded = load_file(path, kind="brief")
        for block in loaded.blocks:
            out.append((block.text, block.fact_jurisdiction or block.jurisdiction or loaded.doc.jurisdiction))
    return tuple(out)


def quote_jurisdiction(citation: dict, folder: Path = BRIEFS) -> str:
    if citation.get("jurisdiction"):
        return str(citation["jurisdiction"])
    quote = str(citation.get("quote", ""))
    for text, code in _facts(str(folder)):
        if quote and (quote in text or text in quote):
            return code
    return ""


def question_jurisdictions(question: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """The places a question names, as jurisdiction codes; the default (Japan) when none."""
    lexicon = lexicon or Lexicon.bundled()
    named = [p.country for p in lexicon.places if p.name in question]
    named += [p.country for ja in lexicon.expand_english(question) for p in lexicon.places if p.name == ja]
    return tuple(dict.fromkeys(named)) or (lexicon.default_jurisdiction,)
