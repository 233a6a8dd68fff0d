"""Plain-text rendering of answers and ingest reports for the terminal.

Everything returned here has been through :func:`assistant.text.terminal.for_terminal`:
a document's or a model's text cannot clear the screen, write the clipboard or reorder
what is shown. A quote that reads like an instruction to an AI is marked with a warning.
"""

from __future__ import annotations

from assistant.core.messages import t
from assistant.core.types import Answer, IngestReport
from assistant.text.terminal import for_terminal


def answer_text(answer: Answer, show_text: bool = True) -> str:
    """The answer (unless it was already streamed), notices, verification and sources."""
    return for_terminal(_answer_lines(answer, show_text))


def _answer_lines(answer: Answer, show_text: bool) -> str:
    lang = answer.lang
    lines = [answer.notice, ""] if answer.notice else []
    lines += [answer.text] if show_text else []
    if answer.verification is not None and not answer.fell_back:
        v = answer.verification
        what = t("cli.verified_removed" if v.removed else "cli.verified_flagged", lang)
        lines += ["", t("cli.verified", lang, supported=v.supported, unsupported=len(v.unsupported), what=what)]
    if answer.abstained and answer.abstain_reason:
        lines += ["", t("cli.reason", lang) + answer.abstain_reason]
    if answer.condensed_query != answer.query:
        lines += ["", t("cli.searched_as", lang) + answer.condensed_query]
    if answer.citations:
        lines += ["", t("cli.sources", lang)]
        for c in answer.citations:
            page = f", p.{c.chunk.page}" if c.chunk.page else ""
            year = f" ({c.doc.year})" if c.doc.year else ""
            mine = f" [{t('export.user', lang)}]" if c.doc.kind == "user" else ""
            lines.append(f"[{c.n}] {c.doc.title}{year} — {c.doc.publisher}{page}{mine}")
            if c.url:
                lines.append(f"    {c.url}")
            lines.append(f"    「{c.quote}」")
        flagged = [str(c.n) for c in answer.citations if c.suspicious]
        if flagged:
            lines += ["", t("cli.suspicious_count", lang, refs=", ".join(flagged))]
    return "\n".join(lines)


def ingest_summary(report: IngestReport) -> str:
    parts = [
        f"Indexed {report.documents} document(s)"
        f" ({report.documents_skipped} unchanged, {report.documents_removed} removed):"
        f" +{report.chunks_added} / -{report.chunks_removed} chunks, {report.chunks_total} chunks in the index;"
        f" {len(report.pages_without_text)} page(s) without text; {report.seconds:.1f} s."
    ]
    if report.pages_without_text:
        shown = ", ".join(f"{sid} p.{p}" for sid, p in report.pages_without_text[:10])
        more = " …" if len(report.pages_without_text) > 10 else ""
        parts.append(f"Pages without text (not indexed): {shown}{more}")
    return for_terminal("\n".join(parts))
