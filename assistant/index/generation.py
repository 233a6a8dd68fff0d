"""Generations: how a writer commits a new index state, and how readers find the committed one.

An index state is a *generation*: a manifest (files, documents, the ids of every chunk,
the embedder, which vector store holds the vectors) and the BM25 data of exactly those
chunks. Vectors live in a shared Chroma store and are content-addressed (a chunk id is a
hash of its text and place), so a writer never changes what a committed generation
points at; it only adds. The protocol, for one writer at a time (:mod:`.lock`):

1. take the lock; if the previous holder died, delete what it journaled as added and the
   committed manifest does not list (roll back), with a one-line notice;
2. read the committed generation ``n`` (repairing a damaged or missing part, see
   :mod:`.writer`);
3. journal, then add the new chunks to Chroma and their unit vectors and retrieval keys
   to a new unit segment (:mod:`.units`; on a server, to Chroma too); removed chunks are
   only *retired* (still there for readers of generation ``n``);
4. finish the segment, write generation ``n+1``'s files (BM25 and manifest), then switch to it in one atomic
   step: ``os.replace`` of ``manifest.json`` here, an insert-if-absent commit record on a
   Chroma server (:mod:`.remote`);
5. later (the next writer, once the commit is ``GRACE_SECONDS`` old) delete what the
   previous generation retired, and generation files older than ``n``.

Readers read the committed manifest, then the BM25 file it names, then search the chunks
(locally the read copy in the segments, :mod:`.chunkcopy`, without opening Chroma; on a
server its Chroma collection) and drop every id the manifest does not list. So whatever a reader sees is exactly one
committed generation: a half-written ingest is invisible, and a crash at any point leaves
the last commit intact.

Local layout under ``IPFIN_HOME``::

    manifest.json              the committed generation's manifest: the commit point
    generations/<n>/           manifest.json and bm25.npz of generation n (the committed
                               one and the one before; a newer folder is an unfinished write)
    units/<segment>.f32, .npz  unit vectors and retrieval keys (:mod:`.units`); a manifest
                               lists the segments it reads (``units``), segments never change
    units/<segment>.chunks.*   the read copy of the chunks the segment's ingest added: vectors,
                               texts and metadata (:mod:`.chunkcopy`); what queries read
    units/<segment>.chunks.pca.*  a large segment's reduced copy of those vectors (:mod:`.coarse`):
                               the coarse pass of a dense search
    chroma/, chroma-<id>/      vector stores (``vectors`` in the manifest; a rebuild starts a new
                               one): the chunks collection, the store of record
    index.lock, index.journal  the writer lock and its journal (:mod:`.lock`)

Pruning deletes the generation folders and the unit segments no kept generation lists
(an interrupted writer's unfinished segment included). An index written in an older
format (manifest version below :data:`~.manifest.MANIFEST_VERSION`: no read copy of the
chunks, unit vectors in Chroma, or before generations) is refused with the fix, ``ipfin ingest --rebuild``.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Hashable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import IndexStateError, damaged_part
from assistant.index.chunkcopy import ChunkCopy, write_missing_reduced
from assistant.index.lock import Holder, IndexConflictError, LocalLock, WriterLock, read_local_holder
from assistant.index.manifest import MANIFEST_FILE, IndexManifest, fsync_dir
from assistant.index.units import (
    UNITS_DIR,
    SegmentSink,
    SegmentTable,
    UnitSink,
    UnitTable,
    segment_files,
)
from assistant.index.vectors import CHUNKS, Vectors, forget_local_system, local_client, open_collections

if TYPE_CHECKING:  # numpy loads when an index is read, not for `ipfin sources`
    from assistant.index.bm25 import BM25Index

GENERATIONS = "generations"
BM25_FILE = "bm25.npz"
LEGACY_BM25_FILE = "bm25.json"  # version 1 (token lists as JSON): read when no bm25.npz exists
#: How long what a commit retired stays for readers still answering from the generation before.
GRACE_SECONDS = 60.0
_SNAPSHOT_TRIES = 5


def bm25_error(where: str, exc: Exception | None = None) -> IndexStateError:
    return damaged_part("The keyword index (BM25)", where, exc)


class Backend(ABC):
    """Where an index's generations, its vector stores and its writer lock live."""

    #: What messages call this index (a folder, or a Chroma server and prefix).
    where: str

    # ------------------------------------------------------------ reading
    @abstractmethod
    def stamp(self) -> Hashable:
        """Cheap; changes whenever a new generation is committed."""

    @abstractmethod
    def exists(self) -> bool:
        """Whether a generation was ever committed (a manifest exists, readable or not)."""

    @abstractmethod
    def read_manifest(self) -> IndexManifest:
        """The committed manifest (empty when there is none; :class:`IndexStateError` when damaged)."""

    @abstractmethod
    def read_bm25(self, manifest: IndexManifest) -> BM25Index:
        """The BM25 data of ``manifest``'s generation (:class:`IndexStateError` when missing or damaged)."""

    @abstractmethod
    def committed_generation(self) -> int:
        """The committed generation's number, even when its manifest is damaged (0: none)."""

    @abstractmethod
    def stored_generations(self) -> list[int]:
        """Generations whose files exist, newest first (for restoring a damaged manifest)."""

    @abstractmethod
    def read_stored(self, generation: int) -> IndexManifest:
        """A stored generation's manifest copy (:class:`IndexStateError` when damaged)."""

    # ------------------------------------------------------------ writing (lock held)
    @abstractmethod
    def lock(self) -> WriterLock: ...

    @abstractmethod
    def writer(self) -> Holder | None:
        """Who holds the writer lock now (None: nobody)."""

    @abstractmethod
    def write_generation(self, manifest: IndexManifest, bm25: BM25Index, token: str) -> None:
        """Store a generation's files; nothing reads them before :meth:`commit`."""

    @abstractmethod
    def commit(self, manifest: IndexManifest, base: int, token: str) -> None:
        """Make ``manifest`` the committed generation, atomically, if ``base`` still is."""

    @abstractmethod
    def prune(self, keep: set[int]) -> None:
        """Delete the files of every generation not in ``keep``."""

    # ------------------------------------------------------------ vectors
    @abstractmethod
    def open_vectors(self, vectors_id: str, create: bool) -> Vectors:
        """The vector store ``vectors_id`` (:class:`LookupError` when missing and not ``create``)."""

    @abstractmethod
    def vector_stores(self) -> set[str]:
        """The ids of every vector store that exists."""

    @abstractmethod
    def drop_vectors(self, vectors_id: str) -> None: ...

    # ------------------------------------------------------------ unit vectors
    @abstractmethod
    def read_units(self, manifest: IndexManifest, vectors: Callable[[], Vectors]) -> UnitTable:
        """``manifest``'s unit vectors and retrieval keys (:class:`IndexStateError` when damaged);
        ``vectors`` opens the manifest's vector store when they are kept there."""

    @abstractmethod
    def unit_sink(self, vectors: Vectors, name: str, dim: int) -> UnitSink:
        """Where a writer adds unit vectors; ``name`` is unique to the writer and generation."""

    def describe_vectors(self, vectors_id: str) -> str:
        return f"the vector store '{vectors_id or 'chroma'}' of {self.where}"

    # ------------------------------------------------------------ the chunks' read copy
    def read_chunks(self, manifest: IndexManifest, live: Collection[str]) -> ChunkCopy | None:
        """The read copy of ``manifest``'s chunks restricted to ``live`` (:mod:`.chunkcopy`;
        :class:`IndexStateError` when damaged), or None where chunks are read from the vector
        store (a Chroma server)."""
        return None

    def write_reduced(self, manifest: IndexManifest) -> list[str]:
        """Write the reduced copy of the chunk vectors (:mod:`.coarse`) of ``manifest``'s
        segments that lack one or have a damaged one (writer lock held); the segments
        written. Nothing on a Chroma server."""
        return []

    def vectors_problem(self, vectors_id: str) -> str | None:
        """What is plainly wrong with the vector store ("is missing", "cannot be read (…)"),
        checked cheaply and without a Chroma client; None: nothing seen (not checked here)."""
        return None


def read_snapshot(backend: Backend) -> tuple[IndexManifest, BM25Index]:
    """The committed manifest and its BM25 data, as one state: when a commit lands between
    the two reads (and the older files are pruned), read again."""
    for attempt in range(_SNAPSHOT_TRIES):
        stamp = backend.stamp()
        manifest = backend.read_manifest()
        manifest.require_current(backend.where)
        try:
            return manifest, backend.read_bm25(manifest)
        except IndexStateError:
            if attempt + 1 == _SNAPSHOT_TRIES or backend.stamp() == stamp:
                raise
    raise AssertionError("unreachable")


class LocalBackend(Backend):
    """An index in a folder (``IPFIN_HOME``), with embedded Chroma."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.where = str(self.home)
        self.manifest_path = self.home / MANIFEST_FILE

    # ------------------------------------------------------------ reading
    def stamp(self) -> Hashable:
        try:
            st = self.manifest_path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def exists(self) -> bool:
        return self.manifest_path.exists()

    def read_manifest(self) -> IndexManifest:
        return IndexManifest.load(self.manifest_path)

    def bm25_path(self, generation: int) -> Path:
        if generation > 0:
            return self.home / GENERATIONS / f"{generation:06d}" / BM25_FILE
        legacy = self.home / BM25_FILE
        return legacy if legacy.exists() or not (self.home / LEGACY_BM25_FILE).exists() else self.home / LEGACY_BM25_FILE

    def read_bm25(self, manifest: IndexManifest) -> BM25Index:
        from assistant.index.bm25 import BM25Index

        path = self.bm25_path(manifest.generation)
        if not path.exists():
            if manifest.files:
                raise bm25_error(f"of {self.home} ({path.name}, generation {manifest.generation})")
            return BM25Index()
        try:
            return BM25Index.load(path)
        except (ValueError, KeyError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise bm25_error(f"in {path}", exc) from exc

    def committed_generation(self) -> int:
        try:
            raw = json.loads(self.manifest_path.read_bytes())
            return int(raw.get("generation", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            stored = self.stored_generations()
            return stored[0] if stored else 0

    def stored_generations(self) -> list[int]:
        folder = self.home / GENERATIONS
        if not folder.is_dir():
            return []
        return sorted((int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit()), reverse=True)

    def read_stored(self, generation: int) -> IndexManifest:
        path = self.home / GENERATIONS / f"{generation:06d}" / MANIFEST_FILE
        if not path.exists():
            raise IndexStateError(f"No copy of generation {generation} in {self.home}.")
        return IndexManifest.load(path)

    # ------------------------------------------------------------ writing
    def lock(self) -> WriterLock:
        return LocalLock(self.home)

    def writer(self) -> Holder | None:
        return read_local_holder(self.home)

    def write_generation(self, manifest: IndexManifest, bm25: BM25Index, token: str) -> None:
        folder = self.home / GENERATIONS / f"{manifest.generation:06d}"
        if folder.exists():  # an unfinished write of an interrupted writer
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        bm25.save(folder / BM25_FILE)
        manifest.save(folder / MANIFEST_FILE)
        fsync_dir(folder.parent)

    def commit(self, manifest: IndexManifest, base: int, token: str) -> None:
        try:
            current = int(json.loads(self.manifest_path.read_bytes()).get("generation", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            current = base  # missing or damaged: what is being repaired
        if current != base:  # cannot happen under the flock; a guard against a second home user
            raise IndexConflictError(
                f"The index in {self.home} moved to generation {current} while this ingest wrote {manifest.generation}.",
                "Run `ipfin ingest` again.",
            )
        manifest.save(self.manifest_path)  # the commit: one atomic rename

    def prune(self, keep: set[int]) -> None:
        for generation in self.stored_generations():
            if generation not in keep:
                shutil.rmtree(self.home / GENERATIONS / f"{generation:06d}", ignore_errors=True)
        if 0 not in keep:
            (self.home / BM25_FILE).unlink(missing_ok=True)
            (self.home / LEGACY_BM25_FILE).unlink(missing_ok=True)
        self._prune_units(keep)

    def _prune_units(self, keep: set[int]) -> None:
        """Delete unit segments that neither the committed manifest nor a kept generation's
        copy lists; when one of them cannot be read, delete nothing."""
        listed: set[str] = set()
        try:
            listed.update(self.read_manifest().units)
            for generation in set(self.stored_generations()) & keep:
                listed.update(self.read_stored(generation).units)
        except IndexStateError:
            return
        for name, paths in segment_files(self.home / UNITS_DIR).items():
            if name not in listed:
                for path in paths:
                    path.unlink(missing_ok=True)

    # ------------------------------------------------------------ vectors
    def vectors_path(self, vectors_id: str) -> Path:
        return self.home / ("chroma" if not vectors_id else f"chroma-{vectors_id}")

    def open_vectors(self, vectors_id: str, create: bool) -> Vectors:
        path = self.vectors_path(vectors_id)
        if not create and not (path / "chroma.sqlite3").exists():
            raise LookupError(str(path))
        if create:
            path.mkdir(parents=True, exist_ok=True)
        return open_collections(local_client(path), CHUNKS, None, create)

    def vector_stores(self) -> set[str]:
        if not self.home.is_dir():
            return set()
        out = set()
        for p in self.home.iterdir():
            if p.is_dir() and (p.name == "chroma" or p.name.startswith("chroma-")):
                out.add(p.name[len("chroma-") :] if p.name != "chroma" else "")
        return out

    def drop_vectors(self, vectors_id: str) -> None:
        path = self.vectors_path(vectors_id)
        forget_local_system(path)
        shutil.rmtree(path, ignore_errors=True)

    def describe_vectors(self, vectors_id: str) -> str:
        return f"the vector store {self.vectors_path(vectors_id)}"

    # ------------------------------------------------------------ unit vectors
    def read_units(self, manifest: IndexManifest, vectors: Callable[[], Vectors]) -> UnitTable:
        return SegmentTable(self.home / UNITS_DIR, manifest.units)

    def unit_sink(self, vectors: Vectors, name: str, dim: int) -> UnitSink:
        return SegmentSink(self.home / UNITS_DIR, name, dim)

    def read_chunks(self, manifest: IndexManifest, live: Collection[str]) -> ChunkCopy:
        return ChunkCopy(self.home / UNITS_DIR, manifest.units, live)

    def write_reduced(self, manifest: IndexManifest) -> list[str]:
        return write_missing_reduced(self.home / UNITS_DIR, manifest.units)

    def vectors_problem(self, vectors_id: str) -> str | None:
        """The folder's database file is gone, or is not a SQLite database (a stat and 16 bytes)."""
        path = self.vectors_path(vectors_id) / "chroma.sqlite3"
        try:
            with open(path, "rb") as f:
                head = f.read(16)
        except FileNotFoundError:
            return "is missing"
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"
        if head != b"SQLite format 3\0":
            return f"cannot be read ({path.name} is not a database)"
        return None


def backend_for(settings) -> Backend:
    """The index the settings point at: a Chroma server (``IPFIN_CHROMA_URL``) or ``IPFIN_HOME``."""
    if getattr(settings, "chroma_url", ""):
        from assistant.index.remote import RemoteBackend

        return RemoteBackend.shared(settings.chroma_url, settings.chroma_prefix, settings.index_lock_ttl,
                                    settings.index_poll_seconds)
    return LocalBackend(settings.home)


def index_stamp(settings) -> Hashable:
    """Changes whenever a new generation of the settings' index is committed (cheap: a
    ``stat`` locally; on a server one request per ``IPFIN_INDEX_POLL_SECONDS`` at most)."""
    return backend_for(settings).stamp()
