"""The one door: every front end (CLI, chat page, HTTP API, evaluator) asks through here.

:class:`Assistant` loads what a request needs when it first needs it, and once: listing
documents reads only the index manifest; asking loads the embedder, opens the index and
builds the retriever and answerers. When another process rewrites the index (an ingest, an
upload) the next request notices the new manifest and reopens the index instead of failing.

Asking, searching, listing and adding documents, uploads, the options navigator, feedback
and the Markdown export are methods here; the modules behind them hold the logic.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from assistant.answer.compose import with_sources
from assistant.app.presentation import AnswerView, OfficialDocuments, answer_view
from assistant.core.errors import IndexNotBuiltError, IpfinError, QuestionError
from assistant.core.settings import Settings
from assistant.core.types import Answer, Hit, IngestReport
from assistant.corpus.lexicon import Lexicon
from assistant.index.generation import backend_for, index_stamp
from assistant.index.manifest import DocumentInfo, IndexManifest
from assistant.retrieval.condense import asks_source, without_opener
from assistant.text.ja import detect_lang, normalize

if TYPE_CHECKING:  # the heavy modules load when first used
    from assistant.answer.base import Answerer
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.app.export import ExportTurn
    from assistant.app.feedback import FeedbackRecord
    from assistant.app.history import ConversationStore
    from assistant.app.navigator import Navigator, NavigatorResult, Profile
    from assistant.app.uploads import UploadResult
    from assistant.core.health import Check
    from assistant.corpus.fetch import FetchOptions, FetchReport
    from assistant.corpus.sources import SourceEntry
    from assistant.embed.base import Embedder
    from assistant.index.store import IndexStore
    from assistant.llm.base import ChatClient
    from assistant.retrieval.hybrid import HybridRetriever

AnswererChoice = Literal["auto", "extractive", "llm"]


@dataclass(frozen=True)
class QuestionProblem:
    """Why a question cannot be asked as typed; ``code`` names a ``ui.question_<code>`` message."""

    code: Literal["empty", "too_long"]
    length: int = 0
    limit: int = 0


def question_problem(question: str | None, max_chars: int) -> QuestionProblem | None:
    """What :func:`validate_question` would refuse, as data a front end can word itself."""
    if question is None or not str(question).strip():
        return QuestionProblem("empty")
    length = len(normalize(str(question)).strip())
    return QuestionProblem("too_long", length, max_chars) if length > max_chars else None


def validate_question(question: str, max_chars: int) -> str:
    """The question as ipfin searches it (NFKC, trimmed); refuse an empty or over-long one."""
    if question is None or not str(question).strip():
        raise QuestionError("The question is empty.", "Type a question, e.g. 「企業価値担保権とは何ですか？」.")
    text = normalize(str(question)).strip()
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise QuestionError(
            "The question contains bytes that are not valid UTF-8 (a terminal or file in another encoding).",
            "Type it again in a UTF-8 terminal, or save the file as UTF-8.",
        )
    if len(text) > max_chars:
        raise QuestionError(
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}.",
            "Ask a shorter question, or raise IPFIN_MAX_QUESTION_CHARS.",
        )
    return text


@dataclass
class _Engine:
    """What answering needs, built for one state of the index."""

    stamp: Hashable
    store: IndexStore
    retriever: HybridRetriever
    extractive: ExtractiveAnswerer
    answerer: Answerer
    llm: ChatClient | None


def _open_index(settings: Settings, identity: str | None) -> IndexStore:
    """The committed index, opened and warmed now: a damaged, read-only or half-deleted
    index is an :class:`IndexStateError` that says what to do, not an error in the middle
    of an answer. ``identity=None``: the caller checks the embedder (``check_embedder``)."""
    from assistant.app.failures import from_storage, index_failure
    from assistant.index.store import IndexStore

    try:
        return IndexStore.open(settings, identity).warm()
    except IpfinError:
        raise
    except (ValueError, KeyError, TypeError, EOFError) as exc:  # a damaged BM25 file or collection
        raise index_failure(exc, settings.home) from exc
    except Exception as exc:
        if not from_storage(exc):
            raise
        raise index_failure(exc, settings.home) from exc


def _stamp(settings: Settings) -> Hashable:
    """Changes whenever an ingest (here or in another process) commits a new generation."""
    return index_stamp(settings)


class Assistant:
    """Open once, then :meth:`ask` as often as needed (safe to share between threads).

    With ``IPFIN_LLM_PROVIDER`` set, answers are written by the LLM and verified against
    the sources, with the extractive answerer as the fallback; follow-ups are condensed
    by the LLM (the heuristic is the fallback).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        answerer: Answerer | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._embedder = embedder
        self._answerer_override = answerer
        self._engine_state: _Engine | None = None
        self._officials: OfficialDocuments | None = None
        self._navigator: tuple[Hashable, Navigator] | None = None
        self._lock = threading.RLock()

    # ------------------------------------------------------------ the loaded parts
    @property
    def lexicon(self) -> Lexicon:
        """The corpus knowledge (``corpus/lexicon/``), checked when the engine starts (a bad
        file is a ConfigError then, not in the middle of an answer)."""
        return Lexicon.load(self.settings.corpus_dir)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            with self._lock:
                if self._embedder is None:
                    from assistant.embed.base import get_embedder

                    self._embedder = get_embedder(self.settings.embedder, self.settings.embed_model)
        return self._embedder

    def _engine(self) -> _Engine:
        """The engine for the index as it is now; reopened when the source list changed."""
        stamp = _stamp(self.settings)
        engine = self._engine_state
        if engine is not None and engine.stamp == stamp:
            return engine
        with self._lock:
            if self._engine_state is None or self._engine_state.stamp != stamp:
                self._engine_state = self._build_engine(stamp)
            return self._engine_state

    def _build_engine(self, stamp: Hashable) -> _Engine:
        s = self.settings
        # The index (Chroma's import and its collections, BM25, the retrieval keys) opens in
        # a thread while this one loads the model, the lexicon and the answerer: much of
        # either side runs outside the GIL (the embedding engine, Chroma's Rust core, file
        # reads), so on two cores the first answer comes sooner (measured in README).
        # A failure here (the lexicon, the model) is reported first; leaving the block waits
        # for the thread either way.
        with ThreadPoolExecutor(1, thread_name_prefix="ipfin-open") as pool:
            opening = pool.submit(_open_index, s, None)
            from assistant.answer.extractive import ExtractiveAnswerer
            from assistant.retrieval.hybrid import HybridRetriever
            from assistant.text.ja import tokenize

            lexicon = self.lexicon
            embedder = self.embedder
            tokenize("知財")  # the Sudachi dictionary, loaded now rather than by the first question
            store = opening.result()
        store.check_embedder(embedder.identity)
        retriever = HybridRetriever(store, self.embedder, s.top_k, s.mode, lexicon)
        extractive = ExtractiveAnswerer(
            self.embedder,
            store.bm25,
            s.min_coverage,
            s.min_similarity,
            vector_lookup=store.unit_vectors,
            lexicon=lexicon,
            key_lookup=store.key_vectors,
        )
        llm = None
        answerer: Answerer = self._answerer_override or extractive
        if self._answerer_override is None and s.llm_enabled:
            from assistant.answer.grounding import GroundednessScorer
            from assistant.answer.llm import LLMAnswerer
            from assistant.llm.base import ChatClient

            llm = ChatClient(s)
            answerer = LLMAnswerer(
                llm, extractive, GroundednessScorer(self.embedder), s.llm_context_tokens, s.llm_unsupported
            )
        return _Engine(stamp, store, retriever, extractive, answerer, llm)

    def open(self) -> Assistant:
        """Load the embedder and open the index now (instead of on the first question)."""
        self._engine()
        return self

    @property
    def store(self) -> IndexStore:
        return self._engine().store

    @property
    def retriever(self) -> HybridRetriever:
        return self._engine().retriever

    @property
    def extractive(self) -> ExtractiveAnswerer:
        return self._engine().extractive

    @property
    def answerer(self) -> Answerer:
        return self._engine().answerer

    @property
    def llm(self) -> ChatClient | None:
        return self._engine().llm

    @property
    def streams(self) -> bool:
        """True when answers arrive piece by piece (an LLM is configured)."""
        return bool(getattr(self.answerer, "can_stream", False))

    # ------------------------------------------------------------ asking
    def condense(self, question: str, history: Sequence[str] | None = None) -> str:
        """The follow-up ``question`` rewritten as a standalone one, using earlier user turns,
        with Japanese terms typed in romaji or hiragana put back in Japanese ("chizai kinyu" →
        知財金融), and long terms typed with one wrong kanji put right (企業価値担保件)."""
        from assistant.retrieval.condense import condense

        turns = [validate_question(h, self.settings.max_question_chars) for h in history or []]
        engine = self._engine()
        if engine.llm is not None and turns:
            from assistant.retrieval.llm_condense import llm_condense

            standalone = llm_condense(engine.llm, question, turns, engine.store.bm25.idf)
        else:
            # (the earlier turns as spelt too: 「ちざいきんゆうそくしんじぎょうって…」 carries
            # 知財金融促進事業 as its topic, not kana fragments)
            spelt = [self.lexicon.with_japanese_terms(t) for t in turns]
            standalone = condense(question, spelt, engine.store.bm25.idf, self.lexicon)
        return self.lexicon.with_japanese_terms(standalone)

    def ask(
        self,
        question: str,
        history: Sequence[str] | None = None,
        mode: str | None = None,
        *,
        persona: str = "sme",
        on_token: Callable[[str], None] | None = None,
        condense: bool = True,
        answerer: AnswererChoice = "auto",
        on_verified: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer ``question`` from the documents.

        ``history``: earlier user turns (oldest first) for follow-ups; ``mode``: retrieval
        mode for this question; ``on_token``: receives an LLM's text as it streams, before
        any check (a draft); ``on_verified``: receives only the LLM text that sentence-level
        verification has accepted so far (show this one, then the answer; compare them with
        :func:`assistant.app.presentation.draft_status`);
        ``condense=False`` searches a follow-up as typed; ``answerer`` picks the extractive
        or LLM answerer for this question (``auto``: as configured).
        """
        t0 = time.perf_counter()
        text = validate_question(question, self.settings.max_question_chars)
        engine = self._engine()
        # What was typed, with terms typed in romaji or hiragana spelt as written: a question
        # asked alone is then no follow-up to the answerer, though its rewrite is shown. (A
        # topic switch it opens with, 「ちょっと話変わるけど、」, asks nothing.)
        asked = without_opener(text) if condense else text
        # (「出典は？」, "source?": the question answered just before, asked again, and its
        # answer opened by the documents it quotes)
        source_of = bool(history) and condense and asks_source(asked)
        if source_of:
            asked, history = normalize(history[-1]), list(history[:-1])
        spelt = self.lexicon.with_japanese_terms(asked) if condense else text
        condensed = (self.condense(asked, history) if history else spelt) if condense else text
        retrieval = engine.retriever.retrieve(condensed, mode=mode)
        chosen = engine.extractive if answerer == "extractive" else engine.answerer
        extra = {"on_verified": on_verified} if on_verified and getattr(chosen, "verifies_stream", False) else {}
        answer = chosen.answer(
            spelt, condensed, retrieval, detect_lang(text), persona=persona, on_token=on_token, **extra
        )
        if source_of:
            answer = with_sources(answer, detect_lang(text))
        return replace(answer, query=text, timings_ms=answer.timings_ms | {"total": (time.perf_counter() - t0) * 1000})

    def search(self, query: str, top_k: int | None = None, mode: str | None = None) -> list[Hit]:
        """The chunks retrieval finds for ``query``, best first (no answer is composed)."""
        return self._engine().retriever.retrieve(query, top_k=top_k, mode=mode).hits

    def view(self, answer: Answer) -> AnswerView:
        """What the chat page, the export and the feedback store show of an answer."""
        return answer_view(answer, self.officials)

    @property
    def officials(self) -> OfficialDocuments:
        """The official documents of ``corpus/sources.yaml`` (for citation cards)."""
        if self._officials is None:
            self._officials = OfficialDocuments.load(self.settings.corpus_dir)
        return self._officials

    # ------------------------------------------------------------ documents
    def manifest(self) -> IndexManifest:
        """The committed generation's manifest (local, or on the Chroma server)."""
        backend = backend_for(self.settings)
        if not backend.exists():
            raise IndexNotBuiltError(
                f"No index in {backend.where}.",
                "Run `ipfin ingest` first (or `make run`, which builds it), or point IPFIN_HOME at an index.",
            )
        return backend.read_manifest()

    def index_notices(self) -> list[str]:
        """One-line notices from opening the index (an interrupted ingest rolled back)."""
        return list(self._engine().store.notices)

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document (reads the source list only: no model is loaded)."""
        return self.manifest().document_infos()

    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: bool = False,
        sources: Path | None = None,
    ) -> IngestReport:
        """Index ``paths`` (default: the briefs and ``corpus/raw``); unchanged files are skipped.
        ``sources`` replaces ``corpus/sources.yaml`` as the official documents' metadata."""
        from assistant.ingest.pipeline import ingest

        report = ingest(
            self.settings, self.embedder, list(paths) if paths else None, rebuild=rebuild, progress=progress,
            sources_file=sources,
        )
        self._officials = None
        return report

    def needs_indexing(self, paths: Sequence[Path], sources: Path | None = None) -> list[Path]:
        from assistant.ingest.pipeline import needs_indexing

        return needs_indexing(self.settings, list(paths), sources)

    def fetch(
        self,
        only: Sequence[str] | None = None,
        sources: Path | None = None,
        dest: Path | None = None,
        options: FetchOptions | None = None,
    ) -> FetchReport:
        """Download the official documents of ``corpus/sources.yaml`` into ``corpus/raw``."""
        from assistant.corpus.fetch import Fetcher
        from assistant.corpus.sources import load_sources

        entries = load_sources(sources or self.settings.corpus_dir / "sources.yaml")
        return Fetcher(dest or self.settings.corpus_dir / "raw", options).fetch(entries, only)

    def add_document(
        self,
        file: Path,
        *,
        source_id: str,
        title: str,
        publisher: str,
        url: str | None = None,
        year: int | None = None,
        language: str | None = None,
        replace: bool = False,
    ) -> tuple[Path, SourceEntry]:
        """Copy a user's document into ``corpus/raw/<id>.<ext>`` with its metadata sidecar."""
        from assistant.corpus.sources import load_optional_sources
        from assistant.corpus.userdocs import add_user_document

        s = self.settings
        return add_user_document(
            file,
            s.corpus_dir / "raw",
            load_optional_sources(s.corpus_dir / "sources.yaml"),
            source_id=source_id,
            title=title,
            publisher=publisher,
            url=url,
            year=year,
            language=language,
            replace=replace,
            max_bytes=s.max_file_mb * 1024 * 1024,
        )

    # ------------------------------------------------------------ uploads (the sources page)
    def uploads(self) -> list[DocumentInfo]:
        from assistant.app.uploads import list_uploads

        return list_uploads(self.settings)

    def add_upload(self, name: str, data: bytes, *, replace: bool = False) -> UploadResult:
        """Check, save and index one uploaded file; it is searchable when this returns.

        The same content already indexed is refused (``code="identical"``), and so is a file
        named like an earlier upload (``code="same_name"``) unless ``replace`` is true."""
        from assistant.app.uploads import add_upload_checked

        return add_upload_checked(self.settings, self.embedder, name, data, replace=replace)

    def remove_upload(self, source_id: str) -> IngestReport:
        from assistant.app.uploads import remove_upload

        return remove_upload(self.settings, self.embedder, source_id)

    @property
    def uploads_folder(self) -> Path:
        from assistant.app.uploads import uploads_dir

        return uploads_dir(self.settings)

    # ------------------------------------------------------------ options navigator
    def recommend(self, profile: Profile, lang: str = "ja") -> NavigatorResult:
        """The financing options that fit ``profile``, every point a cited quote."""
        from assistant.app.navigator import Navigator

        engine = self._engine()
        with self._lock:
            if self._navigator is None or self._navigator[0] != engine.stamp:
                self._navigator = (engine.stamp, Navigator.open(self.settings.corpus_dir, engine.store))
            navigator = self._navigator[1]
        return navigator.recommend(profile, lang)

    # ------------------------------------------------------------ feedback and export
    def record_feedback(self, record: FeedbackRecord) -> None:
        from assistant.app.feedback import FeedbackStore

        FeedbackStore(self.settings.home).record(record)

    def feedback(self) -> list[FeedbackRecord]:
        from assistant.app.feedback import FeedbackStore

        return FeedbackStore(self.settings.home).all()

    def export_feedback(self, fmt: str, sink: TextIO) -> int:
        """Write every feedback record as ``csv`` or ``jsonl``; returns how many."""
        from assistant.app.feedback import write_export

        return write_export(self.feedback(), fmt, sink)

    @property
    def feedback_path(self) -> Path:
        from assistant.app.feedback import FeedbackStore

        return FeedbackStore(self.settings.home).path

    def export_markdown(self, turns: Sequence[ExportTurn], lang: str = "ja", tz: tzinfo | None = None) -> str:
        """The conversation as Markdown, citations included (the chat page's download);
        times in ``tz`` (the reader's time zone; Japan time by default)."""
        from assistant.app.export import conversation_markdown

        return conversation_markdown(turns, lang, tz=tz)

    @property
    def conversations(self) -> ConversationStore:
        """The chat page's per-browser-session history (``IPFIN_HOME/conversations``)."""
        from assistant.app.history import ConversationStore

        return ConversationStore(self.settings.home)

    def question_problem(self, question: str | None) -> QuestionProblem | None:
        """Why ``question`` cannot be asked (empty, too long), or None when it can."""
        return question_problem(question, self.settings.max_question_chars)

    # ------------------------------------------------------------ health
    def doctor(self) -> list[Check]:
        from assistant.app.doctor import run_checks

        return run_checks(self.settings)
