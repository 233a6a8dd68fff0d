"""The chat page: ask, read the cited answer, open its sources, copy, regenerate, rate.

Like the chat apps people know: the conversation stays after a reload (``ui/app.py`` keeps
it per browser session), a new answer lands with its start at the top of the screen (the
sources are compact cards below it, collapsed, one per quoted passage; an [n] in the answer
opens its card), each answer has a copy button, the last one a "regenerate" button, and an
LLM answer streams as a draft, marked as such and showing only the sentences verification has
accepted, with a stop button in the input box, until the checked, cited answer replaces it.

A question that cannot be asked (empty, longer than the limit) gets a message in the
reader's language and stays in the input box; errors are worded by
``assistant.app.user_message`` (no setting names, no paths).
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assistant.app import (
    MAX_COMMENT_CHARS,
    AnswerView,
    Assistant,
    Conversation,
    ExportTurn,
    FeedbackRecord,
    IpfinError,
    OfficialDocuments,
    answer_plaintext,
    draft_status,
    frame,
    messages,
    starters,
    user_message,
)
from ui.components import (
    answer_html,
    copy_button_html,
    current_assistant,
    draft_html,
    esc,
    escape_md,
    points_html,
    render_abstention,
    render_evidence,
    sources_html,
)
from ui.strings import t

log = logging.getLogger("ipfin.ui")

CHAT_KEY = "chat_box"
#: Streamlit's feedback widget: index 0 is 👎, 1 is 👍.
THUMBS_TO_RATING = {0: -1, 1: 1}
#: The answer layer's notice (shared with the terminal) that the final answer replaces the draft.
DRAFT_REPLACED = "answer.draft_replaced"
#: How often a streaming draft is redrawn (seconds): often enough to read as it arrives.
DRAFT_REDRAW_SECONDS = 0.05


# ---------------------------------------------------------------------- history


def save_history(assistant: Assistant | None = None) -> None:
    """Write this session's conversation to ``IPFIN_HOME/conversations`` (errors are logged:
    the chat goes on without a saved history rather than failing). Pass ``assistant`` when
    Streamlit may be stopping the run: then nothing here calls into Streamlit."""
    state = st.session_state
    if not state.get("sid"):
        return
    try:
        store = (assistant or current_assistant()).conversations
        store.save(state.sid, Conversation(state.conversation_id, list(state.turns)))
    except (IpfinError, OSError) as exc:
        log.warning("the conversation could not be saved: %s", exc)


def _record_stopped(assistant: Assistant) -> None:
    """The answer being written was stopped (the stop button, or another click): keep the
    question as a stopped turn, which can be regenerated. Streamlit is stopping the run,
    so this only touches the session state and the history file."""
    state = st.session_state
    pending = state.pop("pending", None)
    if not pending:
        return
    asked = pending.get("asked_at")
    state.turns.append(
        ExportTurn(
            pending["question"],
            None,
            pending["persona"],
            datetime.fromisoformat(asked) if asked else None,
            stopped=True,
        )
    )
    save_history(assistant)


def _turn_key(index: int, turn: ExportTurn) -> str:
    stamp = int(turn.asked_at.timestamp() * 1000) if turn.asked_at else 0
    return f"{st.session_state.conversation_id}-{index}-{stamp}"


# ---------------------------------------------------------------------- callbacks


def _on_submit() -> None:
    """Check the question before anything is drawn: a problem is said in the reader's
    language and the text stays in the box; a good question is asked in this run."""
    state = st.session_state
    text = state.get(CHAT_KEY) or ""
    try:
        problem = current_assistant().question_problem(text)
    except IpfinError:
        problem = None
    if problem is None:
        state.to_ask = text
        return
    lang = state.get("lang", "ja")
    message = t(f"question_{problem.code}", lang).format(length=f"{problem.length:,}", limit=f"{problem.limit:,}")
    state.chat_flash = ("warning", message)
    if problem.code != "empty":
        state[CHAT_KEY] = text


def _regenerate() -> None:
    st.session_state.regenerate = True


def _record_feedback(turn_index: int, key: str, with_comment: bool = False) -> None:
    """Save the 👍/👎 of one answer (and its comment); an error is shown, never raised."""
    state = st.session_state
    thumbs = state.get(key)
    if thumbs is None or turn_index >= len(state.turns):
        return
    turn: ExportTurn = state.turns[turn_index]
    if turn.view is None:
        return
    comment = str(state.get(f"{key}-comment") or "") if with_comment else ""
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
        state[f"{key}-saved"] = "error: " + user_message(exc, state.get("lang", "ja"), escape_md)


# ---------------------------------------------------------------------- drawing a turn


def question_html(question: str) -> str:
    return f'<div class="ipfin-question">{esc(question)}</div>'


def render_answer(view: AnswerView, persona_id: str, lang: str, officials: OfficialDocuments | None, key: str) -> None:
    if view.notice:
        if view.rejected_draft:
            st.warning(escape_md(view.notice), icon=":material/rule:")
        else:
            st.info(escape_md(view.notice), icon=":material/info:")
    if view.abstained:
        render_abstention(view, lang, officials)
    else:
        framing = frame(view, persona_id, lang)
        if framing:
            st.caption(escape_md(framing.lead))
        st.html(answer_html(view, key, lang))
        if view.mode == "llm" and view.verification and not view.rejected_draft:
            v = view.verification
            st.caption(
                t("verified", lang).format(supported=v.supported, unsupported=len(v.unsupported))
                + (t("verified_removed", lang) if v.removed else "")
            )
        if view.conflict:
            st.warning(t("conflict_notice", lang), icon=":material/warning:")
        render_evidence(view, lang)
        if framing and framing.points:
            st.html(points_html(framing, key, view, lang))
        if framing:
            with st.expander(t("next_steps", lang)):
                st.caption(t("next_steps_note", lang))
                st.markdown("\n".join(f"- {escape_md(step)}" for step in framing.next_steps))
    if view.searched_differently:
        st.caption(f"{t('searched_as', lang)}: {escape_md(view.condensed_query)}")
    if view.cards:
        st.html(sources_html(view.cards, key, lang))


def render_actions(index: int, turn: ExportTurn, lang: str, is_last: bool) -> None:
    """Copy, regenerate (the last answer), and 👍/👎 with an optional comment."""
    state = st.session_state
    key = f"fb-{_turn_key(index, turn)}"
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        if turn.view is not None:
            st.html(copy_button_html(answer_plaintext(turn.view, lang), lang), width="content")
        if is_last:
            st.button(
                t("regenerate", lang),
                key=f"regen-{_turn_key(index, turn)}",
                on_click=_regenerate,
                icon=":material/refresh:",
                help=t("regenerate_help", lang),
            )
        if turn.view is not None:
            st.caption(t("feedback_prompt", lang), width="content")
            st.feedback("thumbs", key=key, on_change=_record_feedback, args=(index, key))
    if turn.view is None or state.get(key) is None:
        return
    saved = state.get(f"{key}-saved")
    if saved and saved.startswith("error: "):
        st.error(saved[7:])
    elif saved:
        st.caption(t("feedback_comment_thanks" if saved == "comment" else "feedback_thanks", lang))
    st.text_input(t("feedback_comment", lang), key=f"{key}-comment", max_chars=MAX_COMMENT_CHARS)
    st.button(t("feedback_send", lang), key=f"{key}-send", on_click=_record_feedback, args=(index, key, True))


def render_turn(index: int, turn: ExportTurn, lang: str, officials: OfficialDocuments | None, is_last: bool) -> None:
    with st.chat_message("user"):
        st.html(question_html(turn.question))
    with st.chat_message("assistant"):
        if turn.view is None:
            st.caption(t("stopped", lang))
        else:
            if st.session_state.get("replaced_turn") == index:  # what streamed was not the answer
                st.caption(escape_md(messages.t(DRAFT_REPLACED, lang)))
                del st.session_state["replaced_turn"]
            render_answer(turn.view, turn.persona, lang, officials, f"t{index}")
        render_actions(index, turn, lang, is_last)


# ---------------------------------------------------------------------- asking


class _Streamer:
    """Show an LLM's answer in ``draft`` as it streams: only the sentences verification has
    accepted (``on_verified``), never the model's raw text, under a label saying so. What it
    showed is kept, so the page can say when the final answer replaces it."""

    def __init__(self, draft: DeltaGenerator, lang: str) -> None:
        self.draft, self.lang, self.pieces, self.last = draft, lang, [], 0.0

    def __call__(self, piece: str) -> None:
        self.pieces.append(piece)
        now = time.monotonic()
        if now - self.last >= DRAFT_REDRAW_SECONDS:
            self.last = now
            self.draft.html(draft_html(self.shown, self.lang))

    @property
    def shown(self) -> str:
        return "".join(self.pieces)


def ask(assistant: Assistant, question: str, lang: str, persona_id: str) -> None:
    """Ask, show the user's question and the answer as it comes, then keep the turn and
    draw the page again (the new answer is brought to the top of the screen)."""
    state = st.session_state
    asked_at = datetime.now(UTC)
    history = [turn.question for turn in state.turns]
    with st.chat_message("user"):
        st.html(question_html(question))
    with st.chat_message("assistant"):
        draft = st.empty()
        state.pending = {"question": question, "persona": persona_id, "asked_at": asked_at.isoformat()}
        streamer = _Streamer(draft, lang)
        try:
            if assistant.streams:
                draft.html(draft_html("", lang))
                answer = assistant.ask(question, history, persona=persona_id, on_verified=streamer)
            else:
                with st.spinner(t("thinking", lang)):
                    answer = assistant.ask(question, history, persona=persona_id)
            view = assistant.view(answer)
        except IpfinError as exc:
            state.pop("pending", None)
            state.chat_flash = ("error", user_message(exc, lang, escape_md))
            state.restore_text = question
            st.rerun()
        except BaseException:  # stopped (the stop button) or interrupted by another click
            _record_stopped(assistant)
            raise
    state.pop("pending", None)
    if draft_status(answer, streamer.shown) == "replaced":
        state.replaced_turn = len(state.turns)  # say so above this answer when it is drawn
    state.turns.append(ExportTurn(question, view, persona_id, asked_at))
    save_history(assistant)
    state.scroll_to = f"ipfin-t{len(state.turns) - 1}-answer"
    st.rerun()


def _load(lang: str) -> tuple[Assistant | None, int]:
    """The assistant, loaded behind a message with the product's name (the first load
    reads the embedding model and the index)."""
    box = st.empty()
    try:
        with box.container(), st.spinner(t("loading", lang)):
            assistant = current_assistant()
            documents = len(assistant.documents())
            assistant.open()
    except IpfinError as exc:
        box.empty()
        st.error(user_message(exc, lang, escape_md))
        return None, 0
    box.empty()
    return assistant, documents


def chat_page() -> None:
    state = st.session_state
    lang, persona_id = state.lang, state.persona
    st.title(t("title", lang))
    st.caption(t("caption", lang))
    assistant, documents = _load(lang)
    if assistant is None:
        return
    with st.sidebar:
        st.caption(f"{t('documents', lang)}: {documents}")

    if state.get("pending"):  # an earlier run stopped before it could record its turn
        _record_stopped(assistant)
    if "restore_text" in state:
        state[CHAT_KEY] = state.pop("restore_text")
    st.chat_input(
        t("input", lang),
        key=CHAT_KEY,
        max_chars=assistant.settings.max_question_chars,
        on_submit=_on_submit,
        submit_mode="stop" if assistant.streams else "disable",
    )

    question = state.pop("to_ask", None)
    if state.pop("regenerate", False) and state.turns and not question:
        question = state.turns.pop().question
        save_history(assistant)

    if not state.turns and not question:
        st.markdown(f"**{t('try', lang)}**")
        for i, example in enumerate(starters(persona_id, lang)):
            if st.button(example, key=f"starter-{persona_id}-{lang}-{i}"):
                question = example

    officials = assistant.officials
    for i, turn in enumerate(state.turns):
        render_turn(i, turn, lang, officials, is_last=(i == len(state.turns) - 1 and not question))

    flash = state.pop("chat_flash", None)
    if flash:
        kind, message = flash
        (st.error if kind == "error" else st.warning)(message, icon=":material/edit_note:")
    if question:
        ask(assistant, question, lang, persona_id)
