"""The LLM answerer: the model writes, the sources decide.

1. The extractive answerer runs first. If it abstains, so does this one (no tokens are
   spent on a question the documents do not cover), and it is the fallback for every
   failure below.
2. The top passages are packed, numbered, into the *data* section of the prompt; the
   rules and the persona are in the system message (prompts/*.md).
3. The reply is streamed to ``on_token`` as it arrives, then checked: empty, in the
   wrong language, citing passages that were not given, or with no supported sentence
   left → the extractive answer with a visible notice. Unsupported sentences are flagged
   or removed (``IPFIN_LLM_UNSUPPORTED``).
4. Each cited passage gets a quote: the unit of its chunk closest to the sentences that
   cite it, verbatim, as for extractive answers (never a sentence that reads like an
   instruction to an AI, when the chunk has another).

Sentences of a document that read like instructions to an AI are left out of the passages
(``context.Passage.text``); a reply sentence that carries one out is removed whatever the
policy, and a reply with nothing else falls back with a notice that says why.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from itertools import chain

from langchain_core.messages import BaseMessage

from assistant.answer.base import Answerer
from assistant.answer.context import Passage, pack, render
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.grounding import GroundednessScorer
from assistant.answer.verify import VerifiedStream, verify
from assistant.core.errors import LLMError
from assistant.core.messages import t
from assistant.core.types import Answer, Citation, Verification
from assistant.llm.base import ChatClient
from assistant.llm.prompts import answer_prompt
from assistant.retrieval.hybrid import Retrieval
from assistant.text.injection import overlaps
from assistant.text.ja import content_terms, detect_lang
from assistant.text.terminal import TerminalFilter


class LLMAnswerer(Answerer):
    name = "llm"
    can_stream = True
    #: :meth:`answer` takes ``on_verified`` (text released sentence by sentence).
    verifies_stream = True

    def __init__(
        self,
        client: ChatClient,
        fallback: ExtractiveAnswerer,
        scorer: GroundednessScorer,
        context_tokens: int = 3000,
        unsupported_policy: str = "flag",
    ) -> None:
        self.client = client
        self.fallback = fallback
        self.scorer = scorer
        self.context_tokens = context_tokens
        self.unsupported_policy = unsupported_policy

    def messages(self, question: str, passages: list[Passage], persona: str) -> tuple[list[BaseMessage], str]:
        template, version = answer_prompt(persona)
        return template.format_messages(passages=render(passages), question=question), version

    def answer(
        self,
        question: str,
        condensed: str,
        retrieval: Retrieval,
        lang: str,
        *,
        persona: str = "sme",
        on_token: Callable[[str], None] | None = None,
        on_verified: Callable[[str], None] | None = None,
    ) -> Answer:
        """``on_token`` receives the model's text as it arrives (unverified: a draft);
        ``on_verified`` only what sentence-by-sentence verification accepts so far."""
        extractive = self.fallback.answer(question, condensed, retrieval, lang)
        if extractive.abstained:
            return extractive
        passages = pack(retrieval.hits, self.context_tokens)
        by_n = {p.n: p for p in passages}
        told = [text for p in passages for text in p.instructions]
        texts = {n: p.text for n, p in by_n.items()}
        gate = VerifiedStream(self.scorer, texts, on_verified, told) if on_verified else None
        messages, version = self.messages(condensed if condensed != question else question, passages, persona)
        t0 = time.perf_counter()
        screen = TerminalFilter()  # a reply is text to show: no control sequences, even split ones
        try:
            pieces: list[str] = []
            for raw in chain(self.client.stream(messages), [None]):  # None: the end, flush
                piece = screen.feed(raw) if raw is not None else screen.flush()
                if not piece:
                    continue
                pieces.append(piece)
                if on_token:
                    on_token(piece)
                if gate:
                    gate.feed(piece)
            if gate:
                gate.close()
            reply = "".join(pieces).strip()
            if not reply:
                raise LLMError("The model's reply was empty.")
            if detect_lang(reply) != lang:
                raise LLMError(
                    f"The model answered in {'English' if lang == 'ja' else 'Japanese'}, not the question's language."
                )
        except LLMError as exc:
            return self._fall_back(extractive, exc.message, version, t0)
        checked = verify(reply, texts, self.scorer, self.unsupported_policy, told)
        if checked.supported == 0:
            reason = (
                "the reply followed instructions written in a document"
                if checked.injected
                else "no sentence of the reply is supported by the passages"
            )
            return self._fall_back(extractive, reason, version, t0, checked)
        citations = [self._citation(by_n[n], checked) for n in checked.cited]
        text = checked.text
        if checked.unsupported and not checked.removed:
            text += "\n\n" + t("answer.llm_unsupported", lang, sentences=" / ".join(checked.unsupported))
        if checked.injected:
            text += "\n\n" + t("answer.llm_injected", lang, count=len(checked.injected))
        return Answer(
            text=text,
            citations=citations,
            abstained=False,
            mode=self.name,
            query=question,
            condensed_query=condensed,
            lang=lang,
            confidence=extractive.confidence * (checked.supported / max(1, len(checked.grounding.factual))),
            conflict=extractive.conflict,
            timings_ms=extractive.timings_ms | {"llm": (time.perf_counter() - t0) * 1000},
            evidence=extractive.evidence,
            verification=checked.summary(),
            prompt_version=version,
        )

    def _citation(self, passage: Passage, checked) -> Citation:
        chunk = passage.hit.chunk
        claims: set[str] = set()
        for s in checked.grounding.sentences:
            if passage.n in s.cited and s.supported:
                claims.update(content_terms(s.sentence))
        units = chunk.quotable_units() or [(0, len(chunk.text))]
        units = [u for u in units if not overlaps(passage.suspicious, *u)] or units
        start, end = max(units, key=lambda u: len(claims & set(content_terms(chunk.text[u[0] : u[1]]))))
        return Citation(
            n=passage.n, chunk=chunk, doc=passage.hit.doc, quote=chunk.text[start:end], urls=chunk.urls_at(start, end)
        )

    def _fall_back(self, extractive: Answer, reason: str, version: str, t0: float, checked=None) -> Answer:
        summary = checked.summary(reason) if checked else Verification(fallback=reason)
        return replace(
            extractive,
            notice=t("answer.llm_fallback", extractive.lang, reason=reason),
            verification=summary,
            prompt_version=version,
            timings_ms=extractive.timings_ms | {"llm": (time.perf_counter() - t0) * 1000},
        )
