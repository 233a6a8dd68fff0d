"""A conversation as a Markdown file, citations included (the chat page's download).

Everything that came from a user or a document is escaped, so a quote containing
``<script>`` or ``[text](url)`` stays text in any Markdown viewer; URLs are written as
autolinks only when they are plain http(s) URLs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from assistant.app.personas import get_persona
from assistant.app.presentation import AnswerView, CitationCard
from assistant.core.messages import has, t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")

def _l(key: str, lang: str) -> str:
    return t(f"export.{key}", lang)


def escape_markdown(text: str) -> str:
    """Make document or user text literal in Markdown (and HTML inside Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _link(url: str | None) -> str:
    if not url:
        return ""
    return f"<{url}>" if _SAFE_URL.match(url) else escape_markdown(url)


@dataclass(frozen=True)
class ExportTurn:
    """One question and its answer, with the persona it was answered for."""

    question: str
    view: AnswerView
    persona: str


def _card(card: CitationCard, lang: str) -> list[str]:
    year = f" ({card.year})" if card.year else ""
    page = f", {_l('page', lang)} {card.page}" if card.page else ""
    kind = _l(card.kind, lang) if has(f"export.{card.kind}") else card.kind
    lines = [
        f"{card.n}. **\\[{card.n}\\] {escape_markdown(card.title)}**{year} — "
        f"{escape_markdown(card.publisher)}{page} ({kind})",
        f"    - {_l('quote', lang)}: 「{escape_markdown(card.quote)}」",
    ]
    for url in card.fact_urls:
        lines.append(f"    - {_l('fact_source', lang)}: {_link(url)}")
    if card.document_url:
        lines.append(f"    - {_l('document', lang)}: {_link(card.document_url)}")
    for off in card.official:
        lines.append(f"    - {_l('official', lang)}: {escape_markdown(off.title)} {_link(off.url)}")
    return lines


def conversation_markdown(turns: Sequence[ExportTurn], lang: str = "ja", now: datetime | None = None) -> str:
    """The whole conversation: each question, the answer, and its numbered sources."""
    now = now or datetime.now().astimezone()
    personas = list(dict.fromkeys(get_persona(turn.persona).label(lang) for turn in turns))
    lines = [
        f"# {_l('title', lang)}",
        "",
        f"- {_l('date', lang)}: {now.isoformat(timespec='minutes')}",
    ]
    if personas:
        lines.append(f"- {_l('persona', lang)}: {' / '.join(personas)}")
    lines += ["", f"> {_l('disclaimer', lang)}", ""]
    for number, turn in enumerate(turns, start=1):
        view = turn.view
        lines += [f"## {_l('question', lang)} {number}", "", escape_markdown(turn.question), ""]
        lines += [f"### {_l('answer', lang)}", ""]
        if view.abstained:
            lines.append(f"**{_l('abstained', lang)}**")
            lines.append("")
        lines += [escape_markdown(line) for line in view.text.split("\n")]
        lines.append("")
        if view.abstained and view.abstain_reason:
            lines += [f"{_l('reason', lang)}: {escape_markdown(view.abstain_reason)}", ""]
        if view.searched_differently:
            lines += [f"{_l('searched_as', lang)}: {escape_markdown(view.condensed_query)}", ""]
        if not view.abstained:
            lines += [f"{_l('evidence', lang)}: {_l(view.level, lang)}", ""]
        if view.conflict:
            lines += [_l("conflict", lang), ""]
        if view.cards:
            lines += [f"### {_l('sources', lang)}", ""]
            for card in view.cards:
                lines += _card(card, lang)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
