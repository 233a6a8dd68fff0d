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

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~$])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")

LABELS: dict[str, dict[str, str]] = {
    "title": {"ja": "ipfin 会話の記録", "en": "ipfin conversation"},
    "date": {"ja": "日時", "en": "Date"},
    "persona": {"ja": "利用者の立場", "en": "Persona"},
    "disclaimer": {
        "ja": "ipfin の回答は索引にある文書の引用であり、法律・投資の助言ではありません。",
        "en": "ipfin answers quote the indexed documents; they are not legal or investment advice.",
    },
    "question": {"ja": "質問", "en": "Question"},
    "answer": {"ja": "回答", "en": "Answer"},
    "abstained": {"ja": "文書に記載がありません", "en": "Not covered by the documents"},
    "reason": {"ja": "理由", "en": "Reason"},
    "searched_as": {"ja": "検索に使った質問", "en": "Searched as"},
    "evidence": {"ja": "根拠の強さ", "en": "Evidence"},
    "conflict": {
        "ja": "注意: 出典によって内容が異なります。各出典を確認してください。",
        "en": "Note: the sources disagree; check each source.",
    },
    "sources": {"ja": "出典", "en": "Sources"},
    "quote": {"ja": "引用", "en": "Quote"},
    "page": {"ja": "ページ", "en": "page"},
    "fact_source": {"ja": "事実の出典", "en": "Fact source"},
    "document": {"ja": "文書", "en": "Document"},
    "official": {"ja": "公式文書", "en": "Official document"},
    "strong": {"ja": "強い", "en": "strong"},
    "moderate": {"ja": "中程度", "en": "moderate"},
    "weak": {"ja": "弱い", "en": "weak"},
    "none": {"ja": "なし", "en": "none"},
    "brief": {"ja": "要約ブリーフ", "en": "summary brief"},
    "primary": {"ja": "公式文書", "en": "official document"},
    "user": {"ja": "利用者の文書", "en": "your document"},
}


def _l(key: str, lang: str) -> str:
    return LABELS[key].get(lang) or LABELS[key]["ja"]


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
    kind = _l(card.kind, lang) if card.kind in LABELS else card.kind
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
    personas = list(dict.fromkeys(get_persona(t.persona).text(get_persona(t.persona).label, lang) for t in turns))
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
