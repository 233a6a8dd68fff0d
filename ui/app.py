"""The chat page. Thin: state and layout here, every decision in the ``assistant`` package.

Text from documents and users is shown escaped: a chunk containing <script> or a
Markdown link renders as the characters it contains.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings
from assistant.errors import IndexNotBuiltError, IpfinError
from ui.strings import t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$=:])")


def escape_md(text: str) -> str:
    """Render user and document text literally: escape every Markdown/HTML character."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


@st.cache_resource(show_spinner=False)
def load_assistant(home: str, embedder: str, model: str):
    """One assistant per index and embedder, shared by every session of the server."""
    from assistant.service import Assistant

    return Assistant(Settings.from_env())


def render_answer(answer: dict, lang: str) -> None:
    if answer["abstained"]:
        st.warning(f"**{t('abstained', lang)}**\n\n{escape_md(answer['answer'])}")
        if answer.get("abstain_reason"):
            st.caption(f"{t('reason', lang)}: {escape_md(answer['abstain_reason'])}")
    else:
        st.markdown(escape_md(answer["answer"]))
    if answer["condensed_query"] != answer["query"]:
        st.caption(f"{t('searched_as', lang)}: {escape_md(answer['condensed_query'])}")
    if answer["citations"]:
        st.markdown(f"**{t('sources', lang)}**")
    for c in answer["citations"]:
        page = f" · {t('page', lang)} {c['page']}" if c.get("page") else ""
        year = f" ({c['year']})" if c.get("year") else ""
        with st.expander(f"[{c['n']}] {c['title']}{year} — {c['publisher']}{page}"):
            st.markdown("> " + escape_md(c["quote"]))
            if c.get("section"):
                st.caption(f"{t('section', lang)}: {escape_md(c['section'])}")
            if c.get("url"):
                st.link_button(t("open_source", lang), c["url"])
                st.caption(escape_md(c["url"]))


def main() -> None:
    st.set_page_config(page_title="ipfin", page_icon="📄", layout="centered")
    state = st.session_state
    state.setdefault("messages", [])
    state.setdefault("lang", "ja")

    with st.sidebar:
        choice = st.radio(
            t("language", state.lang), ["日本語", "English"], index=0 if state.lang == "ja" else 1, horizontal=True
        )
        state.lang = "ja" if choice == "日本語" else "en"
        if st.button(t("new_chat", state.lang), use_container_width=True):
            state.messages = []
    lang = state.lang
    st.title(t("title", lang))
    st.caption(t("caption", lang))

    try:
        settings = Settings.from_env()
        assistant = load_assistant(str(settings.home), settings.embedder, settings.embed_model)
    except IndexNotBuiltError:
        st.error(t("no_index", lang))
        return
    except IpfinError as exc:
        st.error(f"{t('error', lang)}: {exc}")
        return
    with st.sidebar:
        st.caption(f"{t('documents', lang)}: {len(assistant.store.manifest['documents'])}")

    if not state.messages:
        st.markdown(f"**{t('try', lang)}**")
        for q in t("starters", lang).split("\n"):
            st.markdown(f"- {escape_md(q)}")

    for message in state.messages:
        with st.chat_message(message["role"]):
            if message["role"] == "user":
                st.markdown(escape_md(message["content"]))
            else:
                render_answer(message["answer"], lang)

    question = st.chat_input(t("input", lang))
    if question:
        history = [m["content"] for m in state.messages if m["role"] == "user"]
        with st.chat_message("user"):
            st.markdown(escape_md(question))
        with st.chat_message("assistant"), st.spinner(t("thinking", lang)):
            try:
                answer = assistant.ask(question, history).to_json()
            except IpfinError as exc:
                st.error(f"{t('error', lang)}: {exc}")
                return
            render_answer(answer, lang)
        state.messages.append({"role": "user", "content": question})
        state.messages.append({"role": "assistant", "answer": answer})


main()
