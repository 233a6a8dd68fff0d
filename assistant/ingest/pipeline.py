"""``ipfin ingest``: files → chunks → Chroma + BM25, incrementally, as one transaction.

A file whose sha256 (and metadata: sources.yaml entry or ``<id>.meta.yaml`` sidecar) is
unchanged is skipped; a changed file's old chunks are replaced;
a file that no longer exists leaves the index. Per-file errors (binary, encrypted,
corrupt) are reported one line each and never touch what is already indexed.

The whole run is one :class:`~assistant.index.writer.IndexWriter` transaction: it waits
for (or refuses) another writer, repairs a damaged index, and readers see nothing of it
until it commits a new generation at the end; an interrupted run is rolled back by the
next start (:mod:`assistant.index.generation`).

Throughput: texts are embedded in large calls across files (:class:`_Batch`: every
chunk, quotable unit and retrieval key of up to ``IPFIN_INGEST_BATCH`` texts at once), and a
text that occurs twice (a sentence in two overlapping chunks, a unit equal to its chunk,
a question asked of two facts) is embedded once. ``eval/bench_scale.py --ingest``
compares the ingest with the embedder's own batch throughput on the same texts.
"""

from __future__ import annotations

import hashlib
import json
import socket
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.core.errors import CorpusError, IngestError, IpfinError, ManifestError, UnsupportedFileError
from assistant.core.files import sha256_file
from assistant.core.settings import Settings
from assistant.core.types import Chunk, IngestReport, SourceDoc, SourceKind
from assistant.corpus.reserved import USER_PREFIX, ReservedIds, check_user_id
from assistant.corpus.sources import SourceList, load_optional_sources, load_sidecar
from assistant.embed.base import Embedder
from assistant.index.generation import backend_for
from assistant.index.manifest import IndexManifest
from assistant.index.store import RetrievalKey
from assistant.index.writer import IndexWriter
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


def chunk_tokens(chunk: Chunk, doc: SourceDoc) -> list[str]:
    """What BM25 indexes for a chunk: the terms of its text with its header, and its
    annotations' terms (also what rebuilds a damaged BM25 file from the vector store)."""
    return content_terms(index_text(doc, chunk)) + expansion_terms(chunk)


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
    path: Path,
    settings: Settings,
    official: SourceList,
    manifest: IndexManifest | None = None,
    recorded: SourceDoc | None = None,
) -> tuple[SourceKind, dict]:
    """Where a file is decides what it may claim (see :mod:`assistant.corpus.reserved`):
    a brief only in ``corpus/briefs``; an official document (``sources.yaml`` metadata,
    primary or secondary) only as ``raw/<id>.*`` beside the source list; a document added
    with ``ipfin corpus add`` by its ``<id>.meta.yaml`` sidecar there too, under an id no
    brief or official document owns; every other file is a user's, as ``user/<name>``
    (a sidecar or a front matter elsewhere changes neither its id nor its kind).

    ``recorded``: what the index holds for a file read again only to repair it (its
    vectors were lost). A file of another checkout's corpus sharing the index keeps what
    it was indexed as when it still sits where that may be claimed (a ``briefs`` folder,
    a ``raw`` folder: the rule :func:`_misassigned` applies), rather than becoming a user
    file because it is outside this checkout's corpus."""
    corpus = settings.corpus_dir.resolve()
    if path.is_relative_to(corpus / "briefs") or (
        recorded is not None
        and recorded.kind == "brief"
        and "briefs" in path.parts[:-1]
        and recorded.source_id == source_id_for(path)
    ):
        return "brief", {}
    elsewhere = recorded is not None and path.parent.name == "raw"
    in_raw = path.parent in _official_dirs(settings, official) or elsewhere
    sidecar = load_sidecar(path) if in_raw else None
    if sidecar is not None:
        _check_sidecar_id(path, sidecar.id, ReservedIds.load(settings.corpus_dir, official), manifest)
        return "user", sidecar.as_meta()
    entry = official.get(path.stem)
    if entry is not None and in_raw:
        return ("secondary" if entry.kind == "secondary" else "primary"), entry.as_meta()
    if elsewhere and recorded.kind in ("primary", "secondary") and recorded.source_id == path.stem:
        return recorded.kind, _meta_of(recorded)
    return "user", {"id": _user_id(path, manifest), "kind": "user"}


def _meta_of(doc: SourceDoc) -> dict:
    """The loaders' metadata for an official document as the index recorded it (another
    checkout's, whose source list this one does not have)."""
    return {
        "id": doc.source_id, "title": doc.title, "publisher": doc.publisher, "year": doc.year,
        "url": doc.url, "language": doc.lang, "kind": doc.kind,
    } | ({"jurisdiction": doc.jurisdiction} if doc.jurisdiction else {})


def _recorded(writer: IndexWriter, path: Path) -> tuple[IndexManifest, SourceDoc | None]:
    """Whose record decides a file's identity: for a file read again to repair the index,
    the committed generation (the repair took the file out of the one being written, and
    its id must not move: ``user/<name>`` stays, a brief stays a brief); else the one
    being written."""
    key = str(path)
    entry = writer.committed.files.get(key)
    if entry is None or key in writer.manifest.files:  # committed, and taken out only by the repair
        return writer.manifest, None
    return writer.committed, writer.committed.documents.get(entry.source_id)


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
    backend = backend_for(settings)
    if not backend.exists():
        return paths
    manifest = backend.read_manifest()
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


@dataclass
class _File:
    """One file read and split, waiting for its vectors."""

    key: str
    digest: str
    loaded: LoadedDoc
    chunks: list[Chunk]
    fresh: list[Chunk]
    tokens: list[list[str]]
    chunk_texts: list[str]
    units: list[tuple[str, int, int]]
    unit_texts: list[str]
    keys: list[RetrievalKey]
    key_texts: list[str]


@dataclass
class _Batch:
    """Files whose texts are embedded together: one call for every distinct passage text
    and one for every distinct query text (the annotated questions)."""

    embedder: Embedder
    files: list[_File] = field(default_factory=list)
    passages: dict[str, int] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)
    pending: set[str] = field(default_factory=set)
    #: Files to read again even when their fingerprint is unchanged.
    force: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self.passages) + len(self.queries)

    def add(self, item: _File) -> None:
        self.files.append(item)
        self.pending.update(c.id for c in item.fresh)
        for text in (*item.chunk_texts, *item.unit_texts):
            self.passages.setdefault(text, len(self.passages))
        for key, text in zip(item.keys, item.key_texts, strict=True):
            target = self.queries if key.kind == "question" else self.passages
            target.setdefault(text, len(target))

    def flush(self, writer: IndexWriter, report: IngestReport) -> None:
        """Embed, then apply the files in order: retire their old chunks, add the new ones."""
        if not self.files:
            return
        passages = self.embedder.encode_passages(list(self.passages))
        queries = self.embedder.encode_queries(list(self.queries)) if self.queries else None
        host = socket.gethostname()
        for f in self.files:
            stale = writer.manifest.forget_file(f.key)
            keep = {c.id for c in f.chunks}
            gone = [cid for cid in stale if cid not in keep]
            writer.retire(gone)
            doc = f.loaded.doc
            writer.add_chunks(f.fresh, [doc] * len(f.fresh), passages[[self.passages[t] for t in f.chunk_texts]], f.tokens)
            writer.add_units(f.units, passages[[self.passages[t] for t in f.unit_texts]])
            writer.add_keys(f.keys, self._key_vectors(f, passages, queries))
            writer.manifest.record_file(
                f.key, f.digest, doc, [c.id for c in f.chunks], f.loaded.pages_without_text, f.loaded.extractors, host
            )
            report.documents += 1
            report.chunks_added += len(f.fresh)
            report.chunks_removed += len(gone)
            report.pages_without_text += [(doc.source_id, p) for p in f.loaded.pages_without_text]
        self.files, self.passages, self.queries, self.pending = [], {}, {}, set()

    def _key_vectors(self, f: _File, passages: np.ndarray, queries: np.ndarray | None) -> np.ndarray:
        """Questions are embedded as queries (they are ones), English renderings as passages."""
        out = np.zeros((len(f.keys), self.embedder.dim), dtype=np.float32)
        for i, (key, text) in enumerate(zip(f.keys, f.key_texts, strict=True)):
            if key.kind == "question" and queries is not None:
                out[i] = queries[self.queries[text]]
            else:
                out[i] = passages[self.passages[text]]
        return out


def _read(path: Path, settings: Settings, sources: SourceList, writer: IndexWriter, batch: _Batch, resplit: bool):
    """The file split into chunks and what of it needs embedding (None: unchanged)."""
    if path.stat().st_size > settings.max_file_mb * 1024 * 1024:
        raise IngestError(
            f"{path.name}: {path.stat().st_size / 1e6:.1f} MB is over the {settings.max_file_mb} MB limit.",
            "Split the file, or raise IPFIN_MAX_FILE_MB.",
        )
    kind, meta = _kind_and_meta(path, settings, sources, *_recorded(writer, path))
    digest = fingerprint(path, meta)
    known = writer.manifest.files.get(str(path))
    if (
        not resplit
        and str(path) not in batch.force
        and known is not None
        and known.sha256 == digest
        and _record_is_own(writer.manifest, str(path), known.source_id, kind)
    ):
        return None
    loaded = load_file(path, kind=kind, meta=meta)
    _refuse_empty(path, loaded)
    chunks = split_blocks(
        loaded.doc.source_id, loaded.blocks, settings.chunk_chars, settings.chunk_overlap, loaded.doc.jurisdiction
    )
    chunks = list({c.id: c for c in chunks}.values())
    fresh = [c for c in chunks if not writer.has_chunk(c.id) and c.id not in batch.pending]
    texts = [index_text(loaded.doc, c) for c in fresh]
    tokens = [content_terms(t) + expansion_terms(c) for t, c in zip(texts, fresh, strict=True)]
    units = [(c.id, a, b) for c in fresh for a, b in c.quotable_units()]
    by_id = {c.id: c.text for c in fresh}
    keys, key_texts = retrieval_keys(fresh)
    return _File(str(path), digest, loaded, chunks, fresh, tokens, texts, units,
                 [by_id[cid][a:b] for cid, a, b in units], keys, key_texts)


_FAILED = "failed"


def _read_or_report(
    path: Path, settings: Settings, sources: SourceList, writer: IndexWriter, batch: _Batch, resplit: bool,
    report: IngestReport,
) -> _File | str | None:
    """:func:`_read`, with a file's error as its one line in the report (``_FAILED``)."""
    try:
        return _read(path, settings, sources, writer, batch, resplit)
    except RecursionError:
        report.errors.append(f"{path.name}: nested too deeply to read. Check that the file is what it should be.")
    except (IngestError, ManifestError) as exc:
        report.errors.append(str(exc))
    except OSError as exc:
        report.errors.append(f"{path.name}: cannot be read ({exc.strerror or exc}). Check the file's permissions.")
    return _FAILED


def ingest(
    settings: Settings,
    embedder: Embedder,
    paths: list[Path] | None = None,
    *,
    rebuild: bool = False,
    progress: bool = False,
    sources_file: Path | None = None,
) -> IngestReport:
    """Index ``paths`` (default: the briefs and ``corpus/raw``); ``rebuild``: a new index of
    ``paths`` and of every file the old one held that is still there. ``sources_file``
    replaces ``corpus/sources.yaml`` as the source of official documents' metadata.

    Waits up to ``IPFIN_INDEX_LOCK_WAIT`` seconds for another writer
    (:class:`~assistant.index.lock.IndexBusyError` after that); notices (an interrupted
    ingest rolled back, a damaged part repaired) go to the ``ipfin.index`` log."""
    from tqdm import tqdm

    started = time.perf_counter()
    report = IngestReport()
    writer = IndexWriter(
        backend_for(settings), embedder.identity, embedder.dim, rebuild=rebuild,
        wait=settings.index_lock_wait, command="ipfin ingest", tokens_of=chunk_tokens,
    )
    with writer:
        # Chunk ids depend on the chunking settings: when they change, every file is split anew.
        chunking = [settings.chunk_chars, settings.chunk_overlap]
        resplit = writer.manifest.chunking not in (None, chunking)
        writer.manifest.chunking = chunking
        files, report.errors = discover(paths or settings.default_ingest_paths)
        listed = {str(f) for f in files}  # files whose vectors were lost are read again too
        files += [Path(p) for p in writer.repair_paths if p not in listed and Path(p).is_file()]
        host, shared = socket.gethostname(), bool(settings.chroma_url)
        if rebuild:
            # Building the index again keeps what it held: every file it listed that is still
            # on this machine (a PDF added with `ipfin ingest 資料.pdf`, an upload), not only
            # ``paths`` (after a change of embedder, or an index format this ipfin no longer reads).
            held = [
                Path(key)
                for key, entry in writer.committed.files.items()
                if (not shared or entry.host in ("", host)) and key not in listed and Path(key).is_file()
            ]
            files += held
            listed |= {str(p) for p in held}
        sources = load_optional_sources(sources_file or settings.corpus_dir / "sources.yaml")
        # a user's file an older ipfin indexed under a brief's or official id is read again
        misassigned = _misassigned(writer.manifest, settings, sources)
        files += [p for p in misassigned if str(p) not in listed]
        batch = _Batch(embedder)
        # such a file holds a wrong id by definition: never "unchanged", even while the batch
        # that corrects the brief's record is not yet in the manifest
        batch.force = {str(p) for p in misassigned}

        for path in tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=not progress):
            item = _read_or_report(path, settings, sources, writer, batch, resplit, report)
            if isinstance(item, _File) and any(f.loaded.doc.source_id == item.loaded.doc.source_id for f in batch.files):
                # two user files of one name in this batch: record the first, so the second
                # is read again under an id of its own (user/<name>-<hash>); the second
                # reading is judged like the first (a sidecar id the first now holds is
                # that file's error line, not the end of the whole ingest)
                batch.flush(writer, report)
                item = _read_or_report(path, settings, sources, writer, batch, resplit, report)
            if not isinstance(item, _File):
                report.documents_skipped += item is None  # unchanged (an error is reported already)
                continue
            batch.add(item)
            if len(batch) >= settings.ingest_batch:
                batch.flush(writer, report)
        batch.flush(writer, report)

        for key, entry in list(writer.manifest.files.items()):
            # on a shared index (a Chroma server), a file another machine read is not judged by this one's disk
            if (not shared or entry.host in ("", host)) and not Path(key).exists():
                gone = writer.manifest.forget_file(key)
                writer.retire(gone)
                report.documents_removed += 1
                report.chunks_removed += len(gone)

        writer.commit()
        report.chunks_total = len(writer.manifest.chunk_ids())
    report.seconds = time.perf_counter() - started
    return report
