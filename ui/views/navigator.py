"""選択肢ナビ: an SME answers five questions and sees the financing options that fit.

Every reason, caveat and next step is a quote from the indexed briefs with its source
number; the rules are ``corpus/options.yaml`` and the logic is ``assistant.navigator``.
"""

from __future__ import annotations

import streamlit as st

from assistant.app import COMPANY_FORMS, STAGES, CitedPoint, IndexNotBuiltError, IpfinError, Profile, citation_card
from ui.components import current_assistant, escape_md, render_card
from ui.strings import t

#: The answers shown first: a company with a patent and no real estate (a typical case).
DEFAULTS = {"company_form": "kabushiki", "registered_ip": True, "real_estate": False, "avoid_guarantee": True}


def _point_line(point: CitedPoint) -> str:
    label = f"**{escape_md(point.label)}**: " if point.label else ""
    note = f" ({escape_md(point.note)})" if point.note else ""
    return f"- {label}「{escape_md(point.citation.quote)}」 \\[{point.citation.n}\\]{note}"


def _section(title: str, points: tuple[CitedPoint, ...]) -> None:
    if points:
        st.markdown(f"**{escape_md(title)}**\n\n" + "\n".join(_point_line(p) for p in points))


def _yes_no(value: bool, lang: str) -> str:
    return t("yes" if value else "no", lang)


def navigator_page() -> None:
    state = st.session_state
    lang = state.get("lang", "ja")
    st.title(t("nav_title", lang))
    st.caption(t("nav_intro", lang))
    try:
        assistant = current_assistant()
        assistant.documents()
    except IndexNotBuiltError:
        st.error(t("no_index", lang))
        return
    except IpfinError as exc:
        st.error(f"{t('error', lang)}: {escape_md(str(exc))}")
        return

    with st.form("navigator"):
        company_form = st.radio(
            t("q_company_form", lang),
            COMPANY_FORMS,
            index=COMPANY_FORMS.index(DEFAULTS["company_form"]),
            format_func=lambda v: t(f"company_form_{v}", lang),
            horizontal=True,
            key="nav_company_form",
        )
        answers = {}
        for field in ("registered_ip", "real_estate", "avoid_guarantee"):
            answers[field] = st.radio(
                t(f"q_{field}", lang),
                (True, False),
                index=0 if DEFAULTS[field] else 1,
                format_func=lambda v: _yes_no(v, lang),
                horizontal=True,
                key=f"nav_{field}",
            )
        stage = st.radio(
            t("q_stage", lang),
            STAGES,
            index=STAGES.index("seicho"),
            format_func=lambda v: t(f"stage_{v}", lang),
            horizontal=True,
            key="nav_stage",
        )
        if st.form_submit_button(t("nav_submit", lang), type="primary"):
            state.nav_profile = Profile(company_form=company_form, stage=stage, **answers)

    profile = state.get("nav_profile")
    if profile is None:
        return
    try:
        result = assistant.recommend(profile, lang)
    except IpfinError as exc:
        st.error(f"{t('error', lang)}: {escape_md(str(exc))}")
        return

    st.subheader(t("nav_results", lang))
    st.caption(t("nav_disclaimer", lang))
    if not result.recommended:
        st.info(t("nav_none", lang))
    for rank, rec in enumerate(result.recommended, start=1):
        with st.container(border=True):
            st.markdown(f"#### {rank}. {escape_md(rec.name)}")
            if rec.note:
                st.caption(escape_md(rec.note))
            _section(t("nav_why", lang), rec.why)
            _section(t("nav_caveats", lang), rec.caveats)
            _section(t("nav_next", lang), rec.next_steps)
    if result.excluded:
        st.subheader(t("nav_excluded", lang))
        for ex in result.excluded:
            with st.container(border=True):
                st.markdown(f"#### {escape_md(ex.name)}")
                st.markdown("\n".join(_point_line(p) for p in ex.reasons))
    if result.citations:
        officials = assistant.officials
        with st.expander(f"{t('nav_result_sources', lang)} ({len(result.citations)})", expanded=False):
            for citation in result.citations:
                render_card(citation_card(citation, officials), lang)


navigator_page()
