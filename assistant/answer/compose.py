"""Lay an extractive answer out: its lines (for the page) and its text (for the terminal,
JSON and the evaluator).

The lead comes first. Units about the question's jurisdictions follow it; units about
another jurisdiction come after a label line (▼ 米国では / ▼ In the US), so a foreign fact is
never read as Japanese practice. Japanese readers get the quotes with their [n]; English
readers get, for each quote, the corpus authors' English rendering (ipfin's translation,
said so in the first line) and then the cited Japanese original. The conflicting-figures
note comes last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.question import QuestionFrame
from assistant.core.messages import t
from assistant.core.types import Answer, AnswerLine
from assistant.corpus.lexicon import Lexicon

#: Starts a line that labels a group of facts from one jurisdiction (ipfin's framing).
GROUP_MARK = "▼"


@dataclass(frozen=True)
class Unit:
    """A quoted fact unit: its text, what it is about, its English rendering if any."""

    text: str
    jurisdiction: str
    en: str = ""


def _label(code: str, lexicon: Lexicon, lang: str) -> str:
    j = lexicon.jurisdiction(code)
    return j.lead(lang) if j else code


def compose(
    units: Sequence[Unit], q: QuestionFrame, lang: str, lexicon: Lexicon, conflict: tuple[int, ...] = ()
) -> tuple[tuple[AnswerLine, ...], str]:
    """The answer's lines and its plain-text (Markdown) rendering; units are numbered [1]…"""
    english = lang == "en"
    lines: list[AnswerLine] = []
    if english:
        lines.append(AnswerLine(t("answer.english_lead", "en"), kind="framing"))
    group = ""
    for n, unit in enumerate(units, start=1):
        own = "" if unit.jurisdiction in q.jurisdictions else unit.jurisdiction
        if own and own != group:
            label = _label(own, lexicon, lang)
            lines.append(AnswerLine(f"{GROUP_MARK} {label}", kind="framing", group=label, jurisdiction=own))
        group = own
        lines.append(
            AnswerLine(unit.text, kind="fact", cite=n, translation=unit.en if english else "", jurisdiction=unit.jurisdiction)
        )
    if conflict:
        refs = " / ".join(f"[{n}]" for n in conflict)
        lines.append(AnswerLine(t("answer.conflict", lang, refs=refs), kind="note"))
    return tuple(lines), render(lines, english)


def render(lines: Sequence[AnswerLine], english: bool) -> str:
    """Plain text: Japanese quotes one per line with [n]; for English readers a Markdown list
    of translations, each followed by its Japanese original."""
    out: list[str] = []
    for line in lines:
        if line.kind == "note":
            out += ["", line.text]
        elif line.kind == "framing":
            out += [line.text] if not line.group else ["", line.text]
        elif english:
            if line.translation:
                out.append(f"- {line.translation} [{line.cite}]")
                out.append(f"  {t('answer.original', 'en')}: {line.text}")
            else:
                out.append(f"- {line.text} [{line.cite}] ({t('answer.japanese_only', 'en')})")
        else:
            out.append(f"{line.text}[{line.cite}]")
    if english and len(out) > 1:
        out.insert(1, "")
    return "\n".join(out).strip()


def with_sources(answer: Answer, lang: str) -> Answer:
    """``answer`` opened by the documents it quotes, one line each: the answer to a follow-up
    asking where it comes from (「出典は？」, "source?"). Each line names the numbers that cite
    the document, its title, its page and its link (ipfin's framing: it states no fact)."""
    if answer.abstained or not answer.citations:
        return answer
    # (one line per document, page and link: quotes from two pages of a PDF are two lines)
    seen: dict[tuple[str, int | None, str], list[int]] = {}
    for c in answer.citations:
        seen.setdefault((c.doc.title, c.chunk.page, c.url or ""), []).append(c.n)
    sources = [AnswerLine(t("answer.sources_lead", lang), kind="framing")]
    for (title, page, url), ns in seen.items():
        refs = "".join(f"[{n}]" for n in ns)
        where = t("answer.source_page", lang, page=page) if page else ""
        sources.append(AnswerLine(" ".join(p for p in (f"{refs} {title}{where}", url) if p), kind="framing"))
    listed = [sources[0].text, *(f"- {line.text}" for line in sources[1:])]
    text = "\n".join(listed) + "\n\n" + answer.text
    return replace(answer, text=text, lines=(*sources, *answer.lines))
