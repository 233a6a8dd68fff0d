"""``ipfin``: the command line. Thin: it parses, calls the package, prints.

Every :class:`~assistant.errors.IpfinError` becomes one line on stderr and a non-zero
exit; so does every failure :func:`assistant.app.failures.explain` knows (a read-only or
full folder, a damaged index, text that is not UTF-8). Only a failure nobody foresaw is
"unexpected" (exit 2); nothing here prints a traceback (set IPFIN_DEBUG=1 to see one).
Everything printed goes through :mod:`assistant.text.terminal`: no document, file name or
model reply can send the terminal control sequences.
"""

from __future__ import annotations

import contextlib
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


def _echo(text: str = "", err: bool = False) -> None:
    """Print document- or model-derived text: no terminal control gets through."""
    from assistant.text.terminal import for_terminal

    typer.echo(for_terminal(text), err=err)


def _fail(message: str, code: int = 1) -> None:
    """One line on stderr (a message with line breaks, e.g. from a YAML parser, is joined)."""
    _echo(f"error: {' '.join(str(message).split())}", err=True)
    raise typer.Exit(code)


def _debug() -> bool:
    return os.environ.get("IPFIN_DEBUG", "").strip().lower() in ("1", "true", "yes")


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except IpfinError as exc:
            _fail(str(_explained(exc)))
        except typer.BadParameter as exc:  # an option value a command checks itself (--format xml)
            _fail(f"{exc.format_message()} (see ipfin --help).", exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted (Ctrl-C).", 130)
        except BrokenPipeError:
            _quiet_exit()  # `ipfin sources | head`: the reader has gone, nothing to say to it
        except Exception as exc:
            if _debug():
                raise
            from assistant.app.failures import explain

            known = explain(exc, _home_or_none())
            if known is not None:
                _fail(str(known))
            _fail(
                f"unexpected {exc.__class__.__name__}: {exc}. This is a bug in ipfin: "
                "please report it with the command you ran (IPFIN_DEBUG=1 shows the details).",
                2,
            )

    return wrapper


def _explained(exc: IpfinError) -> IpfinError:
    """``exc``, or the more exact words of its cause (a read-only or full data folder, a
    file in its place); the settings are read only for an error that has a cause."""
    if exc.__cause__ is None:
        return exc
    from assistant.app.failures import explain

    return explain(exc, _home_or_none()) or exc


def _quiet_exit() -> None:
    """Leave after the reader of stdout went away, without a second BrokenPipeError at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise typer.Exit(141)


def _home_or_none() -> Path | None:
    """The data folder an index failure came from (None: unknown, or the index is on a Chroma server)."""
    try:
        settings = _settings()
    except (IpfinError, RuntimeError):
        return None
    return None if settings.chroma_url else settings.home


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
        raise typer.BadParameter(f"must be one of {', '.join(MODES)}; got {mode!r}", param_hint="--mode")


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        list[Path] | None, typer.Argument(
            help="Files or folders. Default: corpus/briefs and corpus/raw.", readable=False  # ipfin says why, per file
        )
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build the index again, from PATHs and every file it held (after changing the embedder, or when an upgraded ipfin asks for it).")
    ] = False,
) -> None:
    """Index documents (.md .txt .html .pdf). Unchanged files are skipped."""
    from assistant.cli.render import ingest_summary
    from assistant.embed.base import get_embedder
    from assistant.ingest.pipeline import ingest as run_ingest

    settings = _settings()
    given = list(paths or [])
    if not given:
        _check_corpus(settings)
    odd = [p for p in given if p.exists() and not (p.is_file() or p.is_dir())]
    for p in odd:  # a FIFO, a device: "no such file" would be wrong
        _echo(f"error: {p}: not a regular file or folder (a pipe or a device). Give a document file.", err=True)
    given = [p for p in given if p not in odd]
    if odd and not given:
        raise typer.Exit(1)
    embedder = get_embedder(settings.embedder, settings.embed_model)
    report = run_ingest(settings, embedder, given or None, rebuild=rebuild, progress=sys.stderr.isatty())
    typer.echo(ingest_summary(report))
    for line in report.errors:
        _echo(f"error: {' '.join(line.split())}", err=True)
    if report.errors or odd:
        raise typer.Exit(1)


def _check_corpus(settings) -> None:
    from assistant.core.errors import ConfigError

    if not settings.corpus_dir.is_dir():
        raise ConfigError(
            f"The corpus folder {settings.corpus_dir} does not exist.",
            "Point IPFIN_CORPUS_DIR at a folder with briefs/ (and raw/), or unset it to use the bundled corpus.",
        )


@app.command()
@handle_errors
def ask(
    question: Annotated[str | None, typer.Argument(help="The question, in Japanese or English.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL input: {id, question, history?} per line.", readable=False)
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
            raise typer.BadParameter("give either a QUESTION or --batch, not both", param_hint="QUESTION")
        _run_batch(batch, out, mode)
        return
    if question is None:
        _fail('no question given. Usage: ipfin ask "企業価値担保権とは何ですか？"')
    from assistant.app import validate_question

    validate_question(question, _settings().max_question_chars)  # fail before loading models
    assistant = _assistant(mode)
    if as_json:
        from assistant.text.terminal import json_for_terminal

        answer = assistant.ask(question, history or [], persona=persona)
        typer.echo(json_for_terminal(answer.to_json()))
        return
    from assistant.cli.stream import ask_and_render

    typer.echo(ask_and_render(assistant, question, history or [], persona))


def _run_batch(path: Path, out: Path | None, mode: str | None) -> None:
    from tqdm import tqdm

    from assistant.cli.batch import open_output, read_items
    from assistant.text.terminal import json_for_terminal

    items = read_items(path)
    sink = open_output(out, path) if out else sys.stdout  # checked before any model loads
    failures = 0
    try:
        assistant = _assistant(mode)  # the index and models load once for the whole batch
        for item in tqdm(items, desc="ask", unit="q", file=sys.stderr, disable=not sys.stderr.isatty()):
            error = item.error
            if not error:
                try:
                    record = {"id": item.item_id} | assistant.ask(item.question, list(item.history)).to_json()
                except IpfinError as exc:
                    error = f"line {item.number}: {_explained(exc)}"
            if error:
                failures += 1
                record = {"id": item.item_id, "error": error}
                _echo(f"error: {error}", err=True)
            sink.write(json_for_terminal(record) + "\n")
            sink.flush()
    finally:
        if out:
            sink.close()
    if out:
        _echo(f"Wrote {len(items)} answers to {out} ({failures} failed).", err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
@handle_errors
def chat(
    mode: Annotated[str | None, typer.Option("--mode", help="hybrid (default), bm25 or dense.")] = None,
    persona: Annotated[str, typer.Option("--persona", help="sme, bank or advisor (framing of LLM answers).")] = "sme",
) -> None:
    """A conversation in the terminal. /new starts over, /quit (or Ctrl-D) leaves."""
    from assistant.cli.stream import ask_and_render
    from assistant.retrieval.condense import Conversation

    _check_mode(mode)
    assistant = _assistant(mode)
    conversation = Conversation()
    _tolerate_bad_input()
    typer.echo("ipfin chat — 質問をどうぞ (/new で新しい会話、/quit で終了、Ctrl-C で回答を中断)")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            typer.echo("")
            return
        except KeyboardInterrupt:  # Ctrl-C at the prompt: leave, as /quit does
            typer.echo("")
            return
        except UnicodeDecodeError:
            _echo("error: that line is not UTF-8 text; it was skipped. Type it again.", err=True)
            continue
        if not question:
            continue
        if question in ("/quit", "/exit"):
            return
        if question == "/new":
            conversation.reset()
            typer.echo("新しい会話を始めます。")
            continue
        try:
            typer.echo(ask_and_render(assistant, question, conversation.turns, persona) + "\n")
        except KeyboardInterrupt:  # Ctrl-C while answering: drop this answer, keep the chat
            _echo("\n(回答を中断しました / answer interrupted)", err=True)
            continue
        except IpfinError as exc:
            _echo(f"error: {' '.join(str(_explained(exc)).split())}", err=True)
            continue
        conversation.add(question)


def _tolerate_bad_input() -> None:
    """Read stdin lines that are not UTF-8 as text with stand-ins (then refused as a question
    with a clear message) instead of failing the whole chat on one bad byte."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="surrogateescape")


@app.command()
@handle_errors
def sources(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the indexed documents: kind, chunks, pages without text, text extractors, last indexed."""
    settings = _settings()
    rows = _assistant().documents()  # reads the manifest only: no model is loaded
    if as_json:
        from assistant.text.terminal import json_for_terminal

        typer.echo(json_for_terminal([info.to_json() for info in rows], indent=1))
        return
    for info in rows:
        doc = info.doc
        empty = f", pages without text: {list(info.pages_without_text)}" if info.pages_without_text else ""
        _echo(f"{doc.source_id:<32} {doc.kind:<8} {info.chunks:>4} chunks  {info.indexed_at}  {doc.title}{empty}")
        if info.extractors:
            _echo(f"{'':<32} text: {_extractor_pages(info.extractors)}")
    _echo(f"{len(rows)} document(s) in {settings.home}")


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
    """Score retrieval, answers (key facts, lead, jurisdiction) and abstention; fail below eval/thresholds.yaml.

    Runs the gold set in every mode, and the user questions (dev and test halves) in the shipped one."""
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
    for split, summary in (outcome.run.get("users") or {}).get("splits", {}).items():
        for label, s in [(split, summary), *((f"{name}/{split}", part) for name, part in summary.get("sets", {}).items())]:
            groups = "  ".join(
                f"{g}: key {v['key_fact_recall']:.2f} lead {v['lead_sentence']:.2f} abst {v['abstention_correct']:.2f}"
                for g, v in s["per_group"].items()
            )
            typer.echo(
                f"users/{label:<5} key facts {s['key_fact_recall']:.3f}  lead {s['lead_sentence']:.3f}  "
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
        _echo(f"{'ok ' if check.ok else 'ERR'} {check.name:<13} {check.detail}")
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

    host, port = host or settings.host, settings.port if port is None else port  # --port 0 is not "unset"
    app_path = PROJECT_ROOT / "ui" / "app.py"
    if not app_path.exists():
        _fail(f"{app_path} is missing. Run ipfin from a checkout of the project (pip install -e .).")
    from assistant.cli.checks import check_free

    check_free(host, port)  # before Streamlit takes over the process
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        # The uploader's limit (and the size it shows) is ipfin's, not Streamlit's 200 MB default.
        "--server.maxUploadSize",
        str(settings.max_file_mb),
    ]
    typer.echo(f"Serving on http://{host}:{port} (Ctrl-C stops)")
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
    from assistant.cli.checks import ScreenSink, open_export

    assistant = _assistant()
    if out is None:
        count = assistant.export_feedback(fmt, ScreenSink(sys.stdout) if sys.stdout.isatty() else sys.stdout)
    else:
        with open_export(out) as sink:
            count = assistant.export_feedback(fmt, sink)
    where = out or "stdout"
    _echo(f"Exported {count} feedback record(s) from {assistant.feedback_path} to {where}.", err=True)


if __name__ == "__main__":  # pragma: no cover
    app()
