"""文書一覧: every indexed document, and the user's own documents (add, replace, remove).

An upload is checked, saved under ``IPFIN_HOME/uploads/`` and indexed as kind "user" by
``assistant.app.uploads``; the chat sees it at once because the assistant notices the
index's new manifest. A file named like an earlier upload is not replaced until the user
confirms; a file whose content is already indexed is not added again, and the page says so.
The uploader's limit is ipfin's own (``Settings.max_file_mb``), not Streamlit's default.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from assistant.app import Assistant, IpfinError, UploadRejectedError, local_time, user_message
from ui.components import browser_timezone, current_assistant, escape_md, kind_label, page_start, safe_url
from ui.strings import t

PENDING = "upload_pending"


def _flash(kind: str, message: str) -> None:
    st.session_state.sources_flash = (kind, message)


def _show_flash() -> None:
    flash = st.session_state.pop("sources_flash", None)
    if flash:
        kind, message = flash
        {"ok": st.success, "info": st.info, "warning": st.warning}.get(kind, st.error)(message)


def _remove(source_id: str, title: str) -> None:
    """Button callback: runs before the page is drawn, so the lists below are current."""
    lang = st.session_state.get("lang", "ja")
    try:
        current_assistant().remove_upload(source_id)
    except IpfinError as exc:
        _flash("error", user_message(exc, lang, escape_md))
    else:
        _flash("ok", t("removed", lang).format(title=escape_md(title)))


def _add(name: str, data: bytes, replace: bool = False) -> None:
    """Index one upload and say what happened (added, replaced, already there, refused)."""
    state = st.session_state
    lang = state.get("lang", "ja")
    try:
        with st.spinner(t("upload_working", lang)):
            result = current_assistant().add_upload(name, data, replace=replace)
    except UploadRejectedError as exc:
        if exc.code == "same_name":
            state[PENDING] = (name, data)
            return
        kind = "info" if exc.code == "identical" else "error"
        _flash(kind, user_message(exc, lang, escape_md))
    except IpfinError as exc:
        _flash("error", user_message(exc, lang, escape_md))
    else:
        key = "upload_replaced" if replace else "upload_ok"
        _flash("ok", t(key, lang).format(title=escape_md(result.doc.title), chunks=result.chunks))
    state.pop(PENDING, None)


def _confirm_replace() -> None:
    pending = st.session_state.get(PENDING)
    if pending:
        _add(*pending, replace=True)


def _cancel_replace() -> None:
    st.session_state.pop(PENDING, None)
    _flash("info", t("upload_kept", st.session_state.get("lang", "ja")))


def _indexed_at(raw: str, tz) -> str:
    try:
        return local_time(datetime.fromisoformat(raw), tz)
    except ValueError:
        return raw


def document_table(assistant: Assistant, lang: str) -> None:
    tz = browser_timezone()
    rows = []
    for info in assistant.documents():
        doc = info.doc
        rows.append(
            {
                t("col_title", lang): doc.title,
                t("col_kind", lang): kind_label(doc.kind, lang),
                t("col_publisher", lang): doc.publisher,
                t("col_year", lang): str(doc.year or ""),
                t("col_chunks", lang): info.chunks,
                t("col_indexed", lang): _indexed_at(info.indexed_at, tz),
                t("col_url", lang): safe_url(doc.url) or "",
            }
        )
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={t("col_url", lang): st.column_config.LinkColumn()},
    )


def upload_section(assistant: Assistant, lang: str) -> None:
    state = st.session_state
    limit = assistant.settings.max_file_mb
    st.subheader(t("upload_title", lang))
    st.caption(t("upload_intro", lang).format(limit=limit))
    uploaded = st.file_uploader(t("upload_label", lang), key="upload", max_upload_size=limit, type=None)
    pending = state.get(PENDING)
    if pending:
        with st.container(border=True):
            st.warning(t("upload_same_name_confirm", lang).format(name=escape_md(pending[0])))
            with st.container(horizontal=True):
                st.button(t("upload_replace", lang), type="primary", on_click=_confirm_replace)
                st.button(t("upload_cancel", lang), on_click=_cancel_replace)
    elif uploaded is not None and st.button(t("upload_button", lang), type="primary"):
        _add(uploaded.name, uploaded.getvalue())
        st.rerun()

    uploads = assistant.uploads()
    if not uploads:
        st.caption(t("no_uploads", lang))
    for info in uploads:
        doc = info.doc
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.markdown(
            f"**{escape_md(doc.title)}** · {escape_md(kind_label(doc.kind, lang))} · "
            f"{info.chunks} {escape_md(t('col_chunks', lang))}"
        )
        right.button(
            t("remove", lang), key=f"remove-{doc.source_id}", on_click=_remove, args=(doc.source_id, doc.title)
        )


def sources_page() -> None:
    lang = st.session_state.get("lang", "ja")
    assistant = page_start("src_title", "src_intro", lang)
    if assistant is None:
        return
    _show_flash()
    table = st.container()  # drawn last, so it already shows an upload made below
    upload_section(assistant, lang)
    with table:
        document_table(assistant, lang)


sources_page()
