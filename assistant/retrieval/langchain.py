"""A LangChain retriever over :class:`HybridRetriever` (for chains and evaluators)."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from assistant.embed.base import register_with_langchain

register_with_langchain()  # an Embedder is a LangChain Embeddings wherever LangChain is used


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
