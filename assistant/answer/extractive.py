"""The default answerer: quotes the sentences that best answer the question.

No language model: every answer sentence is a verbatim sentence of a retrieved chunk,
so numbers, dates and ratios cannot be altered, and every sentence carries its [n].

Scoring a candidate sentence (all terms in [0, 1]):
    0.45 · lexical   idf-weighted share of the question's key-term groups it contains
    0.45 · semantic  e5 cosine similarity, rescaled from the model's narrow band
    0.10 · rank      prior from the chunk's retrieval rank
    answer type: when the question asks "when" (or "how much / what share"), a
      sentence with a date (a figure) gets a bonus and one without is scaled down.

Abstention: when the retrieved passages cover too little of the question's key terms
(idf-weighted share < ``min_coverage``) *and* no sentence is close in meaning
(similarity < ``min_similarity``). Calibrated on the gold set (eval/README.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer.base import Answerer
from assistant.answer.evidence import (
    TermGroup,
    coverage,
    figures,
    group_found,
    group_share,
    has_date,
    has_number,
    question_wants,
    requested_figure,
    term_groups,
)
from assistant.core.messages import lang_of, t
from assistant.core.types import Answer, Citation, Hit
from assistant.corpus.lexicon import Lexicon
from assistant.embed.base import Embedder
from assistant.index.bm25 import BM25Index
from assistant.retrieval.hybrid import Retrieval
from assistant.text.ja import content_terms
from assistant.text.similarity import char_bigrams, jaccard

MAX_SENTENCES = 4
MIN_SENTENCE_CHARS = 8
RELATIVE_CUTOFF = 0.75  # keep sentences scoring at least this share of the best one
REDUNDANT = 0.5  # character-bigram Jaccard above which a sentence repeats another
SIM_FLOOR, SIM_CEIL = 0.75, 0.92  # e5 cosine band mapped to [0, 1]
WEAK_COVERAGE = 0.25  # below this the abstention names the missing key terms
LEX_OWN = 0.7  # share of a sentence's lexical score from its own words (rest: its chunk)
INTENT_BONUS = 0.15
TYPE_BONUS = 0.1
SAME_SOURCE_PENALTY = 0.08
SAME_TOPIC = 0.4  # word Jaccard above which two sentences state the same thing
SELF_CONFLICT_SHARE = 0.8  # a self-conflicting note must score this share of the best unit
TYPE_PENALTY = 0.6


@dataclass
class _Candidate:
    hit_rank: int
    hit: Hit
    text: str
    start: int
    end: int
    lexical: float = 0.0
    semantic: float = 0.0
    similarity: float = 0.0
    score: float = 0.0

    @property
    def origin(self) -> tuple[str, ...]:
        """Who vouches for the sentence: its fact URLs, else its document."""
        return self.hit.chunk.urls_at(self.start, self.end) or (self.hit.doc.source_id,)


def _words(text: str) -> set[str]:
    return {t for t in content_terms(text) if not any(ch.isdigit() for ch in t)}


class ExtractiveAnswerer(Answerer):
    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        bm25: BM25Index,
        min_coverage: float = 0.5,
        min_similarity: float = 0.8,
        max_sentences: int = MAX_SENTENCES,
        vector_lookup: Callable[[list[tuple[str, int, int]]], dict[tuple[str, int, int], np.ndarray]] | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.embedder = embedder
        self.lexicon = lexicon or Lexicon.bundled()
        self.bm25 = bm25
        self.min_coverage = min_coverage
        self.min_similarity = min_similarity
        self.max_sentences = max_sentences
        self.vector_lookup = vector_lookup

    # ------------------------------------------------------------------ main
    def answer(
        self,
        question: str,
        condensed: str,
        retrieval: Retrieval,
        lang: str,
        *,
        persona: str = "sme",
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        t0 = time.perf_counter()
        groups = term_groups(condensed, self.bm25.idf, self.lexicon)
        base = Answer(
            text="",
            citations=[],
            abstained=True,
            mode=self.name,
            query=question,
            condensed_query=condensed,
            lang=lang,
            timings_ms=dict(retrieval.timings_ms),
        )
        if not retrieval.hits:
            return self._abstain(base, "no_hits", groups, t0)
        top_tokens: set[str] = set()
        for hit in retrieval.hits:
            top_tokens.update(self.bm25.tokens(hit.chunk.id) or content_terms(hit.chunk.text))
        cov = coverage(groups, top_tokens) if groups else 0.0
        evidence = {"coverage": round(cov, 4)}
        candidates = self._score(condensed, groups, retrieval)
        if not candidates:
            return self._abstain(replace(base, evidence=evidence), "no_hits", groups, t0)
        best = candidates[0]
        similarity = max(c.similarity for c in candidates)
        evidence |= {"similarity": round(similarity, 4), "lexical": round(best.lexical, 4)}
        base = replace(base, evidence=evidence)
        # Either signal alone refuses too much: users ask with everyday words the
        # documents never use (low coverage, high similarity), and out-of-scope
        # questions can share a word with the corpus (東京). Abstain when both are weak.
        if cov < self.min_coverage and similarity < self.min_similarity:
            return self._abstain(base, "key_terms" if cov < WEAK_COVERAGE else "weak", groups, t0, top_tokens)

        # "何件／いくら／何%／2025年の実績" asks for one figure: related figures are not an
        # answer. Refuse when no close candidate carries the kind of figure asked for.
        wanted = requested_figure(condensed, self.lexicon)
        if wanted and not any(wanted.met_by(c.text) for c in candidates if c.score >= RELATIVE_CUTOFF * best.score):
            return self._abstain(base, "no_figure", groups, t0)

        chosen = self._select(candidates)
        conflict_pair = self._conflict(candidates, chosen)
        if conflict_pair:
            for c in conflict_pair:
                if not any(c is x for x in chosen):
                    chosen.append(c)
        chosen.sort(key=lambda c: (c.hit_rank, c.start))
        citations = [
            Citation(n=i, chunk=c.hit.chunk, doc=c.hit.doc, quote=c.text, urls=c.hit.chunk.urls_at(c.start, c.end))
            for i, c in enumerate(chosen, start=1)
        ]
        return replace(
            base,
            text=self._compose(chosen, lang, conflict_pair),
            citations=citations,
            abstained=False,
            conflict=conflict_pair is not None,
            confidence=float(min(1.0, 0.5 * cov + 0.5 * best.score)),
            timings_ms=base.timings_ms | {"answer": (time.perf_counter() - t0) * 1000},
        )

    # ------------------------------------------------------------------ steps
    def _score(self, query: str, groups: list[TermGroup], retrieval: Retrieval) -> list[_Candidate]:
        cands: list[_Candidate] = []
        for rank, hit in enumerate(retrieval.hits):
            for start, end in hit.chunk.quotable_units():
                text = hit.chunk.text[start:end]
                if len(text) >= MIN_SENTENCE_CHARS:
                    cands.append(_Candidate(rank, hit, text, start, end))
        if not cands:
            return []
        vectors = self._unit_vectors(cands)
        sims = vectors @ np.asarray(retrieval.query_vector, dtype=np.float32)
        total = sum(g.weight for g in groups) or 1.0
        wants_date, wants_figure = question_wants(query, self.lexicon)
        intents = self.lexicon.intent_terms(query)
        chunk_tokens = {
            h.chunk.id: set(self.bm25.tokens(h.chunk.id) or content_terms(h.chunk.text)) for h in retrieval.hits
        }
        for cand, sim in zip(cands, sims, strict=True):
            tokens = set(content_terms(cand.text))
            own = sum(g.weight * group_share(g, tokens) for g in groups) / total
            # A sentence inherits some of its chunk's topic: "the law takes effect on …"
            # answers a question about 企業価値担保権 when its chunk is about that law.
            context = sum(g.weight * group_share(g, chunk_tokens[cand.hit.chunk.id]) for g in groups) / total
            cand.lexical = LEX_OWN * own + (1 - LEX_OWN) * context
            if intents and any(t in cand.text for t in intents):
                cand.lexical = min(1.0, cand.lexical + INTENT_BONUS)
            cand.similarity = float(sim)
            cand.semantic = float(np.clip((sim - SIM_FLOOR) / (SIM_CEIL - SIM_FLOOR), 0.0, 1.0))
            cand.score = 0.45 * cand.lexical + 0.45 * cand.semantic + 0.1 / (1 + cand.hit_rank)
            # Answer-type match: a "when" question wants a date, a "how much / what
            # share" question a figure; sentences without one answer something else.
            if wants_date:
                cand.score = cand.score + TYPE_BONUS if has_date(cand.text) else cand.score * TYPE_PENALTY
            if wants_figure:
                cand.score = cand.score + TYPE_BONUS if has_number(cand.text) else cand.score * TYPE_PENALTY
        cands.sort(key=lambda c: -c.score)
        return cands

    def _unit_vectors(self, cands: list[_Candidate]) -> np.ndarray:
        """Embeddings of the candidate units: stored at ingest, computed only if missing."""
        keys = [(c.hit.chunk.id, c.start, c.end) for c in cands]
        stored = self.vector_lookup(keys) if self.vector_lookup else {}
        missing = [i for i, k in enumerate(keys) if k not in stored]
        out = np.zeros((len(keys), self.embedder.dim), dtype=np.float32)
        if missing:
            out[missing] = self.embedder.encode_passages([cands[i].text for i in missing])
        for i, k in enumerate(keys):
            if k in stored:
                out[i] = stored[k]
        return out

    def _select(self, cands: list[_Candidate]) -> list[_Candidate]:
        """Greedy selection: best first, no near-repeats, and a penalty for each unit
        already taken from the same document, so a question that spans two sources
        ("米国と中国では…") is answered from both when both are close in score."""
        best = cands[0].score
        pool = [c for c in cands if c.score >= RELATIVE_CUTOFF * best]
        chosen: list[_Candidate] = []
        grams: list[set[str]] = []
        while pool and len(chosen) < self.max_sentences:
            used = [c.hit.doc.source_id for c in chosen]
            pick = max(pool, key=lambda c: c.score - SAME_SOURCE_PENALTY * used.count(c.hit.doc.source_id))
            pool.remove(pick)
            g = char_bigrams(pick.text)
            if any(jaccard(g, other) >= REDUNDANT for other in grams):
                continue
            chosen.append(pick)
            grams.append(g)
        return chosen

    def _conflict(self, cands: list[_Candidate], chosen: list[_Candidate]) -> tuple[_Candidate, _Candidate] | None:
        """Two strong sentences from different sources giving different figures."""
        best = cands[0].score
        strong = [c for c in cands[:12] if c.score >= 0.5 * best and has_number(c.text)]
        for c in strong:
            # A note that itself reports two figures is shown only when it is about the
            # question: it is a whole answer on its own, not a side remark.
            if c.score >= SELF_CONFLICT_SHARE * best and figures(c.text).self_conflicting(c.text):
                return (c, c)  # a note that itself reports two figures from two sources
        for i, a in enumerate(strong):
            fa = figures(a.text)
            for b in strong[i + 1 :]:
                if set(a.origin) & set(b.origin):
                    continue
                same_topic = jaccard(_words(a.text), _words(b.text)) >= SAME_TOPIC
                if fa.conflicts_with(figures(b.text), same_topic):
                    return (a, b)
        return None

    def _compose(self, chosen: list[_Candidate], lang: str, conflict: tuple[_Candidate, _Candidate] | None) -> str:
        numbered = [(i, c) for i, c in enumerate(chosen, start=1)]
        note = ""
        if conflict:
            refs = " / ".join(f"[{i}]" for i, c in numbered if any(c is x for x in conflict))
            note = t("answer.conflict", lang, refs=refs)
        if lang == "en":
            lines = [t("answer.english_lead", "en"), ""] + [f"- {c.text} [{i}]" for i, c in numbered]
            if note:
                lines += ["", note]
            return "\n".join(lines)
        body = "\n".join(f"{c.text}[{i}]" for i, c in numbered)
        return f"{body}\n\n{note}" if note else body

    def _abstain(
        self, result: Answer, reason: str, groups: list[TermGroup], t0: float, tokens: set[str] | None = None
    ) -> Answer:
        lang = lang_of(result.lang)
        missing = [g.term for g in groups if tokens is None or not group_found(g, tokens)]
        detail = t(
            f"answer.abstain_reason.{reason}", lang, terms="、".join(missing[:5]) if lang == "ja" else ", ".join(missing[:5])
        )
        return replace(
            result,
            text=t("answer.abstain", lang),
            abstain_reason=detail,
            abstained=True,
            timings_ms=result.timings_ms | {"answer": (time.perf_counter() - t0) * 1000},
        )
