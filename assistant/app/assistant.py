"""The facade the CLI, the UI and the evaluator call: load once, answer many."""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.answer.base import Answerer
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.core.errors import QuestionError
from assistant.core.settings import Settings
from assistant.core.types import Answer
from assistant.embed.base import Embedder, get_embedder
from assistant.index.store import IndexStore
from assistant.retrieval.condense import condense
from assistant.retrieval.hybrid import HybridRetriever
from assistant.text.ja import detect_lang, normalize


def validate_question(question: str, max_chars: int) -> str:
    if question is None or not str(question).strip():
        raise QuestionError("The question is empty.", "Type a question, e.g. 「企業価値担保権とは何ですか？」.")
    text = normalize(str(question)).strip()
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}.",
            "Ask a shorter question, or raise IPFIN_MAX_QUESTION_CHARS.",
        )
    return text


class Assistant:
    """Open the index once (checking the embedder), then :meth:`ask` as often as needed.

    With ``IPFIN_LLM_PROVIDER`` set, answers are written by the LLM and verified against
    the sources, with the extractive answerer as the fallback; follow-ups are condensed
    by the LLM (the heuristic is the fallback).
    """

    def __init__(
        self, settings: Settings | None = None, embedder: Embedder | None = None, answerer: Answerer | None = None
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.embedder = embedder or get_embedder(self.settings.embedder, self.settings.embed_model)
        self.store = IndexStore.open_for_query(self.settings.home, self.embedder.identity)
        self.retriever = HybridRetriever(self.store, self.embedder, self.settings.top_k, self.settings.mode)
        self.extractive = ExtractiveAnswerer(
            self.embedder,
            self.store.bm25,
            self.settings.min_coverage,
            self.settings.min_similarity,
            vector_lookup=self.store.unit_vectors,
        )
        self.llm = None
        if answerer is None and self.settings.llm_enabled:
            from assistant.answer.grounding import GroundednessScorer
            from assistant.answer.llm import LLMAnswerer
            from assistant.llm.base import ChatClient

            self.llm = ChatClient(self.settings)
            answerer = LLMAnswerer(
                self.llm,
                self.extractive,
                GroundednessScorer(self.embedder),
                self.settings.llm_context_tokens,
                self.settings.llm_unsupported,
            )
        self.answerer = answerer or self.extractive

    def condense(self, question: str, history: list[str] | None = None) -> str:
        turns = [validate_question(h, self.settings.max_question_chars) for h in history or []]
        if self.llm is not None and turns:
            from assistant.retrieval.llm_condense import llm_condense

            return llm_condense(self.llm, question, turns, self.store.bm25.idf)
        return condense(question, turns, self.store.bm25.idf)

    def ask(
        self,
        question: str,
        history: list[str] | None = None,
        mode: str | None = None,
        *,
        persona: str = "sme",
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer ``question``; ``on_token`` receives the LLM's text as it streams."""
        t0 = time.perf_counter()
        text = validate_question(question, self.settings.max_question_chars)
        condensed = self.condense(text, history)
        retrieval = self.retriever.retrieve(condensed, mode=mode)
        answer = self.answerer.answer(text, condensed, retrieval, detect_lang(text), persona=persona, on_token=on_token)
        answer.timings_ms["total"] = (time.perf_counter() - t0) * 1000
        return answer
