"""The chat page's strings: the ``ui.`` part of ipfin's one message catalogue
(``assistant/core/messages.yaml``). Look up with ``t(key, lang)``."""

from __future__ import annotations

from assistant.app import messages


def t(key: str, lang: str = "ja") -> str:
    return messages.t(f"ui.{key}", lang)
