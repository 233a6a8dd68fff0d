"""An answer as Markdown, with its numbered sources: the content of a chat completion.

Open WebUI, LibreChat and other OpenAI clients render the content as Markdown, so
everything that came from a document or a model (the answer's sentences, titles,
quotes) is escaped and shows as the characters it contains: a quote holding
``<script>`` or ``[text](http://…)`` is never markup or a link. URLs become autolinks
only when they are plain http(s) URLs. Labels come from the message catalogue, in the
answer's language.
"""

from __future__ import annotations

import re

from assistant.app import Answer, messages

#: What would turn text into markup: emphasis, code, links and images ([ ] < >), HTML,
#: headings, tables, strike-through and math ($, which chat front ends render).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")
_BULLET = re.compile(r"^\s*[-・]\s+")


def escape(text: str) -> str:
    """Document or model text, literal in Markdown (and in HTML inside Markdown)."""
    return _SPECIAL.sub(r"\\\1", text)


def link(url: str | None) -> str:
    if not url:
        return ""
    return f"<{url}>" if _SAFE_URL.match(url) else escape(url)


def _body(text: str) -> list[str]:
    """The answer's lines: "- " items stay a list, other lines are paragraphs."""
    blocks: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        bullet = _BULLET.match(line)
        item = f"- {escape(line[bullet.end():])}" if bullet else escape(line)
        if bullet and blocks and blocks[-1].startswith("- "):
            blocks[-1] += "\n" + item
        else:
            blocks.append(item)
    return blocks


def answer_markdown(answer: Answer) -> str:
    """The answer, then what the CLI shows after it (verification, reason, the condensed
    question), then the sources: title, year, publisher, page, URL and the quote."""
    lang = answer.lang
    t = messages.t
    blocks: list[str] = []
    if answer.notice:
        blocks.append(f"> {escape(answer.notice)}")
    blocks += _body(answer.text)
    if answer.verification is not None and not answer.fell_back:
        v = answer.verification
        what = t("cli.verified_removed" if v.removed else "cli.verified_flagged", lang)
        blocks.append(f"_{escape(t('cli.verified', lang, supported=v.supported, unsupported=len(v.unsupported), what=what))}_")
    if answer.abstained and answer.abstain_reason:
        blocks.append(escape(t("cli.reason", lang) + answer.abstain_reason))
    if answer.condensed_query != answer.query:
        blocks.append(f"_{escape(t('cli.searched_as', lang) + answer.condensed_query)}_")
    if answer.citations:
        items = [f"**{escape(t('export.sources', lang))}**", ""]
        for c in answer.citations:
            year = f" ({c.doc.year})" if c.doc.year else ""
            publisher = f" — {escape(c.doc.publisher)}" if c.doc.publisher else ""
            page = f", {t('export.page', lang)} {c.chunk.page}" if c.chunk.page else ""
            items.append(f"{c.n}. **{escape(c.doc.title)}**{year}{publisher}{page}")
            if c.url:
                items.append(f"    - URL: {link(c.url)}")
            items.append(f"    - {t('export.quote', lang)}: 「{escape(c.quote)}」")
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"
