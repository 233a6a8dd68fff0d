"""Unit vectors and retrieval keys: stored beside the index, read by id, never searched.

Each chunk's quotable units have a vector (the answerer compares them with the question),
and annotated facts have retrieval keys (a question they answer, an English rendering;
kinds in :data:`KEY_KINDS`). They are read by id and by kind, never searched by
similarity, and there are about five per chunk: 500,000 at 100,000 chunks. Kept in a
Chroma collection they cost most of an ingest (Chroma builds an HNSW graph for them) and
most of opening the index (Chroma reads that whole graph on first touch). So they live
where they are cheap to write and to read:

- **locally**, in segment files under ``units/`` (:class:`SegmentSink` writes one per
  ingest, :class:`SegmentTable` reads them): ``<name>.f32`` the vectors (float32, row
  after row, memory-mapped when read) and ``<name>.npz`` what each row is (id, chunk,
  start, end, kind) with the ids' sort order, so a lookup is a binary search and nothing
  is built when the index opens. Segments never change once written; a generation's
  manifest lists the segments it reads (``units``), newest first. An ingest writes one
  more segment with what it added; when the listed segments hold more rows of chunks
  the generation no longer has than of its own, or there are more than
  :data:`MAX_SEGMENTS`, they are merged into one. Segments no kept generation lists
  (older ones, an interrupted ingest's) are deleted with the generation files
  (:meth:`assistant.index.generation.LocalBackend.prune`).
- **on a Chroma server** (:mod:`.remote`: a replica needs nothing on its disk), in the
  units collection as today, but with a 1-d placeholder embedding and the vector in the
  record's metadata (``v``: float32 bytes, base64), so the server builds no real graph
  (:class:`ChromaUnitSink`, :class:`ChromaUnitTable`).

A local segment also holds the read copy of the chunks its ingest added (their vectors,
texts and metadata: :mod:`.chunkcopy`, ``<name>.chunks.*``), written, merged and pruned
with the unit rows; a server has none (chunks are read from its Chroma collection).

Both keep the unit vectors as float32, bit for bit what the embedder gave: answers do not change.
Like Chroma's collections, a table may hold rows of chunks a generation does not list;
:class:`assistant.index.store.IndexStore` drops them.
"""

from __future__ import annotations

import base64
import io
import os
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.core.errors import IndexStateError, damaged_part
from assistant.index.chunkcopy import ChunkRowWriter, ChunkSegment
from assistant.index.manifest import fsync_dir, write_atomic
from assistant.index.sorted_ids import SortedIds

#: Kinds of retrieval keys stored with the unit vectors (``IndexWriter.add_keys``).
KEY_KINDS = ("question", "en")
#: Row kinds in a segment file (0: a quotable unit).
_KINDS = ("unit", *KEY_KINDS)
UNITS_DIR = "units"
#: More listed segments than this are merged at the next commit.
MAX_SEGMENTS = 8
#: The placeholder embedding of a unit record on a Chroma server.
PLACEHOLDER = [1.0]
_BATCH = 1000


@dataclass(frozen=True)
class KeyRows:
    """Rows of the given kinds: their ids, (chunk id, start, end, kind) and vectors."""

    ids: list[str]
    meta: list[tuple[str, int, int, str]]
    matrix: np.ndarray


def damaged(where: str, exc: Exception | None = None) -> IndexStateError:
    return damaged_part("The unit vectors", where, exc, them=True)


# ---------------------------------------------------------------- reading
class UnitTable(ABC):
    """One generation's unit vectors and retrieval keys, for reading (thread-safe reads)."""

    @abstractmethod
    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The vectors of those ``ids`` the table holds."""

    @abstractmethod
    def keys(self, kinds: tuple[str, ...] = KEY_KINDS) -> KeyRows:
        """Every row of the given kinds."""

    @abstractmethod
    def chunks_covered(self, chunk_ids: list[str]) -> set[str]:
        """Which of ``chunk_ids`` have at least one row."""

    @abstractmethod
    def count(self) -> int:
        """Rows held (those of chunks the generation does not list included)."""


class _Segment(SortedIds):
    """One segment file pair, opened: row index in memory, vectors memory-mapped."""

    def __init__(self, folder: Path, name: str) -> None:
        where = f"segment {name} in {folder}"
        try:
            with np.load(folder / f"{name}.npz") as z:
                self.ids = z["ids"]
                self.chunk = z["chunk"]
                self.start = z["start"]
                self.end = z["end"]
                self.kind = z["kind"]
                self.order = z["order"]
                dim = int(z["dim"])
            rows = len(self.ids)
            data = folder / f"{name}.f32"
            if data.stat().st_size != rows * dim * 4:
                raise ValueError(f"{data.name} holds {data.stat().st_size} bytes, not {rows} rows of {dim}")
            self.matrix = (
                np.memmap(data, dtype="<f4", mode="r", shape=(rows, dim)) if rows else np.zeros((0, dim), "<f4")
            )
        except FileNotFoundError as exc:
            raise damaged(where) from exc
        except (ValueError, KeyError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise damaged(where, exc) from exc


class SegmentTable(UnitTable):
    """The segments a local generation lists (newest first: an id found there wins)."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self.segments = [_Segment(folder, n) for n in names]

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        left = list(dict.fromkeys(ids))
        for seg in self.segments:
            if not left:
                break
            hit, rows = seg.find(np.array([i.encode() for i in left]))
            if len(hit):
                vecs = np.asarray(seg.matrix[np.sort(rows)], dtype=np.float32)
                by_row = dict(zip(np.sort(rows).tolist(), vecs, strict=True))
                for h, r in zip(hit.tolist(), rows.tolist(), strict=True):
                    out[left[h]] = by_row[r]
                found = set(hit.tolist())
                left = [i for n, i in enumerate(left) if n not in found]
        return out

    def keys(self, kinds: tuple[str, ...] = KEY_KINDS) -> KeyRows:
        codes = [_KINDS.index(k) for k in kinds]
        ids: list[str] = []
        meta: list[tuple[str, int, int, str]] = []
        parts: list[np.ndarray] = []
        seen: set[str] = set()
        for seg in self.segments:
            rows = np.nonzero(np.isin(seg.kind, codes))[0]
            take = []
            for r in rows.tolist():
                rid = seg.ids[r].decode()
                if rid in seen:
                    continue
                seen.add(rid)
                take.append(r)
                ids.append(rid)
                meta.append((seg.chunk[r].decode(), int(seg.start[r]), int(seg.end[r]), _KINDS[int(seg.kind[r])]))
            if take:
                parts.append(np.asarray(seg.matrix[take], dtype=np.float32))
        dim = self.segments[0].matrix.shape[1] if self.segments else 0
        return KeyRows(ids, meta, np.concatenate(parts) if parts else np.zeros((0, dim), np.float32))

    def chunks_covered(self, chunk_ids: list[str]) -> set[str]:
        wanted = np.array([c.encode() for c in chunk_ids]) if chunk_ids else np.zeros(0, "S1")
        out: set[str] = set()
        for seg in self.segments:
            out.update(c.decode() for c in np.unique(seg.chunk[np.isin(seg.chunk, wanted)]).tolist())
        return out

    def count(self) -> int:
        return sum(len(s) for s in self.segments)


class ChromaUnitTable(UnitTable):
    """Unit records in a Chroma collection (server mode): placeholder embedding, vector in ``v``."""

    def __init__(self, collection: Callable[[], object]) -> None:
        self._collection = collection  # a getter: the store may open its collections again

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), _BATCH):
            got = self._collection().get(ids=ids[start : start + _BATCH], include=["metadatas"])
            out.update((i, decode(m)) for i, m in zip(got["ids"], got["metadatas"], strict=True))
        return out

    def keys(self, kinds: tuple[str, ...] = KEY_KINDS) -> KeyRows:
        got = self._collection().get(where={"kind": {"$in": list(kinds)}}, include=["metadatas"])
        metas = got["metadatas"]
        meta = [(str(m["chunk_id"]), int(m["start"]), int(m["end"]), str(m["kind"])) for m in metas]
        matrix = np.stack([decode(m) for m in metas]) if metas else np.zeros((0, 0), np.float32)
        return KeyRows(list(got["ids"]), meta, matrix)

    def chunks_covered(self, chunk_ids: list[str]) -> set[str]:
        out: set[str] = set()
        for start in range(0, len(chunk_ids), _BATCH // 4):
            part = chunk_ids[start : start + _BATCH // 4]
            got = self._collection().get(where={"chunk_id": {"$in": part}}, include=["metadatas"])
            out.update(str(m["chunk_id"]) for m in got["metadatas"])
        return out

    def count(self) -> int:
        return int(self._collection().count())


def encode(vector: np.ndarray) -> str:
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def decode(meta: dict) -> np.ndarray:
    return np.frombuffer(base64.b64decode(str(meta["v"])), dtype="<f4").astype(np.float32)


# ---------------------------------------------------------------- writing
class UnitSink(ABC):
    """Where one writer puts the unit vectors and keys it adds; nothing of it is read
    before the generation that lists it is committed."""

    @abstractmethod
    def add(self, ids: list[str], metas: list[dict], vectors: np.ndarray) -> None:
        """Rows with ``chunk_id`` (and ``start``, ``end``, ``kind`` for keys) in ``metas``."""

    def add_chunks(self, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray) -> None:  # noqa: B027
        """The read copy of chunks added to Chroma (local segments only; a server has none)."""

    @abstractmethod
    def finish(self, previous: list[str], live: set[str]) -> list[str]:
        """Make what was added durable; the segments the new generation lists."""

    def discard(self) -> None:  # noqa: B027 - most sinks have nothing to forget
        """Forget what was added (the writer rolls back)."""


class SegmentSink(UnitSink):
    """Appends rows to ``units/<name>.f32.part`` as they come (one ingest may add
    hundreds of thousands), and the chunks' read copy to ``<name>.chunks.*.part``
    (:class:`~assistant.index.chunkcopy.ChunkRowWriter`); :meth:`finish` writes the row
    indexes and names the segment."""

    def __init__(self, folder: Path, name: str, dim: int) -> None:
        self.folder = folder
        self.name = name
        self.dim = dim
        self.ids: list[str] = []
        self.chunk: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.kind: list[int] = []
        self._file = None
        self.chunks = ChunkRowWriter(folder, name, dim)

    @property
    def part(self) -> Path:
        return self.folder / f"{self.name}.f32.part"

    def add(self, ids: list[str], metas: list[dict], vectors: np.ndarray) -> None:
        if not ids:
            return
        vectors = np.ascontiguousarray(vectors, dtype="<f4")
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"unit vectors of shape {vectors.shape}, expected ({len(ids)}, {self.dim})")
        self._open()
        assert self._file is not None
        self._file.write(vectors.tobytes())
        for i, m in zip(ids, metas, strict=True):
            self.ids.append(i)
            self.chunk.append(str(m["chunk_id"]))
            self.start.append(int(m.get("start", 0)))
            self.end.append(int(m.get("end", 0)))
            self.kind.append(_KINDS.index(str(m.get("kind", "unit"))))

    def add_chunks(self, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray) -> None:
        self.chunks.add(ids, texts, metas, vectors)

    def _open(self) -> None:
        if self._file is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = open(self.part, "wb")  # noqa: SIM115 - open until finish/discard

    def finish(self, previous: list[str], live: set[str]) -> list[str]:
        names = list(previous)
        if self._file is not None or self.chunks.ids:
            self._open()
            assert self._file is not None
            self.chunks.finish()
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            self._file = None
            self._write_index(self.name, self.ids, self.chunk, self.start, self.end, self.kind)
            os.replace(self.part, self.folder / f"{self.name}.f32")
            fsync_dir(self.folder)
            names.insert(0, self.name)
        if names and self._needs_merge(names, live):
            names = [self._merge(names, live)]
        return names

    def _needs_merge(self, names: list[str], live: set[str]) -> bool:
        if len(names) > MAX_SEGMENTS:
            return True
        table = SegmentTable(self.folder, names)
        wanted = np.array([c.encode() for c in live]) if live else np.zeros(0, "S1")
        dead = sum(int((~np.isin(s.chunk, wanted)).sum()) for s in table.segments)
        chunk_rows = [ChunkSegment(self.folder, n, reduced=False) for n in names]
        dead += sum(int((~np.isin(s.ids, wanted)).sum()) for s in chunk_rows)
        return dead > table.count() + sum(len(s) for s in chunk_rows) - dead

    def _merge(self, names: list[str], live: set[str]) -> str:
        """One segment with the rows of ``live`` chunks from ``names`` (newest first wins)."""
        name = f"{self.name}-m"
        table = SegmentTable(self.folder, names)
        wanted = np.array([c.encode() for c in live]) if live else np.zeros(0, "S1")
        cols: dict[str, list] = {k: [] for k in ("ids", "chunk", "start", "end", "kind")}
        seen: set[bytes] = set()
        part = self.folder / f"{name}.f32.part"
        with open(part, "wb") as out:
            for seg in table.segments:
                rows = [r for r in np.nonzero(np.isin(seg.chunk, wanted))[0].tolist() if seg.ids[r] not in seen]
                for start in range(0, len(rows), 50_000):
                    take = rows[start : start + 50_000]
                    out.write(np.ascontiguousarray(seg.matrix[take], dtype="<f4").tobytes())
                for r in rows:
                    seen.add(seg.ids[r])
                    cols["ids"].append(seg.ids[r].decode())
                    cols["chunk"].append(seg.chunk[r].decode())
                    cols["start"].append(int(seg.start[r]))
                    cols["end"].append(int(seg.end[r]))
                    cols["kind"].append(int(seg.kind[r]))
            out.flush()
            os.fsync(out.fileno())
        self._merge_chunks(name, names, wanted)
        self._write_index(name, **cols)
        os.replace(part, self.folder / f"{name}.f32")
        fsync_dir(self.folder)
        return name

    def _merge_chunks(self, name: str, names: list[str], wanted: np.ndarray) -> None:
        """The merged segment's chunk rows: those of ``wanted`` chunks, each once (the newest)."""
        merged = ChunkRowWriter(self.folder, name, self.dim)
        seen: set[bytes] = set()
        try:
            for seg in (ChunkSegment(self.folder, n, reduced=False) for n in names):
                rows = [r for r in np.nonzero(np.isin(seg.ids, wanted))[0].tolist() if seg.ids[r] not in seen]
                seen.update(seg.ids[r] for r in rows)
                merged.copy_rows(seg, rows)
            merged.finish()
        except BaseException:
            merged.discard()
            raise

    def _write_index(self, name: str, ids, chunk, start, end, kind) -> None:
        id_array = np.array([i.encode() for i in ids]) if ids else np.zeros(0, "S1")
        buf = io.BytesIO()
        np.savez(
            buf,
            ids=id_array,
            chunk=np.array([c.encode() for c in chunk]) if chunk else np.zeros(0, "S1"),
            start=np.asarray(start, dtype=np.int32),
            end=np.asarray(end, dtype=np.int32),
            kind=np.asarray(kind, dtype=np.int8),
            order=np.argsort(id_array, kind="stable").astype(np.int64),
            dim=np.int64(self.dim),
        )
        write_atomic(self.folder / f"{name}.npz", buf.getvalue())

    def discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self.part.unlink(missing_ok=True)
        self.chunks.discard()


class ChromaUnitSink(UnitSink):
    """Upserts into the units collection of a Chroma server (placeholder embedding, vector in ``v``);
    the writer's journal and rollback delete them by ``chunk_id`` with the chunks."""

    def __init__(self, collection) -> None:
        self.collection = collection

    def add(self, ids: list[str], metas: list[dict], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(ids), _BATCH):
            part = slice(start, start + _BATCH)
            self.collection.upsert(
                ids=ids[part],
                metadatas=[m | {"v": encode(v)} for m, v in zip(metas[part], vectors[part], strict=True)],
                embeddings=[PLACEHOLDER] * len(ids[part]),
            )

    def finish(self, previous: list[str], live: set[str]) -> list[str]:
        return []


def segment_files(folder: Path) -> dict[str, list[Path]]:
    """Every file under ``units/`` by segment name (unfinished ``.part`` files included)."""
    out: dict[str, list[Path]] = {}
    if folder.is_dir():
        for path in folder.iterdir():
            name = path.name.split(".", 1)[0]
            out.setdefault(name, []).append(path)
    return out
