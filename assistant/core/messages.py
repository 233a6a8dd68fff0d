"""The message catalogue: every user-facing string, in Japanese and English.

The strings live in ``messages.yaml`` beside this module (one file for the CLI, the chat
page, the export, the answerers and the personas). ``t(key, lang, **params)`` returns the
string in ``lang`` (Japanese when the language is unknown) with ``{name}`` placeholders
filled; ``t_list`` returns a list entry (persona starters, next steps).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_FILE = Path(__file__).with_name("messages.yaml")
LANGS = ("ja", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, Any]]:
    # the packaged catalogue, read by libyaml when present (pure-Python parsing took 0.3 s)
    data = yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):  # pragma: no cover - a packaging error
        raise RuntimeError(f"{CATALOGUE_FILE} is not a mapping of message keys.")
    return data


def lang_of(lang: str | None) -> str:
    return lang if lang in LANGS else "ja"


def _entry(key: str, lang: str) -> Any:
    entry = catalogue()[key]  # a KeyError names the missing key: a programming error
    return entry.get(lang_of(lang)) or entry["ja"]


def t(key: str, lang: str | None = "ja", /, **params: object) -> str:
    """The message ``key`` in ``lang``, with ``params`` filled in."""
    text = _entry(key, lang or "ja")
    return text.format(**params) if params else text


def t_list(key: str, lang: str | None = "ja") -> tuple[str, ...]:
    return tuple(_entry(key, lang or "ja"))


def has(key: str) -> bool:
    return key in catalogue()


def framing_prefixes() -> tuple[str, ...]:
    """How ipfin's own framing lines start (not claims from a source): the evaluation and
    LLM verification do not ask them for a citation."""
    out = [t("answer.english_lead", "en"), "注意:", "Note:", "▼"]
    out += [t("answer.abstain", lang)[:20] for lang in LANGS]
    return tuple(out)
