"""選択肢ナビ: an SME answers six questions and sees every financing option, as fitting or not.

Every reason, caveat and next step is a quote from the indexed briefs with its source
number, and every [n] leads to its source card; the rules are ``corpus/options.yaml`` and
the logic is ``assistant.app.navigator``. Options that do not fit are listed too, with the
cited reason (or, when no reason in the documents fits the answers, what the option is).
"""

from __future__ import annotations

import streamlit as st

from assistant.app import COMPANY_FORMS, STAGES, CitedPoint, IpfinError, Profile, citation_card, user_message
from ui.components import cite_html, esc, escape_md, page_start, sources_html
from ui.strings import t

#: The answers shown first: a growing company with a patent and no real estate (a typical case).
DEFAULTS = {
    "company_form": "kabushiki",
    "registered_ip": True,
    "real_estate": False,
    "movable_assets": False,
    "avoid_guarantee": True,
    "stage": "seicho",
}
YES_NO_FIELDS = ("registered_ip", "real_estate", "movable_assets", "avoid_guarantee")
TURN = "nav"


def _point_html(point: CitedPoint, numbers: frozenset[int]) -> str:
    label = f"<strong>{esc(point.label)}</strong>: " if point.label else ""
    note = f" <span class=\"ipfin-translation-mark\">({esc(point.note)})</span>" if point.note else ""
    n = point.citation.n
    cite = cite_html(TURN, n) if n in numbers else f"[{n}]"
    return f"<li>{label}「{esc(point.citation.quote)}」 {cite}{note}</li>"


def _section(title: str, points: tuple[CitedPoint, ...], numbers: frozenset[int]) -> str:
    if not points:
        return ""
    return f'<p class="ipfin-group">{esc(title)}</p><ul>' + "".join(_point_html(p, numbers) for p in points) + "</ul>"


def _yes_no(value: bool, lang: str) -> str:
    return t("yes" if value else "no", lang)


def navigator_page() -> None:
    state = st.session_state
    lang = state.get("lang", "ja")
    assistant = page_start("nav_title", "nav_intro", lang)
    if assistant is None:
        return

    # The radios show translated labels, and Streamlit keeps a radio's choice as its label:
    # each language gets its own widgets (``nav_<field>_<lang>``), started from the last answers.
    chosen = {**DEFAULTS, **state.get("nav_answers", {})}
    with st.form("navigator"):
        company_form = st.radio(
            t("q_company_form", lang),
            COMPANY_FORMS,
            index=COMPANY_FORMS.index(chosen["company_form"]),
            format_func=lambda v: t(f"company_form_{v}", lang),
            horizontal=True,
            key=f"nav_company_form_{lang}",
        )
        answers = {}
        for field in YES_NO_FIELDS:
            answers[field] = st.radio(
                t(f"q_{field}", lang),
                (True, False),
                index=0 if chosen[field] else 1,
                format_func=lambda v: _yes_no(v, lang),
                horizontal=True,
                key=f"nav_{field}_{lang}",
            )
        stage = st.radio(
            t("q_stage", lang),
            STAGES,
            index=STAGES.index(chosen["stage"]),
            format_func=lambda v: t(f"stage_{v}", lang),
            horizontal=True,
            key=f"nav_stage_{lang}",
        )
        if st.form_submit_button(t("nav_submit", lang), type="primary"):
            state.nav_answers = {"company_form": company_form, "stage": stage, **answers}
            state.nav_profile = Profile(**state.nav_answers)

    profile = state.get("nav_profile")
    if profile is None:
        return
    try:
        with st.spinner(t("nav_working", lang)):
            result = assistant.recommend(profile, lang)
    except IpfinError as exc:
        st.error(user_message(exc, lang, escape_md))
        return

    numbers = frozenset(c.n for c in result.citations)
    st.subheader(t("nav_results", lang))
    st.caption(t("nav_disclaimer", lang))
    if not result.recommended:
        st.info(t("nav_none", lang))
    for rank, rec in enumerate(result.recommended, start=1):
        with st.container(border=True):
            st.markdown(f"#### {rank}. {escape_md(rec.name)}")
            if rec.note:
                st.caption(escape_md(rec.note))
            st.html(
                '<div class="ipfin-answer">'
                + _section(t("nav_why", lang), rec.why, numbers)
                + _section(t("nav_caveats", lang), rec.caveats, numbers)
                + _section(t("nav_next", lang), rec.next_steps, numbers)
                + "</div>"
            )
    if result.excluded:
        st.subheader(t("nav_excluded", lang))
        for ex in result.excluded:
            with st.container(border=True):
                st.markdown(f"#### {escape_md(ex.name)}")
                if ex.note:
                    st.caption(escape_md(ex.note))
                title = t("nav_ruled_out" if ex.ruled_out else "nav_no_reason", lang)
                st.html('<div class="ipfin-answer">' + _section(title, ex.reasons, numbers) + "</div>")
    if result.citations:
        officials = assistant.officials
        cards = tuple(citation_card(c, officials) for c in result.citations)
        st.html(sources_html(cards, TURN, lang, title=f"{t('nav_result_sources', lang)} ({len(cards)})"))


navigator_page()
