"""The Streamlit app: the chat page, and the entry point of the multipage app.

Thin: state and layout here, every decision in the ``assistant`` package (answers,
persona framing, feedback store, Markdown export). The sidebar (language, persona,
new conversation, export) is drawn here on every page; ``st.navigation`` then runs the
chat page below or a page from ``ui/pages/`` (選択肢ナビ, 文書一覧).

Text from documents and users is shown escaped: a chunk containing <script> or a
Markdown link renders as the characters it contains (see ``ui/components.py``).
"""

from __future__ import annotations

import sys
import uuid
from datetime import datetime
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.app import (
    DEFAULT_PERSONA,
    MAX_COMMENT_CHARS,
    PERSONAS,
    ExportTurn,
    FeedbackRecord,
    IndexNotBuiltError,
    IpfinError,
    draft_status,
    get_persona,
    messages,
    starters,
)
from ui.components import current_assistant, escape_md, render_answer
from ui.strings import t

UI_DIR = Path(__file__).resolve().parent
LANGS = {"日本語": "ja", "English": "en"}
#: Streamlit's feedback widget: index 0 is 👎, 1 is 👍.
THUMBS_TO_RATING = {0: -1, 1: 1}


def _new_conversation() -> None:
    st.session_state.conversation_id = uuid.uuid4().hex[:12]
    st.session_state.turns = []


def _init_state() -> None:
    state = st.session_state
    state.setdefault("lang", "ja")
    state.setdefault("persona", DEFAULT_PERSONA)
    if "turns" not in state:
        _new_conversation()


# ---------------------------------------------------------------------- sidebar


def sidebar() -> tuple[str, DeltaGenerator]:
    """Language, persona and "new conversation"; returns the language and a slot for the
    export button, which is filled after the page ran so it includes the newest answer."""
    state = st.session_state
    with st.sidebar:
        choice = st.radio(
            t("language", state.lang), list(LANGS), index=list(LANGS.values()).index(state.lang), horizontal=True
        )
        state.lang = LANGS[choice]
        lang = state.lang
        st.radio(
            t("persona", lang),
            list(PERSONAS),
            key="persona",
            format_func=lambda pid: get_persona(pid).label(lang),
            help=t("persona_help", lang),
        )
        st.button(t("new_chat", lang), use_container_width=True, on_click=_new_conversation)
        export_slot = st.container()
    return lang, export_slot


def export_button(slot: DeltaGenerator, lang: str) -> None:
    """Download the conversation as Markdown (``assistant.export``), citations included."""
    state = st.session_state
    markdown = ""
    if state.turns:
        try:
            markdown = current_assistant().export_markdown(state.turns, lang)
        except IpfinError:
            markdown = ""
    state.export_markdown = markdown
    slot.download_button(
        t("export_button", lang),
        data=markdown or " ",
        file_name=f"ipfin-{datetime.now():%Y%m%d-%H%M}.md",
        mime="text/markdown",
        disabled=not state.turns,
        use_container_width=True,
        on_click="ignore",
    )


# ---------------------------------------------------------------------- feedback


def _record_feedback(turn_index: int, with_comment: bool = False) -> None:
    """Save the 👍/👎 of one answer (and its comment); an error is shown, never raised."""
    state = st.session_state
    key = f"fb-{state.conversation_id}-{turn_index}"
    thumbs = state.get(key)
    if thumbs is None:
        return
    comment = str(state.get(f"{key}-comment") or "") if with_comment else ""
    turn: ExportTurn = state.turns[turn_index]
    record = FeedbackRecord.from_view(
        turn.view,
        conversation_id=state.conversation_id,
        turn=turn_index,
        rating=THUMBS_TO_RATING[int(thumbs)],
        persona=turn.persona,
        comment=comment,
        question=turn.question,
    )
    try:
        current_assistant().record_feedback(record)
        state[f"{key}-saved"] = "comment" if comment else "rating"
    except IpfinError as exc:
        state[f"{key}-saved"] = f"error: {exc}"


def render_feedback(turn_index: int, lang: str) -> None:
    state = st.session_state
    key = f"fb-{state.conversation_id}-{turn_index}"
    st.caption(t("feedback_prompt", lang))
    st.feedback("thumbs", key=key, on_change=_record_feedback, args=(turn_index,))
    saved = state.get(f"{key}-saved")
    if state.get(key) is None:
        return
    if saved and saved.startswith("error: "):
        st.error(f"{t('error', lang)}: {escape_md(saved[7:])}")
    elif saved:
        st.caption(t("feedback_comment_thanks" if saved == "comment" else "feedback_thanks", lang))
    st.text_input(t("feedback_comment", lang), key=f"{key}-comment", max_chars=MAX_COMMENT_CHARS)
    st.button(t("feedback_send", lang), key=f"{key}-send", on_click=_record_feedback, args=(turn_index, True))


# ---------------------------------------------------------------------- chat page


class _Draft:
    """What the page shows while a language model writes: only the sentences verification
    has accepted (``Assistant.ask(on_verified=...)``), escaped, under a line saying they are
    checked one by one. The model's raw text is never shown. The caller empties the draft
    and shows the final answer; when that differs from the draft it says so first."""

    def __init__(self, slot: DeltaGenerator, lang: str) -> None:
        self.slot, self.lang, self.pieces = slot, lang, []

    def __call__(self, piece: str) -> None:
        self.pieces.append(piece)
        note = messages.t("answer.verifying", self.lang)
        self.slot.markdown(f"*{escape_md(note)}*\n\n" + escape_md("".join(self.pieces)) + " ▌")

    @property
    def shown(self) -> str:
        return "".join(self.pieces)


def chat_page() -> None:
    state = st.session_state
    lang, persona_id = state.lang, state.persona
    st.title(t("title", lang))
    st.caption(t("caption", lang))

    try:
        assistant = current_assistant()
        documents = len(assistant.documents())
        assistant.open()
    except IndexNotBuiltError:
        st.error(t("no_index", lang))
        return
    except IpfinError as exc:
        st.error(f"{t('error', lang)}: {escape_md(str(exc))}")
        return
    officials = assistant.officials
    with st.sidebar:
        st.caption(f"{t('documents', lang)}: {documents}")

    pending = None
    starter_slot = st.empty()  # cleared as soon as the first question is asked
    if not state.turns:
        with starter_slot.container():
            st.markdown(f"**{t('try', lang)}**")
            for i, q in enumerate(starters(persona_id, lang)):
                if st.button(q, key=f"starter-{persona_id}-{lang}-{i}"):
                    pending = q

    for i, turn in enumerate(state.turns):
        with st.chat_message("user"):
            st.markdown(escape_md(turn.question))
        with st.chat_message("assistant"):
            render_answer(turn.view, turn.persona, lang, officials)
            render_feedback(i, lang)

    question = st.chat_input(t("input", lang)) or pending
    if not question:
        return
    starter_slot.empty()
    history = [turn.question for turn in state.turns]
    with st.chat_message("user"):
        st.markdown(escape_md(question))
    with st.chat_message("assistant"):
        draft = _Draft(st.empty(), lang)
        try:
            with st.spinner(t("thinking", lang)):
                answer = assistant.ask(question, history, persona=persona_id, on_verified=draft)
                view = assistant.view(answer)
        except IpfinError as exc:
            st.error(f"{t('error', lang)}: {escape_md(str(exc))}")
            return
        finally:
            draft.slot.empty()
        if draft_status(answer, draft.shown) == "replaced":
            st.caption(escape_md(messages.t("answer.draft_replaced", lang)))
        state.turns.append(ExportTurn(question, view, persona_id))
        render_answer(view, persona_id, lang, officials)
        render_feedback(len(state.turns) - 1, lang)


def main() -> None:
    st.set_page_config(page_title="ipfin", page_icon="📄", layout="centered")
    _init_state()
    lang, export_slot = sidebar()
    pages = [
        st.Page(chat_page, title=t("nav_chat", lang), icon=":material/chat:", url_path="chat", default=True),
        st.Page(
            UI_DIR / "pages" / "navigator.py",
            title=t("nav_navigator", lang),
            icon=":material/explore:",
            url_path="navigator",
        ),
        st.Page(
            UI_DIR / "pages" / "sources.py",
            title=t("nav_sources", lang),
            icon=":material/library_books:",
            url_path="sources",
        ),
    ]
    st.navigation(pages).run()
    export_button(export_slot, st.session_state.lang)


main()
