"""Server mode: the whole index on a Chroma server (``IPFIN_CHROMA_URL=http://host:port``).

Everything a replica needs is on the server, so a replica of the page or the API needs
nothing on its disk (``IPFIN_HOME`` may be empty):

- vectors: collections ``<prefix>-chunks-<store>`` and ``<prefix>-units-<store>`` (the unit
  vectors and retrieval keys, read by id and by kind: a 1-d placeholder embedding and the
  vector in the metadata, :mod:`.units`, so the server builds no graph of real vectors);
- in the collection ``<prefix>-meta`` (records with a dummy 1-d vector; data in metadata):
  ``blob:<name>:<part>`` the manifest and the BM25 data of a generation
  (``BM25Index.to_bytes()``, zlib, base64 in parts of 4 MB; kept for the committed
  generation and the one before), ``commit:<n>`` one record per committed generation
  naming its blobs, ``head`` the last committed number (a hint: readers also look for
  ``commit:<n+1>``), ``lock:<epoch>`` the writer's lease, ``intent:<epoch>:<seq>`` the
  writer's journal.

Chroma has no transactions, but ``add`` of an id that exists is ignored (the first add
wins, in the server's log order; checked against chromadb 1.5). That is an
insert-if-absent, and the two guarantees rest on it:

- **Commit**: generation ``n+1`` is committed by adding ``commit:<n+1>`` with the writer's
  token and reading it back. Two writers that both started from ``n`` cannot both commit:
  the second finds the first's token and stops with :class:`IndexConflictError` (its
  additions are rolled back). No update is lost, and readers only ever see a whole
  generation (they read ``commit:<n>`` and then its blobs, which never change).
- **Lock**: a lease ``lock:<epoch>`` won the same way, renewed every ``ttl/3`` seconds by
  a thread of the holder, released at the end. A waiter takes over a lease that was
  released, has expired (the holder stopped renewing: killed, hung, or cut off) or whose
  holder is a dead process on the same machine, by adding ``lock:<epoch+1>``; then it
  rolls back what the dead holder journaled.

What is not guaranteed: mutual exclusion when a holder stalls longer than the lease
(``IPFIN_INDEX_LOCK_TTL``, default 60 s) or clocks disagree by more than that; then two
writers may run at once. The commit record still lets only one of them commit (the
other fails and can be run again), and each checks that its lease is still the latest
before committing; in the narrow case where a stalled writer resumes right at its commit
after its successor rolled it back, ``ipfin doctor`` reports the missing chunks and
``ipfin ingest`` re-indexes those files.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import threading
import time
import zlib
from collections.abc import Callable, Hashable
from typing import ClassVar

from assistant.core.errors import IndexStateError
from assistant.index.bm25 import BM25Index
from assistant.index.generation import Backend, bm25_error
from assistant.index.lock import Holder, IndexConflictError, WriterLock, busy_error
from assistant.index.manifest import IndexManifest
from assistant.index.units import ChromaUnitSink, ChromaUnitTable, UnitSink, UnitTable
from assistant.index.vectors import Vectors, http_client, open_collections

log = logging.getLogger("ipfin.index")

_PART_CHARS = 4 * 1024 * 1024
_DUMMY = [1.0]


def _unreachable(url: str, exc: Exception) -> IndexStateError:
    return IndexStateError(
        f"The Chroma server at {url} cannot be used ({exc.__class__.__name__}: {str(exc)[:160]}).",
        "Check that it is running and reachable (IPFIN_CHROMA_URL), then try again.",
    )


class RemoteBackend(Backend):
    """An index kept entirely on a Chroma server."""

    _shared: ClassVar[dict[tuple, RemoteBackend]] = {}
    _shared_lock = threading.Lock()

    def __init__(self, url: str, prefix: str = "ipfin", lock_ttl: float = 60.0, poll_seconds: float = 2.0) -> None:
        self.url = url.rstrip("/")
        self.prefix = prefix
        self.lock_ttl = lock_ttl
        self.poll_seconds = poll_seconds
        self.where = f"on the Chroma server {self.url} (prefix '{prefix}')"
        self._client = None
        self._meta = None
        self._stamp: tuple[float, Hashable] | None = None
        self._mutex = threading.Lock()

    @classmethod
    def shared(cls, url: str, prefix: str, lock_ttl: float, poll_seconds: float) -> RemoteBackend:
        """One backend (one HTTP client, one poll cache) per server and prefix in a process."""
        key = (url, prefix, lock_ttl, poll_seconds)
        with cls._shared_lock:
            if key not in cls._shared:
                cls._shared[key] = cls(url, prefix, lock_ttl, poll_seconds)
            return cls._shared[key]

    # ------------------------------------------------------------ the server
    @property
    def client(self):
        if self._client is None:
            with self._mutex:
                if self._client is None:
                    try:
                        client = http_client(self.url)
                        client.heartbeat()
                    except Exception as exc:
                        raise _unreachable(self.url, exc) from exc
                    self._client = client
        return self._client

    @property
    def meta(self):
        if self._meta is None:
            self._meta = self._call(lambda: self.client.get_or_create_collection(f"{self.prefix}-meta", embedding_function=None))
        return self._meta

    def _call(self, fn):
        try:
            return fn()
        except IndexStateError:
            raise
        except Exception as exc:
            raise _unreachable(self.url, exc) from exc

    def get_records(self, ids: list[str] | None = None, where: dict | None = None) -> dict[str, dict]:
        got = self._call(lambda: self.meta.get(ids=ids, where=where, include=["metadatas"]))
        return dict(zip(got["ids"], got["metadatas"], strict=True))

    def put_records(self, records: dict[str, dict], *, insert_only: bool = False) -> None:
        ids = list(records)
        write = self.meta.add if insert_only else self.meta.upsert
        self._call(lambda: write(ids=ids, metadatas=[records[i] for i in ids], embeddings=[_DUMMY] * len(ids)))

    def delete_records(self, ids: list[str] | None = None, where: dict | None = None) -> None:
        if ids == []:
            return
        self._call(lambda: self.meta.delete(ids=ids, where=where))

    # ------------------------------------------------------------ blobs
    def put_blob(self, name: str, data: bytes) -> None:
        text = base64.b64encode(zlib.compress(data, 6)).decode("ascii")
        parts = [text[i : i + _PART_CHARS] for i in range(0, len(text), _PART_CHARS)] or [""]
        for i, part in enumerate(parts):  # one part per request keeps each under the server's limit
            self.put_records(
                {f"blob:{name}:{i:05d}": {"kind": "blob", "blob": name, "part": i, "parts": len(parts), "data": part}}
            )

    def get_blob(self, name: str) -> bytes | None:
        records = self.get_records(where={"blob": name})
        if not records:
            return None
        parts = sorted(records.values(), key=lambda m: int(m["part"]))
        if len(parts) != int(parts[0]["parts"]):
            raise IndexStateError(f"The stored part '{name}' {self.where} is incomplete.", "Run `ipfin ingest` to repair it.")
        try:
            return zlib.decompress(base64.b64decode("".join(str(m["data"]) for m in parts)))
        except (ValueError, zlib.error) as exc:
            raise IndexStateError(f"The stored part '{name}' {self.where} is damaged.", "Run `ipfin ingest` to repair it.") from exc

    def blob_names(self) -> set[str]:
        return {str(m["blob"]) for m in self.get_records(where={"part": 0}).values() if m.get("kind") == "blob"}

    # ------------------------------------------------------------ generations
    def _head(self) -> tuple[int, dict | None]:
        """The committed generation and its commit record (0, None: no index)."""
        head = self.get_records(ids=["head"]).get("head")
        generation = int(head["generation"]) if head else 0
        record = None
        while True:  # the head is a hint: a writer may have died between its commit and the head
            ids = [_commit_id(generation), _commit_id(generation + 1)]
            found = self.get_records(ids=ids)
            record = found.get(ids[0], record)
            if ids[1] not in found:
                return generation, record
            generation, record = generation + 1, found[ids[1]]

    def stamp(self) -> Hashable:
        now = time.monotonic()
        cached = self._stamp
        if cached is not None and now - cached[0] < self.poll_seconds:
            return cached[1]
        generation, record = self._head()
        value = (generation, record.get("token") if record else None)
        self._stamp = (now, value)
        return value

    def exists(self) -> bool:
        return self._head()[0] > 0

    def committed_generation(self) -> int:
        return self._head()[0]

    def read_manifest(self) -> IndexManifest:
        generation, record = self._head()
        if record is None:
            return IndexManifest()
        return self._manifest_of(generation, record)

    def _manifest_of(self, generation: int, record: dict) -> IndexManifest:
        data = self.get_blob(str(record["manifest"]))
        if data is None:
            raise IndexStateError(
                f"The index manifest of generation {generation} {self.where} is missing.",
                "Run `ipfin ingest` to repair it (or `ipfin ingest --rebuild`).",
            )
        return IndexManifest.from_bytes(data, f"of generation {generation} {self.where}")

    def read_bm25(self, manifest: IndexManifest) -> BM25Index:
        if manifest.generation == 0:
            return BM25Index()
        record = self.get_records(ids=[_commit_id(manifest.generation)]).get(_commit_id(manifest.generation))
        name = str(record["bm25"]) if record else ""
        where = f"of generation {manifest.generation} {self.where}"
        try:
            data = self.get_blob(name) if name else None
        except IndexStateError as exc:
            raise bm25_error(where, exc) from exc
        if data is None:
            raise bm25_error(where)
        try:
            return BM25Index.from_bytes(data)
        except (ValueError, KeyError, OSError, EOFError) as exc:
            raise bm25_error(where, exc) from exc

    def stored_generations(self) -> list[int]:
        records = self.get_records(where={"kind": "commit"})
        return sorted((int(m["generation"]) for m in records.values()), reverse=True)

    def read_stored(self, generation: int) -> IndexManifest:
        record = self.get_records(ids=[_commit_id(generation)]).get(_commit_id(generation))
        if record is None:
            raise IndexStateError(f"No generation {generation} {self.where}.")
        return self._manifest_of(generation, record)

    # ------------------------------------------------------------ writing
    def lock(self) -> WriterLock:
        return RemoteLock(self, self.lock_ttl)

    def writer(self) -> Holder | None:
        lock = RemoteLock(self, self.lock_ttl)
        _, meta = lock._latest()
        return None if lock._free(meta) else _holder(meta)

    def write_generation(self, manifest: IndexManifest, bm25: BM25Index, token: str) -> None:
        self.put_blob(f"manifest-{manifest.generation}-{token}", manifest.to_bytes())
        self.put_blob(f"bm25-{manifest.generation}-{token}", bm25.to_bytes())

    def commit(self, manifest: IndexManifest, base: int, token: str) -> None:
        generation = manifest.generation
        current, _ = self._head()
        if current != base or generation != base + 1:
            raise _conflict(self, current, generation)
        record = {
            "kind": "commit",
            "generation": generation,
            "token": token,
            "manifest": f"manifest-{generation}-{token}",
            "bm25": f"bm25-{generation}-{token}",
            "committed_at": manifest.committed_at,
        }
        self.put_records({_commit_id(generation): record}, insert_only=True)  # the first add wins
        won = self.get_records(ids=[_commit_id(generation)]).get(_commit_id(generation))
        if not won or won.get("token") != token:
            raise _conflict(self, generation, generation)
        self.put_records({"head": {"kind": "head", "generation": generation}})
        self._stamp = None

    def prune(self, keep: set[int]) -> None:
        """Delete blobs no kept generation's commit names (older generations, and writes
        that never committed), and commit records older than the kept ones."""
        committed = self.get_records(where={"kind": "commit"})
        live = {str(m[k]) for m in committed.values() if int(m["generation"]) in keep for k in ("manifest", "bm25")}
        for name in self.blob_names() - live:
            self.delete_records(where={"blob": name})
        self.delete_records(ids=[i for i, m in committed.items() if int(m["generation"]) < min(keep)])

    # ------------------------------------------------------------ vectors
    def _names(self, vectors_id: str) -> tuple[str, str]:
        vid = vectors_id or "0"
        return f"{self.prefix}-chunks-{vid}", f"{self.prefix}-units-{vid}"

    def open_vectors(self, vectors_id: str, create: bool) -> Vectors:
        chunks, units = self._names(vectors_id)
        try:
            return open_collections(self.client, chunks, units, create)
        except LookupError:
            raise
        except IndexStateError:
            raise
        except Exception as exc:
            raise _unreachable(self.url, exc) from exc

    def vector_stores(self) -> set[str]:
        head = f"{self.prefix}-chunks-"
        names = self._call(lambda: [getattr(c, "name", c) for c in self.client.list_collections()])
        return {n[len(head) :] for n in names if n.startswith(head)}

    def drop_vectors(self, vectors_id: str) -> None:
        for name in self._names(vectors_id):
            with contextlib.suppress(Exception):
                self.client.delete_collection(name)

    def describe_vectors(self, vectors_id: str) -> str:
        return f"the vector collections '{self._names(vectors_id)[0]}' {self.where}"

    # ------------------------------------------------------------ unit vectors
    def read_units(self, manifest: IndexManifest, vectors: Callable[[], Vectors]) -> UnitTable:
        return ChromaUnitTable(lambda: vectors().units)

    def unit_sink(self, vectors: Vectors, name: str, dim: int) -> UnitSink:
        return ChromaUnitSink(vectors.units)


def _commit_id(generation: int) -> str:
    return f"commit:{generation:012d}"


def _conflict(backend: RemoteBackend, current: int, generation: int) -> IndexConflictError:
    return IndexConflictError(
        f"Another writer committed generation {current} of the index {backend.where} while this one wrote "
        f"generation {generation}; nothing of this ingest was committed.",
        "Run `ipfin ingest` again (unchanged files are skipped).",
    )


class RemoteLock(WriterLock):
    """A lease in the meta collection; see the module docstring for what it guarantees."""

    def __init__(self, backend: RemoteBackend, ttl: float) -> None:
        self.backend = backend
        self.ttl = ttl
        self.holder = None
        self.epoch = 0
        self._previous_epoch = 0
        self._seq = 0
        self._lost = False
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def _latest(self) -> tuple[int, dict | None]:
        records = self.backend.get_records(where={"kind": "lock"})
        if not records:
            return 0, None
        meta = max(records.values(), key=lambda m: int(m["epoch"]))
        return int(meta["epoch"]), meta

    @staticmethod
    def _free(meta: dict | None) -> bool:
        if meta is None or meta.get("released"):
            return True
        if float(meta.get("expires", 0)) < time.time():
            return True
        return _holder(meta).alive() is False  # a dead process on this machine

    def acquire(self, wait: float, command: str, record: bool = True) -> Holder | None:
        started = time.monotonic()
        told = False
        while True:
            epoch, meta = self._latest()
            if self._free(meta):
                if not record and (meta is None or meta.get("released")):
                    self.holder, self.epoch = None, 0  # nothing interrupted: nothing to take
                    return None
                me = Holder.me(command)
                lease = {"kind": "lock", "epoch": epoch + 1, "released": False, "expires": time.time() + self.ttl}
                lease |= me.to_json()
                self.backend.put_records({_lock_id(epoch + 1): lease}, insert_only=True)
                won = self.backend.get_records(ids=[_lock_id(epoch + 1)]).get(_lock_id(epoch + 1))
                if won and won.get("token") == me.token:
                    self.holder, self.epoch, self._previous_epoch = me, epoch + 1, epoch
                    self._start_heartbeat()
                    self.backend.delete_records(ids=[_lock_id(e) for e in range(max(1, epoch - 8), epoch - 3)])
                    return None if meta is None or meta.get("released") else _holder(meta)
                continue  # another waiter won this epoch: look again
            waited = time.monotonic() - started
            if waited >= wait:
                raise busy_error(_holder(meta), self.backend.where, waited)
            if not told and wait >= 1:
                log.warning("Waiting up to %.0f s for %s to finish writing the index…", wait, _holder(meta).describe())
                told = True
            time.sleep(0.5)

    def _start_heartbeat(self) -> None:
        self._stop.clear()
        self._lost = False

        def beat() -> None:
            while not self._stop.wait(self.ttl / 3):
                try:
                    epoch, _ = self._latest()
                    if epoch != self.epoch:
                        self._lost = True
                        return
                    lease = {"kind": "lock", "epoch": self.epoch, "released": False, "expires": time.time() + self.ttl}
                    self.backend.put_records({_lock_id(self.epoch): lease | self.holder.to_json()})
                except IndexStateError:
                    continue  # the server may come back before the lease runs out

        self._beat = threading.Thread(target=beat, name="ipfin-index-lease", daemon=True)
        self._beat.start()

    def still_held(self) -> bool:
        if self.holder is None or self._lost:
            return False
        epoch, meta = self._latest()
        return epoch == self.epoch and meta is not None and meta.get("token") == self.holder.token

    def forget_previous(self) -> None:
        pass  # taking the next epoch already superseded the interrupted lease

    def intend(self, record: dict) -> None:
        self._seq += 1
        rid = f"intent:{self.epoch:012d}:{self._seq:06d}"
        self.backend.put_records({rid: {"kind": "intent", "epoch": self.epoch, "record": json.dumps(record)}})

    def intents(self) -> list[dict]:
        records = self.backend.get_records(where={"kind": "intent"})
        out = []
        for rid in sorted(records):
            with contextlib.suppress(ValueError, TypeError):
                out.append(json.loads(str(records[rid]["record"])))
        return out

    def clear_intents(self) -> None:
        self.backend.delete_records(where={"kind": "intent"})

    def release(self) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=5)
            self._beat = None
        if self.holder is None:
            return
        try:
            epoch, _ = self._latest()
            if epoch == self.epoch:
                lease = {"kind": "lock", "epoch": self.epoch, "released": True, "expires": 0.0}
                self.backend.put_records({_lock_id(self.epoch): lease | self.holder.to_json()})
        finally:
            self.holder = None


def _lock_id(epoch: int) -> str:
    return f"lock:{epoch:012d}"


def _holder(meta: dict | None) -> Holder:
    return Holder.from_json(meta or {})
