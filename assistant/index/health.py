"""``ipfin doctor``'s index checks: do the manifest, the BM25 data, the vector store, the
unit vectors and (locally) the chunks' read copy agree? An index of an older format fails the first check, with the fix.

Each check is one line; a failing one says what is wrong and how to fix it (``ipfin
ingest`` repairs a missing or damaged part; ``--rebuild`` builds the index again). The
checks read only; rolling back an interrupted ingest happens first, as at every start.
"""

from __future__ import annotations

import random

import numpy as np

from assistant.core.errors import IndexStateError
from assistant.core.health import Check
from assistant.index import coarse
from assistant.index.generation import Backend
from assistant.index.manifest import IndexManifest
from assistant.index.units import KEY_KINDS, UnitTable
from assistant.index.vectors import Vectors, existing_ids

REPAIR = "Run `ipfin ingest` to repair it (`ipfin ingest --rebuild` builds the index again)."
#: Chunks whose unit vectors are looked up (all of them in an index up to this size).
UNIT_SAMPLE = 2000


def check_index(backend: Backend, identity: str, dim: int) -> list[Check]:
    from assistant.index.writer import recover

    checks = [Check("index", True, n) for n in recover(backend)]
    checks += _lock_check(backend)
    if not backend.exists():
        return [*checks, Check("index", False, f"No index in {backend.where}. Run `ipfin ingest` first.")]
    try:
        manifest = backend.read_manifest()
    except IndexStateError as exc:
        return [*checks, Check("index", False, str(exc))]
    try:
        manifest.require_current(backend.where)
    except IndexStateError as exc:
        return [*checks, Check("index", False, str(exc))]
    ids = manifest.chunk_ids()
    checks.append(
        Check(
            "index",
            bool(manifest.files),
            f"generation {manifest.generation}: {len(manifest.documents)} documents, {len(ids)} chunks {backend.where}"
            + ("" if manifest.files else ". It holds no documents: run `ipfin ingest`."),
        )
    )
    checks.append(_embedder_check(manifest, identity, dim))
    checks.append(_bm25_check(backend, manifest, ids))
    checks += _vector_checks(backend, manifest, ids)
    return checks


def _lock_check(backend: Backend) -> list[Check]:
    holder = backend.writer()
    return [Check("index lock", True, f"an ingest is writing now: {holder.describe()}")] if holder else []


def _embedder_check(manifest: IndexManifest, identity: str, dim: int) -> Check:
    if manifest.embedder and manifest.embedder != identity:
        return Check(
            "index embedder",
            False,
            f"the index was built with '{manifest.embedder}' but '{identity}' is configured. "
            "Set IPFIN_EMBEDDER/IPFIN_EMBED_MODEL back, or run `ipfin ingest --rebuild`.",
        )
    if manifest.dim and manifest.dim != dim:
        return Check("index embedder", False, f"the index holds {manifest.dim}-d vectors, the embedder makes {dim}-d. {REPAIR}")
    return Check("index embedder", True, f"{manifest.embedder or identity}, {manifest.dim or dim} dimensions")


def _bm25_check(backend: Backend, manifest: IndexManifest, ids: set[str]) -> Check:
    try:
        bm25 = backend.read_bm25(manifest)
    except IndexStateError as exc:
        return Check("index bm25", False, str(exc))
    missing = [cid for cid in ids if cid not in bm25]
    if missing or len(bm25) != len(ids):
        return Check(
            "index bm25",
            False,
            f"the keyword index holds {len(bm25)} chunks, {len(missing)} of the manifest's {len(ids)} are not in it. {REPAIR}",
        )
    return Check("index bm25", True, f"{len(bm25)} chunks, the same as the manifest")


def _vector_checks(backend: Backend, manifest: IndexManifest, ids: set[str]) -> list[Check]:
    name = backend.describe_vectors(manifest.vectors)
    try:
        vectors = backend.open_vectors(manifest.vectors, create=False)
        held = vectors.chunks.count()
        present = existing_ids(vectors.chunks, sorted(ids))
    except LookupError:
        return [Check("index vectors", False, f"{name} is missing ({len(ids)} chunks are listed). {REPAIR}")]
    except Exception as exc:  # noqa: BLE001 - Chroma raises many kinds on a damaged store
        return [Check("index vectors", False, f"{name} cannot be read ({exc.__class__.__name__}: {str(exc)[:160]}). {REPAIR}")]
    missing = len(ids) - len(present)
    if missing:
        return [Check("index vectors", False, f"{missing} of the {len(ids)} chunks are missing from {name}. {REPAIR}")]
    extra = held - len(present)
    note = (
        f"; {extra} more not in this generation (kept for readers of the previous one, or left by an "
        "interrupted ingest: the next ingest deletes them)"
        if extra
        else ""
    )
    checks = [Check("index vectors", True, f"all {len(ids)} chunks in {name}{note}")]
    checks.append(_dimension_check(vectors, manifest))
    try:
        table = backend.read_units(manifest, lambda: vectors)
    except IndexStateError as exc:
        return [*checks, Check("index units", False, str(exc))]
    checks.append(_units_check(table, ids))
    checks.append(_keys_check(table, ids, present))
    copy = _copy_check(backend, manifest, ids)
    return checks + ([copy] if copy else [])


def _copy_check(backend: Backend, manifest: IndexManifest, ids: set[str]) -> Check | None:
    """A local index: its read copy of the chunks (what queries read) holds every chunk the
    manifest lists, with vectors of the manifest's size, and each large segment's reduced
    copy (:mod:`.coarse`) is whole (one missing is noted: search is exact there, slower).
    None on a server (no copy)."""
    try:
        copy = backend.read_chunks(manifest, ids)
    except IndexStateError as exc:
        return Check("index read copy", False, str(exc))
    if copy is None:
        return None
    lacking = len(ids) - copy.covered()
    if lacking:
        return Check("index read copy", False, f"{lacking} of the {len(ids)} chunks are missing from the read copy in {copy.folder}. {REPAIR}")
    dims = {s.dim for s in copy.segments}
    if manifest.dim and dims - {manifest.dim}:
        return Check("index read copy", False, f"the read copy holds {sorted(dims)}-d vectors, the manifest says {manifest.dim}. {REPAIR}")
    slow = [s.name for s in copy.segments if s.reduced is None and coarse.wanted(len(s))]
    note = (
        f"; {len(slow)} large segment(s) without a reduced copy of the vectors are searched exactly, more slowly "
        f"({', '.join(slow)}): `ipfin ingest` writes it"
        if slow
        else ""
    )
    return Check(
        "index read copy", True, f"all {len(ids)} chunks in the read copy in {copy.folder} ({len(copy.segments)} segment(s)){note}"
    )


def _dimension_check(vectors: Vectors, manifest: IndexManifest) -> Check:
    got = vectors.chunks.get(limit=1, include=["embeddings"])
    embeddings = got.get("embeddings")
    if embeddings is None or len(embeddings) == 0 or not manifest.dim:
        return Check("index dimensions", True, "nothing to compare")
    stored = int(np.asarray(embeddings[0]).shape[-1])
    if stored != manifest.dim:
        return Check("index dimensions", False, f"stored vectors have {stored} dimensions, the manifest says {manifest.dim}. {REPAIR}")
    return Check("index dimensions", True, f"{stored}")


def _units_check(table: UnitTable, ids: set[str]) -> Check:
    """Every chunk has its unit vectors (all chunks up to ``UNIT_SAMPLE``, else a sample)."""
    sample = sorted(ids)
    if len(sample) > UNIT_SAMPLE:
        sample = sorted(random.Random(0).sample(sample, UNIT_SAMPLE))
    covered = table.chunks_covered(sample)
    lacking = len(sample) - len(covered & set(sample))
    if lacking:
        return Check("index units", False, f"{lacking} of {len(sample)} chunks checked have no unit vectors. {REPAIR}")
    return Check("index units", True, f"unit vectors present for the {len(sample)} chunks checked")


def _keys_check(table: UnitTable, ids: set[str], present: set[str]) -> Check:
    """Every retrieval key of this generation points at a chunk the vector store holds."""
    chunk_of = [m[0] for m in table.keys(KEY_KINDS).meta]
    mine = [c for c in chunk_of if c in ids]
    orphans = [c for c in mine if c not in present]
    if orphans:
        return Check("index keys", False, f"{len(orphans)} retrieval keys point at missing chunks. {REPAIR}")
    other = len(chunk_of) - len(mine)
    note = f" ({other} more belong to chunks outside this generation)" if other else ""
    return Check("index keys", True, f"{len(mine)} retrieval keys, each with its chunk{note}")
