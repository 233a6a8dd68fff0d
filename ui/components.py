"""Shared pieces of the pages: loading the assistant once, and rendering answers safely.

Safety rule for every page: text from documents and users is HTML-escaped (:func:`esc`)
and shown through ``st.html`` as text, or Markdown-escaped (:func:`escape_md`) where only
Markdown can go (labels, captions). Neither a ``<script>``, an ``<a href>`` nor a Markdown
link in a document becomes markup; a URL in a document shows as characters. The only links
are ipfin's own: the [n] markers (to their source card on the page) and the citation links
of a card (fact source, document, official document), and only for plain http(s) URLs.
The builders below return HTML strings; the page passes them to ``st.html``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from assistant.app import (
    AnswerLine,
    AnswerView,
    Assistant,
    CitationCard,
    Framing,
    IpfinError,
    OfficialDocuments,
    PassageCard,
    Settings,
    group_label,
    group_passages,
    resolve_timezone,
    user_message,
)
from ui.strings import t

ASSETS = Path(__file__).resolve().parent / "assets"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=:])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`()\[\]]+$")
_CITE = re.compile(r"\[(\d{1,3})\]")
_TRAILING_CITE = re.compile(r"\s*\[\d{1,3}\]\s*$")
_EVIDENCE_COLOR = {"strong": "green", "moderate": "orange", "weak": "red"}
PORTAL_SOURCE_ID = "chizai-kinyu-portal-about"


# ---------------------------------------------------------------------- escaping


def esc(text: object) -> str:
    """Text as HTML text: every ``<``, ``&`` and quote escaped."""
    return html.escape(str(text), quote=True)


def escape_md(text: str) -> str:
    """Text as literal Markdown (for labels and captions Streamlit parses as Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL, else None (never made a link)."""
    return url if url and _SAFE_URL.match(url) else None


def url_host(url: str) -> str:
    """The host of a URL, shown next to a link so a reader knows where it leads."""
    return urlsplit(url).netloc.removeprefix("www.") or url


def link_html(label: str, url: str | None) -> str:
    """An outbound link with an escaped label, or the escaped label alone for an unsafe URL."""
    good = safe_url(url)
    if not good:
        return esc(label)
    return f'<a href="{esc(good)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>'


def anchor_id(turn: str, n: int) -> str:
    return f"ipfin-{turn}-src-{n}"


def cite_html(turn: str, n: int) -> str:
    return f'<a class="ipfin-cite" href="#{anchor_id(turn, n)}">[{n}]</a>'


def linkify_cites(escaped: str, turn: str, numbers: frozenset[int]) -> str:
    """Turn the ``[n]`` of already-escaped text into links to their cards (known numbers only)."""
    return _CITE.sub(lambda m: cite_html(turn, int(m.group(1))) if int(m.group(1)) in numbers else m.group(0), escaped)


def kind_label(kind: str, lang: str) -> str:
    key = f"kind_{kind}"
    try:
        return t(key, lang)
    except KeyError:
        return kind


# ---------------------------------------------------------------------- loading


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_assistant(settings_key: str) -> Assistant:
    """One assistant per process and settings, shared by every session: the model and the
    index load once. ``settings_key`` is the settings' repr (which leaves out the API key).
    The assistant notices a new index state (an ingest, an upload) by itself."""
    return Assistant(Settings.from_env())


def current_assistant() -> Assistant:
    """The shared assistant for the current settings (raises ConfigError for bad ones)."""
    return _load_assistant(repr(Settings.from_env()))


def page_start(title_key: str, intro_key: str, lang: str) -> Assistant | None:
    """A page's title and introduction, then the shared assistant with its index open;
    None (after a one-line error in the reader's language) when it cannot be opened."""
    st.title(t(title_key, lang))
    st.caption(t(intro_key, lang))
    try:
        assistant = current_assistant()
        assistant.documents()
    except IpfinError as exc:
        st.error(user_message(exc, lang, escape_md))
        return None
    return assistant


def browser_timezone():
    """The reader's time zone (from the browser), else Japan time."""
    try:
        name = st.context.timezone
    except Exception:  # noqa: BLE001 - no browser context (AppTest, bare mode)
        name = None
    return resolve_timezone(name)


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def install_page_assets(scroll_to: str | None = None, nonce: str = "") -> None:
    """ipfin's stylesheet and script (``ui/assets``; ipfin's own code, never document text).
    ``scroll_to`` names the element to bring to the top after this run (a new answer)."""
    st.html(f"<style>{_asset('ipfin.css')}</style>")
    directive = f"window.__ipfin.scrollTo({scroll_to!r});" if scroll_to else ""
    st.html(
        f"<script>/*{esc(nonce)}*/{_asset('ipfin.js')}\n{directive}</script>",
        unsafe_allow_javascript=True,
        width=1,
    )


# ---------------------------------------------------------------------- answers


def _fact_li(line: AnswerLine, turn: str, view: AnswerView, lang: str) -> str:
    quote = esc(_TRAILING_CITE.sub("", line.text))
    cite = f" {cite_html(turn, line.cite)}" if line.cite and line.cite in view.numbers else ""
    if lang == "en" and line.translation:
        return (
            f"<li>{esc(line.translation)} <span class=\"ipfin-translation-mark\">({esc(t('translation_mark', lang))})"
            f"</span>{cite}<span class=\"ipfin-original\" lang=\"ja\">{esc(t('original', lang))}: 「{quote}」</span></li>"
        )
    if lang == "en":  # no English rendering in the corpus: say so instead of leaving it unexplained
        only = esc(t("japanese_only", lang))
        return f'<li><span lang="ja">{quote}</span>{cite} <span class="ipfin-translation-mark">({only})</span></li>'
    return f"<li>{quote}{cite}</li>"


def _lines_html(view: AnswerView, turn: str, lang: str) -> str:
    out: list[str] = []
    in_list = False
    for line in view.lines:
        if line.group:  # a jurisdiction label ("▼ 米国では"): its own line, shown once, as text
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(f'<p class="ipfin-group">{esc(group_label(line))}</p>')
            if line.kind != "fact":
                continue
        if line.kind == "fact":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(_fact_li(line, turn, view, lang))
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        body = linkify_cites(esc(line.text), turn, view.numbers)
        css = "ipfin-note" if line.kind == "note" else "ipfin-framing"
        out.append(f'<p class="{css}">{body}</p>')
    if in_list:
        out.append("</ul>")
    return "".join(out)


def _text_html(view: AnswerView, turn: str) -> str:
    paragraphs = [line.strip() for line in view.text.split("\n") if line.strip()]
    return "".join(f"<p>{linkify_cites(esc(p), turn, view.numbers)}</p>" for p in paragraphs)


def answer_html(view: AnswerView, turn: str, lang: str) -> str:
    """The answer's body: from its lines when it has them (lists, group labels, notes), else
    its text one paragraph per line; every part escaped, every [n] a link to its card."""
    body = _lines_html(view, turn, lang) if view.lines else _text_html(view, turn)
    return f'<div class="ipfin-answer" id="ipfin-{turn}-answer">{body}</div>'


def points_html(framing: Framing, turn: str, view: AnswerView, lang: str) -> str:
    items = " · ".join(
        f"{esc(p.label)} " + "".join(cite_html(turn, n) for n in p.citations if n in view.numbers)
        for p in framing.points
    )
    return f'<div class="ipfin-answer"><p><strong>{esc(t("points", lang))}</strong>: {items}</p></div>'


def draft_html(text: str, lang: str, done: bool = False) -> str:
    """An LLM's streamed text before verification, marked as a draft (escaped)."""
    cursor = "" if done else " ▌"
    return (
        f'<div class="ipfin-draft-label">{esc(t("draft_label", lang))}</div>'
        f'<div class="ipfin-draft">{esc(text)}{cursor}</div>'
    )


def copy_button_html(text: str, lang: str) -> str:
    label = esc(t("copy", lang))
    return (
        f'<button class="ipfin-copy" type="button" data-copy="{esc(text)}" data-label="{label}" '
        f'data-done="{esc(t("copied", lang))}" data-failed="{esc(t("copy_failed", lang))}" '
        f'title="{esc(t("copy_help", lang))}">{label}</button>'
    )


# ---------------------------------------------------------------------- source cards


def _chunk_html(passage: PassageCard, turn: str, lang: str) -> str:
    parts: list[str] = []
    odd_title = esc(t("suspicious_span", lang))
    for seg in passage.segments():
        text = esc(seg.text)
        if seg.cites:
            sups = "".join(f"[{n}]" for n in seg.cites)
            cls = "ipfin-quote ipfin-suspicious" if seg.suspicious else "ipfin-quote"
            parts.append(f'<mark class="{cls}">{text}<sup>{sups}</sup></mark>')
        elif seg.suspicious:
            parts.append(f'<span class="ipfin-suspicious" title="{odd_title}">{text}</span>')
        else:
            parts.append(text)
    return f'<div class="ipfin-chunk">{"".join(parts)}</div>'


def _official_label(key: str, lang: str) -> str:
    return t({"official": "official_doc", "related_official": "related_official", "commentary": "commentary"}[key], lang)


def card_html(passage: PassageCard, turn: str, lang: str, open_: bool = False) -> str:
    """One collapsible card per quoted passage: its [n]s, title, kind, where it is, the
    passage with every quote marked, and ipfin's links (fact source, document, official)."""
    card: CitationCard = passage.first
    nums = "".join(f"[{n}]" for n in passage.numbers)
    badges = f'<span class="ipfin-badge kind-{esc(card.kind)}">{esc(kind_label(card.kind, lang))}</span>'
    if passage.suspicious:
        badges += f'<span class="ipfin-badge ipfin-warn">{esc(t("suspicious_badge", lang))}</span>'
    meta = [esc(card.publisher)] if card.publisher else []
    if card.year:
        meta.append(str(card.year))
    if card.page:
        meta.append(f"{esc(t('page', lang))} {card.page}")
    if card.section:
        meta.append(f"{esc(t('section', lang))}: {esc(card.section)}")
    anchors = "".join(f'<span id="{anchor_id(turn, n)}"></span>' for n in passage.numbers)
    body = [anchors, _chunk_html(passage, turn, lang)]
    if passage.suspicious:
        body.append(f'<div class="ipfin-warning">⚠ {esc(t("suspicious_warning", lang))}</div>')
    if lang == "en":
        for c in passage.cards:
            if c.translation:
                body.append(
                    f'<div class="ipfin-translation">[{c.n}] {esc(t("translation_of", lang))}: {esc(c.translation)}</div>'
                )
    links: list[str] = []
    for url in passage.fact_urls:
        if safe_url(url):
            links.append(f'{link_html(t("fact_source", lang), url)} <span class="ipfin-host">({esc(url_host(url))})</span>')
    official_urls = {o.url for o in passage.official}
    if card.document_url and safe_url(card.document_url) and card.document_url not in official_urls:
        links.append(link_html(t("open_document", lang), card.document_url))
    for off in passage.official:
        links.append(f"{esc(_official_label(off.label_key, lang))}: {link_html(off.title, off.url)}")
    if links:
        body.append('<ul class="ipfin-links">' + "".join(f"<li>{link}</li>" for link in links) + "</ul>")
    summary = (
        f'<summary><span class="ipfin-nums">{nums}</span>{esc(card.title)}{badges}'
        f'<br><span class="ipfin-meta">{" · ".join(meta)}</span></summary>'
    )
    data = " ".join(str(n) for n in passage.numbers)
    return f'<details class="ipfin-card" data-cites="{data}"{" open" if open_ else ""}>{summary}{"".join(body)}</details>'


def sources_html(cards: tuple[CitationCard, ...], turn: str, lang: str, title: str | None = None) -> str:
    passages = group_passages(cards)
    head = title or t("sources_count", lang).format(passages=len(passages), citations=len(cards))
    return f'<div class="ipfin-sources"><div class="ipfin-sources-title">{esc(head)}</div>' + "".join(
        card_html(p, turn, lang) for p in passages
    ) + "</div>"


# ---------------------------------------------------------------------- answer parts (Streamlit)


def render_evidence(view: AnswerView, lang: str) -> None:
    color = _EVIDENCE_COLOR.get(view.level, "gray")
    label = t(f"evidence_{view.level}", lang)
    st.markdown(f":{color}-badge[{escape_md(t('evidence', lang))}: {escape_md(label)}]")
    st.caption(
        t("evidence_detail", lang).format(
            coverage=f"{view.evidence.get('coverage', 0):.2f}",
            similarity=f"{view.evidence.get('similarity', 0):.2f}",
            confidence=f"{view.confidence:.2f}",
        )
    )


def render_abstention(view: AnswerView, lang: str, officials: OfficialDocuments | None) -> None:
    """A clear card: the documents do not cover this, what is missing, and where to ask."""
    st.warning(f"**{t('abstained', lang)}**\n\n{escape_md(view.text)}", icon=":material/search_off:")
    with st.container(border=True):
        if view.abstain_reason:
            st.markdown(f"**{t('not_covered', lang)}**: {escape_md(view.abstain_reason)}")
        st.markdown(f"**{t('where_to_ask', lang)}**")
        items = t("where_to_ask_items", lang).split("\n")
        portal = officials.link(PORTAL_SOURCE_ID) if officials else None
        first = f"[{escape_md(items[0])}]({portal.url})" if portal and safe_url(portal.url) else escape_md(items[0])
        lines = [first] + [escape_md(item) for item in items[1:]]
        st.markdown("\n".join(f"- {line}" for line in lines))
