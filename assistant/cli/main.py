"""``ipfin``: the command line. Thin: it parses, calls the package, prints.

Every :class:`~assistant.errors.IpfinError` becomes one line on stderr and a non-zero
exit; nothing here prints a traceback (set IPFIN_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.core.errors import IpfinError
from assistant.core.types import RetrievalMode
from assistant.core.version import __version__

MODES = RetrievalMode.names()


def _settings():
    """The settings, read when a command needs them (``--help`` loads no pydantic)."""
    from assistant.core.settings import Settings

    return Settings.from_env()

app = typer.Typer(
    name="ipfin",
    help="ipfin: answers about Japanese IP finance (知財金融) and 企業価値担保権, with citations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except IpfinError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted.", 130)
        except Exception as exc:
            if os.environ.get("IPFIN_DEBUG", "").strip().lower() in ("1", "true", "yes"):
                raise
            _fail(f"unexpected {exc.__class__.__name__}: {exc} (set IPFIN_DEBUG=1 for details)", 2)

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipfin {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Settings come from IPFIN_* environment variables (see README)."""


def _assistant(mode: str | None = None):
    """The one door (``assistant.app.Assistant``); nothing is loaded until a command needs it."""
    from assistant.app import Assistant

    settings = _settings()
    if mode:
        settings = settings.with_(mode=mode)
    return Assistant(settings)


def _check_mode(mode: str | None) -> None:
    if mode is not None and mode not in MODES:
        raise typer.BadParameter(f"must be one of {', '.join(MODES)}; got {mode!r}")


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders. Default: corpus/briefs and corpus/raw.")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the index and build it again (e.g. after changing the embedder).")
    ] = False,
) -> None:
    """Index documents (.md .txt .html .pdf). Unchanged files are skipped."""
    from assistant.cli.render import ingest_summary
    from assistant.embed.base import get_embedder
    from assistant.ingest.pipeline import ingest as run_ingest

    settings = _settings()
    embedder = get_embedder(settings.embedder, settings.embed_model)
    report = run_ingest(
        settings, embedder, list(paths) if paths else None, rebuild=rebuild, progress=sys.stderr.isatty()
    )
    typer.echo(ingest_summary(report))
    for line in report.errors:
        typer.echo(f"error: {line}", err=True)
    if report.errors:
        raise typer.Exit(1)


@app.command()
@handle_errors
def ask(
    question: Annotated[str | None, typer.Argument(help="The question, in Japanese or English.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL input: {id, question, history?} per line.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="JSONL output for --batch (default: stdout).")] = None,
    history: Annotated[
        list[str] | None, typer.Option("--history", "-H", help="An earlier user turn (repeatable, oldest first).")
    ] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="hybrid (default), bm25 or dense.")] = None,
    persona: Annotated[str, typer.Option("--persona", help="sme, bank or advisor (framing of LLM answers).")] = "sme",
) -> None:
    """Answer a question from the indexed documents, with citations (streamed when an LLM is set)."""
    _check_mode(mode)
    if batch is not None:
        if question is not None:
            raise typer.BadParameter("give either a QUESTION or --batch, not both")
        _run_batch(batch, out, mode)
        return
    if question is None:
        _fail('no question given. Usage: ipfin ask "企業価値担保権とは何ですか？"')
    from assistant.app import validate_question

    validate_question(question, _settings().max_question_chars)  # fail before loading models
    assistant = _assistant(mode)
    if as_json:
        answer = assistant.ask(question, history or [], persona=persona)
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        return
    typer.echo(_ask_streaming(assistant, question, history or [], persona))


def _ask_streaming(assistant, question: str, history: list[str], persona: str) -> str:
    """Print an LLM answer as it arrives; return the verified answer and its sources."""
    from assistant.cli.render import answer_text

    streamed: list[str] = []

    def on_token(piece: str) -> None:
        streamed.append(piece)
        sys.stdout.write(piece)
        sys.stdout.flush()

    answer = assistant.ask(question, history, persona=persona, on_token=on_token)
    if not streamed:
        return answer_text(answer)
    sys.stdout.write("\n")
    unchanged = answer.text == "".join(streamed).strip()
    return answer_text(answer, show_text=not unchanged)


def _run_batch(path: Path, out: Path | None, mode: str | None) -> None:
    from tqdm import tqdm

    if not path.is_file():
        _fail(f'{path}: no such file. Give a JSONL file with one {{"id", "question"}} object per line.')
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assistant = _assistant(mode)  # the index and models load once for the whole batch
    failures = 0
    sink = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for number, line in enumerate(
            tqdm(lines, desc="ask", unit="q", file=sys.stderr, disable=not sys.stderr.isatty()), 1
        ):
            item_id: Any = None
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or "question" not in item:
                    raise ValueError('each line needs an object with a "question"')
                item_id = item.get("id", number)
                hist = item.get("history") or []
                if not isinstance(hist, list) or not all(isinstance(h, str) for h in hist):
                    raise ValueError('"history" must be a list of earlier user questions (strings)')
                record = {"id": item_id} | assistant.ask(str(item["question"]), hist).to_json()
            except (ValueError, IpfinError) as exc:
                failures += 1
                record = {"id": item_id if item_id is not None else number, "error": f"line {number}: {exc}"}
                typer.echo(f"error: line {number}: {exc}", err=True)
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out:
            sink.close()
    if out:
        typer.echo(f"Wrote {len(lines)} answers to {out} ({failures} failed).", err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
@handle_errors
def chat(
    mode: Annotated[str | None, typer.Option("--mode", help="hybrid (default), bm25 or dense.")] = None,
    persona: Annotated[str, typer.Option("--persona", help="sme, bank or advisor (framing of LLM answers).")] = "sme",
) -> None:
    """A conversation in the terminal. /new starts over, /quit (or Ctrl-D) leaves."""
    from assistant.retrieval.condense import Conversation

    _check_mode(mode)
    assistant = _assistant(mode)
    conversation = Conversation()
    typer.echo("ipfin chat — 質問をどうぞ (/new で新しい会話、/quit で終了)")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            typer.echo("")
            return
        if not question:
            continue
        if question in ("/quit", "/exit"):
            return
        if question == "/new":
            conversation.reset()
            typer.echo("新しい会話を始めます。")
            continue
        try:
            typer.echo(_ask_streaming(assistant, question, conversation.turns, persona) + "\n")
        except IpfinError as exc:
            typer.echo(f"error: {exc}", err=True)
            continue
        conversation.add(question)


@app.command()
@handle_errors
def sources(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the indexed documents: kind, chunks, pages without text, text extractors, last indexed."""
    settings = _settings()
    rows = _assistant().documents()  # reads the manifest only: no model is loaded
    if as_json:
        typer.echo(json.dumps([info.to_json() for info in rows], ensure_ascii=False, indent=1))
        return
    for info in rows:
        doc = info.doc
        empty = f", pages without text: {list(info.pages_without_text)}" if info.pages_without_text else ""
        typer.echo(f"{doc.source_id:<32} {doc.kind:<8} {info.chunks:>4} chunks  {info.indexed_at}  {doc.title}{empty}")
        if info.extractors:
            typer.echo(f"{'':<32} text: {_extractor_pages(info.extractors)}")
    typer.echo(f"{len(rows)} document(s) in {settings.home}")


def _extractor_pages(extractors: dict[str, list[int]]) -> str:
    """{"pypdf": [1, 2, 4], "pdfminer": [3]} → "pypdf p.1-2,4; pdfminer p.3"."""
    parts = []
    for name, pages in sorted(extractors.items()):
        ranges: list[str] = []
        for page in sorted(set(pages)):
            if ranges and int(ranges[-1].split("-")[-1]) == page - 1:
                ranges[-1] = f"{ranges[-1].split('-')[0]}-{page}"
            else:
                ranges.append(str(page))
        parts.append(f"{name} p.{','.join(ranges)}" if ranges else name)
    return "; ".join(parts)


# `ipfin corpus fetch` / `ipfin corpus add` live in assistant/cli/corpus.py.
from assistant.cli.corpus import make_corpus_app  # noqa: E402 - needs handle_errors above

app.add_typer(make_corpus_app(handle_errors), name="corpus")


@app.command(name="eval")
@handle_errors
def eval_(
    dataset: Annotated[Path | None, typer.Option("--dataset", help="Gold set JSONL (default eval/datasets/ipfin-qa.jsonl).")] = None,
    mode: Annotated[list[str] | None, typer.Option("--mode", help="bm25, dense, hybrid, hybrid+condense, llm (repeatable; default: all, llm only when configured).")] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for report.json, report.md, report.html.")] = Path("eval/reports/latest"),
    thresholds: Annotated[Path | None, typer.Option("--thresholds", help="Gate file (default eval/thresholds.yaml).")] = None,
    reuse_index: Annotated[bool, typer.Option("--reuse-index", help="Use the index in IPFIN_HOME instead of a fresh one of the bundled briefs.")] = False,
    users: Annotated[list[Path] | None, typer.Option("--users", help="User-question set(s) with dev/test halves, run in the shipped mode (default: the bundled ones when --dataset is not given).")] = None,
    no_users: Annotated[bool, typer.Option("--no-users", help="Skip the user-question sets.")] = False,
) -> None:
    """Evaluate retrieval, answers (key facts, leading sentence, jurisdiction), grounding and
    abstention on the gold set and the user questions; fail below eval/thresholds.yaml."""
    from assistant.evaluation.dataset import DEFAULT_DATASET, USER_DATASETS
    from assistant.evaluation.harness import DEFAULT_THRESHOLDS, evaluate
    from assistant.evaluation.runner import flat_metrics

    user_sets = () if no_users else tuple(users) if users else (() if dataset else USER_DATASETS)
    outcome = evaluate(
        _settings(), out, dataset or DEFAULT_DATASET, tuple(mode) if mode else None, thresholds or DEFAULT_THRESHOLDS,
        reuse_home=reuse_index, progress=sys.stderr.isatty(), users=user_sets,
    )
    for name, summary in outcome.run["modes"].items():
        flat = flat_metrics(summary)
        typer.echo(
            f"{name:<16} hit@5 {flat['hit@5']:.3f}  MRR {flat['mrr']:.3f}  key facts {flat['key_fact_recall']:.3f}  "
            f"groundedness {flat['groundedness']:.3f}  abstention F1 {flat['abstention_f1']:.3f}  "
            f"false abstention {flat['false_abstention_rate']:.3f}  lead {flat['lead_sentence']:.3f}  "
            f"jurisdiction errors {flat['jurisdiction_error_rate']:.3f}  p95 {flat['latency_p95_ms']:.0f} ms"
        )
    for split, s in (outcome.run.get("users") or {}).get("splits", {}).items():
        groups = "  ".join(
            f"{g}: key {v['key_fact_recall']:.2f} lead {v['lead_sentence']:.2f} abst {v['abstention_correct']:.2f}"
            for g, v in s["per_group"].items()
        )
        typer.echo(
            f"users/{split:<5} key facts {s['key_fact_recall']:.3f}  lead {s['lead_sentence']:.3f}  "
            f"abstention correct {s['abstention_correct']:.3f}  hit@5 {s['hit@5']:.3f}  "
            f"jurisdiction errors {s['jurisdiction_error_rate']:.3f}  ({groups})"
        )
    typer.echo(f"LLM judge: {outcome.run['judge']}")
    typer.echo(f"Reports: {outcome.paths['md']}, {outcome.paths['html']}, {outcome.paths['json']}")
    if not outcome.passed:
        for failure in outcome.run["threshold_failures"]:
            typer.echo(f"error: threshold missed: {failure}", err=True)
        raise typer.Exit(1)


@app.command()
@handle_errors
def doctor() -> None:
    """Check settings, index, embedder and the LLM endpoint; say how to fix what fails."""
    checks = _assistant().doctor()
    for check in checks:
        typer.echo(f"{'ok ' if check.ok else 'ERR'} {check.name:<13} {check.detail}")
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
@handle_errors
def ui(
    port: Annotated[int | None, typer.Option("--port", help="Port (default IPFIN_PORT or 8501).")] = None,
    host: Annotated[
        str | None, typer.Option("--host", help="Address to bind (default IPFIN_HOST or 127.0.0.1).")
    ] = None,
) -> None:
    """Serve the Streamlit chat page (http://127.0.0.1:8501 by default)."""
    settings = _settings()
    from assistant.core.settings import PROJECT_ROOT

    app_path = PROJECT_ROOT / "ui" / "app.py"
    if not app_path.exists():
        _fail(f"{app_path} is missing. Run ipfin from a checkout of the project (pip install -e .).")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.address",
        host or settings.host,
        "--server.port",
        str(port or settings.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # The uploader's limit (and the size it shows) is ipfin's, not Streamlit's 200 MB default.
        "--server.maxUploadSize",
        str(settings.max_file_mb),
    ]
    typer.echo(f"Serving on http://{host or settings.host}:{port or settings.port} (Ctrl-C stops)")
    sys.stdout.flush()
    # Become the Streamlit process rather than its parent: Ctrl-C, SIGTERM and `timeout`
    # then reach the server itself, and no orphaned server is left behind.
    os.execv(sys.executable, cmd)


@app.command()
@handle_errors
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Address to bind (default IPFIN_SERVE_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default IPFIN_SERVE_PORT or 8502).")] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Worker processes, each with its own model and index (default 1).")
    ] = None,
) -> None:
    """Serve the HTTP API: /v1/ask, /v1/chat/completions (OpenAI-compatible), docs at /docs."""
    from assistant.serve.server import run

    run(_settings(), host=host, port=port, workers=workers)


feedback_app = typer.Typer(
    help="Feedback given on answers in the chat page (👍/👎 and comments).", no_args_is_help=True
)
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
@handle_errors
def feedback_export(
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file (default: stdout).")] = None,
) -> None:
    """Export every feedback record (question, answer, citations, persona, rating, comment, time)."""
    from assistant.app import FEEDBACK_FORMATS

    if fmt not in FEEDBACK_FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FEEDBACK_FORMATS)}; got {fmt!r}", param_hint="--format")
    assistant = _assistant()
    if out is None:
        count = assistant.export_feedback(fmt, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as sink:
            count = assistant.export_feedback(fmt, sink)
    where = out or "stdout"
    typer.echo(f"Exported {count} feedback record(s) from {assistant.feedback_path} to {where}.", err=True)


if __name__ == "__main__":  # pragma: no cover
    app()
