"""The index manifest as typed, validated data: what one committed generation holds.

It records which embedder built the index (so it is never queried by another), how files
were chunked (a change splits every file anew), every indexed file (its fingerprint and
chunk ids) and every document's metadata; and, for the commit protocol
(:mod:`assistant.index.generation`), the generation number, which vector store holds the
vectors, and what the previous generation had that this one dropped (``retired``, deleted
by the next writer once no reader can still be using it), and the unit-vector segments it
reads (``units``, :mod:`assistant.index.units`). One class reads and writes it; nothing
else parses the JSON. An index of an older format is refused with the fix
(:meth:`IndexManifest.require_current`): ``ipfin ingest --rebuild``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.errors import IndexStateError, damaged_part
from assistant.core.types import SourceDoc

#: 2: generations (``generation``, ``vectors``, ``retired``), BM25 in ``generations/<n>/``.
#: 3: unit vectors and retrieval keys out of Chroma's HNSW (``units``: segment files
#: locally, placeholder-embedded records on a Chroma server).
#: 4: a local index keeps a read copy of its chunks (vectors, texts, metadata) in the unit
#: segments (:mod:`assistant.index.chunkcopy`): queries do not open Chroma.
MANIFEST_VERSION = 4
MANIFEST_FILE = "manifest.json"


class IndexFormatError(IndexStateError):
    """The index was written in an older format: it must be built again."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class FileEntry:
    """One indexed file: what it was when indexed, and the chunks it gave."""

    sha256: str
    source_id: str
    chunk_ids: list[str]
    pages_without_text: list[int] = field(default_factory=list)
    #: Which extractor read which pages ({"pypdf": [1, 2], "pdfminer": [3]}).
    extractors: dict[str, list[int]] = field(default_factory=dict)
    indexed_at: str = ""
    #: The machine that read the file ("" before version 2): with a shared index (a Chroma
    #: server), only that machine can tell that the file is gone.
    host: str = ""

    @classmethod
    def from_json(cls, raw: dict) -> FileEntry:
        return cls(
            sha256=str(raw["sha256"]),
            source_id=str(raw["source_id"]),
            chunk_ids=[str(c) for c in raw["chunk_ids"]],
            pages_without_text=[int(p) for p in raw.get("pages_without_text", [])],
            extractors={str(k): [int(p) for p in v] for k, v in (raw.get("extractors") or {}).items()},
            indexed_at=str(raw.get("indexed_at", "")),
            host=str(raw.get("host", "")),
        )


@dataclass(frozen=True)
class DocumentInfo:
    """A document as ``ipfin sources`` and the sources page list it."""

    doc: SourceDoc
    chunks: int
    pages_without_text: tuple[int, ...]
    extractors: dict[str, list[int]]
    indexed_at: str
    paths: tuple[str, ...]

    def to_json(self) -> dict:
        d = self.doc
        return {
            "source_id": d.source_id,
            "title": d.title,
            "publisher": d.publisher,
            "kind": d.kind,
            "year": d.year,
            "url": d.url,
            "chunks": self.chunks,
            "pages_without_text": list(self.pages_without_text),
            "extractors": self.extractors,
            "indexed_at": self.indexed_at,
        }


def _damaged(where: str, exc: Exception) -> IndexStateError:
    return damaged_part("The index manifest", where, exc)


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` at ``path``, all or nothing: temporary file, fsync, ``os.replace``, fsync of the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _doc_from_json(raw: dict) -> SourceDoc:
    d = dict(raw)
    d["related"] = tuple(d.get("related") or ())
    return SourceDoc(**d)


@dataclass
class IndexManifest:
    embedder: str | None = None
    dim: int | None = None
    chunking: list[int] | None = None
    files: dict[str, FileEntry] = field(default_factory=dict)
    documents: dict[str, SourceDoc] = field(default_factory=dict)
    version: int = MANIFEST_VERSION
    #: The commit number of this state (0: an index written before generations existed).
    generation: int = 0
    #: Which vector store holds this generation's vectors ("": the first one, ``chroma/``).
    vectors: str = ""
    committed_at: str = ""
    #: Chunk ids the previous generation had and this one has not; vector stores it used.
    retired: list[str] = field(default_factory=list)
    retired_vectors: list[str] = field(default_factory=list)
    #: The unit-vector segments this generation reads, newest first, with the read copy of
    #: its chunks (local indexes only).
    units: list[str] = field(default_factory=list)

    # ------------------------------------------------------------ persistence
    @classmethod
    def load(cls, path: Path) -> IndexManifest:
        """The manifest at ``path`` (an empty one when there is none)."""
        if not path.exists():
            return cls()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _damaged(str(path), exc) from exc
        return cls.from_bytes(data, str(path))

    @classmethod
    def from_bytes(cls, data: bytes, where: str = "manifest") -> IndexManifest:
        """Parse a manifest; a damaged one is an :class:`IndexStateError` that says how to repair it."""
        try:
            raw = json.loads(data.decode("utf-8"))
            version = int(raw.get("version", 1))
            if version > MANIFEST_VERSION:
                raise IndexStateError(
                    f"The index manifest {where} was written by a newer ipfin (format {version}).",
                    "Upgrade ipfin, or rebuild the index with `ipfin ingest --rebuild`.",
                )
            return cls(
                embedder=raw.get("embedder"),
                dim=raw.get("dim"),
                chunking=raw.get("chunking"),
                files={str(k): FileEntry.from_json(v) for k, v in raw.get("files", {}).items()},
                documents={str(k): _doc_from_json(v) for k, v in raw.get("documents", {}).items()},
                version=version,
                generation=int(raw.get("generation", 0)),
                vectors=str(raw.get("vectors", "")),
                committed_at=str(raw.get("committed_at", "")),
                retired=[str(c) for c in raw.get("retired", [])],
                retired_vectors=[str(v) for v in raw.get("retired_vectors", [])],
                units=[str(u) for u in raw.get("units", [])],
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise _damaged(where, exc) from exc

    def to_json(self) -> dict:
        return {
            "version": self.version,
            "generation": self.generation,
            "committed_at": self.committed_at,
            "embedder": self.embedder,
            "dim": self.dim,
            "chunking": self.chunking,
            "vectors": self.vectors,
            "retired": self.retired,
            "retired_vectors": self.retired_vectors,
            "units": self.units,
            "files": {k: asdict(v) for k, v in self.files.items()},
            "documents": {k: asdict(d) | {"related": list(d.related)} for k, d in self.documents.items()},
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1).encode("utf-8")

    def require_current(self, where: str) -> None:
        """Refuse an index written in an older format (no read copy of its chunks; before
        format 3 its unit vectors are in Chroma's HNSW)."""
        if self.version < MANIFEST_VERSION:
            raise IndexFormatError(
                f"The index {where} was written by an older ipfin (format {self.version}; this one reads "
                f"format {MANIFEST_VERSION}, which keeps a read copy of the chunks and their unit vectors "
                "outside Chroma).",
                "Run `ipfin ingest --rebuild` to build it again.",
            )

    def save(self, path: Path) -> None:
        """Write through a temporary file, flushed to disk, then ``os.replace``: a reader
        sees the old manifest or the new one, and a crash leaves one of them."""
        write_atomic(path, self.to_bytes())

    # ------------------------------------------------------------ changes
    def record_file(
        self,
        path: str,
        sha256: str,
        doc: SourceDoc,
        chunk_ids: list[str],
        empty_pages: list[int],
        extractors: dict[str, list[int]] | None = None,
        host: str = "",
    ) -> None:
        self.files[path] = FileEntry(
            sha256, doc.source_id, list(chunk_ids), list(empty_pages), extractors or {}, now_iso(), host
        )
        self.documents[doc.source_id] = doc

    def forget_file(self, path: str) -> list[str]:
        """Drop a file; returns the chunk ids no other file still uses."""
        entry = self.files.pop(path, None)
        if entry is None:
            return []
        still_used = {cid for e in self.files.values() for cid in e.chunk_ids}
        if not any(e.source_id == entry.source_id for e in self.files.values()):
            self.documents.pop(entry.source_id, None)
        return [cid for cid in entry.chunk_ids if cid not in still_used]

    # ------------------------------------------------------------ reading
    def chunk_ids(self) -> set[str]:
        """Every chunk this generation holds (what readers may return)."""
        return {cid for e in self.files.values() for cid in e.chunk_ids}

    def document(self, source_id: str) -> SourceDoc:
        return self.documents.get(source_id) or SourceDoc(source_id=source_id, title=source_id)

    def chunk_ids_of(self, source_id: str) -> list[str]:
        return [cid for e in self.files.values() if e.source_id == source_id for cid in e.chunk_ids]

    def source_ids(self, except_path: str = "") -> set[str]:
        return {e.source_id for k, e in self.files.items() if k != except_path}

    def document_infos(self) -> list[DocumentInfo]:
        """Every document with its chunk count, pages without text, extractors, last indexed time."""
        rows: dict[str, dict] = {}
        for path, entry in self.files.items():
            row = rows.setdefault(
                entry.source_id, {"chunks": 0, "pages": [], "extractors": {}, "indexed_at": "", "paths": []}
            )
            row["chunks"] += len(entry.chunk_ids)
            row["pages"] += entry.pages_without_text
            for name, pages in entry.extractors.items():
                row["extractors"].setdefault(name, []).extend(pages)
            row["indexed_at"] = max(row["indexed_at"], entry.indexed_at)
            row["paths"].append(path)
        return [
            DocumentInfo(
                self.document(sid), r["chunks"], tuple(r["pages"]), r["extractors"], r["indexed_at"], tuple(r["paths"])
            )
            for sid, r in sorted(rows.items())
        ]
