"""文書一覧: every indexed document, and the user's own documents (add, remove).

An upload is checked, saved under ``IPFIN_HOME/uploads/`` and indexed as kind "user"
by ``assistant.uploads``; the chat sees it at once because the cached assistant is
keyed by the index's manifest stamp.
"""

from __future__ import annotations

import streamlit as st

from assistant.app import Assistant, IndexNotBuiltError, IpfinError, UploadRejectedError
from ui.components import current_assistant, escape_md, kind_label, safe_url
from ui.strings import t


def _rejection_message(exc: IpfinError, lang: str) -> str:
    """The refusal in the user's language when it has a known code, else the error's own line."""
    if isinstance(exc, UploadRejectedError) and exc.code:
        try:
            params = {k: escape_md(str(v)) for k, v in exc.params.items()}
            return t(f"upload_{exc.code}", lang).format(**params)
        except (KeyError, IndexError):
            pass
    return f"{t('error', lang)}: {escape_md(str(exc))}"


def _flash(kind: str, message: str) -> None:
    st.session_state.sources_flash = (kind, message)


def _show_flash() -> None:
    flash = st.session_state.pop("sources_flash", None)
    if flash:
        kind, message = flash
        (st.success if kind == "ok" else st.error)(message)


def _remove(source_id: str, title: str) -> None:
    """Button callback: runs before the page is drawn, so the lists below are current."""
    lang = st.session_state.get("lang", "ja")
    try:
        current_assistant().remove_upload(source_id)
    except IpfinError as exc:
        _flash("error", _rejection_message(exc, lang))
    else:
        _flash("ok", t("removed", lang).format(title=escape_md(title)))


def document_table(assistant: Assistant, lang: str) -> None:
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
                t("col_indexed", lang): info.indexed_at.replace("T", " ").replace("+00:00", " UTC"),
                t("col_url", lang): safe_url(doc.url) or "",
            }
        )
    st.dataframe(
        rows,
        hide_index=True,
        use_container_width=True,
        column_config={t("col_url", lang): st.column_config.LinkColumn()},
    )


def upload_section(assistant: Assistant, lang: str) -> None:
    st.subheader(t("upload_title", lang))
    st.caption(
        t("upload_intro", lang).format(
            limit=assistant.settings.max_file_mb, folder=escape_md(str(assistant.uploads_folder))
        )
    )
    uploaded = st.file_uploader(t("upload_label", lang), key="upload")
    if uploaded is not None and st.button(t("upload_button", lang), type="primary"):
        try:
            with st.spinner(t("upload_working", lang)):
                result = assistant.add_upload(uploaded.name, uploaded.getvalue())
        except IpfinError as exc:
            st.error(_rejection_message(exc, lang))
        else:
            st.success(t("upload_ok", lang).format(title=escape_md(result.doc.title), chunks=result.chunks))

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
    st.title(t("src_title", lang))
    st.caption(t("src_intro", lang))
    _show_flash()
    try:
        assistant = current_assistant()
        assistant.documents()
    except IndexNotBuiltError:
        st.error(t("no_index", lang))
        return
    except IpfinError as exc:
        st.error(f"{t('error', lang)}: {escape_md(str(exc))}")
        return
    table = st.container()  # drawn last, so it already shows an upload made below
    upload_section(assistant, lang)
    with table:
        document_table(assistant, lang)


sources_page()
