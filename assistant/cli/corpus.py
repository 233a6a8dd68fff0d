"""``ipfin corpus fetch`` and ``ipfin corpus add``: thin, like the rest of the CLI.

Built by :func:`make_corpus_app` with the CLI's error handler, so every
:class:`~assistant.errors.IpfinError` is one line on stderr here too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.text.terminal import for_terminal

MIB = 1024 * 1024
#: The fetcher's defaults (assistant/corpus/fetch.py), repeated so `--help` needs no httpx.
DEFAULT_TIMEOUT_S = 30.0
DEFAULT_RETRIES = 2


def _ingest(assistant, paths: list[Path], sources: Path | None) -> bool:
    """Index the files the index does not hold yet; returns False when some failed."""
    from assistant.cli.render import ingest_summary

    pending = assistant.needs_indexing(paths, sources)
    if not pending:
        typer.echo("The index is up to date: nothing to index.")
        return True
    report = assistant.ingest(pending, progress=sys.stderr.isatty(), sources=sources)
    typer.echo(ingest_summary(report))
    for line in report.errors:
        typer.echo(for_terminal(f"error: {' '.join(line.split())}"), err=True)
    return not report.errors


def _assistant():
    from assistant.app import Assistant

    return Assistant()


def make_corpus_app(handle_errors: Callable[[Callable[..., Any]], Callable[..., Any]]) -> typer.Typer:
    corpus_app = typer.Typer(
        name="corpus",
        help="The official documents (fetch) and your own documents (add).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @corpus_app.command("fetch")
    @handle_errors
    def fetch(
        only: Annotated[list[str] | None, typer.Option("--only", help="Fetch only this id (repeatable).")] = None,
        manifest: Annotated[
            Path | None, typer.Option("--manifest", help="The list of official documents to read (default: corpus/sources.yaml).")
        ] = None,
        dest: Annotated[
            Path | None,
            typer.Option("--dest", help="Folder to save into (default: corpus/raw); sources.lock.json goes beside it."),
        ] = None,
        no_ingest: Annotated[bool, typer.Option("--no-ingest", help="Download only; do not index.")] = False,
        timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server.")] = DEFAULT_TIMEOUT_S,
        retries: Annotated[
            int, typer.Option("--retries", help="Extra attempts after a timeout or a 5xx.")
        ] = DEFAULT_RETRIES,
    ) -> None:
        """Download the documents of corpus/sources.yaml that have a URL, then index what changed."""
        assistant = _assistant()
        settings = assistant.settings
        manifest_path = manifest or settings.corpus_dir / "sources.yaml"
        from assistant.corpus.fetch import FetchOptions

        options = FetchOptions(timeout=timeout, retries=max(0, retries), max_bytes=settings.max_file_mb * MIB)
        report = assistant.fetch(only, manifest_path, dest, options)
        for line in report.lines():  # titles, URLs and server messages: no terminal control
            typer.echo(for_terminal(line))
        for line in report.errors():
            typer.echo(for_terminal(f"error: {' '.join(line.split())}"), err=True)
        indexed = True
        if not no_ingest and report.present:
            indexed = _ingest(assistant, report.present, manifest_path)
        if report.failed or not indexed:
            raise typer.Exit(1)

    @corpus_app.command("add")
    @handle_errors
    def add(
        file: Annotated[Path, typer.Argument(help="A PDF, HTML, Markdown or text file.", readable=False)],
        source_id: Annotated[str, typer.Option("--id", help="Short id, e.g. my-bank-ip-policy.")],
        title: Annotated[str, typer.Option("--title", help="Title as citations should show it.")],
        publisher: Annotated[str, typer.Option("--publisher", help="Who published it.")],
        url: Annotated[str | None, typer.Option("--url", help="Where it can be read online.")] = None,
        year: Annotated[int | None, typer.Option("--year", help="Year of publication.")] = None,
        language: Annotated[str | None, typer.Option("--language", help="ja, en or zh (default: detected).")] = None,
        replace: Annotated[bool, typer.Option("--replace", help="Replace a document added with this id.")] = False,
        no_ingest: Annotated[bool, typer.Option("--no-ingest", help="Copy only; do not index.")] = False,
    ) -> None:
        """Add your own document as corpus/raw/<id>.<ext> with its metadata, and index it."""
        assistant = _assistant()
        target, entry = assistant.add_document(
            file,
            source_id=source_id,
            title=title,
            publisher=publisher,
            url=url,
            year=year,
            language=language,
            replace=replace,
        )
        typer.echo(for_terminal(f"Added {entry.id}: {target} (metadata in {target.stem}.meta.yaml)"))
        if not no_ingest and not _ingest(assistant, [target], None):
            raise typer.Exit(1)

    return corpus_app
