"""An answer printed to the terminal while a language model writes it, honestly.

The model's raw text is never printed: on a terminal, what appears while the reply
streams is what sentence-level verification has accepted so far (``Assistant.ask(...,
on_verified=...)``), each sentence once it is checked, under a dimmed line saying so.
When the final answer differs from what was shown (the model's reply was rejected and the
extractive answer is used, or flagged sentences follow), a rule says the text above is
replaced and the answer is printed in full. When stdout is not a terminal nothing
streams: the verified answer is printed once. Document and model text goes through
:class:`~assistant.text.terminal.TerminalFilter` on the way.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from assistant.cli.render import answer_text
from assistant.core.messages import t
from assistant.text.ja import detect_lang
from assistant.text.terminal import TerminalFilter, for_terminal

_DIM, _RESET = "\x1b[2m", "\x1b[0m"  # ipfin's own styling, on a terminal only


def ask_and_render(assistant, question: str, history: Sequence[str], persona: str, out: TextIO | None = None) -> str:
    """Ask; print the verified text as it is accepted (on a terminal); return what is left to
    print (the answer, or only its notes and sources when its text is already shown)."""
    from assistant.app import draft_status

    out = out or sys.stdout
    if not (_is_tty(out) and assistant.streams):
        return answer_text(assistant.ask(question, list(history), persona=persona))
    lang = detect_lang(question)
    shown: list[str] = []
    screen = TerminalFilter()

    def on_verified(piece: str) -> None:
        shown.append(piece)
        out.write(screen.feed(piece))
        out.flush()

    out.write(f"{_DIM}{t('answer.verifying', lang)}{_RESET}\n")
    out.flush()
    try:
        answer = assistant.ask(question, list(history), persona=persona, on_verified=on_verified)
    finally:
        out.write(screen.flush())
        out.write(_RESET)
        out.flush()
    streamed = "".join(shown)
    status = draft_status(answer, streamed)
    if status == "none":
        return answer_text(answer)
    out.write("\n")
    if status == "kept":
        return answer_text(answer, show_text=False)
    if status == "extended":
        rest = answer.text.strip()[len(streamed.strip()) :]
        return for_terminal(rest.strip("\n")) + "\n" + answer_text(answer, show_text=False)
    return f"{t('answer.draft_replaced', lang)}\n{answer_text(answer)}"


def _is_tty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
