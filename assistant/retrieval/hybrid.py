"""Hybrid retrieval: BM25 (Sudachi tokens) ∥ dense (Chroma) → reciprocal rank fusion.

BM25 wins on long policy text and exact terms; dense wins on paraphrase and on English
questions over the Japanese corpus. Fused by rank they beat either alone. Near-duplicate
chunks (overlapping windows, the same fact in two briefs) are dropped after fusion.

Official (``primary``) documents get a small boost in the fusion: where one covers the same
ground as a brief, the official text and its page come first, and the brief may follow.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from assistant.core.errors import ConfigError
from assistant.corpus.lexicon import GLOSSARY, expand_english, intent_terms, japanese_synonyms
from assistant.embed.base import Embedder
from assistant.index.store import IndexStore
from assistant.text.ja import content_terms, detect_lang
from assistant.text.similarity import char_bigrams, jaccard

RRF_K = 60
CANDIDATES = 30
NEAR_DUPLICATE = 0.8
#: Relative boost of a primary document's fused score. Small on purpose: a primary chunk
#: ranked 4th by both retrievers overtakes a brief ranked 1st by both, but a primary chunk
#: one retriever barely found does not push a relevant brief out.
PRIMARY_BOOST = 0.05


@dataclass
class Retrieval:
    hits: list  # list[Hit]
    query_vector: np.ndarray
    query_terms: list[str]
    timings_ms: dict[str, float] = field(default_factory=dict)


def query_terms(query: str, known: Callable[[str], bool] = lambda term: False) -> list[str]:
    """BM25 terms of the query; English domain words add their Japanese equivalents.

    ``known(term)`` says whether the index has the term; everyday Japanese words it
    lacks are expanded with the documents' wording (see ``glossary.JA_SYNONYMS``).
    """
    terms = content_terms(query) + intent_terms(query)
    # Everyday words the documents never use (お金) are searched by the documents' words.
    terms += [syn for t in terms if not known(t) for s in japanese_synonyms(t) for syn in content_terms(s)]
    if detect_lang(query) == "en" or any(c.isascii() and c.isalpha() for c in query):
        for ja in expand_english(query):
            terms.extend(content_terms(ja))
    return terms


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: ``sum(1 / (k + rank))`` over the rankings (rank from 1)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking, start=1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank)
    return scores


def primary_chunk_ids(manifest: dict) -> set[str]:
    """The chunks of ``primary`` documents, from an index manifest (see ``IndexStore``)."""
    docs = manifest.get("documents", {})
    return {
        cid
        for entry in manifest.get("files", {}).values()
        if docs.get(entry["source_id"], {}).get("kind") == "primary"
        for cid in entry["chunk_ids"]
    }


def prefer_primary(fused: dict[str, float], primary: set[str], boost: float = PRIMARY_BOOST) -> dict[str, float]:
    """``fused`` with the scores of ``primary`` chunks raised by ``boost`` (relative)."""
    return {cid: score * (1 + boost) if cid in primary else score for cid, score in fused.items()}


#: Places a question may compare. English names reach them through the glossary.
PLACES = (
    "米国",
    "アメリカ",
    "中国",
    "日本",
    "広東省",
    "中山市",
    "珠海市",
    "深圳市",
    "北京",
    "上海",
    "浦東",
    "武漢",
    "英国",
    "シンガポール",
    "韓国",
    "ドイツ",
    "スイス",
    "ジャマイカ",
)


CHINESE_REGIONS = ("広東省", "中山市", "珠海市", "深圳市", "北京", "上海", "浦東", "武漢")


def facets(query: str) -> list[str]:
    """One search per place when a question names two or more ("AとBの違い", "US or China").

    Each facet keeps the question and names one place only, so BM25 and the embedding
    are pulled towards that side instead of whichever side dominates the corpus.
    """
    found = [p for p in PLACES if p in query]
    if detect_lang(query) == "en" or not found:
        found += [ja for ja in expand_english(query) if ja in PLACES and ja not in found]
    found = list(dict.fromkeys("米国" if p == "アメリカ" else p for p in found))
    # "中国の珠海市" is one side: the more specific place stands for its country.
    found = [p for p in found if not (p == "中国" and any(c in found for c in CHINESE_REGIONS))]
    if len(found) < 2:
        return []
    out = []
    for place in found:
        rest = query
        for other in PLACES:
            if other != place and not (place == "米国" and other == "アメリカ"):
                rest = rest.replace(other, "")
        for word, translations in GLOSSARY.items():  # "China" in an English question
            if place not in translations and any(t in PLACES for t in translations):
                rest = re.sub(rf"\b{re.escape(word)}\b", "", rest, flags=re.I)
        out.append(f"{place} {' '.join(rest.split())}")
    return out


def interleave(main: list, sides: list[list], top_k: int) -> list:
    """Merge the hits of a comparison: the whole question's best chunk first (often the
    overview that compares both), then each side's own chunks in turn, then the rest of
    the main ranking. A chunk belongs to the side that ranks it best; one every side
    ranks the same says little about either and waits for the main ranking."""
    ranks: dict[str, list[int]] = {}
    for hits in sides:
        for rank, h in enumerate(hits):
            ranks.setdefault(h.chunk.id, []).append(rank)
    merged = main[:1]
    seen = {h.chunk.id for h in merged}
    for rank in range(top_k):
        for hits in sides:
            if rank >= len(hits) or hits[rank].chunk.id in seen:
                continue
            mine = ranks[hits[rank].chunk.id]
            generic = len(mine) == len(sides) and len(set(mine)) == 1
            if rank == min(mine) and not generic:
                seen.add(hits[rank].chunk.id)
                merged.append(hits[rank])
    merged += [h for h in main if h.chunk.id not in seen]
    return merged[:top_k]


class HybridRetriever:
    """Settings in ``__init__``, per-call overrides in :meth:`retrieve` (mode, top_k)."""

    MODES = ("hybrid", "bm25", "dense")

    def __init__(self, store: IndexStore, embedder: Embedder, top_k: int = 5, mode: str = "hybrid") -> None:
        if top_k < 1:
            raise ConfigError(f"top_k must be at least 1; it is {top_k}.")
        if mode not in self.MODES:
            raise ConfigError(f"mode must be one of {', '.join(self.MODES)}; it is {mode!r}.")
        self.store = store
        self.embedder = embedder
        self.top_k = top_k
        self.mode = mode
        self.primary = primary_chunk_ids(store.manifest)
        self.primary_boost = PRIMARY_BOOST

    def retrieve(self, query: str, top_k: int | None = None, mode: str | None = None) -> Retrieval:
        """Hits for ``query``; a comparison of places ("米国と中国では…") is also searched
        once per place, and the lists are interleaved so each side reaches the answer."""
        top_k = top_k or self.top_k
        mode = mode or self.mode
        main = self._retrieve_one(query, top_k, mode)
        parts = facets(query) if mode == "hybrid" else []
        if len(parts) < 2:
            return main
        t0 = time.perf_counter()
        sides = [self._retrieve_one(p, top_k, mode).hits for p in parts]
        main.hits = interleave(main.hits, sides, top_k)
        main.timings_ms["facets"] = (time.perf_counter() - t0) * 1000
        main.timings_ms["retrieve"] += main.timings_ms["facets"]
        return main

    def _retrieve_one(self, query: str, top_k: int, mode: str) -> Retrieval:
        from assistant.core.types import Hit

        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        terms = query_terms(query, lambda t: self.store.bm25.document_frequency(t) > 0)
        bm25 = self.store.bm25.search(terms, CANDIDATES) if mode != "dense" else []
        t1 = time.perf_counter()
        qvec = self.embedder.encode_queries([query])[0]
        dense = self.store.dense_search(qvec, CANDIDATES) if mode != "bm25" else []
        t2 = time.perf_counter()
        timings["bm25"] = (t1 - t0) * 1000
        timings["dense"] = (t2 - t1) * 1000

        bm25_rank = {cid: r for r, (cid, _) in enumerate(bm25, start=1)}
        dense_rank = {cid: r for r, (cid, _) in enumerate(dense, start=1)}
        dense_sim = dict(dense)
        fused = prefer_primary(rrf([[c for c, _ in bm25], [c for c, _ in dense]]), self.primary, self.primary_boost)
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
        if mode == "hybrid":
            hits = self._keep_each_top1(hits, [bm25[:1], dense[:1]], bm25_rank, dense_rank, dense_sim, fused)
        timings["fuse"] = (time.perf_counter() - t2) * 1000
        timings["retrieve"] = (time.perf_counter() - t0) * 1000
        return Retrieval(hits, qvec, terms, timings)

    def _keep_each_top1(self, hits, tops, bm25_rank, dense_rank, dense_sim, fused):
        """Each retriever's most confident chunk always reaches the answerer.

        RRF ranks a chunk that only one retriever found below chunks both found at
        middling ranks; when that one retriever is sure (its rank 1), the chunk replaces
        the weakest fused hit rather than disappearing.
        """
        from assistant.core.types import Hit

        present = {h.chunk.id for h in hits}
        missing = [top[0][0] for top in tops if top and top[0][0] not in present]
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


class IpfinRetriever(BaseRetriever):
    """LangChain retriever over :class:`HybridRetriever` (for chains and evaluators)."""

    retriever: Any
    k: int = 5
    mode: str = "hybrid"

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.retriever.retrieve(query, top_k=self.k, mode=self.mode)
        return [
            Document(
                page_content=h.chunk.text,
                id=h.chunk.id,
                metadata=h.chunk.to_metadata(h.doc)
                | {"score": h.score, "bm25_rank": h.bm25_rank or -1, "dense_rank": h.dense_rank or -1},
            )
            for h in result.hits
        ]
