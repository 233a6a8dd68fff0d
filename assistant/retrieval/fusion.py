"""Reciprocal rank fusion, and the small boost that lets official documents lead.

Official (``primary``) documents get a small boost in the fusion: where one covers the same
ground as a brief, the official text and its page come first, and the brief may follow.
"""

from __future__ import annotations

from assistant.index.manifest import IndexManifest

RRF_K = 60
#: Relative boost of a primary document's fused score. Small on purpose: a primary chunk
#: ranked 4th by both retrievers overtakes a brief ranked 1st by both, but a primary chunk
#: one retriever barely found does not push a relevant brief out.
PRIMARY_BOOST = 0.05


def rrf(rankings: list[list[str]], k: int = RRF_K) -> dict[str, float]:
    """Reciprocal rank fusion: ``sum(1 / (k + rank))`` over the rankings (rank from 1)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking, start=1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank)
    return scores


def primary_chunk_ids(manifest: IndexManifest) -> set[str]:
    """The chunks of ``primary`` documents."""
    return {
        cid
        for entry in manifest.files.values()
        if (doc := manifest.documents.get(entry.source_id)) is not None and doc.kind == "primary"
        for cid in entry.chunk_ids
    }


def prefer_primary(fused: dict[str, float], primary: set[str], boost: float = PRIMARY_BOOST) -> dict[str, float]:
    """``fused`` with the scores of ``primary`` chunks raised by ``boost`` (relative)."""
    return {cid: score * (1 + boost) if cid in primary else score for cid, score in fused.items()}
