"""A conversation as a Markdown file, citations included (the chat page's download), and an
answer as plain text (the chat page's copy button).

Markdown: text that came from a user or a document stays text in any Markdown viewer, and
reads cleanly in the file itself. Only what Markdown would act on is escaped (an emphasis
star, ``<``, a ``](`` that would make a link, a ``#`` or ``-`` at the start of a line); the
brackets and parentheses of ordinary Japanese text (「(単一の二次情報)」, 「[1]」) are left
alone, so the file has no stray backslashes. A URL inside document text is shown in a code
span (visible, never a link); only ipfin's own citation links are autolinks ``<https://…>``.

Times are local: the reader's time zone when the page knows it, else Japan time (JST).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from assistant.answer.compose import GROUP_MARK
from assistant.app.personas import get_persona
from assistant.app.presentation import AnswerView, CitationCard
from assistant.core.messages import has, t
from assistant.core.types import AnswerLine

DEFAULT_TIMEZONE = "Asia/Tokyo"
_JST = timezone(timedelta(hours=9), "JST")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")
#: A web address or mail address inside document text (shown, never made a link).
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'`「」『』（）()、。]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)
#: Characters Markdown acts on anywhere in a line.
_INLINE = re.compile(r"([\\`*_~<|])|(\])(?=[(\[:])|(&)(?=#?\w+;)")
#: Markers Markdown acts on at the start of a line (heading, quote, list, rule, setext).
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")


def _l(key: str, lang: str, **params: object) -> str:
    return t(f"export.{key}", lang, **params)


def resolve_timezone(name: str | None) -> tzinfo:
    """The named IANA time zone (the reader's, from the browser), else Japan time."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    for candidate in (name, DEFAULT_TIMEZONE):
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return _JST


def local_time(moment: datetime, tz: tzinfo | None = None) -> str:
    """``2026-12-01 21:30 JST``: a time in the reader's zone, with the zone's name."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(tz or resolve_timezone(None))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".strip()


def _escape_plain(text: str) -> str:
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    def marker(m: re.Match) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    return "\n".join(_LINE_START.sub(marker, line) for line in escaped.split("\n"))


def _code_span(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_text(text: str) -> str:
    """Document or user text as literal Markdown: addresses in code spans, the rest escaped
    only where Markdown would act on it."""
    out: list[str] = []
    pos = 0
    for m in _ADDRESS.finditer(text):
        out.append(_escape_plain(text[pos : m.start()]))
        out.append(_code_span(m.group(0)))
        pos = m.end()
    out.append(_escape_plain(text[pos:]))
    return "".join(out)


#: Kept for callers of the earlier name.
escape_markdown = md_text


def _link(url: str | None) -> str:
    if not url:
        return ""
    return f"<{url}>" if _SAFE_URL.match(url) else _code_span(url)


@dataclass(frozen=True)
class ExportTurn:
    """One question and its answer, with the persona it was answered for.

    ``view`` is None for a question whose answer was stopped before it was ready."""

    question: str
    view: AnswerView | None
    persona: str
    asked_at: datetime | None = None
    stopped: bool = False


def kind_label(kind: str, lang: str) -> str:
    return _l(kind, lang) if has(f"export.{kind}") else kind


def _official_label(key: str, lang: str) -> str:
    return _l(key, lang)


def _card(card: CitationCard, lang: str) -> list[str]:
    year = f" ({card.year})" if card.year else ""
    page = f", {_l('page', lang)} {card.page}" if card.page else ""
    publisher = f" — {md_text(card.publisher)}" if card.publisher else ""
    lines = [
        f"- **[{card.n}]** {md_text(card.title)}{year}{publisher}{page} ({kind_label(card.kind, lang)})",
        f"    - {_l('quote', lang)}: 「{md_text(card.quote)}」",
    ]
    if card.suspicious:
        lines.append(f"    - {_l('suspicious', lang)}")
    if card.translation and lang == "en":
        lines.append(f"    - {_l('translation', lang)}: {md_text(card.translation)}")
    for url in card.fact_urls:
        lines.append(f"    - {_l('fact_source', lang)}: {_link(url)}")
    if card.document_url:
        lines.append(f"    - {_l('document', lang)}: {_link(card.document_url)}")
    for off in card.official:
        lines.append(f"    - {_official_label(off.label_key, lang)}: {md_text(off.title)} {_link(off.url)}")
    return lines


def group_label(line: AnswerLine) -> str:
    """A jurisdiction group line's label with its mark ("▼ 米国では", the line's own text);
    the mark and the label when a fact line carries the group."""
    text = line.text.strip() if line.kind != "fact" else ""
    return text if line.group in text else f"{GROUP_MARK} {line.group}"


def _fact_lines(line: AnswerLine, lang: str) -> list[str]:
    cite = f" [{line.cite}]" if line.cite else ""
    if lang == "en" and line.translation:
        return [
            f"- {md_text(line.translation)} ({_l('translation_mark', lang)}){cite}",
            f"    - {_l('original', lang)}: 「{md_text(line.text)}」",
        ]
    if lang == "en":
        return [f"- 「{md_text(line.text)}」{cite} ({_l('japanese_only', lang)})"]
    return [f"- 「{md_text(line.text)}」{cite}"]


def answer_markdown(view: AnswerView, lang: str) -> list[str]:
    """The answer's body: from its lines (lists, group labels, notes) when it has them, else
    its text with one paragraph per line."""
    if not view.lines:
        return [part for line in view.text.split("\n") if line.strip() for part in (md_text(line.strip()), "")]
    out: list[str] = []
    in_list = False
    for line in view.lines:
        if line.group:  # a jurisdiction label line: once, in bold, as text
            out += ([""] if in_list else []) + [f"**{md_text(group_label(line))}**", ""]
            in_list = False
            if line.kind != "fact":
                continue
        if line.kind == "fact":
            out += _fact_lines(line, lang)
            in_list = True
            continue
        if in_list:
            out.append("")
            in_list = False
        out += [f"> {md_text(line.text)}" if line.kind == "note" else md_text(line.text), ""]
    if in_list:
        out.append("")
    return out


def conversation_markdown(
    turns: Sequence[ExportTurn], lang: str = "ja", now: datetime | None = None, tz: tzinfo | None = None
) -> str:
    """The whole conversation: each question, the answer, and its numbered sources."""
    tz = tz or resolve_timezone(None)
    now = now or datetime.now(UTC)
    personas = list(dict.fromkeys(get_persona(turn.persona).label(lang) for turn in turns))
    lines = [
        f"# {_l('title', lang)}",
        "",
        f"- {_l('date', lang)}: {local_time(now, tz)}",
    ]
    if personas:
        lines.append(f"- {_l('persona', lang)}: {' / '.join(personas)}")
    lines += ["", f"> {_l('disclaimer', lang)}", ""]
    for number, turn in enumerate(turns, start=1):
        when = f" ({local_time(turn.asked_at, tz)})" if turn.asked_at else ""
        lines += [f"## {_l('question', lang)} {number}{when}", "", md_text(turn.question), ""]
        lines += [f"### {_l('answer', lang)}", ""]
        view = turn.view
        if view is None:
            lines += [_l("stopped", lang), ""]
            continue
        if view.abstained:
            lines += [f"**{_l('abstained', lang)}**", ""]
        if view.rejected_draft:
            lines += [f"> {_l('draft_rejected', lang)}", ""]
        lines += answer_markdown(view, lang)
        if view.abstained and view.abstain_reason:
            lines += [f"{_l('reason', lang)}: {md_text(view.abstain_reason)}", ""]
        if view.searched_differently:
            lines += [f"{_l('searched_as', lang)}: {md_text(view.condensed_query)}", ""]
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


# ---------------------------------------------------------------------- plain text (copy)


def _plain_body(view: AnswerView, lang: str) -> list[str]:
    if not view.lines:
        return [line.strip() for line in view.text.split("\n") if line.strip()]
    out: list[str] = []
    for line in view.lines:
        if line.group:
            out.append(group_label(line))
            if line.kind != "fact":
                continue
        if line.kind != "fact":
            out.append(line.text)
            continue
        cite = f" [{line.cite}]" if line.cite else ""
        if lang == "en" and line.translation:
            out.append(f"- {line.translation} ({_l('translation_mark', lang)}){cite}")
            out.append(f"  {_l('original', lang)}: 「{line.text}」")
        elif lang == "en":
            out.append(f"- 「{line.text}」{cite} ({_l('japanese_only', lang)})")
        else:
            out.append(f"- 「{line.text}」{cite}")
    return out


def answer_plaintext(view: AnswerView, lang: str = "ja") -> str:
    """An answer and its sources as plain text, what the copy button puts on the clipboard."""
    out = _plain_body(view, lang)
    if view.cards:
        out += ["", f"{_l('sources', lang)}:"]
        for card in view.cards:
            meta = ", ".join(x for x in (card.publisher, str(card.year or ""), _page(card, lang)) if x)
            out.append(f"[{card.n}] {card.title}" + (f" ({meta})" if meta else ""))
            out.append(f"    「{card.quote}」")
            for url in card.fact_urls or ((card.document_url,) if card.document_url else ()):
                out.append(f"    {url}")
    return "\n".join(out).strip() + "\n"


def _page(card: CitationCard, lang: str) -> str:
    return f"{_l('page', lang)} {card.page}" if card.page else ""
