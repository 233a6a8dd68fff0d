"""``corpus/sources.lock.json``: what ``ipfin corpus fetch`` downloaded.

One record per document id: the URL asked for and the one that answered, the file it was
saved as, its sha256 and size, the validators the server gave (ETag, Last-Modified) for a
conditional request next time, when the content last changed and when it was last checked.
The lock describes the files on this machine (``corpus/raw/`` is not in git), so it is not
committed either.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.errors import CorpusError

LOCK_NAME = "sources.lock.json"
LOCK_VERSION = 1


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class LockRecord:
    url: str
    final_url: str
    file: str  # name inside the destination folder, e.g. "fsa-abl-2013.pdf"
    sha256: str
    size: int
    content_type: str
    fetched_at: str  # when this content was written
    checked_at: str  # when the server last confirmed it
    etag: str = ""
    last_modified: str = ""


def lock_path_for(dest: Path) -> Path:
    """The lock sits beside the download folder: ``corpus/raw`` → ``corpus/sources.lock.json``."""
    return Path(dest).parent / LOCK_NAME


def read_lock(path: Path) -> dict[str, LockRecord]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {sid: LockRecord(**rec) for sid, rec in (data.get("documents") or {}).items()}
    except (ValueError, TypeError, AttributeError) as exc:
        raise CorpusError(
            f"{path}: the lock file is damaged ({exc.__class__.__name__}).",
            "Delete it; the next `ipfin corpus fetch` downloads everything again and rewrites it.",
        ) from exc


def write_lock(path: Path, records: dict[str, LockRecord]) -> None:
    """Write atomically (temp file + rename), ids sorted so diffs stay small."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": LOCK_VERSION, "documents": {sid: asdict(records[sid]) for sid in sorted(records)}}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
