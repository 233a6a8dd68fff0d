"""Text for a terminal: what a document or a model wrote, without terminal control.

A document, a file name or a model's reply can carry bytes a terminal obeys instead of
showing: an OSC 52 sequence writes the clipboard (``ESC ] 52 ; c ; <base64> BEL``), CSI
sequences clear the screen, move the cursor or recolour text, a carriage return overwrites
a line, and bidirectional overrides (U+202E …) make text read differently from what it is.
Everything ipfin prints to a terminal goes through :func:`for_terminal` (or, piece by
piece while a reply streams, :class:`TerminalFilter`), which removes

* escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-character escapes), whole;
* C0 control characters except newline and tab, DEL, and C1 control characters
  (U+0080–U+009F, which some terminals read as 8-bit CSI/OSC);
* bidirectional embedding, override and isolate characters (U+202A–U+202E,
  U+2066–U+2069) and the invisible direction marks (U+200E, U+200F, U+061C).

JSON keeps every character but must not carry them raw either: :func:`json_for_terminal`
writes C1 and bidirectional characters as ``\\uXXXX`` escapes (JSON already escapes C0),
so the output decodes to exactly the same data.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: Complete escape sequences: CSI; OSC/DCS/SOS/PM/APC up to BEL or ST; other escapes.
_TERMINATED = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\)"
    r"|\x1b[ -/]*[0-Z\\`-~]",
    re.S,
)
_C0_C1 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_BIDI_RE = re.compile(f"[{_BIDI}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}]")
#: An unterminated string sequence longer than this is not held back any longer.
_MAX_PENDING = 4096


def for_terminal(text: str) -> str:
    """``text`` without escape sequences, control characters (but ``\\n`` and ``\\t``) and
    bidirectional controls; ``\\r\\n`` becomes ``\\n``."""
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    text = _TERMINATED.sub("", text)
    text = _C0_C1.sub("", text)  # also a lone ESC and whatever an unterminated sequence left
    return _BIDI_RE.sub("", text)


def has_control(text: str) -> bool:
    """True when :func:`for_terminal` would change ``text``."""
    return for_terminal(text) != text


def json_for_terminal(data: Any, **kwargs: Any) -> str:
    """``json.dumps(data, ensure_ascii=False)`` with C1 and bidirectional characters escaped."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalFilter:
    """:func:`for_terminal` for a stream: a sequence split across pieces ("\\x1b]52;c;" then
    "SGk=\\x07") is held until it is complete, then removed whole."""

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, piece: str) -> str:
        text, self._pending = self._pending + piece, ""
        cut = _incomplete_at(text)
        if cut >= 0 and len(text) - cut < _MAX_PENDING:
            text, self._pending = text[:cut], text[cut:]
        elif text.endswith("\r"):
            text, self._pending = text[:-1], "\r"  # maybe the first half of "\r\n"
        return for_terminal(text)

    def flush(self) -> str:
        """What is still held (an unterminated sequence loses its control characters)."""
        text, self._pending = self._pending, ""
        return for_terminal(text)


def _incomplete_at(text: str) -> int:
    """Where an escape sequence starts that the text does not finish (-1: none)."""
    pos = 0
    while (start := text.find("\x1b", pos)) >= 0:
        m = _TERMINATED.match(text, start)
        if m is None:
            return start
        pos = m.end()
    return -1
