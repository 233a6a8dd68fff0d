"""Hybrid retrieval: BM25 (Sudachi tokens) ∥ dense (Chroma) → reciprocal rank fusion.

BM25 wins on long policy text and exact terms; dense wins on paraphrase and on English
questions over the Japanese corpus. Fused by rank they beat either alone. Near-duplicate
chunks (overlapping windows, the same fact in two briefs) are dropped after fusion, and a
question comparing places is also searched once per place (:mod:`.facets`). A hit that
announces a list (「2つの論点が挙げられており」) brings the chunks after it in its file, where
the items it announces may be (:attr:`Retrieval.following`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.core.errors import ConfigError
from assistant.core.types import Hit, RetrievalMode
from assistant.corpus.lexicon import Lexicon
from assistant.embed.base import Embedder
from assistant.index.store import IndexStore
from assistant.retrieval.facets import facets, interleave
from assistant.retrieval.fusion import PRIMARY_BOOST, prefer_primary, primary_chunk_ids, rrf
from assistant.retrieval.query import query_terms
from assistant.text.announce import announced
from assistant.text.ja import standard_spoken
from assistant.text.similarity import char_bigrams, jaccard

CANDIDATES = 30
#: Keys per query: several questions per fact unit, so more than chunk candidates.
KEY_CANDIDATES = 60
NEAR_DUPLICATE = 0.8
#: Chunks read after a hit that announces a list: its items may sit in the sections after it.
FOLLOWING_CHUNKS = 4
#: The chunks of this many best retrieval keys are scored for the lead even when fusion
#: ranks them below the top k.
KEY_HIT_CHUNKS = 3


@dataclass(frozen=True)
class Retrieval:
    """The chunks found for one query, best first, with what the answerer reuses."""

    hits: list[Hit]
    query_vector: np.ndarray
    query_terms: list[str]
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: Fact units whose retrieval keys (annotated questions, English renderings) matched the
    #: query: (chunk id, start, end) → {"question": best similarity, "en": best similarity}.
    key_matches: dict[tuple[str, int, int], dict[str, float]] = field(default_factory=dict)
    #: The chunks after a hit that announces a list (「2つの論点が挙げられており」), in its file's
    #: order, by that hit's chunk id: the items it announces may be there (「論点Ⅰは…」).
    following: dict[str, list[Hit]] = field(default_factory=dict)
    #: Chunks of the best-matching retrieval keys (a unit's annotated question or English
    #: rendering) that fusion left out of ``hits``: their units may lead an answer, but they
    #: are no evidence that the documents cover the question.
    key_hits: list[Hit] = field(default_factory=list)


class HybridRetriever:
    """Settings in ``__init__``, per-call overrides in :meth:`retrieve` (mode, top_k)."""

    def __init__(
        self,
        store: IndexStore,
        embedder: Embedder,
        top_k: int = 5,
        mode: str = RetrievalMode.HYBRID,
        lexicon: Lexicon | None = None,
    ) -> None:
        if top_k < 1:
            raise ConfigError(f"top_k must be at least 1; it is {top_k}.")
        self.store = store
        self.embedder = embedder
        self.top_k = top_k
        self.mode = _mode(mode)
        self.lexicon = lexicon or Lexicon.bundled()
        self.primary = primary_chunk_ids(store.manifest)
        self.primary_boost = PRIMARY_BOOST

    def retrieve(self, query: str, top_k: int | None = None, mode: str | None = None) -> Retrieval:
        """Hits for ``query``; a comparison of places ("米国と中国では…") is also searched
        once per place, and the lists are interleaved so each side reaches the answer."""
        top_k = top_k or self.top_k
        mode = _mode(mode) if mode else self.mode
        main = self._retrieve_one(query, top_k, mode)
        parts = facets(query, self.lexicon) if mode == RetrievalMode.HYBRID else []
        if len(parts) >= 2:
            t0 = time.perf_counter()
            sides = [self._retrieve_one(p, top_k, mode, key_hits=False).hits for p in parts]
            spent = (time.perf_counter() - t0) * 1000
            timings = main.timings_ms | {"facets": spent, "retrieve": main.timings_ms["retrieve"] + spent}
            hits = interleave(main.hits, sides, top_k)
            have = {h.chunk.id for h in hits}
            key_hits = [h for h in main.key_hits if h.chunk.id not in have]  # a side may have found one
            main = replace(main, hits=hits, key_hits=key_hits, timings_ms=timings)
        return replace(main, following=self._following(main.hits))

    def _following(self, hits: list[Hit]) -> dict[str, list[Hit]]:
        """The chunks after each hit whose text announces a list (read only for those)."""
        out: dict[str, list[Hit]] = {}
        for hit in hits:
            if announced(hit.chunk.text):
                chunks = self.store.following(hit.chunk.id, FOLLOWING_CHUNKS)
                out[hit.chunk.id] = [Hit(chunk=c, doc=self.store.document(c.source_id), score=0.0) for c in chunks]
        return out

    def _retrieve_one(self, query: str, top_k: int, mode: RetrievalMode, *, key_hits: bool = True) -> Retrieval:
        """One search; ``key_hits``: also read the chunks of the best keys fusion left out
        (not for a comparison's sides, whose hits alone are interleaved)."""
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        terms = query_terms(query, self.lexicon, lambda t: self.store.bm25.document_frequency(t) > 0)
        bm25 = self.store.bm25.search(terms, CANDIDATES) if mode != RetrievalMode.DENSE else []
        t1 = time.perf_counter()
        qvec = self.embedder.encode_queries([standard_spoken(query)])[0]
        dense = self.store.dense_search(qvec, CANDIDATES) if mode != RetrievalMode.BM25 else []
        keys = self.store.key_search(qvec, KEY_CANDIDATES) if mode != RetrievalMode.BM25 else []
        t2 = time.perf_counter()
        timings["bm25"] = (t1 - t0) * 1000
        timings["dense"] = (t2 - t1) * 1000

        bm25_rank = {cid: r for r, (cid, _) in enumerate(bm25, start=1)}
        dense_rank = {cid: r for r, (cid, _) in enumerate(dense, start=1)}
        dense_sim = dict(dense)
        key_matches: dict[tuple[str, int, int], dict[str, float]] = {}
        for key, sim in keys:
            best = key_matches.setdefault((key.chunk_id, key.start, key.end), {})
            best[key.kind] = max(best.get(key.kind, 0.0), sim)
        key_order = list(dict.fromkeys(key.chunk_id for key, _ in keys))[:CANDIDATES]
        rankings = [[c for c, _ in bm25], [c for c, _ in dense], key_order]
        fused = prefer_primary(rrf(rankings), self.primary, self.primary_boost)
        order = sorted(fused, key=lambda c: (-fused[c], c))[: top_k * 3]
        chunks = self.store.chunks(order)
        hits: list[Hit] = []
        kept: list[set[str]] = []
        for cid in order:
            chunk = chunks.get(cid)
            if chunk is None:
                continue
            grams = char_bigrams(chunk.text)
            if any(jaccard(grams, g) >= NEAR_DUPLICATE for g in kept):
                continue
            kept.append(grams)
            hits.append(
                Hit(
                    chunk=chunk,
                    doc=self.store.document(chunk.source_id),
                    score=fused[cid],
                    bm25_rank=bm25_rank.get(cid),
                    dense_rank=dense_rank.get(cid),
                    dense_similarity=dense_sim.get(cid),
                )
            )
            if len(hits) >= top_k:
                break
        if mode == RetrievalMode.HYBRID:
            tops = [bm25[:1], dense[:1], [(c, 0.0) for c in key_order[:1]]]
            hits = self._keep_each_top1(hits, tops, bm25_rank, dense_rank, dense_sim, fused)
        have = {h.chunk.id for h in hits}
        extra_ids = [cid for cid in key_order[:KEY_HIT_CHUNKS] if cid not in have] if key_hits else []
        extra = self.store.chunks(extra_ids) if extra_ids else {}
        found_by_key = [
            Hit(chunk=extra[cid], doc=self.store.document(extra[cid].source_id), score=fused.get(cid, 0.0))
            for cid in extra_ids
            if cid in extra
        ]
        timings["fuse"] = (time.perf_counter() - t2) * 1000
        timings["retrieve"] = (time.perf_counter() - t0) * 1000
        return Retrieval(hits, qvec, terms, timings, key_matches, key_hits=found_by_key)

    def _keep_each_top1(self, hits, tops, bm25_rank, dense_rank, dense_sim, fused):
        """Each retriever's most confident chunk always reaches the answerer.

        RRF ranks a chunk that only one retriever found below chunks both found at
        middling ranks; when that one retriever is sure (its rank 1), the chunk replaces
        the weakest fused hit rather than disappearing.
        """
        present = {h.chunk.id for h in hits}
        missing = list(dict.fromkeys(top[0][0] for top in tops if top and top[0][0] not in present))
        if not missing:
            return hits
        chunks = self.store.chunks(missing)
        keep = hits[: max(0, len(hits) - len(missing))]
        for cid in missing:
            if cid in chunks and cid not in {h.chunk.id for h in keep}:
                chunk = chunks[cid]
                keep.append(
                    Hit(
                        chunk,
                        self.store.document(chunk.source_id),
                        fused[cid],
                        bm25_rank.get(cid),
                        dense_rank.get(cid),
                        dense_sim.get(cid),
                    )
                )
        return keep




def _mode(mode: str) -> RetrievalMode:
    try:
        return RetrievalMode(mode)
    except ValueError:
        raise ConfigError(
            f"mode must be one of {', '.join(RetrievalMode.names())}; it is {mode!r}."
        ) from None
