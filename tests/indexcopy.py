"""A writable copy of the session's bundled index, for tests that add or remove documents."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.core.settings import Settings


def writable_copy(bundled: Settings, dst: Path) -> Settings:
    """Copy the bundled index (Chroma, BM25, unit segments, manifest) to ``dst``; the original stays read-only."""
    shutil.copytree(bundled.home, dst, ignore=shutil.ignore_patterns("uploads", "feedback.sqlite3"))
    return bundled.with_(home=dst)
