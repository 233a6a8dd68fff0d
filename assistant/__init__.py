"""ipfin: a retrieval-augmented assistant for Japanese IP finance and 企業価値担保権.

The public surface is :class:`Assistant` (``assistant.app``), the one door through which the
CLI, the chat page, the HTTP API and the evaluator ask. Names are imported on first use, so
``import assistant`` (and ``ipfin --help``) loads no model, index or LangChain module.
See ARCHITECTURE.md for the layers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from assistant.core.version import __version__

_LAZY = {
    "Assistant": "assistant.app.assistant",
    "Settings": "assistant.core.settings",
    "IpfinError": "assistant.core.errors",
    "Answer": "assistant.core.types",
    "Chunk": "assistant.core.types",
    "Citation": "assistant.core.types",
    "Hit": "assistant.core.types",
    "SourceDoc": "assistant.core.types",
}

__all__ = ["Answer", "Assistant", "Chunk", "Citation", "Hit", "IpfinError", "Settings", "SourceDoc", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from assistant.app.assistant import Assistant
    from assistant.core.errors import IpfinError
    from assistant.core.settings import Settings
    from assistant.core.types import Answer, Chunk, Citation, Hit, SourceDoc


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
