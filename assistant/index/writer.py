"""The index writer: one ingest's changes, made under the lock, invisible until :meth:`commit`.

    with IndexWriter(backend, embedder.identity, embedder.dim, tokens_of=...) as writer:
        writer.add_chunks(...); writer.add_units(...); writer.add_keys(...)
        writer.retire(chunk_ids); writer.manifest.record_file(...)
        writer.commit()

Opening takes the lock (:mod:`.lock`), rolls back an interrupted writer, deletes what the
previous generation retired once no reader can still use it, reads the committed
generation and repairs what it can (:mod:`.generation` describes the protocol). Unit
vectors and retrieval keys go to a unit sink (:mod:`.units`: a new segment file locally,
with the read copy of the chunks added, :mod:`.chunkcopy`; the units collection on a
Chroma server), finished just before the commit. An index of
an older format is refused unless rebuilt (``--rebuild``).

- a damaged manifest is restored from its copy in ``generations/<n>/`` (or, with no
  usable copy, the index starts empty and the given files are indexed again);
- a damaged, missing or incomplete BM25 file is rebuilt from the chunk texts in Chroma;
- chunks missing from Chroma (a deleted or damaged vector store), or whose unit vectors
  or read copy are missing or damaged, send their files back to the ingest (:attr:`repair_paths`),
  into a new vector store when the old one is gone;
- a large segment's reduced copy of the chunk vectors (:mod:`.coarse`), missing (an index
  written before it existed) or damaged, is written again from the segment's vectors.

Leaving the ``with`` block without :meth:`commit` (an error, Ctrl-C) rolls back: what was
added is deleted again and the committed generation stays as it was.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime

import numpy as np

from assistant.core.errors import EmbedderMismatchError, IndexStateError
from assistant.core.types import Chunk, SourceDoc
from assistant.index.bm25 import BM25Index
from assistant.index.generation import GRACE_SECONDS, Backend
from assistant.index.lock import Holder, IndexBusyError, IndexConflictError, WriterLock
from assistant.index.manifest import MANIFEST_VERSION, IndexManifest, now_iso
from assistant.index.store import RetrievalKey, unit_id
from assistant.index.units import UnitSink
from assistant.index.vectors import BATCH, Vectors, batches, delete_chunks, existing_ids

log = logging.getLogger("ipfin.index")

#: What BM25 indexes for a chunk (the ingest's tokenizer; used to rebuild a damaged BM25 file).
TokensOf = Callable[[Chunk, SourceDoc], list[str]]


def notice(message: str) -> str:
    """Say ``message`` on one line (stderr in the CLI, the log of the page) and return it."""
    log.warning("ipfin: %s", message)
    return message


def _copy(manifest: IndexManifest) -> IndexManifest:
    return IndexManifest.from_bytes(manifest.to_bytes())


def _content(manifest: IndexManifest) -> dict:
    """What a generation holds, without its bookkeeping (number, time, retired lists)."""
    data = manifest.to_json()
    for key in ("generation", "committed_at", "retired", "retired_vectors", "version"):
        data.pop(key, None)
    return data


def _age_seconds(iso: str) -> float:
    try:
        return time.time() - datetime.fromisoformat(iso).timestamp()
    except (TypeError, ValueError):
        return float("inf")


def roll_back(backend: Backend, lock: WriterLock, committed: IndexManifest) -> tuple[int, int]:
    """Delete what the journal says was added and the committed generation does not hold
    (nor still keeps for its readers), and the files it wrote that no kept generation
    lists (:meth:`Backend.prune`). Returns (chunks deleted, vector stores dropped).

    What is committed is read again here: on a server another writer may have committed
    the same chunks (same content, same id) since ``committed`` was read."""
    intents = lock.intents()
    current = [committed]
    with contextlib.suppress(IndexStateError):
        current.append(backend.read_manifest())
    keep = {cid for m in current for cid in (*m.chunk_ids(), *m.retired)}
    in_use = {v for m in current for v in (m.vectors, *m.retired_vectors)}
    stores = {str(r["store"]) for r in intents if r.get("created")} - in_use
    doomed = {
        str(cid)
        for r in intents
        if str(r.get("store", "")) == committed.vectors and not r.get("created")
        for cid in r.get("chunks", [])
        if cid not in keep
    }
    if doomed:
        with contextlib.suppress(LookupError):
            delete_chunks(backend.open_vectors(committed.vectors, create=False), sorted(doomed))
    for vid in stores:
        backend.drop_vectors(vid)
    # generation files and unit segments it wrote and no kept generation lists
    backend.prune({committed.generation, committed.generation - 1})
    lock.clear_intents()
    return len(doomed), len(stores)


def rollback_notice(previous: Holder | None, deleted: int, committed: IndexManifest) -> str:
    known = previous is not None and previous.pid > 0
    who = f"An interrupted {previous.describe()}" if known else "An interrupted ingest"
    what = f"{deleted} uncommitted chunk(s) removed" if deleted else "nothing of it was committed"
    return (
        f"{who} was rolled back ({what}); the index stays at generation {committed.generation} "
        f"({len(committed.documents)} documents)."
    )


def recover(backend: Backend) -> list[str]:
    """For readers at start: roll back an interrupted writer if the lock is free (returns
    the notices). A writer at work, a read-only folder or a damaged manifest: nothing."""
    lock = backend.lock()
    try:
        previous = lock.acquire(0, "recovery", record=False)
    except (IndexBusyError, OSError):
        return []
    try:
        if previous is None and not lock.intents():
            return []
        committed = backend.read_manifest()
        deleted, _ = roll_back(backend, lock, committed)
        lock.forget_previous()
        return [notice(rollback_notice(previous, deleted, committed))]
    except IndexStateError:
        return []  # the next ingest repairs and rolls back
    finally:
        lock.release()


class IndexWriter:
    """One transaction on the index (see the module docstring)."""

    def __init__(
        self,
        backend: Backend,
        identity: str,
        dim: int,
        *,
        rebuild: bool = False,
        wait: float = 30.0,
        command: str = "ingest",
        tokens_of: TokensOf | None = None,
    ) -> None:
        self.backend = backend
        self.identity = identity
        self.dim = dim
        self.rebuild = rebuild
        self.wait = wait
        self.command = command
        self.tokens_of = tokens_of
        self.notices: list[str] = []
        #: Files whose chunks were missing from the vector store: to be indexed again.
        self.repair_paths: list[str] = []
        self.lock = backend.lock()
        self.committed = IndexManifest()
        self.manifest = IndexManifest()
        self.bm25 = BM25Index()
        self.vectors: Vectors | None = None
        self.units: UnitSink | None = None
        #: The unit segments the committed generation lists that the new one keeps.
        self._unit_segments: list[str] = []
        self.base = 0
        self._carry: list[str] = []
        self._carry_vectors: list[str] = []
        self._fresh_store = False
        self._repaired = False
        self._added = 0
        self._committed = False
        self._done = False

    # ------------------------------------------------------------ opening
    def __enter__(self) -> IndexWriter:
        try:
            previous = self.lock.acquire(self.wait, self.command)
        except OSError as exc:
            raise IndexStateError(
                f"The index {self.backend.where} cannot be written ({exc.strerror or exc}).",
                "Check the folder's permissions and free space, or point IPFIN_HOME elsewhere.",
            ) from exc
        try:
            self._open(previous)
        except BaseException:
            self._abort()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._done:
            self._abort()

    def _say(self, message: str) -> None:
        self.notices.append(notice(message))

    def _open(self, previous: Holder | None) -> None:
        committed = self._read_committed()
        self.committed = committed
        # the number to commit after: the committed one, read apart from a damaged manifest
        damaged = self.rebuild or self._fresh_store or not self.backend.exists()
        self.base = self.backend.committed_generation() if damaged else committed.generation
        if previous is not None or self.lock.intents():
            deleted, _ = roll_back(self.backend, self.lock, committed)
            self._say(rollback_notice(previous, deleted, committed))
        self._collect_retired(committed)
        if self.rebuild:
            self._start_empty()
            return
        if committed.embedder and committed.embedder != self.identity:
            raise EmbedderMismatchError(
                f"The index in {self.backend.where} was built with embedder '{committed.embedder}', "
                f"but '{self.identity}' is configured.",
                "Set IPFIN_EMBEDDER/IPFIN_EMBED_MODEL back to the model that built it, "
                "or rebuild with `ipfin ingest --rebuild`.",
            )
        if self.backend.exists() and committed.version < MANIFEST_VERSION:
            committed.require_current(self.backend.where)
        self.manifest = _copy(committed)
        self.manifest.version = MANIFEST_VERSION
        if self._fresh_store or not self.backend.exists():
            self._open_store(self._new_store_id())
        elif not committed.files:
            self._open_store(committed.vectors)
        else:
            self._repair(committed)

    def _read_committed(self) -> IndexManifest:
        """The committed manifest; a damaged one restored from its copy (or an empty one)."""
        try:
            return self.backend.read_manifest()
        except IndexStateError as exc:
            if self.rebuild:
                return IndexManifest()
            damage = exc.message
        for generation in self.backend.stored_generations():
            try:
                restored = self.backend.read_stored(generation)
            except IndexStateError:
                continue
            if restored.generation == generation:
                self._say(f"{damage} Restored generation {generation} from its copy.")
                self._repaired = True
                return restored
        self._say(f"{damage} No usable copy: the index is built again from the files given.")
        self._repaired = True
        self._fresh_store = True
        return IndexManifest()

    def _collect_retired(self, committed: IndexManifest) -> None:
        """Delete what the committed generation retired, once its commit is old enough that
        no reader still answers from the generation before; vector stores nothing uses."""
        self._carry, self._carry_vectors = list(committed.retired), list(committed.retired_vectors)
        if _age_seconds(committed.committed_at) < GRACE_SECONDS:
            return
        if committed.retired:
            try:
                store = self.backend.open_vectors(committed.vectors, create=False)
                delete_chunks(store, sorted(set(committed.retired) - committed.chunk_ids()))
            except LookupError:
                pass
        in_use = {committed.vectors} if self.backend.exists() else set()
        for vid in self.backend.vector_stores() - in_use:
            self.backend.drop_vectors(vid)
        self._carry, self._carry_vectors = [], []

    def _new_store_id(self) -> str:
        token = self.lock.holder.token[:6] if self.lock.holder else "0"
        return f"v{self.base + 1}-{token}"

    def _open_store(self, vectors_id: str) -> None:
        created = vectors_id not in self.backend.vector_stores()
        if created:
            self.lock.intend({"store": vectors_id, "created": True})
        self.vectors = self.backend.open_vectors(vectors_id, create=True)
        self.manifest.vectors = vectors_id
        self._fresh_store = self._fresh_store or created
        self._open_units()

    def _open_units(self) -> None:
        token = self.lock.holder.token[:8] if self.lock.holder else "0"
        assert self.vectors is not None
        self.units = self.backend.unit_sink(self.vectors, f"{self.base + 1:06d}-{token}", self.dim)

    def _start_empty(self) -> None:
        """``--rebuild``: a new, empty generation in a new vector store; the old one is
        retired (readers keep answering from it until the commit)."""
        self.manifest = IndexManifest()
        self._open_store(self._new_store_id())

    def _repair(self, committed: IndexManifest) -> None:
        ids = committed.chunk_ids()
        try:
            store = self.backend.open_vectors(committed.vectors, create=False)
            missing = self._missing(store, ids)
            missing |= self._units_missing(committed, store, ids - missing)
        except LookupError:
            store, missing, why = None, set(ids), "is missing"
        except IndexStateError:
            raise  # a Chroma server out of reach: nothing to repair here
        except Exception as exc:  # noqa: BLE001 - Chroma raises many kinds on a damaged folder
            store, missing, why = None, set(ids), f"cannot be read ({exc.__class__.__name__})"
        if store is None:
            self._say(
                f"{self.backend.describe_vectors(committed.vectors)} {why}; "
                f"indexing the {len(committed.files)} file(s) of the index again into a new one."
            )
            self._open_store(self._new_store_id())
        else:
            self.vectors = store
            self._open_units()
            if missing:
                self._say(
                    f"{len(missing)} of {len(ids)} chunks were missing from {self.backend.describe_vectors(committed.vectors)}; "
                    "indexing their files again."
                )
        self.bm25 = self._load_bm25(committed, ids - missing)
        if missing:
            self._repaired = True
            for path, entry in list(self.manifest.files.items()):
                if missing.intersection(entry.chunk_ids):
                    self.bm25.remove(self.manifest.forget_file(path))
                    self.repair_paths.append(path)

    @staticmethod
    def _missing(store: Vectors, ids: set[str]) -> set[str]:
        """Committed chunks the vector store does not hold (counted first: usually none)."""
        if store.chunks.count() >= len(ids):
            return set()
        return ids - existing_ids(store.chunks, sorted(ids))

    def _units_missing(self, committed: IndexManifest, store: Vectors, ids: set[str]) -> set[str]:
        """Committed chunks whose unit vectors or read copy (:mod:`.chunkcopy`) are gone: all
        of them when a listed segment is missing or damaged (its files are indexed again into
        a new one); else those the read copy lacks (a chunk without unit rows is found by
        ``ipfin doctor``). A segment's reduced copy (:mod:`.coarse`), missing or damaged, is
        written again from its vectors first: nothing is indexed again for it."""
        try:
            table = self.backend.read_units(committed, lambda: store)
            written = self.backend.write_reduced(committed)
            if written:
                self._say(
                    f"Wrote the reduced copy of the chunk vectors (the fast dense search) of {len(written)} "
                    f"segment(s) of the index, which had none or a damaged one: {', '.join(written)}."
                )
            copy = self.backend.read_chunks(committed, ids)
            if not ids or table.count() > 0:
                self._unit_segments = list(committed.units)
                lacking = set() if copy is None or copy.covered() == len(ids) else ids - copy.held()
                if lacking:
                    self._say(
                        f"{len(lacking)} of {len(ids)} chunks are missing from the read copy of the index; "
                        "indexing their files again."
                    )
                return lacking
            why = "are missing"
        except IndexStateError as exc:
            why = f"cannot be read ({exc.message})"
        self._say(f"The unit vectors and chunk copy of the index {why}; indexing the {len(committed.files)} file(s) again.")
        return set(ids)

    def _load_bm25(self, committed: IndexManifest, present: set[str]) -> BM25Index:
        ids = committed.chunk_ids()
        try:
            bm25 = self.backend.read_bm25(committed)
            if len(bm25) == len(ids) and all(cid in bm25 for cid in ids):
                return bm25
            problem = f"The keyword index (BM25) holds {len(bm25)} chunks where the manifest lists {len(ids)}."
        except IndexStateError as exc:
            problem = exc.message
        rebuilt = self._bm25_from_vectors(committed, present)
        self._say(f"{problem} Rebuilt the keyword index from the vector store ({len(rebuilt)} chunks).")
        self._repaired = True
        return rebuilt

    def _bm25_from_vectors(self, committed: IndexManifest, present: set[str]) -> BM25Index:
        if self.tokens_of is None or self.vectors is None:
            raise IndexStateError("The keyword index cannot be rebuilt here.", "Run `ipfin ingest --rebuild`.")
        bm25 = BM25Index()
        for part in batches(sorted(present), BATCH):
            got = self.vectors.chunks.get(ids=part, include=["documents", "metadatas"])
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                chunk = Chunk.from_metadata(cid, text, meta)
                bm25.add(cid, self.tokens_of(chunk, committed.document(chunk.source_id)))
        return bm25

    # ------------------------------------------------------------ changing
    def has_chunk(self, chunk_id: str) -> bool:
        """Whether the working generation already holds the chunk (with its vectors)."""
        return chunk_id in self.bm25

    def add_chunks(self, chunks: list[Chunk], docs: list[SourceDoc], vectors: np.ndarray, tokens: list[list[str]]) -> None:
        """Add chunks (journaled first, so a crash can take them out again) and their tokens."""
        if not chunks:
            return
        assert self.vectors is not None
        self.lock.intend({"store": self.manifest.vectors, "chunks": [c.id for c in chunks]})
        vectors = np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(chunks), BATCH):
            part = chunks[start : start + BATCH]
            ids, texts = [c.id for c in part], [c.text for c in part]
            metas = [c.to_metadata(d) for c, d in zip(part, docs[start : start + BATCH], strict=True)]
            self.vectors.chunks.upsert(ids=ids, documents=texts, metadatas=metas, embeddings=vectors[start : start + BATCH])
            if self.units is not None:  # the read copy queries use (local index)
                self.units.add_chunks(ids, texts, metas, vectors[start : start + BATCH])
        for chunk, toks in zip(chunks, tokens, strict=True):
            self.bm25.add(chunk.id, toks)
        self._added += len(chunks)

    def add_units(self, keys: list[tuple[str, int, int]], vectors: np.ndarray) -> None:
        """Unit vectors of chunks added in this transaction (they go with their chunk)."""
        self._upsert_units([unit_id(k) for k in keys], [{"chunk_id": k[0]} for k in keys], vectors)

    def add_keys(self, keys: list[RetrievalKey], vectors: np.ndarray) -> None:
        """Retrieval keys (annotated questions, English renderings) of chunks added here."""
        self._upsert_units(
            [k.id for k in keys],
            [{"chunk_id": k.chunk_id, "start": k.start, "end": k.end, "kind": k.kind} for k in keys],
            vectors,
        )

    def _upsert_units(self, ids: list[str], metas: list[dict], vectors: np.ndarray) -> None:
        if not ids:
            return
        assert self.units is not None
        self.units.add(ids, metas, np.asarray(vectors, dtype=np.float32))

    def retire(self, chunk_ids: list[str]) -> None:
        """Take chunks out of the working generation (Chroma keeps them for the committed one)."""
        self.bm25.remove(set(chunk_ids))

    # ------------------------------------------------------------ committing
    def changed(self) -> bool:
        return (
            self._added > 0
            or self._repaired
            or self._fresh_store
            or self.rebuild
            or not self.backend.exists()
            or _content(self.manifest) != _content(self.committed)
        )

    def commit(self) -> bool:
        """Switch readers to the new generation (False: nothing changed, nothing committed)."""
        self.manifest.embedder, self.manifest.dim = self.identity, self.dim
        ids = self.manifest.chunk_ids()
        if len(self.bm25) != len(ids) or any(cid not in self.bm25 for cid in ids):
            raise IndexStateError(
                f"Internal error: the new keyword index holds {len(self.bm25)} chunks, the manifest {len(ids)}.",
                "Nothing was committed; run `ipfin ingest` again.",
            )
        if not self.changed():
            self._finish()
            return False
        m = self.manifest
        m.generation = self.base + 1
        m.committed_at = now_iso()
        m.retired = sorted((self.committed.chunk_ids() | set(self._carry)) - ids) if not self._fresh_store else []
        old_stores = set(self._carry_vectors)
        if self.backend.exists() and self.committed.vectors != m.vectors:
            old_stores.add(self.committed.vectors)
        m.retired_vectors = sorted(old_stores - {m.vectors})
        if not self.lock.still_held():
            raise IndexConflictError(
                f"This ingest lost the lock of {self.backend.where} (it expired); nothing was committed.",
                "Run `ipfin ingest` again.",
            )
        token = self.lock.holder.token if self.lock.holder else ""
        m.version = MANIFEST_VERSION
        if self.units is not None:
            m.units = self.units.finish([] if self._fresh_store else self._unit_segments, ids)
        self.backend.write_generation(m, self.bm25, token)
        self.backend.commit(m, self.base, token)
        self._committed = True  # from here on, nothing of it may be rolled back
        self.backend.prune({m.generation, self.base})
        self._finish()
        return True

    def _finish(self) -> None:
        self._done = True
        self.lock.clear_intents()
        self.lock.release()

    def _abort(self) -> None:
        """Roll back what this writer added; the committed generation stays."""
        if self._done:
            return
        self._done = True
        if self.units is not None:
            self.units.discard()
        try:
            # a writer whose lease ran out leaves everything to its successor, which rolled it back
            if not self._committed and self.lock.holder is not None and self.lock.still_held():
                roll_back(self.backend, self.lock, self.committed)
                self.backend.prune({self.base, self.base - 1})
        finally:
            self.lock.release()
