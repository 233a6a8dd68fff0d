"""Chroma, opened the way the index needs it: fresh, and with its collections.

A vector store holds the collection ``chunks`` (one vector per chunk, with its text and
metadata): the store of record. On a Chroma server it is what queries search; a local
index answers from the read copy in its segment files instead (:mod:`.chunkcopy`) and
opens Chroma only to write, repair and check (``ipfin doctor``). On a Chroma server it also holds ``units`` (the
quotable units of each chunk and its retrieval keys, each pointing at its chunk, with a
placeholder embedding: :mod:`assistant.index.units`); a local index keeps those in
segment files instead, out of Chroma's HNSW. Every chunk id is a content hash, so a
writer adds new chunks beside the committed ones without touching them, and readers
ignore whatever the committed manifest does not list (:mod:`assistant.index.generation`).

Embedded Chroma keeps one "system" per folder in a process and its vector index in
memory: a process that opened a folder does not see what another process wrote to the
HNSW index afterwards (measured with chromadb 1.5: counts move, queries do not), and
after a collection is dropped elsewhere its handle fails. So every open here starts a
new system for the folder (:func:`local_client`), and a reader opens again whenever a
new generation is committed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

CHUNKS = "chunks"
UNITS = "units"  # server mode: the unit vectors and retrieval keys (placeholder embeddings)
SPACE = {"hnsw:space": "cosine"}
#: The units collection is never searched by similarity (its records are read by id and by
#: ``kind``/``chunk_id``, their 1-d embedding is a placeholder), but Chroma always builds an
#: HNSW graph: a sparse one with a small candidate list is the cheapest.
UNITS_SPACE = SPACE | {"hnsw:construction_ef": 10, "hnsw:M": 4}


@dataclass
class Vectors:
    """The collections of one vector store (and the client that keeps them open); ``units``
    is None in a local store (unit vectors are in segment files there)."""

    client: object
    chunks: object
    units: object | None


def _settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=True)


def forget_local_system(path: Path) -> None:
    """Drop Chroma's cached system for ``path`` in this process, so the next client reads the
    folder again. Handles opened before keep working on the old system until dropped."""
    from chromadb.api.shared_system_client import SharedSystemClient

    key = str(path)
    SharedSystemClient._identifier_to_system.pop(key, None)
    SharedSystemClient._identifier_to_refcount.pop(key, None)


def local_client(path: Path):
    """A Chroma client for the folder ``path`` that sees its current content."""
    import chromadb

    forget_local_system(path)
    return chromadb.PersistentClient(path=str(path), settings=_settings())


def http_client(url: str):
    """A client of the Chroma server at ``url`` (``http://host:port``)."""
    from urllib.parse import urlsplit

    import chromadb

    parts = urlsplit(url)
    ssl = parts.scheme == "https"
    port = parts.port or (443 if ssl else 8000)
    return chromadb.HttpClient(host=parts.hostname or "127.0.0.1", port=port, ssl=ssl, settings=_settings())


def open_collections(client, chunks_name: str, units_name: str | None, create: bool) -> Vectors:
    """The collections (no units collection when ``units_name`` is None); ``create=False``
    raises :class:`LookupError` when one is missing."""
    wanted = [n for n in (chunks_name, units_name) if n]
    if not create:
        names = {getattr(c, "name", c) for c in client.list_collections()}
        missing = [n for n in wanted if n not in names]
        if missing:
            raise LookupError(", ".join(missing))

    def collection(name: str, metadata: dict):
        if create:
            return client.get_or_create_collection(name, metadata=metadata, embedding_function=None)
        return client.get_collection(name, embedding_function=None)

    units = collection(units_name, UNITS_SPACE) if units_name else None
    return Vectors(client, collection(chunks_name, SPACE), units)


def batches(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


#: Ids per Chroma call (its own limit is ~5k per write; gets by id stay well below a request limit).
BATCH = 1000


def existing_ids(collection, ids: list[str]) -> set[str]:
    """Which of ``ids`` the collection holds."""
    found: set[str] = set()
    for part in batches(list(ids), BATCH):
        found.update(collection.get(ids=part, include=[])["ids"])
    return found


def delete_chunks(vectors: Vectors, chunk_ids: list[str]) -> None:
    """Delete chunks and everything of them Chroma holds (on a server: unit vectors, retrieval
    keys; local segment files go when no kept generation lists them)."""
    for part in batches(sorted(set(chunk_ids)), BATCH):
        vectors.chunks.delete(ids=part)
        if vectors.units is not None:
            vectors.units.delete(where={"chunk_id": {"$in": part}})
