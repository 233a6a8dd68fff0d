"""The index as readers see it: one committed generation (manifest, BM25, chunks, unit
vectors).

An :class:`IndexStore` is a snapshot: the committed manifest when it was opened, the BM25
data of that generation and its unit vectors and retrieval keys (:mod:`.units`; both
loaded when first used) and its chunks. A local index reads its chunks from the read copy
in its segment files (:mod:`.chunkcopy`: a dense search over memory-mapped vectors, exact,
or in two passes on a large segment, :mod:`.coarse`; texts by id) and never opens Chroma,
the store of record, to answer; on a Chroma server (``IPFIN_CHROMA_URL``) they are searched and read in the vector store the
manifest names. Either may hold more than the snapshot (chunks an ingest is adding,
chunks the previous generation had); every search and lookup here returns only the
chunks the snapshot's manifest lists, so a reader sees exactly one committed state. Writing goes through
:class:`assistant.index.writer.IndexWriter`; the layout and the commit protocol are in
:mod:`assistant.index.generation`.

The manifest records the embedder that built the index; opening the index with another
embedder raises :class:`EmbedderMismatchError` instead of returning nonsense.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.core.errors import EmbedderMismatchError, IndexNotBuiltError, IndexStateError
from assistant.core.types import Chunk, SourceDoc
from assistant.index.bm25 import BM25Index
from assistant.index.chunkcopy import ChunkCopy
from assistant.index.generation import (
    BM25_FILE,  # noqa: F401 - re-exported: where a generation's BM25 file is called
    LEGACY_BM25_FILE,  # noqa: F401
    Backend,
    LocalBackend,
    backend_for,
    read_snapshot,
)
from assistant.index.manifest import DocumentInfo, IndexManifest
from assistant.index.units import KEY_KINDS, UnitTable
from assistant.index.vectors import CHUNKS as COLLECTION  # noqa: F401 - the collection name
from assistant.index.vectors import Vectors

__all__ = ["KEY_KINDS", "IndexStore", "RetrievalKey", "unit_id"]


@dataclass(frozen=True)
class RetrievalKey:
    """A text that finds a fact unit: a question it answers, or its English rendering."""

    id: str
    chunk_id: str
    start: int
    end: int
    kind: str  # one of KEY_KINDS

    @classmethod
    def make(cls, chunk_id: str, start: int, end: int, kind: str, n: int = 0) -> RetrievalKey:
        return cls(f"{kind[0]}:{chunk_id}:{start}:{end}:{n}", chunk_id, start, end, kind)


def unit_id(key: tuple[str, int, int]) -> str:
    return f"{key[0]}:{key[1]}:{key[2]}"


class IndexStore:
    """A committed generation of the index, for reading (safe to share between threads)."""

    def __init__(
        self,
        home: Path | None = None,
        *,
        backend: Backend | None = None,
        manifest: IndexManifest | None = None,
        bm25: BM25Index | None = None,
    ) -> None:
        if backend is None:
            if home is None:
                raise ValueError("IndexStore needs a home folder or a backend")
            backend = LocalBackend(Path(home))
        self.backend = backend
        self.home = Path(home) if home is not None else getattr(backend, "home", None)
        if manifest is None:
            manifest = backend.read_manifest()
        self.manifest = manifest
        self._bm25 = bm25
        self._ids: frozenset[str] | None = None
        self._vectors: Vectors | None = None
        self._units: UnitTable | None = None
        self._copy: ChunkCopy | None = None
        self._copy_read = False
        self._lock = threading.Lock()
        self._keys: tuple[list[RetrievalKey], np.ndarray] | None = None  # this generation's key table
        self._key_rows: dict[str, int] = {}
        #: One-line notices from opening (an interrupted ingest rolled back).
        self.notices: list[str] = []

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, settings, embedder_identity: str | None) -> IndexStore:
        """Open the committed index the settings point at, ready to answer: roll back an
        interrupted ingest first; refuse a missing index, an empty one, one built by
        another embedder or one whose parts are missing. ``embedder_identity=None`` leaves
        the embedder check to the caller (:meth:`check_embedder`), which may then open the
        index while its model loads."""
        return cls._open_backend(backend_for(settings), embedder_identity)

    @classmethod
    def open_for_query(cls, home: Path, embedder_identity: str) -> IndexStore:
        """:meth:`open` for the local index in ``home``."""
        return cls._open_backend(LocalBackend(Path(home)), embedder_identity)

    @classmethod
    def _open_backend(cls, backend: Backend, embedder_identity: str | None) -> IndexStore:
        from assistant.index.writer import recover

        notices = recover(backend)
        if not backend.exists():
            raise IndexNotBuiltError(
                f"No index in {backend.where}.",
                "Run `ipfin ingest` first (or `make run`, which builds it), or point IPFIN_HOME at an index.",
            )
        manifest, bm25 = read_snapshot(backend)
        store = cls(backend=backend, manifest=manifest, bm25=bm25)
        store.notices = notices
        if embedder_identity is not None:
            store.check_embedder(embedder_identity)
        if not manifest.files:
            raise IndexNotBuiltError(
                f"The index in {backend.where} holds no documents.", "Run `ipfin ingest` to add the bundled corpus."
            )
        store.check_vectors()
        return store

    def warm(self) -> IndexStore:
        """Read now what the first answer reads (the BM25 data, this generation's retrieval
        keys and unit segments, the chunks' vectors: the read copy's pages, or on a server
        a first query) instead of in the middle of that answer; safe to call from another
        thread while the model loads."""
        _ = self.bm25
        self._key_table()
        if self.manifest.dim:
            probe = np.full(self.manifest.dim, 1.0, dtype=np.float32)
            if self.chunk_copy is not None:
                self.chunk_copy.warm()
            else:
                self._read(lambda v: v.chunks.query(query_embeddings=[probe], n_results=1, include=[]))
        return self

    def check_embedder(self, identity: str) -> None:
        built = self.manifest.embedder
        if built and built != identity:
            raise EmbedderMismatchError(
                f"The index in {self.backend.where} was built with embedder '{built}', but '{identity}' is configured.",
                "Set IPFIN_EMBEDDER/IPFIN_EMBED_MODEL back to the model that built it, "
                "or rebuild with `ipfin ingest --rebuild`.",
            )

    def check_vectors(self) -> None:
        """Refuse chunks that are gone: a read copy (local) or vector store (server) that is
        missing or holds fewer chunks than the manifest lists (answers would quietly lose
        them); ``ipfin ingest`` repairs it. Locally this reads the segment files and only
        looks at Chroma's database file (the store of record: there, and a SQLite file);
        ``ipfin doctor`` reads Chroma itself."""
        copy = self.chunk_copy
        problem = self.backend.vectors_problem(self.manifest.vectors) if copy is not None else None
        if problem:  # the store of record: say so now, not when the next ingest needs it
            raise IndexStateError(
                f"{self.backend.describe_vectors(self.manifest.vectors)} {problem}.",
                "`ipfin ingest` repairs it (`ipfin doctor` shows what is wrong).",
            )
        if copy is not None:
            held, where = copy.covered(), f"The read copy of the chunks in {copy.folder}"
        else:
            held = self._read(lambda v: v.chunks.count())
            where = self.backend.describe_vectors(self.manifest.vectors)
        if held < len(self.chunk_ids):
            raise IndexStateError(
                f"{where} holds {held} of the {len(self.chunk_ids)} chunks the index lists.",
                "Run `ipfin ingest` to repair the index (`ipfin doctor` shows what is wrong).",
            )

    @property
    def chunk_copy(self) -> ChunkCopy | None:
        """This generation's chunks as the local read copy holds them (None on a server);
        read once per opened generation."""
        if not self._copy_read:
            with self._lock:
                if not self._copy_read:
                    self._copy = self.backend.read_chunks(self.manifest, self.chunk_ids)
                    self._copy_read = True
        return self._copy

    @property
    def vectors(self) -> Vectors:
        if self._vectors is None:
            with self._lock:
                if self._vectors is None:
                    try:
                        self._vectors = self.backend.open_vectors(self.manifest.vectors, create=False)
                    except LookupError as exc:
                        raise IndexStateError(
                            f"{self.backend.describe_vectors(self.manifest.vectors)} is missing.",
                            "Run `ipfin ingest` to rebuild it (`ipfin doctor` shows what is wrong).",
                        ) from exc
        return self._vectors

    def _read(self, fn, arg=None):
        """Run a Chroma read (``fn(vectors)``, or ``arg()`` instead of the vectors); on a
        failure open the store afresh and try once more, then report it as an
        :class:`IndexStateError` (one line, with the fix)."""
        arg = arg or (lambda: self.vectors)
        try:
            return fn(arg())
        except IndexStateError:
            raise
        except Exception:  # noqa: BLE001 - Chroma raises many kinds (a store replaced underneath)
            with self._lock:
                self._vectors = None
        try:
            return fn(arg())
        except IndexStateError:
            raise
        except Exception as exc:
            raise IndexStateError(
                f"{self.backend.describe_vectors(self.manifest.vectors)} cannot be read "
                f"({exc.__class__.__name__}: {str(exc)[:200]}).",
                "Run `ipfin doctor`; `ipfin ingest` repairs a damaged index.",
            ) from exc

    @property
    def collection(self):
        """The chunks collection (it may hold chunks this generation does not list)."""
        return self.vectors.chunks

    @property
    def unit_table(self) -> UnitTable:
        """This generation's unit vectors and retrieval keys (they may hold rows of chunks
        it does not list)."""
        if self._units is None:
            with self._lock:
                if self._units is None:
                    self._units = self.backend.read_units(self.manifest, lambda: self.vectors)
        return self._units

    @property
    def bm25(self) -> BM25Index:
        if self._bm25 is None:
            with self._lock:
                if self._bm25 is None:
                    self._bm25 = self.backend.read_bm25(self.manifest)
        return self._bm25

    @property
    def chunk_ids(self) -> frozenset[str]:
        """The chunks of this generation: the only ones a search may return."""
        if self._ids is None:
            self._ids = frozenset(self.manifest.chunk_ids())
        return self._ids

    # ------------------------------------------------------------ reading
    def has_chunk(self, chunk_id: str) -> bool:
        return chunk_id in self.chunk_ids

    def document(self, source_id: str) -> SourceDoc:
        return self.manifest.document(source_id)

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document with its chunk count, pages without text, extractors, last indexed time."""
        return self.manifest.document_infos()

    @cached_property
    def _successor(self) -> dict[str, str]:
        """Each chunk's successor in its file (the manifest lists a file's chunks in order)."""
        return {a: b for entry in self.manifest.files.values() for a, b in zip(entry.chunk_ids, entry.chunk_ids[1:], strict=False)}

    def following(self, chunk_id: str, n: int) -> list[Chunk]:
        """Up to ``n`` chunks that follow ``chunk_id`` in its file, in order."""
        ids: list[str] = []
        cid = chunk_id
        while len(ids) < n and (cid := self._successor.get(cid, "")):
            ids.append(cid)
        got = self.chunks(ids)
        return [got[c] for c in ids if c in got]

    def chunks(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        wanted = [cid for cid in dict.fromkeys(chunk_ids) if cid in self.chunk_ids]
        if not wanted:
            return {}
        if self.chunk_copy is not None:
            return {cid: Chunk.from_metadata(cid, text, meta) for cid, (text, meta) in self.chunk_copy.get(wanted).items()}
        got = self._read(lambda v: v.chunks.get(ids=wanted, include=["documents", "metadatas"]))
        return {
            cid: Chunk.from_metadata(cid, text, meta)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }

    def _nearest(self, collection: str, vector: np.ndarray, top_k: int, where: dict | None, keep) -> list:
        """The ``top_k`` nearest records that ``keep`` accepts: asks Chroma for more while
        records of other generations push this generation's out of the first ones (Chroma
        returns fewer than asked when it has no more)."""
        if top_k <= 0:
            return []
        want = top_k
        query = np.asarray(vector, dtype=np.float32)
        include = ["distances", "metadatas"] if where else ["distances"]
        while True:
            res = self._read(
                lambda v, k=want: getattr(v, collection).query(
                    query_embeddings=[query], n_results=k, where=where, include=include
                )
            )
            ids = res["ids"][0]
            metas = res["metadatas"][0] if where else [None] * len(ids)
            rows = [(i, m, 1.0 - float(d)) for i, m, d in zip(ids, metas, res["distances"][0], strict=True) if keep(i, m)]
            if len(rows) >= top_k or len(ids) < want:
                return rows[:top_k]
            want *= 4

    def dense_search(self, vector: np.ndarray, top_k: int) -> list[tuple[str, float]]:
        """This generation's ``top_k`` chunks closest to ``vector`` (cosine similarity), best
        first: over the local read copy (exact, or two passes on a large segment:
        :mod:`.coarse`), Chroma's HNSW on a server."""
        if self.chunk_copy is not None:
            return self.chunk_copy.search(vector, top_k)
        rows = self._nearest("chunks", vector, top_k, None, lambda cid, _m: cid in self.chunk_ids)
        return [(cid, sim) for cid, _, sim in rows]

    def key_search(self, vector: np.ndarray, top_k: int) -> list[tuple[RetrievalKey, float]]:
        """The retrieval keys of this generation closest to ``vector`` (cosine similarity), best first."""
        keys, matrix = self._key_table()
        if not keys or top_k <= 0:
            return []
        sims = matrix @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-sims)[:top_k]
        return [(keys[i], float(sims[i])) for i in top]

    def key_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of this generation's retrieval keys by id (``RetrievalKey.id``);
        absent ids (and keys of chunks this generation does not list) are skipped."""
        _, matrix = self._key_table()
        return {i: matrix[row] for i in ids if (row := self._key_rows.get(i)) is not None}

    def _key_table(self) -> tuple[list[RetrievalKey], np.ndarray]:
        """Every retrieval key of this generation and its vector, read once per opened
        generation: there are a few per annotated fact (thousands, not millions), so a matrix
        product beats a filtered query. Keys of chunks the manifest does not list (an ingest
        at work, a retired generation) are left out, as everywhere in this class."""
        if self._keys is None:
            got = self._read(lambda t: t.keys(KEY_KINDS), lambda: self.unit_table)
            keys: list[RetrievalKey] = []
            rows: list[int] = []
            for n, (kid, (chunk_id, start, end, kind)) in enumerate(zip(got.ids, got.meta, strict=True)):
                if chunk_id in self.chunk_ids:
                    keys.append(RetrievalKey(kid, chunk_id, start, end, kind))
                    rows.append(n)
            matrix = np.asarray(got.matrix, dtype=np.float32)[rows] if keys else np.zeros((0, 0), dtype=np.float32)
            with self._lock:
                self._key_rows = {k.id: i for i, k in enumerate(keys)}
                self._keys = (keys, matrix)
        return self._keys

    def unit_vectors(self, keys: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], np.ndarray]:
        by_id = {unit_id(k): k for k in keys if k[0] in self.chunk_ids}
        if not by_id:
            return {}
        got = self._read(lambda t: t.vectors(list(by_id)), lambda: self.unit_table)
        return {by_id[i]: np.asarray(e, dtype=np.float32) for i, e in got.items()}

    def count(self) -> int:
        """Chunks in this generation."""
        return len(self.chunk_ids)
