"""The Streamlit app: the entry point of the multipage app (run: ``ipfin ui``).

Thin: state and layout here and in ``ui/chat.py``, every decision in the ``assistant``
package (answers, persona framing, history, feedback store, Markdown export). This file
sets the page up, keeps the browser session's conversation (its id is the ``?s=`` of the
address, the turns are in ``IPFIN_HOME/conversations``), draws the sidebar (language,
persona, new conversation, export) on every page, then runs the chosen page: the chat
(``ui/chat.py``) or one of ``ui/views/`` (選択肢ナビ, 文書一覧). The views folder is not
named ``pages/``: Streamlit would list such files by their file names before the app runs.

Text from documents and users is shown escaped (see ``ui/components.py``).
"""

from __future__ import annotations

import contextlib
import sys
import uuid
from datetime import datetime
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.app import (
    DEFAULT_PERSONA,
    PERSONAS,
    IpfinError,
    get_persona,
    local_time,
    new_conversation_id,
    new_session_id,
    valid_session_id,
)
from ui.chat import chat_page, save_history
from ui.components import browser_timezone, current_assistant, install_page_assets
from ui.strings import t

UI_DIR = Path(__file__).resolve().parent
LANGS = {"ja": "日本語", "en": "English"}
SESSION_PARAM = "s"


def _init_state() -> None:
    state = st.session_state
    state.setdefault("lang", "ja")
    state.setdefault("persona", DEFAULT_PERSONA)
    state.setdefault("turns", [])
    state.setdefault("conversation_id", new_conversation_id())


def sync_session() -> None:
    """Name this browser session in the address (``?s=…``) and load its conversation once.

    A reload keeps the address, so the conversation comes back; a page switch may drop
    the parameter, so it is put back on every run."""
    state = st.session_state
    sid = st.query_params.get(SESSION_PARAM)
    if not valid_session_id(sid):
        sid = state.get("sid") if valid_session_id(state.get("sid")) else new_session_id()
    if st.query_params.get(SESSION_PARAM) != sid:
        st.query_params[SESSION_PARAM] = sid
    state.sid = sid
    if state.get("loaded_sid") == sid:
        return
    state.loaded_sid = sid
    try:
        saved = current_assistant().conversations.load(sid)
    except IpfinError:
        saved = None
    if saved is not None:
        state.turns = saved.turns
        state.conversation_id = saved.conversation_id


def new_conversation() -> None:
    """The "新しい会話" button: forget this session's conversation, here and on disk."""
    state = st.session_state
    state.turns = []
    state.conversation_id = new_conversation_id()
    state.pop("pending", None)
    with contextlib.suppress(IpfinError, OSError):
        current_assistant().conversations.clear(state.sid)


# ---------------------------------------------------------------------- sidebar


def _set_lang() -> None:
    st.session_state.lang = st.session_state.w_lang


def _set_persona(key: str) -> None:
    st.session_state.persona = st.session_state[key]


def sidebar() -> DeltaGenerator:
    """Language, persona and "new conversation"; returns a slot for the export button,
    which is filled after the page ran so it includes the newest answer.

    Both radios write the app's state in a callback, which runs before the page is drawn
    again, so every label is already in the chosen language. Streamlit keeps a radio's
    choice as its displayed label; the persona radio's labels change with the language, so
    it is a new widget per language (``w_persona_<lang>``), started from the app's state."""
    state = st.session_state
    lang = state.lang
    persona_key = f"w_persona_{lang}"
    if state.get("w_lang") != lang:
        state.w_lang = lang
    if state.get(persona_key) != state.persona:
        state[persona_key] = state.persona
    with st.sidebar:
        st.radio(
            t("language", lang), list(LANGS), key="w_lang", format_func=LANGS.get, horizontal=True, on_change=_set_lang
        )
        st.radio(
            t("persona", lang),
            list(PERSONAS),
            key=persona_key,
            format_func=lambda pid: get_persona(pid).label(lang),
            help=t("persona_help", lang),
            on_change=_set_persona,
            args=(persona_key,),
        )
        st.button(t("new_chat", lang), width="stretch", on_click=new_conversation, help=t("new_chat_help", lang))
        slot = st.container()
    return slot


def export_button(slot: DeltaGenerator, lang: str) -> None:
    """Download the conversation as Markdown (``assistant.app.export``), citations included."""
    state = st.session_state
    tz = browser_timezone()
    markdown = ""
    if state.turns:
        try:
            markdown = current_assistant().export_markdown(state.turns, lang, tz=tz)
        except IpfinError:
            markdown = ""
    state.export_markdown = markdown
    stamp = local_time(datetime.now().astimezone(), tz)[:16].replace("-", "").replace(":", "").replace(" ", "-")
    slot.download_button(
        t("export_button", lang),
        data=markdown or " ",
        file_name=f"ipfin-{stamp}.md",
        mime="text/markdown",
        disabled=not state.turns,
        width="stretch",
        on_click="ignore",
    )


def main() -> None:
    st.set_page_config(page_title=t("tab_title", st.session_state.get("lang", "ja")), page_icon="📄", layout="centered")
    _init_state()
    sync_session()
    lang = st.session_state.lang
    pages = [
        st.Page(chat_page, title=t("nav_chat", lang), icon=":material/chat:", url_path="chat", default=True),
        st.Page(
            UI_DIR / "views" / "navigator.py",
            title=t("nav_navigator", lang),
            icon=":material/explore:",
            url_path="navigator",
        ),
        st.Page(
            UI_DIR / "views" / "sources.py",
            title=t("nav_sources", lang),
            icon=":material/library_books:",
            url_path="sources",
        ),
    ]
    page = st.navigation(pages)
    slot = sidebar()
    page.run()
    lang = st.session_state.lang
    export_button(slot, lang)
    if st.session_state.pop("history_dirty", False):
        save_history()
    scroll_to = st.session_state.pop("scroll_to", None)
    install_page_assets(scroll_to, nonce=uuid.uuid4().hex if scroll_to else "")


main()
