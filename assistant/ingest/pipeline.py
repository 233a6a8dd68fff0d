"""``ipfin ingest``: files → chunks → Chroma + BM25, incrementally.

A file whose sha256 (and metadata: sources.yaml entry or ``<id>.meta.yaml`` sidecar) is
unchanged is skipped; a changed file's old chunks are replaced;
a file that no longer exists leaves the index. Per-file errors (binary, encrypted,
corrupt) are reported one line each and never touch what is already indexed.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from assistant.core.errors import CorpusError, IngestError, IpfinError, ManifestError, UnsupportedFileError
from assistant.core.files import sha256_file
from assistant.core.settings import Settings
from assistant.core.types import Chunk, IngestReport, SourceDoc, SourceKind
from assistant.corpus.reserved import USER_PREFIX, ReservedIds, check_user_id
from assistant.corpus.sources import SourceList, load_optional_sources, load_sidecar
from assistant.embed.base import Embedder
from assistant.index.manifest import IndexManifest
from assistant.index.store import IndexStore, RetrievalKey
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoadedDoc, load_file, source_id_for
from assistant.ingest.splitter import split_blocks
from assistant.text.ja import content_terms

_SKIP_NAMES = {"README.md", "FORMAT.md"}


def index_text(doc: SourceDoc, chunk: Chunk) -> str:
    """What is embedded and tokenised: a contextual header, then the chunk text."""
    header = " / ".join(p for p in (doc.title, chunk.section) if p)
    return f"{header}\n{chunk.text}" if header else chunk.text


def expansion_terms(chunk: Chunk) -> list[str]:
    """Keyword-search terms a chunk gets from its annotations (doc2query): the words of the
    questions its facts answer and of their English renderings, so a question in everyday
    words or in English finds the fact."""
    return [t for s in chunk.sources for text in (*s.questions, s.en) if text for t in content_terms(text)]


def retrieval_keys(chunks: list[Chunk]) -> tuple[list[RetrievalKey], list[str]]:
    """Dense retrieval keys: each annotated question (embedded as a query, since it is one)
    and each English rendering, pointing at its fact unit."""
    keys: list[RetrievalKey] = []
    texts: list[str] = []
    for c in chunks:
        for s in c.sources:
            for n, q in enumerate(s.questions):
                keys.append(RetrievalKey.make(c.id, s.start, s.end, "question", n))
                texts.append(q)
            if s.en:
                keys.append(RetrievalKey.make(c.id, s.start, s.end, "en"))
                texts.append(s.en)
    return keys, texts


def _encode_keys(embedder: Embedder, keys: list[RetrievalKey], texts: list[str]) -> np.ndarray:
    """Questions are embedded as queries (they are ones), English renderings as passages."""
    out = np.zeros((len(keys), embedder.dim), dtype=np.float32)
    for kind, encode in (("question", embedder.encode_queries), ("en", embedder.encode_passages)):
        rows = [i for i, k in enumerate(keys) if k.kind == kind]
        if rows:
            out[rows] = encode([texts[i] for i in rows])
    return out


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders; an explicitly named file of an unknown type is an error."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        path = Path(path).expanduser()
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix.lower() in SUPPORTED_SUFFIXES
                    and f.name not in _SKIP_NAMES
                    and not any(part.startswith(".") for part in f.relative_to(path).parts)
                ):
                    files.append(f.resolve())
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                errors.append(
                    str(
                        UnsupportedFileError(
                            f"{path.name}: ipfin cannot read '{path.suffix or 'files without an extension'}'.",
                            f"Supported types: {', '.join(SUPPORTED_SUFFIXES)}.",
                        )
                    )
                )
            else:
                files.append(path.resolve())
        else:
            errors.append(f"{path}: no such file or folder. Check the path and try again.")
    return list(dict.fromkeys(files)), errors


def _kind_and_meta(
    path: Path, settings: Settings, official: SourceList, manifest: IndexManifest | None = None
) -> tuple[SourceKind, dict]:
    """Where a file is decides what it may claim (see :mod:`assistant.corpus.reserved`):
    a brief only in ``corpus/briefs``; an official document (``sources.yaml`` metadata,
    primary or secondary) only as ``raw/<id>.*`` beside the source list; a document added
    with ``ipfin corpus add`` by its ``<id>.meta.yaml`` sidecar there too, under an id no
    brief or official document owns; every other file is a user's, as ``user/<name>``
    (a sidecar or a front matter elsewhere changes neither its id nor its kind)."""
    corpus = settings.corpus_dir.resolve()
    if path.is_relative_to(corpus / "briefs"):
        return "brief", {}
    in_raw = path.parent in _official_dirs(settings, official)
    sidecar = load_sidecar(path) if in_raw else None
    if sidecar is not None:
        _check_sidecar_id(path, sidecar.id, ReservedIds.load(settings.corpus_dir, official), manifest)
        return "user", sidecar.as_meta()
    entry = official.get(path.stem)
    if entry is not None and in_raw:
        return ("secondary" if entry.kind == "secondary" else "primary"), entry.as_meta()
    return "user", {"id": _user_id(path, manifest), "kind": "user"}


def _official_dirs(settings: Settings, official: SourceList) -> set[Path]:
    """Where a file named after a source-list id is that official document."""
    return {(settings.corpus_dir / "raw").resolve(), (Path(official.path).parent / "raw").resolve()}


def _check_sidecar_id(path: Path, source_id: str, reserved: ReservedIds, manifest: IndexManifest | None) -> None:
    where = f"{path.name}: its metadata file {path.stem}.meta.yaml"
    if source_id != path.stem:
        raise ManifestError(
            f"{where} says id {source_id!r}, but the file is named {path.name}.",
            "Add documents with `ipfin corpus add`, which names the file after its id.",
        )
    try:
        check_user_id(source_id, reserved, where="id")
    except CorpusError as exc:
        raise ManifestError(f"{where}: {exc.message}", exc.hint) from exc
    if manifest is not None and (other := _holder(manifest, source_id, str(path))):
        raise ManifestError(
            f"{where} claims the id {source_id!r}, which {Path(other).name} already has.",
            "Keep one file per id in corpus/raw (remove the other, or re-add this one with another --id).",
        )


def _holder(manifest: IndexManifest, source_id: str, own_key: str) -> str:
    """Another indexed file that still exists and holds ``source_id`` ("" if none)."""
    return next(
        (k for k, e in manifest.files.items() if e.source_id == source_id and k != own_key and Path(k).exists()), ""
    )


def _user_id(path: Path, manifest: IndexManifest | None) -> str:
    """``user/<name>``; ``user/<name>-<hash of the path>`` when another file has that name.
    A file keeps the id it was indexed under, so ids do not move when files come and go."""
    key = str(path)
    base = USER_PREFIX + source_id_for(path)
    hashed = f"{base}-{hashlib.sha256(key.encode()).hexdigest()[:6]}"
    known = manifest.files.get(key) if manifest is not None else None
    if known is not None and known.source_id in (base, hashed):
        return known.source_id
    if manifest is not None and any(e.source_id == base for k, e in manifest.files.items() if k != key):
        return hashed
    return base


def _record_is_own(manifest: IndexManifest, key: str, source_id: str, kind: SourceKind) -> bool:
    """The document record under ``source_id`` is this file's kind, and was written by this
    file or another still indexed one: an index where an older ipfin let a user's file
    relabel a brief (or a record outlived the file that wrote it) reads the file again."""
    doc = manifest.documents.get(source_id)
    return doc is not None and doc.kind == kind and (doc.path == key or doc.path in manifest.files)


def _misassigned(manifest: IndexManifest, settings: Settings, official: SourceList) -> list[Path]:
    """Indexed files that hold a brief's or an official document's id though they are in no
    ``briefs``/``raw`` folder at all (a user's file an older ipfin indexed under it): they
    are read again, as user files. (Another checkout's corpus sharing this index keeps its
    files: they sit in such folders.)"""
    reserved = ReservedIds.load(settings.corpus_dir, official)
    out = []
    for key, entry in manifest.files.items():
        path = Path(key)
        owner = reserved.owner(entry.source_id)
        outside = (owner == "brief" and "briefs" not in path.parts[:-1]) or (
            owner == "official" and path.parent.name != "raw"
        )
        if outside and path.is_file():
            out.append(path)
    return out


def _refuse_empty(path: Path, loaded: LoadedDoc) -> None:
    """A document with no text is reported, not recorded silently with 0 chunks."""
    if any(b.text.strip() for b in loaded.blocks):
        return
    if loaded.pages_without_text:
        raise IngestError(
            f"{path.name}: none of its {len(loaded.pages_without_text)} page(s) has text (a scanned PDF?).",
            "Run OCR on it (e.g. ocrmypdf) and ingest the result.",
        )
    raise IngestError(
        f"{path.name}: there is no text to index (the file is empty, or holds only a title or front matter).",
        "Add the document's text, or leave the file out.",
    )


def fingerprint(path: Path, meta: dict) -> str:
    """What decides whether a file is indexed again: its sha256, and its metadata when it has
    some, so a corrected title in sources.yaml or a sidecar reaches the index too."""
    digest = sha256_file(path)
    if not meta:
        return digest
    return hashlib.sha256(f"{digest}\n{json.dumps(meta, sort_keys=True, ensure_ascii=False)}".encode()).hexdigest()


def needs_indexing(settings: Settings, paths: Iterable[Path], sources_file: Path | None = None) -> list[Path]:
    """The files whose content (or metadata) the index does not hold yet."""
    paths = [Path(p).resolve() for p in paths]
    if not (settings.home / "manifest.json").exists():
        return paths
    manifest = IndexStore(settings.home).manifest
    sources = load_optional_sources(sources_file or settings.corpus_dir / "sources.yaml")

    def stale(p: Path) -> bool:
        entry = manifest.files.get(str(p))
        if entry is None:
            return True
        try:
            return entry.sha256 != fingerprint(p, _kind_and_meta(p, settings, sources, manifest)[1])
        except (IpfinError, OSError):
            return True  # ingest reports what is wrong with it

    return [p for p in paths if stale(p)]


def ingest(
    settings: Settings,
    embedder: Embedder,
    paths: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: bool = False,
    sources_file: Path | None = None,
) -> IngestReport:
    """Index ``paths`` (default: the briefs and ``corpus/raw``). ``sources_file`` replaces
    ``corpus/sources.yaml`` as the source of official documents' metadata."""
    from tqdm import tqdm

    started = time.perf_counter()
    report = IngestReport()
    store = IndexStore(settings.home)
    if rebuild:
        store.reset()
    store.bind_embedder(embedder.identity, embedder.dim)
    # Chunk ids depend on the chunking settings: when they change, every file is split anew.
    chunking = [settings.chunk_chars, settings.chunk_overlap]
    resplit = store.manifest.chunking not in (None, chunking)
    store.manifest.chunking = chunking
    files, report.errors = discover(paths or settings.default_ingest_paths)
    sources = load_optional_sources(sources_file or settings.corpus_dir / "sources.yaml")
    files += [p for p in _misassigned(store.manifest, settings, sources) if p not in files]
    limit = settings.max_file_mb * 1024 * 1024

    for path in tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=not progress):
        key = str(path)
        try:
            if path.stat().st_size > limit:
                raise IngestError(
                    f"{path.name}: {path.stat().st_size / 1e6:.1f} MB is over the {settings.max_file_mb} MB limit.",
                    "Split the file, or raise IPFIN_MAX_FILE_MB.",
                )
            kind, meta = _kind_and_meta(path, settings, sources, store.manifest)
            digest = fingerprint(path, meta)
            known = store.manifest.files.get(key)
            if (
                not resplit
                and known is not None
                and known.sha256 == digest
                and _record_is_own(store.manifest, key, known.source_id, kind)
            ):
                report.documents_skipped += 1
                continue
            loaded = load_file(path, kind=kind, meta=meta)
            _refuse_empty(path, loaded)
        except RecursionError:
            report.errors.append(f"{path.name}: nested too deeply to read. Check that the file is what it should be.")
            continue
        except (IngestError, ManifestError) as exc:
            report.errors.append(str(exc))
            continue
        except OSError as exc:
            report.errors.append(f"{path.name}: cannot be read ({exc.strerror or exc}). Check the file's permissions.")
            continue
        chunks = split_blocks(
            loaded.doc.source_id, loaded.blocks, settings.chunk_chars, settings.chunk_overlap, loaded.doc.jurisdiction
        )
        chunks = list({c.id: c for c in chunks}.values())
        fresh = [c for c in chunks if not store.has_chunk(c.id)]
        texts = [index_text(loaded.doc, c) for c in fresh]
        vectors = embedder.encode_passages(texts)
        tokens = [content_terms(t) + expansion_terms(c) for t, c in zip(texts, fresh, strict=True)]
        stale = store.manifest.forget_file(key)
        keep = {c.id for c in chunks}
        store.remove_chunks([cid for cid in stale if cid not in keep])
        store.add_chunks(fresh, loaded.doc, vectors, tokens)
        units = [(c.id, a, b) for c in fresh for a, b in c.quotable_units()]
        texts_by_id = {c.id: c.text for c in fresh}
        store.add_units(units, embedder.encode_passages([texts_by_id[cid][a:b] for cid, a, b in units]))
        keys, key_texts = retrieval_keys(fresh)
        store.add_keys(keys, _encode_keys(embedder, keys, key_texts))
        store.manifest.record_file(key, digest, loaded.doc, [c.id for c in chunks], loaded.pages_without_text, loaded.extractors)
        report.documents += 1
        report.chunks_added += len(fresh)
        report.chunks_removed += len([cid for cid in stale if cid not in keep])
        report.pages_without_text += [(loaded.doc.source_id, p) for p in loaded.pages_without_text]

    for key in [k for k in store.manifest.files if not Path(k).exists()]:
        gone = store.manifest.forget_file(key)
        store.remove_chunks(gone)
        report.documents_removed += 1
        report.chunks_removed += len(gone)

    store.save()
    report.chunks_total = store.count()
    report.seconds = time.perf_counter() - started
    return report
