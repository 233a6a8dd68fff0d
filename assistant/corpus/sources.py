"""``corpus/sources.yaml`` (and ``<id>.meta.yaml`` sidecars) as typed, validated entries.

The source list is edited by hand, so every mistake is reported with the entry it is in
(its number, its id and the entry itself, abridged) and what a valid value looks like;
ingestion and fetching never start from a half-understood source list. Both files are read
with :func:`assistant.core.safe_yaml.load_yaml`: an oversized or alias-bomb file ("billion
laughs") is refused while it is parsed instead of eating minutes and gigabytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from assistant.core.errors import ManifestError
from assistant.core.safe_yaml import YamlLimitError, load_yaml

#: Ids become file names (``corpus/raw/<id>.pdf``) and chunk-id prefixes.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
#: What ``kind`` may say in the source list; sidecars of added documents say ``user``.
MANIFEST_KINDS = ("primary", "secondary")
SIDECAR_KINDS = ("user",)
LANGUAGES = ("ja", "en", "zh")
YEAR_RANGE = (1900, 2100)
SIDECAR_SUFFIX = ".meta.yaml"
_QUOTE_CHARS = 160
_FIELDS = frozenset(
    {"id", "title", "publisher", "year", "url", "language", "lang", "kind", "note", "see_also", "jurisdiction"}
    | {"added_at", "original_file"}  # written by `ipfin corpus add` into sidecars
)


@dataclass(frozen=True)
class SourceEntry:
    """One document: where it comes from and how a citation names it."""

    id: str
    title: str
    publisher: str = ""
    year: int | None = None
    url: str | None = None
    language: str | None = None  # None: detected from the text
    kind: str = "primary"
    note: str = ""
    see_also: tuple[str, ...] = ()
    #: What the document is about (a code of corpus/lexicon/places.yaml); "" = the default.
    jurisdiction: str = ""

    def as_meta(self) -> dict[str, Any]:
        """The metadata dict the loaders take (``load_file(meta=...)``)."""
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "year": self.year,
            "url": self.url,
            "language": self.language,
            "kind": self.kind,
        } | ({"jurisdiction": self.jurisdiction} if self.jurisdiction else {})


@dataclass(frozen=True)
class SourceList:
    path: Path
    documents: tuple[SourceEntry, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, SourceEntry]:
        return {d.id: d for d in self.documents}

    def get(self, source_id: str) -> SourceEntry | None:
        return self.by_id.get(source_id)

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.by_id


def _quote(entry: object) -> str:
    text = json.dumps(entry, ensure_ascii=False, default=str)
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def _fail(where: str, entry: object, problem: str, fix: str) -> ManifestError:
    return ManifestError(f"{where}: {problem} in {_quote(entry)}.", fix)


def parse_entry(raw: object, where: str, kinds: tuple[str, ...] = MANIFEST_KINDS) -> SourceEntry:
    """Validate one entry; ``where`` names it in errors ("corpus/sources.yaml, entry 3")."""
    if not isinstance(raw, dict):
        raise _fail(where, raw, "an entry must be a mapping of fields", "Write it as `- id: ...` with `title:` etc.")
    source_id = raw.get("id")
    if not isinstance(source_id, str) or not ID_PATTERN.match(source_id):
        raise _fail(
            where,
            raw,
            f"'id' must be lower-case letters, digits, '.', '-' or '_' (it is {source_id!r})",
            "Use an id like fsa-abl-2013: it becomes the file name corpus/raw/<id>.pdf.",
        )
    where = f"{where} (id {source_id})"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise _fail(
            where,
            raw,
            f"unknown field(s) {', '.join(sorted(map(str, unknown)))}",
            "Check the spelling of the field names.",
        )
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _fail(where, raw, "'title' is missing or empty", "Give the document's title as citations should show it.")
    publisher = raw.get("publisher") or ""
    if not isinstance(publisher, str):
        raise _fail(where, raw, "'publisher' must be text", 'Quote it, e.g. publisher: "金融庁".')
    year = raw.get("year")
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]
    ):
        raise _fail(
            where, raw, f"'year' must be a year like 2023 or null (it is {year!r})", "Write the year as digits."
        )
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url)):
        raise _fail(
            where, raw, f"'url' must start with http:// or https:// (it is {url!r})", "Use the full address, or null."
        )
    language = raw.get("language", raw.get("lang"))
    if language is not None and language not in LANGUAGES:
        raise _fail(where, raw, f"'language' must be one of {', '.join(LANGUAGES)} (it is {language!r})", "Fix it.")
    kind = raw.get("kind", kinds[0])
    if kind not in kinds:
        raise _fail(where, raw, f"'kind' must be one of {', '.join(kinds)} (it is {kind!r})", "Fix it.")
    see_also = raw.get("see_also") or []
    if not isinstance(see_also, list) or not all(isinstance(u, str) for u in see_also):
        raise _fail(where, raw, "'see_also' must be a list of URLs", "Write one `- https://...` per line.")
    jurisdiction = raw.get("jurisdiction") or ""
    if not isinstance(jurisdiction, str) or (jurisdiction and not re.match(r"^[a-z]{2,4}$", jurisdiction)):
        raise _fail(
            where, raw, f"'jurisdiction' must be a short code like jp, us, cn or intl (it is {jurisdiction!r})",
            "Use a code of corpus/lexicon/places.yaml.",
        )
    return SourceEntry(
        id=source_id,
        title=title.strip(),
        publisher=publisher.strip(),
        year=year,
        url=url,
        language=language,
        kind=kind,
        note=str(raw.get("note") or ""),
        see_also=tuple(see_also),
        jurisdiction=jurisdiction,
    )


def _read_yaml(path: Path) -> object:
    try:
        return load_yaml(path)
    except YamlLimitError as exc:
        raise ManifestError(
            f"{path}: not read: {exc}.",
            "A source list or sidecar is a short list of entries; check that this is the right file.",
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise ManifestError(
            f"{path}: not valid YAML{at} ({getattr(exc, 'problem', None) or exc.__class__.__name__}).",
            "Fix the indentation or quoting there (titles with ':' need quotes).",
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot be read ({exc}).", "Check the path and that the file is UTF-8.") from exc


def load_sources(path: Path) -> SourceList:
    """Read and validate a source list; raises :class:`ManifestError` on the first bad entry."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"{path}: no such source list.", "Give the path of a sources.yaml (see corpus/README.md).")
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ManifestError(
            f"{path}: the source list needs a top-level 'documents:' list.", "See corpus/sources.yaml for the format."
        )
    entries: list[SourceEntry] = []
    seen: set[str] = set()
    for number, raw in enumerate(data["documents"], start=1):
        entry = parse_entry(raw, f"{path.name}, entry {number}")
        if entry.id in seen:
            raise _fail(
                f"{path.name}, entry {number} (id {entry.id})",
                raw,
                f"the id {entry.id!r} is used twice",
                "Give each document its own id.",
            )
        seen.add(entry.id)
        entries.append(entry)
    return SourceList(path, tuple(entries))


def load_optional_sources(path: Path) -> SourceList:
    """The source list at ``path``, or an empty one when there is none (a user's own corpus)."""
    return load_sources(path) if Path(path).is_file() else SourceList(Path(path))


def sidecar_path(document: Path) -> Path:
    """``corpus/raw/<id>.pdf`` → ``corpus/raw/<id>.meta.yaml``."""
    return document.with_name(document.stem + SIDECAR_SUFFIX)


def load_sidecar(document: Path) -> SourceEntry | None:
    """The metadata ``ipfin corpus add`` wrote next to ``document``, if any."""
    path = sidecar_path(document)
    if not path.is_file():
        return None
    return parse_entry(_read_yaml(path), path.name, kinds=SIDECAR_KINDS)
