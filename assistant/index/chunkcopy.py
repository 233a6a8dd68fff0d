"""The local read copy of the chunks: what a query reads instead of Chroma.

Chroma is the store of record of a local index (every chunk, its vector, text and
metadata go there as before, and ``ipfin doctor`` checks it), but opening it costs most
of a fresh process's first answer: ``import chromadb`` (about a second) and its HNSW
graph read on first touch. So each ingest also writes its chunks beside its unit rows
(:mod:`.units`), in the same segment, as three more files under ``units/``:

- ``<name>.chunks.f32``: the chunk vectors, float32, unit length, row after row
  (memory-mapped when read; a dense search is one matrix product over them);
- ``<name>.chunks.txt``: UTF-8, each row's text followed by its metadata as JSON
  (what :meth:`assistant.core.types.Chunk.from_metadata` reads; no pickle);
- ``<name>.chunks.npz``: the rows' ids, their sort order (a lookup is a binary search)
  and the byte offsets into ``.txt`` (``2 * rows + 1``: text start, metadata start, ...).

A segment of many rows also gets a reduced copy of its vectors (:mod:`.coarse`,
``<name>.chunks.pca.*``): a search scores its rows there first and only the best two
thousand or so exactly (a segment without one, older or small, is searched exactly).

Segments never change once written (the reduced copy, derived from the vectors alone, is
written again by ``ipfin ingest`` when it is damaged or missing); merged and pruned with
the unit rows (the same segment names). :class:`ChunkRowWriter` writes one segment's rows
(and its reduced copy), :class:`ChunkCopy` reads the segments a generation lists,
restricted to the chunks it lists (a segment may hold rows of other generations' chunks:
each opened generation masks them out once).
On a Chroma server there is no read copy: chunks are searched and read there
(:mod:`.remote`).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Collection, Iterable
from itertools import compress
from pathlib import Path

import numpy as np

from assistant.core.errors import IndexStateError, damaged_part
from assistant.index import coarse
from assistant.index.manifest import fsync_dir, write_atomic
from assistant.index.sorted_ids import SortedIds

SUFFIX = "chunks"


def damaged(where: str, exc: Exception | None = None) -> IndexStateError:
    return damaged_part("The read copy of the chunks", where, exc)


def _top_rows(sims: np.ndarray, k: int) -> np.ndarray:
    """The indexes of the ``k`` highest of ``sims``; among equal values at the k-th place,
    the lowest indexes (``argpartition`` alone picks any of them, so equal similarities
    would not come back in row order)."""
    if k >= len(sims):
        return np.arange(len(sims))
    kth = np.partition(sims, len(sims) - k)[len(sims) - k]  # the k-th highest value
    above = np.flatnonzero(sims > kth)
    tied = np.flatnonzero(sims == kth)[: k - len(above)]
    return np.concatenate([above, tied])


def paths(folder: Path, name: str) -> tuple[Path, Path, Path]:
    """(vectors, texts, row index) of segment ``name``."""
    return (folder / f"{name}.{SUFFIX}.f32", folder / f"{name}.{SUFFIX}.txt", folder / f"{name}.{SUFFIX}.npz")


def _encode_ids(ids: Iterable[str]) -> np.ndarray:
    out = [i.encode() for i in ids]
    return np.array(out) if out else np.zeros(0, "S1")


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` scaled to unit length (float32): a dot product is then the cosine
    similarity Chroma's ``cosine`` space ranks by."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return np.ascontiguousarray(vectors / np.where(norms > 0, norms, 1.0), dtype="<f4")


# ---------------------------------------------------------------- reading
class ChunkSegment(SortedIds):
    """One segment's chunk rows, opened: row index in memory, vectors and texts memory-mapped,
    and the reduced copy of the vectors when it has one (``reduced``; not opened when
    ``reduced=False``)."""

    def __init__(self, folder: Path, name: str, reduced: bool = True) -> None:
        self.name = name
        vec_path, txt_path, idx_path = paths(folder, name)
        where = f"of segment {name} in {folder}"
        try:
            with np.load(idx_path) as z:
                self.ids = z["ids"]
                self.order = z["order"]
                self.offsets = z["offsets"]
                dim = int(z["dim"])
            rows = len(self.ids)
            if len(self.offsets) != 2 * rows + 1:
                raise ValueError(f"{idx_path.name} has {len(self.offsets)} offsets for {rows} rows")
            if vec_path.stat().st_size != rows * dim * 4:
                raise ValueError(f"{vec_path.name} holds {vec_path.stat().st_size} bytes, not {rows} rows of {dim}")
            if txt_path.stat().st_size != int(self.offsets[-1]):
                raise ValueError(f"{txt_path.name} holds {txt_path.stat().st_size} bytes, not {int(self.offsets[-1])}")
            empty = rows == 0
            self.matrix = (
                np.zeros((0, dim), "<f4") if empty else np.memmap(vec_path, "<f4", "r", shape=(rows, dim)).view(np.ndarray)
            )
            self.text = np.zeros(0, np.uint8) if not self.offsets[-1] else np.memmap(txt_path, np.uint8, "r").view(np.ndarray)
        except FileNotFoundError as exc:
            raise damaged(where) from exc
        except (ValueError, KeyError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise damaged(where, exc) from exc
        self.dim = dim
        #: The reduced copy (:mod:`.coarse`), or None: searched exactly.
        self.reduced = coarse.open_reduced(folder, name, rows, dim) if reduced else None

    def row(self, r: int) -> tuple[str, dict]:
        """(text, metadata) of row ``r``."""
        a, b, c = (int(x) for x in self.offsets[2 * r : 2 * r + 3])
        blob = self.text[a:c].tobytes()
        return blob[: b - a].decode("utf-8"), json.loads(blob[b - a :].decode("utf-8"))


class ChunkCopy:
    """The chunk rows of the segments a local generation lists (newest first), restricted
    to the chunks ``live`` lists: each chunk once (the newest row), others masked out."""

    def __init__(self, folder: Path, names: list[str], live: Collection[str]) -> None:
        self.folder = folder
        self.segments = [ChunkSegment(folder, n) for n in names]
        # set lookups: np.isin on 100k byte strings takes ~0.8 s, this ~0.05 s
        wanted = {c.encode() for c in live}
        seen: set[bytes] = set()
        #: Per segment: which rows are live chunks not held by a newer segment.
        self.masks: list[np.ndarray] = []
        for seg in self.segments:
            ids = seg.ids.tolist()
            keep = [i in wanted and i not in seen for i in ids]
            seen.update(compress(ids, keep))
            self.masks.append(np.array(keep, dtype=bool) if ids else np.zeros(0, bool))
        self.count = sum(int(m.sum()) for m in self.masks)
        # searched segments: those with live rows, their count, and (when not all rows are
        # live) the rows outside the generation, which score -inf
        self._search = [
            (s, int(m.sum()), None if m.all() else ~m)
            for s, m in zip(self.segments, self.masks, strict=True)
            if m.any()
        ]

    def covered(self) -> int:
        """Chunks of the generation the copy holds."""
        return self.count

    def held(self) -> set[str]:
        """The ids of the generation's chunks the copy holds."""
        return {i.decode() for s, m in zip(self.segments, self.masks, strict=True) for i in s.ids[m].tolist()}

    def search(self, vector: np.ndarray, top_k: int, exact: bool = False) -> list[tuple[str, float]]:
        """The ``top_k`` live chunks most similar to ``vector`` (cosine), best first (equal
        similarities: the newer segment's row first, then the lower row). A segment with a reduced copy is
        searched in two passes (:mod:`.coarse`): the top k are the exact ones unless one
        of them is not among the coarse pass's candidates; the similarities are exact.
        ``exact``: every row scored on the full vectors."""
        if top_k <= 0 or not self._search:
            return []
        query = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(query))
        query = query / norm if norm > 0 else query
        found: list[tuple[float, int, int]] = []  # (similarity, segment, row)
        for n, (seg, live, dead) in enumerate(self._search):
            want = coarse.candidates(top_k)
            if seg.reduced is not None and not exact and want < live:
                rough = seg.reduced.scores(query)
                if dead is not None:
                    rough[dead] = -np.inf
                rows = np.sort(_top_rows(rough, want))  # all live: want < live
                sims = seg.matrix[rows] @ query
            else:
                rows = None
                sims = seg.matrix @ query
                if dead is not None:
                    sims[dead] = -np.inf
            top = _top_rows(sims, min(top_k, len(sims)))
            picked = top if rows is None else rows[top]
            found += [(float(s), n, int(r)) for s, r in zip(sims[top].tolist(), picked.tolist(), strict=True) if s > -np.inf]
        found.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [(self._search[n][0].ids[r].decode(), sim) for sim, n, r in found[:top_k]]

    def warm(self) -> None:
        """Read every page a search reads (the full vectors and the reduced copies)."""
        probe = np.ones(self.segments[0].dim if self.segments else 0, dtype=np.float32)
        self.search(probe, 1, exact=True)
        self.search(probe, 1)

    def get(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """(text, metadata) of those ``ids`` the copy holds as live chunks."""
        out: dict[str, tuple[str, dict]] = {}
        left = list(dict.fromkeys(ids))
        for seg, mask in zip(self.segments, self.masks, strict=True):
            if not left:
                break
            hit, rows = seg.find(_encode_ids(left))
            found: set[int] = set()
            for h, r in zip(hit.tolist(), rows.tolist(), strict=True):
                if mask[r]:
                    out[left[h]] = seg.row(r)
                    found.add(h)
            left = [i for n, i in enumerate(left) if n not in found]
        return out


def write_missing_reduced(folder: Path, names: list[str]) -> list[str]:
    """Write the reduced copy (:mod:`.coarse`) of each of the segments ``names`` that should
    have one and has none (written before it existed) or a damaged one; the names written.
    A segment whose rows cannot be read raises :class:`IndexStateError` (its files are
    indexed again)."""
    written = []
    for name in names:
        seg = ChunkSegment(folder, name, reduced=False)
        try:
            fine = coarse.open_reduced(folder, name, len(seg), seg.dim) is not None or not coarse.wanted(len(seg))
        except IndexStateError:
            fine = False
        if not fine:
            coarse.write(folder, name, seg.matrix)
            written.append(name)
    return written


# ---------------------------------------------------------------- writing
class ChunkRowWriter:
    """Appends one segment's chunk rows to ``.part`` files as they come; :meth:`finish`
    writes the row index and gives the files their names."""

    def __init__(self, folder: Path, name: str, dim: int) -> None:
        self.folder = folder
        self.name = name
        self.dim = dim
        self.ids: list[str] = []
        self.offsets: list[int] = [0]
        self._vec = None
        self._txt = None

    def _parts(self) -> tuple[Path, Path]:
        vec, txt, _ = paths(self.folder, self.name)
        return vec.with_name(vec.name + ".part"), txt.with_name(txt.name + ".part")

    def _open(self) -> None:
        if self._vec is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            vec, txt = self._parts()
            self._vec = open(vec, "wb")  # noqa: SIM115 - open until finish/discard
            self._txt = open(txt, "wb")  # noqa: SIM115

    def add(self, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray) -> None:
        if not ids:
            return
        rows = unit_rows(vectors)
        if rows.shape != (len(ids), self.dim):
            raise ValueError(f"chunk vectors of shape {rows.shape}, expected ({len(ids)}, {self.dim})")
        self._open()
        assert self._vec is not None and self._txt is not None
        self._vec.write(rows.tobytes())
        end = self.offsets[-1]
        for cid, text, meta in zip(ids, texts, metas, strict=True):
            for part in (text.encode("utf-8"), json.dumps(meta, ensure_ascii=False).encode("utf-8")):
                self._txt.write(part)
                end += len(part)
                self.offsets.append(end)
            self.ids.append(cid)

    def copy_rows(self, seg: ChunkSegment, rows: list[int]) -> None:
        """Rows of another segment, as they are (a merge)."""
        if not rows:
            return
        self._open()
        assert self._vec is not None and self._txt is not None
        for start in range(0, len(rows), 50_000):
            take = rows[start : start + 50_000]
            self._vec.write(np.ascontiguousarray(seg.matrix[take], dtype="<f4").tobytes())
        end = self.offsets[-1]
        for r in rows:
            a, b, c = (int(x) for x in seg.offsets[2 * r : 2 * r + 3])
            self._txt.write(seg.text[a:c].tobytes())
            self.offsets += [end + b - a, end + c - a]
            end += c - a
            self.ids.append(seg.ids[r].decode())

    def finish(self) -> None:
        """Make the rows durable under the segment's name (an empty segment too)."""
        self._open()
        assert self._vec is not None and self._txt is not None
        vec_part, txt_part = self._parts()
        vec, txt, idx = paths(self.folder, self.name)
        for f in (self._vec, self._txt):
            f.flush()
            os.fsync(f.fileno())
            f.close()
        self._vec = self._txt = None
        ids = _encode_ids(self.ids)
        buf = io.BytesIO()
        np.savez(
            buf,
            ids=ids,
            order=np.argsort(ids, kind="stable").astype(np.int64),
            offsets=np.asarray(self.offsets, dtype=np.int64),
            dim=np.int64(self.dim),
        )
        os.replace(vec_part, vec)
        os.replace(txt_part, txt)
        rows = len(self.ids)
        if coarse.wanted(rows):
            coarse.write(self.folder, self.name, np.memmap(vec, "<f4", "r", shape=(rows, self.dim)))
        write_atomic(idx, buf.getvalue())
        fsync_dir(self.folder)

    def discard(self) -> None:
        for f in (self._vec, self._txt):
            if f is not None:
                f.close()
        self._vec = self._txt = None
        for part in self._parts():
            part.unlink(missing_ok=True)
