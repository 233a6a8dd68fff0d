"""A persisted Okapi BM25 index over Sudachi-normalised tokens.

Token lists are stored as JSON (one entry per chunk id); statistics are rebuilt on
load, which takes milliseconds for thousands of chunks.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from pathlib import Path

K1 = 1.5
B = 0.75


class BM25Index:
    def __init__(self, docs: dict[str, list[str]] | None = None) -> None:
        self._docs: dict[str, list[str]] = dict(docs or {})
        self._dirty = True
        self._tf: dict[str, Counter[str]] = {}
        self._df: Counter[str] = Counter()
        self._avgdl = 0.0

    # -------------------------------------------------------------- mutation
    def add(self, chunk_id: str, tokens: list[str]) -> None:
        self._docs[chunk_id] = list(tokens)
        self._dirty = True

    def remove(self, chunk_ids: list[str] | set[str]) -> None:
        for cid in chunk_ids:
            self._docs.pop(cid, None)
        self._dirty = True

    def __len__(self) -> int:
        return len(self._docs)

    def tokens(self, chunk_id: str) -> list[str]:
        return self._docs.get(chunk_id, [])

    def __contains__(self, chunk_id: str) -> bool:
        return chunk_id in self._docs

    # -------------------------------------------------------------- scoring
    def _prepare(self) -> None:
        if not self._dirty:
            return
        self._tf = {cid: Counter(toks) for cid, toks in self._docs.items()}
        self._df = Counter()
        for tf in self._tf.values():
            self._df.update(tf.keys())
        self._avgdl = (sum(len(t) for t in self._docs.values()) / len(self._docs)) if self._docs else 0.0
        self._dirty = False

    def idf(self, term: str) -> float:
        """BM25+ style idf, always positive; unseen terms get the highest value."""
        self._prepare()
        n = len(self._docs)
        df = self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def document_frequency(self, term: str) -> int:
        self._prepare()
        return self._df.get(term, 0)

    def search(self, query_tokens: list[str], top_k: int = 30) -> list[tuple[str, float]]:
        self._prepare()
        if not self._docs or not query_tokens:
            return []
        q = {t: (qf, self.idf(t)) for t, qf in Counter(query_tokens).items() if t in self._df}
        scores: dict[str, float] = {}
        for cid, tf in self._tf.items():
            norm = K1 * (1 - B + B * len(self._docs[cid]) / (self._avgdl or 1))
            s = 0.0
            for term, (qf, idf) in q.items():
                f = tf.get(term)
                if f:
                    s += idf * (f * (K1 + 1) / (f + norm)) * qf
            if s > 0:
                scores[cid] = s
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]

    # -------------------------------------------------------------- persistence
    def save(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps({"version": 1, "k1": K1, "b": B, "docs": self._docs}, ensure_ascii=False))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> BM25Index:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text())
        return cls(data.get("docs", {}))
