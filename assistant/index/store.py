"""The on-disk index: Chroma vectors, the BM25 token index, and a manifest.

Layout under the data directory (``IPFIN_HOME``)::

    chroma/          Chroma PersistentClient (collection "chunks", cosine space)
    bm25.npz         BM25 index: Sudachi tokens per chunk id and their postings
                     (``bm25.json``, the version-1 file, is still read, and replaced on save)
    manifest.json    embedder identity, indexed files (sha256 → chunk ids), documents

The manifest records the embedder that built the index; opening the index with another
embedder raises :class:`EmbedderMismatchError` instead of returning nonsense.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.core.errors import EmbedderMismatchError, IndexNotBuiltError
from assistant.core.types import Chunk, SourceDoc
from assistant.index.bm25 import BM25Index
from assistant.index.manifest import MANIFEST_FILE, DocumentInfo, IndexManifest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

COLLECTION = "chunks"
UNITS = "units"  # embeddings of the quotable units of each chunk, for the answerer
BM25_FILE = "bm25.npz"
LEGACY_BM25_FILE = "bm25.json"  # version 1 (token lists as JSON): read when no bm25.npz exists


#: Kinds of retrieval keys stored with the unit vectors (``add_keys``).
KEY_KINDS = ("question", "en")


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


def _unit_id(key: tuple[str, int, int]) -> str:
    return f"{key[0]}:{key[1]}:{key[2]}"


class IndexStore:
    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self._client = None
        self._collection = None
        self._units = None
        self._keys: tuple[list[RetrievalKey], np.ndarray] | None = None  # cached key table
        self._key_rows: dict[str, int] = {}
        self.bm25 = self._load_bm25()
        self.manifest = IndexManifest.load(self.home / MANIFEST_FILE)

    # ------------------------------------------------------------ opening
    @classmethod
    def open_for_query(cls, home: Path, embedder_identity: str) -> IndexStore:
        """Open an existing index; refuse a missing one or one built by another embedder."""
        manifest = Path(home) / MANIFEST_FILE
        if not manifest.exists():
            raise IndexNotBuiltError(
                f"No index in {home}.",
                "Run `ipfin ingest` first (or `make run`, which builds it), or point IPFIN_HOME at an index.",
            )
        store = cls(home)
        store.check_embedder(embedder_identity)
        if not store.manifest.files:
            raise IndexNotBuiltError(
                f"The index in {home} holds no documents.", "Run `ipfin ingest` to add the bundled corpus."
            )
        return store

    def check_embedder(self, identity: str) -> None:
        built = self.manifest.embedder
        if built and built != identity:
            raise EmbedderMismatchError(
                f"The index in {self.home} was built with embedder '{built}', but '{identity}' is configured.",
                "Set IPFIN_EMBEDDER/IPFIN_EMBED_MODEL back to the model that built it, "
                "or rebuild with `ipfin ingest --rebuild`.",
            )

    def _load_bm25(self) -> BM25Index:
        path = self.home / BM25_FILE
        return BM25Index.load(path if path.exists() else self.home / LEGACY_BM25_FILE)

    @property
    def collection(self):
        if self._collection is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            self.home.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(
                path=str(self.home / "chroma"),
                settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True),
            )
            self._collection = self._client.get_or_create_collection(
                COLLECTION, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
        return self._collection

    @property
    def units(self):
        if self._units is None:
            _ = self.collection  # opens the client
            self._units = self._client.get_or_create_collection(
                UNITS, metadata={"hnsw:space": "cosine"}, embedding_function=None
            )
        return self._units

    # ------------------------------------------------------------ writing
    def bind_embedder(self, identity: str, dim: int) -> None:
        self.check_embedder(identity)
        self.manifest.embedder = identity
        self.manifest.dim = dim

    def has_chunk(self, chunk_id: str) -> bool:
        return chunk_id in self.bm25

    def add_chunks(self, chunks: list[Chunk], doc: SourceDoc, vectors: np.ndarray, tokens: list[list[str]]) -> None:
        if not chunks:
            return
        self.collection.upsert(
            ids=[c.id for c in chunks],
            documents=[c.text for c in chunks],
            metadatas=[c.to_metadata(doc) for c in chunks],
            embeddings=np.asarray(vectors, dtype=np.float32),
        )
        for chunk, toks in zip(chunks, tokens, strict=True):
            self.bm25.add(chunk.id, toks)

    def add_units(self, keys: list[tuple[str, int, int]], vectors: np.ndarray) -> None:
        if keys:
            self.units.upsert(
                ids=[_unit_id(k) for k in keys],
                metadatas=[{"chunk_id": k[0]} for k in keys],
                embeddings=np.asarray(vectors, dtype=np.float32),
            )

    def add_keys(self, keys: list[RetrievalKey], vectors: np.ndarray) -> None:
        """Extra ways to find a fact unit: the questions it answers and its English rendering
        (kept beside the unit vectors, so removing a chunk removes its keys)."""
        self._keys = None
        if keys:
            self.units.upsert(
                ids=[k.id for k in keys],
                metadatas=[{"chunk_id": k.chunk_id, "start": k.start, "end": k.end, "kind": k.kind} for k in keys],
                embeddings=np.asarray(vectors, dtype=np.float32),
            )

    def key_search(self, vector: np.ndarray, top_k: int) -> list[tuple[RetrievalKey, float]]:
        """The retrieval keys closest to ``vector`` (cosine similarity), best first."""
        keys, matrix = self._key_table()
        if not keys:
            return []
        sims = matrix @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-sims)[:top_k]
        return [(keys[i], float(sims[i])) for i in top]

    def _key_table(self) -> tuple[list[RetrievalKey], np.ndarray]:
        """Every retrieval key and its vector, read once per opened index: there are a few per
        annotated fact (thousands, not millions), so a matrix product beats a filtered query."""
        if self._keys is None:
            got = self.units.get(where={"kind": {"$in": list(KEY_KINDS)}}, include=["embeddings", "metadatas"])
            keys = [
                RetrievalKey(kid, str(m["chunk_id"]), int(m["start"]), int(m["end"]), str(m["kind"]))
                for kid, m in zip(got["ids"], got["metadatas"], strict=True)
            ]
            matrix = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(keys), -1) if keys else np.zeros((0, 0))
            self._keys = (keys, matrix)
            self._key_rows = {k.id: i for i, k in enumerate(keys)}
        return self._keys

    def unit_vectors(self, keys: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], np.ndarray]:
        if not keys:
            return {}
        by_id = {_unit_id(k): k for k in keys}
        got = self.units.get(ids=list(by_id), include=["embeddings"])
        return {by_id[i]: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def key_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of retrieval keys by id (``RetrievalKey.id``); absent ids are skipped."""
        _, matrix = self._key_table()
        return {i: matrix[row] for i in ids if (row := self._key_rows.get(i)) is not None}

    def remove_chunks(self, chunk_ids: list[str]) -> None:
        if not chunk_ids:
            return
        self._keys = None
        self.collection.delete(ids=list(chunk_ids))
        self.units.delete(where={"chunk_id": {"$in": list(chunk_ids)}})
        self.bm25.remove(set(chunk_ids))

    def save(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.bm25.save(self.home / BM25_FILE)
        # the old file would be stale now: an older release would read it without complaint
        (self.home / LEGACY_BM25_FILE).unlink(missing_ok=True)
        self.manifest.save(self.home / MANIFEST_FILE)

    def reset(self) -> None:
        """Remove every chunk and document (used by ``ingest --rebuild``)."""
        # Delete the collection through the client: Chroma caches one system per path in
        # the process, so removing the folder underneath it leaves a read-only handle.
        if (self.home / "chroma").exists():
            _ = self.collection
            for name in (COLLECTION, UNITS):
                if name in [c.name for c in self._client.list_collections()]:
                    self._client.delete_collection(name)
        self._collection = None
        self._units = None
        self._keys: tuple[list[RetrievalKey], np.ndarray] | None = None  # cached key table
        self._key_rows: dict[str, int] = {}
        self.bm25 = BM25Index()
        self.manifest = IndexManifest()

    # ------------------------------------------------------------ reading
    def document(self, source_id: str) -> SourceDoc:
        return self.manifest.document(source_id)

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document with its chunk count, pages without text, extractors, last indexed time."""
        return self.manifest.document_infos()

    def chunks(self, chunk_ids: list[str]) -> dict[str, Chunk]:
        if not chunk_ids:
            return {}
        got = self.collection.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        return {
            cid: Chunk.from_metadata(cid, text, meta)
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }

    def dense_search(self, vector: np.ndarray, top_k: int) -> list[tuple[str, float]]:
        n = self.collection.count()
        if n == 0:
            return []
        res = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=min(top_k, n), include=["distances"]
        )
        return [(cid, 1.0 - float(dist)) for cid, dist in zip(res["ids"][0], res["distances"][0], strict=True)]

    def count(self) -> int:
        return len(self.bm25)
