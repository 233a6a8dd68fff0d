"""``ipfin corpus add``: bring a user's own document into ``corpus/raw/`` with its metadata.

The file is copied to ``corpus/raw/<id>.<ext>`` and its metadata written beside it as
``corpus/raw/<id>.meta.yaml`` (a sidecar) rather than into ``corpus/sources.yaml``: the
source list is the curated, versioned list of official documents, while a user's files and
their metadata are local (``corpus/raw/`` is not in git) and travel together: delete both
files and the document is gone; copy both and it moves. Ingestion reads the sidecar and
indexes the document as kind ``user``, like any other source.

The id is the user's choice, but never one a bundled brief or an official document of
``sources.yaml`` owns (:mod:`assistant.corpus.reserved`): ``--id evc-act`` would otherwise
put the user's file, title and publisher where citations of the brief point.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from assistant.core.errors import CorpusError
from assistant.corpus.fetchlock import now_iso
from assistant.corpus.reserved import ReservedIds, brief_ids, check_user_id
from assistant.corpus.sources import SourceEntry, SourceList, parse_entry, sidecar_path

ADDABLE_SUFFIXES = (".pdf", ".html", ".htm", ".md", ".markdown", ".txt")


def existing_files(raw_dir: Path, source_id: str) -> list[Path]:
    """Documents already stored under ``source_id`` (any supported extension)."""
    return [
        raw_dir / f"{source_id}{suffix}" for suffix in ADDABLE_SUFFIXES if (raw_dir / f"{source_id}{suffix}").is_file()
    ]


def add_user_document(
    file: Path,
    raw_dir: Path,
    official: SourceList,
    *,
    source_id: str,
    title: str,
    publisher: str,
    url: str | None = None,
    year: int | None = None,
    language: str | None = None,
    replace: bool = False,
    max_bytes: int | None = None,
    briefs_dir: Path | None = None,
) -> tuple[Path, SourceEntry]:
    """Copy ``file`` in as ``<raw_dir>/<source_id>.<ext>`` and write its sidecar; returns both.
    ``briefs_dir`` (default: ``briefs/`` beside ``raw_dir``) holds the briefs whose ids are taken."""
    file = Path(file).expanduser()
    if not file.is_file():
        raise CorpusError(f"{file}: no such file.", "Check the path and try again.")
    suffix = file.suffix.lower()
    if suffix not in ADDABLE_SUFFIXES:
        raise CorpusError(
            f"{file.name}: ipfin cannot read '{suffix or 'files without an extension'}'.",
            f"Supported types: {', '.join(ADDABLE_SUFFIXES)}.",
        )
    if max_bytes is not None and file.stat().st_size > max_bytes:
        raise CorpusError(
            f"{file.name}: {file.stat().st_size / 1e6:.1f} MB is over the {max_bytes / 1024 / 1024:g} MB limit.",
            "Split the file, or raise IPFIN_MAX_FILE_MB.",
        )
    meta: dict = {"id": source_id, "title": title, "publisher": publisher, "kind": "user"}
    if url:
        meta["url"] = url
    if year is not None:
        meta["year"] = year
    if language:
        meta["language"] = language
    entry = parse_entry(meta, "ipfin corpus add", kinds=("user",))
    briefs = brief_ids(briefs_dir if briefs_dir is not None else Path(raw_dir).parent / "briefs")
    check_user_id(source_id, ReservedIds(frozenset(briefs), frozenset(official.by_id)))
    raw_dir.mkdir(parents=True, exist_ok=True)
    present = existing_files(raw_dir, source_id)
    if present and not replace:
        raise CorpusError(
            f"{present[0]} already exists.", "Pass --replace to update that document, or choose another --id."
        )
    target = raw_dir / f"{source_id}{suffix}"
    part = raw_dir / f".{source_id}{suffix}.part"
    try:
        shutil.copyfile(file, part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    for old in present:
        if old != target:
            old.unlink(missing_ok=True)
    record = meta | {"added_at": now_iso(), "original_file": file.name}
    sidecar = sidecar_path(target)
    tmp = raw_dir / f".{sidecar.name}.tmp"
    tmp.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.replace(tmp, sidecar)
    return target, entry
