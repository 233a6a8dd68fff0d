"""A persisted Okapi BM25 index over Sudachi-normalised tokens, scored through postings.

Arrays (rows are the chunks, sorted by chunk id)::

    ids, vocab                  row → chunk id, term id → term
    seq_ptr, seq                CSR row → its token ids in document order (``tokens()``, lengths)
    post_ptr, post_doc, post_tf CSC term → the rows that contain it and how often
    (in memory) score           per posting: idf(term) · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))

A search touches only the postings of the query's terms: for each distinct term, in the
order of first occurrence, ``np.add.at(scores, rows, score · qf)``. That is the previous
per-chunk loop's ``s += idf * w * qf`` with the same float operations in the same order
(idf through ``math.log``, weights as ``(tf·2.5) / (tf + norm)``), so every score is the
same float, bit for bit; ``tests/index/test_bm25.py`` keeps the old scorer as the
reference and compares. Rows are in chunk-id order, so "ties by chunk id" is a
``lexsort`` on (−score, row) after an ``np.partition`` for the top k.

Why postings of our own rather than ``bm25s`` (measured with ``eval/bench_scale.py`` and a
side script on this 2-core machine, 100k synthetic chunks of ~105 tokens): both search
in 1-3 ms (p95), but bm25s gave a different top 30 from the old scorer for about a third
of the queries (106 of 328, float64 too: it returns ties in arbitrary order and sums in
another order; by default it even keeps float32), took 6-11 s to index against ~1 s
here, does not store the token lists ``tokens()`` needs, and would be one more
dependency. numpy alone is enough, and the results stay identical.

Edits are lazy: ``add``/``remove`` only record them (new chunks wait in a dict of token-id
arrays, removed rows are masked). The next search, ``idf``, ``document_frequency`` or
``save`` compacts the rows (dropping terms no chunk uses any more) and rebuilds every
posting, since avgdl, and with it every weight, moves with any edit: 0.7-0.8 s at 100k
chunks, all vectorised.

Persistence: ``save`` writes an uncompressed ``.npz`` (format version 2) through a
temporary file and ``os.replace``; ``to_bytes``/``from_bytes`` are the same bytes, for
keeping the index somewhere other than a local file. Loading computes the scores from
the stored tf: 0.2-0.45 s to the first answer at 100k chunks (112 MB on disk, ~190 MB
in memory; the version-1 JSON took 8 s and 1.1 GB).
``load`` still reads version 1, the JSON ``{"version": 1, "k1", "b", "docs": {id: [tokens]}}``
earlier releases wrote (about 6 s at 100k chunks; the next ``save`` writes version 2).
"""

from __future__ import annotations

import io
import json
import math
import os
import threading
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

K1 = 1.5
B = 0.75
FORMAT = "ipfin-bm25"
VERSION = 2
_NPZ_MAGIC = b"PK"  # .npz is a zip archive; the version-1 file is JSON


@dataclass(frozen=True)
class _Rows:
    """Compacted chunks: row ``r`` is ``ids[r]`` (sorted), its tokens ``seq[ptr[r]:ptr[r+1]]``."""

    ids: list[str]
    ptr: np.ndarray  # int64, len(ids) + 1
    seq: np.ndarray  # int32 term ids

    @classmethod
    def empty(cls) -> _Rows:
        return cls([], np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32))


@dataclass(frozen=True)
class _Postings:
    """Term → rows, for the rows of one :class:`_Rows`."""

    ptr: np.ndarray  # int64, vocabulary size + 1
    doc: np.ndarray  # int32 row numbers, ascending within a term
    tf: np.ndarray  # int32 term frequency in that row
    score: np.ndarray  # float64 idf · BM25 tf weight: the row's score for the term once in a query
    df: np.ndarray  # int64 document frequency per term
    n: int
    ids: list[str]  # the rows' chunk ids, and the term ids the postings were built with:
    term_id: dict[str, int]  # a search reads one consistent snapshot while others edit


def _lengths(ptr: np.ndarray) -> np.ndarray:
    return np.diff(ptr)


def _scores(ptr: np.ndarray, doc: np.ndarray, tf: np.ndarray, dl: np.ndarray) -> np.ndarray:
    """idf · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)) for every posting, with the same
    float operations in the same order as the per-chunk formula the index used before
    (idf through ``math.log``, as before), so the products are the same bits."""
    n = len(dl)
    avgdl = (int(dl.sum()) / n) if n else 0.0
    norm = K1 * (1 - B + B * dl.astype(np.float64) / (avgdl or 1))
    f = tf.astype(np.float64)
    w = f * (K1 + 1) / (f + norm[doc])
    df = np.diff(ptr)
    idf = np.array([_idf(n, d) for d in df.tolist()], dtype=np.float64)
    return np.repeat(idf, df) * w


def _postings(rows: _Rows, term_id: dict[str, int]) -> _Postings:
    """Count (term, row) pairs of the token sequence into term-major postings."""
    n, vocab_size = len(rows.ids), len(term_id)
    dl = _lengths(rows.ptr)
    if not len(rows.seq):
        zeros = np.zeros(0, dtype=np.int32)
        df = np.zeros(vocab_size, dtype=np.int64)
        return _Postings(np.zeros(vocab_size + 1, dtype=np.int64), zeros, zeros, np.zeros(0), df, n, rows.ids, term_id)
    key = rows.seq.astype(np.int64) * n + np.repeat(np.arange(n, dtype=np.int64), dl)
    key.sort()  # by term, then row (np.sort plus run lengths is ~3x faster than np.unique here)
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    tf = np.diff(np.append(starts, len(key)))
    term, doc = np.divmod(key[starts], n)
    df = np.bincount(term, minlength=vocab_size)
    ptr = np.zeros(vocab_size + 1, dtype=np.int64)
    np.cumsum(df, out=ptr[1:])
    doc = doc.astype(np.int32)
    tf = tf.astype(np.int32)
    return _Postings(ptr, doc, tf, _scores(ptr, doc, tf, dl), df, n, rows.ids, term_id)


class BM25Index:
    def __init__(self, docs: dict[str, list[str]] | None = None) -> None:
        self._lock = threading.RLock()
        self._vocab: list[str] = []
        self._term_id: dict[str, int] = {}
        self._rows = _Rows.empty()
        self._row_of: dict[str, int] = {}
        self._dead: set[int] = set()  # rows removed (or re-added) since the last compaction
        self._pending: dict[str, np.ndarray] = {}  # chunk id → token ids, added since then
        self._post: _Postings | None = None  # None: rebuild before the next read
        if docs:
            ids = sorted(docs)
            seqs = [self._encode(list(docs[cid])) for cid in ids]
            self._set_rows(_Rows(ids, _offsets([len(s) for s in seqs]), _concat(seqs)))

    # -------------------------------------------------------------- mutation
    def add(self, chunk_id: str, tokens: list[str]) -> None:
        tokens = list(tokens)
        with self._lock:
            row = self._row_of.get(chunk_id)
            if row is not None:
                self._dead.add(row)
            self._pending[chunk_id] = self._encode(tokens)
            self._post = None

    def remove(self, chunk_ids: list[str] | set[str]) -> None:
        with self._lock:
            for cid in chunk_ids:
                if self._pending.pop(cid, None) is not None:
                    self._post = None
                row = self._row_of.get(cid)
                if row is not None and row not in self._dead:
                    self._dead.add(row)
                    self._post = None

    def __len__(self) -> int:
        with self._lock:
            return len(self._rows.ids) - len(self._dead) + len(self._pending)

    def tokens(self, chunk_id: str) -> list[str]:
        with self._lock:
            seq = self._pending.get(chunk_id)
            if seq is None:
                row = self._row_of.get(chunk_id)
                if row is None or row in self._dead:
                    return []
                seq = self._rows.seq[self._rows.ptr[row] : self._rows.ptr[row + 1]]
            vocab = self._vocab
            return [vocab[i] for i in seq.tolist()]

    def __contains__(self, chunk_id: str) -> bool:
        with self._lock:
            if chunk_id in self._pending:
                return True
            row = self._row_of.get(chunk_id)
            return row is not None and row not in self._dead

    def _encode(self, tokens: list[str]) -> np.ndarray:
        term_id, vocab = self._term_id, self._vocab
        get = term_id.get
        out = [get(t, -1) for t in tokens]
        if -1 in out:  # new terms (rare once the vocabulary has grown): give them ids
            for k, i in enumerate(out):
                if i == -1:
                    t = tokens[k]
                    i = out[k] = get(t, -1)
                    if i == -1:
                        i = out[k] = term_id[t] = len(vocab)
                        vocab.append(t)
        return np.array(out, dtype=np.int32)

    def _set_rows(self, rows: _Rows, post: _Postings | None = None) -> None:
        self._rows = rows
        self._row_of = {cid: r for r, cid in enumerate(rows.ids)}
        self._dead = set()
        self._pending = {}
        self._post = post

    # -------------------------------------------------------------- rebuilding
    def _prepare(self) -> _Postings:
        post = self._post
        if post is not None:
            return post
        with self._lock:
            if self._post is None:
                if self._dead or self._pending:
                    self._compact()
                self._post = _postings(self._rows, self._term_id)
            return self._post

    def _compact(self) -> None:
        """Fold pending chunks into the rows, drop dead rows and unused terms, sort by id."""
        rows = self._rows
        dl = _lengths(rows.ptr)
        alive = np.ones(len(rows.ids), dtype=bool)
        if self._dead:
            alive[np.fromiter(self._dead, dtype=np.int64, count=len(self._dead))] = False
        ids = [cid for cid, keep in zip(rows.ids, alive.tolist(), strict=True) if keep] + list(self._pending)
        lengths = np.concatenate([dl[alive], np.array([len(s) for s in self._pending.values()], dtype=np.int64)])
        seq = np.concatenate([rows.seq[np.repeat(alive, dl)], *self._pending.values()]).astype(np.int32, copy=False)
        order = sorted(range(len(ids)), key=ids.__getitem__)
        if order != list(range(len(ids))):
            order_a = np.array(order, dtype=np.int64)
            starts = _offsets(lengths)[:-1][order_a]
            lengths = lengths[order_a]
            new_ptr = _offsets(lengths)
            gather = np.repeat(starts - new_ptr[:-1], lengths) + np.arange(new_ptr[-1], dtype=np.int64)
            seq = seq[gather]
            ids = [ids[i] for i in order]
        # forget terms no chunk uses any more, so the vocabulary does not grow with churn
        used = np.bincount(seq, minlength=len(self._vocab)) > 0
        if not used.all():
            remap = np.cumsum(used) - 1
            seq = remap[seq].astype(np.int32)
            self._vocab = [t for t, u in zip(self._vocab, used.tolist(), strict=True) if u]
            self._term_id = {t: i for i, t in enumerate(self._vocab)}
        self._set_rows(_Rows(ids, _offsets(lengths), seq))

    # -------------------------------------------------------------- scoring
    def idf(self, term: str) -> float:
        """BM25+ style idf, always positive; unseen terms get the highest value."""
        post = self._prepare()
        return _idf(post.n, _df(post, term))

    def document_frequency(self, term: str) -> int:
        return _df(self._prepare(), term)

    def phrase_frequency(self, terms: list[str]) -> int:
        """How many chunks hold ``terms`` one right after another (民事 then 再生): a compound
        whose words the index knows apart may still be one it never uses."""
        if len(terms) < 2:
            return self.document_frequency(terms[0]) if terms else 0
        with self._lock:  # (the rows the postings were built from: an add would compact them)
            post, rows = self._prepare(), self._rows
            ids = [post.term_id.get(t) for t in terms]
            if any(i is None or i >= len(post.df) for i in ids):
                return 0
            want = np.array(ids, dtype=np.int32)
            k = len(want)
            count = 0
            for r in post.doc[post.ptr[ids[0]] : post.ptr[ids[0] + 1]].tolist():
                seq = rows.seq[rows.ptr[r] : rows.ptr[r + 1]]
                starts = np.flatnonzero(seq[: len(seq) - k + 1] == want[0])
                count += any(np.array_equal(seq[h : h + k], want) for h in starts.tolist())
            return count

    def search(self, query_tokens: list[str], top_k: int = 30) -> list[tuple[str, float]]:
        post = self._prepare()
        if not post.n or not query_tokens:
            return []
        scores = np.zeros(post.n, dtype=np.float64)
        for term, qf in Counter(query_tokens).items():
            df = _df(post, term)
            if not df:
                continue
            i = post.term_id[term]
            a, b = post.ptr[i], post.ptr[i + 1]
            # the old loop's s += (idf * w) * qf, term by term in query order: the same sums
            # exactly (add.at adds element by element, and is ~3x faster than scores[rows] +=)
            np.add.at(scores, post.doc[a:b], post.score[a:b] * qf if qf != 1 else post.score[a:b])
        cand = np.flatnonzero(scores > 0)
        if top_k > 0 and len(cand) > top_k:
            vals = scores[cand]
            kth = np.partition(vals, len(vals) - top_k)[len(vals) - top_k]
            cand = cand[vals >= kth]  # every row tied with the k-th score stays in
        vals = scores[cand]
        order = np.lexsort((cand, -vals))  # rows are in chunk-id order: ties by id
        ids = post.ids
        return [(ids[r], s) for r, s in zip(cand[order].tolist(), vals[order].tolist(), strict=True)][:top_k]

    # -------------------------------------------------------------- persistence
    def to_bytes(self) -> bytes:
        """The index as an uncompressed ``.npz``: the bytes :meth:`save` writes."""
        buf = io.BytesIO()
        self._write(buf)
        return buf.getvalue()

    def _write(self, out: BinaryIO) -> None:
        with self._lock:
            post = self._prepare()
            rows, vocab = self._rows, self._vocab
        meta = {"format": FORMAT, "version": VERSION, "k1": K1, "b": B, "ids": rows.ids, "vocab": vocab}
        arrays = {
            "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), dtype=np.uint8),
            "seq_ptr": rows.ptr,
            "seq": rows.seq,
            "post_ptr": post.ptr,
            "post_doc": post.doc,
            "post_tf": post.tf,
        }
        # np.savez stamps each member with the current time; a fixed stamp makes the same
        # index the same bytes (np.load reads either)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            for name, array in arrays.items():
                info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
                with zf.open(info, "w", force_zip64=True) as f:
                    np.lib.format.write_array(f, np.ascontiguousarray(array), allow_pickle=False)

    @classmethod
    def from_bytes(cls, data: bytes) -> BM25Index:
        if data[:2] != _NPZ_MAGIC:
            return cls._from_v1(json.loads(data))
        return cls._from_npz(io.BytesIO(data))

    def save(self, path: Path) -> None:
        """Write :meth:`to_bytes` to ``path`` atomically (temporary file, then ``os.replace``)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        try:
            with open(tmp, "wb") as f:
                self._write(f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)  # readers see the old file or the new one, never half of one
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        """Read a saved index (``.npz``, or the version-1 JSON); a missing file is empty."""
        path = Path(path)
        if not path.exists():
            return cls()
        with open(path, "rb") as f:
            magic = f.read(len(_NPZ_MAGIC))
        if magic == _NPZ_MAGIC:
            return cls._from_npz(path)
        return cls._from_v1(json.loads(path.read_bytes()))

    @classmethod
    def _from_v1(cls, data: dict) -> BM25Index:
        return cls(data.get("docs", {}))

    @classmethod
    def _from_npz(cls, source) -> BM25Index:
        with np.load(source, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes())
            if meta.get("format") != FORMAT or meta.get("version") != VERSION:
                raise ValueError(
                    f"not an ipfin BM25 index of version {VERSION}: {meta.get('format')!r} {meta.get('version')!r}"
                )
            rows = _Rows(meta["ids"], _array(z, "seq_ptr", np.int64), _array(z, "seq", np.int32))
            ptr, doc, tf = (
                _array(z, "post_ptr", np.int64),
                _array(z, "post_doc", np.int32),
                _array(z, "post_tf", np.int32),
            )
        index = cls()
        index._vocab = meta["vocab"]
        index._term_id = {t: i for i, t in enumerate(index._vocab)}
        score = _scores(ptr, doc, tf, _lengths(rows.ptr))
        post = _Postings(ptr, doc, tf, score, np.diff(ptr), len(rows.ids), rows.ids, index._term_id)
        index._set_rows(rows, post)
        return index


def _df(post: _Postings, term: str) -> int:
    i = post.term_id.get(term)
    # a term first seen after the postings were built has an id past their end
    return int(post.df[i]) if i is not None and i < len(post.df) else 0


def _array(z, name: str, dtype) -> np.ndarray:
    return z[name].astype(dtype, copy=False)


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _offsets(lengths) -> np.ndarray:
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.asarray(lengths, dtype=np.int64), out=ptr[1:])
    return ptr


def _concat(seqs: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(seqs).astype(np.int32, copy=False) if seqs else np.zeros(0, dtype=np.int32)
