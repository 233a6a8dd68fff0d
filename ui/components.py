"""Shared pieces of the pages: loading the assistant once, and rendering answers safely.

Safety rule for every page: text from documents and users is either Markdown-escaped
(:func:`escape_md`) or HTML-escaped (:func:`highlight_html`) before it is shown. The only
HTML the app writes itself is the ``<mark>`` around an already-escaped quote, rendered
with ``st.html`` (sanitised by Streamlit, scripts never run). URLs become links only
when they are plain http(s) URLs.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import streamlit as st

from assistant.app import AnswerView, Assistant, CitationCard, OfficialDocuments, Settings, frame, messages
from ui.strings import t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=:])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`()\[\]]+$")
_CITE_MARK = re.compile(r"\\\[(\d{1,2})\\\]")
_EVIDENCE_COLOR = {"strong": "green", "moderate": "orange", "weak": "red"}
_KIND_COLOR = {"brief": "blue", "primary": "green", "secondary": "gray", "user": "violet"}
PORTAL_SOURCE_ID = "chizai-kinyu-portal-about"


def escape_md(text: str) -> str:
    """Render user and document text literally: escape every Markdown/HTML character."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def emphasise_citations(escaped: str) -> str:
    """Bold the inline [n] markers of an already-escaped answer text."""
    return _CITE_MARK.sub(r"**\\[\1\\]**", escaped)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL that can sit in a Markdown link, else None."""
    return url if url and _SAFE_URL.match(url) else None


def url_host(url: str) -> str:
    """The host of a URL, shown next to a link so a reader knows where it leads."""
    return urlsplit(url).netloc.removeprefix("www.") or url


def md_link(label: str, url: str | None) -> str:
    """A Markdown link with an escaped label, or the escaped label alone for an unsafe URL."""
    good = safe_url(url)
    return f"[{escape_md(label)}]({good})" if good else escape_md(label)


def highlight_html(chunk_text: str, quote: str) -> str:
    """The chunk as escaped HTML with the quote wrapped in ``<mark>`` (escape first, mark second)."""
    start = chunk_text.find(quote) if quote else -1
    if start < 0:
        before, marked, after = chunk_text, "", ""
    else:
        before, marked, after = chunk_text[:start], quote, chunk_text[start + len(quote) :]

    def esc(s: str) -> str:
        return html.escape(s, quote=True).replace("\n", "<br>")

    mark = f'<mark class="ipfin-quote">{esc(marked)}</mark>' if marked else ""
    return (
        '<div class="ipfin-chunk" style="font-size:0.9rem;line-height:1.6;padding:0.5rem 0.75rem;'
        'border-left:3px solid #c9a227;background:rgba(250,240,200,0.15)">'
        f"{esc(before)}{mark}{esc(after)}</div>"
    )


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


# ---------------------------------------------------------------------- rendering


def render_card(card: CitationCard, lang: str) -> None:
    """A source card: number, title, kind, publisher/year/page, the quote in context (with a
    warning when it holds a sentence that reads like an instruction to an AI), links."""
    with st.container(border=True):
        kind = kind_label(card.kind, lang)
        color = _KIND_COLOR.get(card.kind, "gray")
        st.markdown(f"**\\[{card.n}\\]** {escape_md(card.title)} :{color}-badge[{escape_md(kind)}]")
        meta = [escape_md(card.publisher)] if card.publisher else []
        if card.year:
            meta.append(str(card.year))
        if card.page:
            meta.append(f"{t('page', lang)} {card.page}")
        if card.section:
            meta.append(f"{t('section', lang)}: {escape_md(card.section)}")
        if meta:
            st.caption(" · ".join(meta))
        st.caption(t("quote_in_context", lang))
        st.html(highlight_html(card.chunk_text, card.quote))
        if card.suspicious or card.suspicious_spans:  # an instruction to an AI, shown as the text it is
            st.warning(escape_md(messages.t("answer.suspicious_quote", lang)))
        links: list[str] = []
        for url in card.fact_urls:
            if safe_url(url):
                links.append(md_link(f"{t('fact_source', lang)} ({url_host(url)})", url))
        if card.document_url and safe_url(card.document_url):
            links.append(md_link(t("open_document", lang), card.document_url))
        for off in card.official:
            label = t("official_doc", lang) if off.matched else t("related_official", lang)
            links.append(f"{escape_md(label)}: {md_link(off.title, off.url)}")
        if links:
            st.markdown("  \n".join(f"↗ {link}" for link in links))


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
        lines = [md_link(items[0], portal.url) if portal else escape_md(items[0])]
        lines += [escape_md(item) for item in items[1:]]
        st.markdown("\n".join(f"- {line}" for line in lines))


def render_answer(view: AnswerView, persona_id: str, lang: str, officials: OfficialDocuments | None) -> None:
    if view.notice:
        st.info(escape_md(view.notice), icon=":material/info:")
    if view.abstained:
        render_abstention(view, lang, officials)
    else:
        framing = frame(view, persona_id, lang)
        if framing:
            st.caption(escape_md(framing.lead))
        st.markdown(emphasise_citations(escape_md(view.text)))
        if view.mode == "llm" and view.verification:
            v = view.verification
            st.caption(
                t("verified", lang).format(supported=v.supported, unsupported=len(v.unsupported))
                + (t("verified_removed", lang) if v.removed else "")
            )
        if view.conflict:
            st.warning(t("conflict_notice", lang), icon=":material/warning:")
        render_evidence(view, lang)
        if framing and framing.points:
            points = " · ".join(
                f"{escape_md(p.label)} " + "".join(f"\\[{n}\\]" for n in p.citations) for p in framing.points
            )
            st.markdown(f"**{t('points', lang)}**: {points}")
        if framing:
            with st.expander(t("next_steps", lang)):
                st.caption(t("next_steps_note", lang))
                st.markdown("\n".join(f"- {escape_md(step)}" for step in framing.next_steps))
    if view.searched_differently:
        st.caption(f"{t('searched_as', lang)}: {escape_md(view.condensed_query)}")
    if view.cards:
        st.markdown(f"**{t('sources', lang)}**")
        for card in view.cards:
            render_card(card, lang)
