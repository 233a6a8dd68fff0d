"""``ipfin ask --batch``: questions from a JSONL file, answers to JSONL.

The input is read as bytes and decoded line by line: a UTF-8 byte-order mark is accepted,
and a line that is not UTF-8, not JSON, nested too deeply or not a question object becomes
an ``{"id", "error"}`` record while the others are answered (one bad byte used to abort
the whole batch with no output). ``--out`` is checked before any model loads: it may not
be the input file (that would overwrite the questions), a folder, or in a missing folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from assistant.core.errors import IpfinError

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class BatchError(IpfinError):
    """The batch file or the output file cannot be used at all."""


@dataclass(frozen=True)
class BatchItem:
    number: int  # line number in the file, from 1
    item_id: Any
    question: str = ""
    history: tuple[str, ...] = ()
    error: str = ""


def read_items(path: Path) -> list[BatchItem]:
    """Every non-blank line of ``path`` as a question or as the reason it is not one."""
    if not path.is_file():
        raise BatchError(
            f"{path}: no such file.", 'Give a JSONL file with one {"id": …, "question": "…"} object per line.'
        )
    data = path.read_bytes()
    if data.startswith(_UTF16_BOMS):
        raise BatchError(f"{path}: the file is UTF-16, not UTF-8.", "Save it as UTF-8 (one JSON object per line).")
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    return [item for number, raw in _lines(data) if (item := _item(number, raw)) is not None]


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        if raw.strip():
            yield number, raw


def _item(number: int, raw: bytes) -> BatchItem | None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        return BatchItem(number, number, error=f"line {number}: not UTF-8 (byte 0x{bad:02x} at column {exc.start + 1})")
    try:
        item = json.loads(line)
    except RecursionError:
        return BatchItem(number, number, error=f"line {number}: the JSON is nested too deeply")
    except ValueError as exc:
        return BatchItem(number, number, error=f"line {number}: not JSON ({exc})")
    if not isinstance(item, dict) or "question" not in item:
        return BatchItem(number, number, error=f'line {number}: each line needs an object with a "question"')
    item_id = item.get("id", number)
    history = item.get("history") or []
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        return BatchItem(
            number, item_id, error=f'line {number}: "history" must be a list of earlier user questions (strings)'
        )
    return BatchItem(number, item_id, str(item["question"]), tuple(history))


def open_output(out: Path, source: Path) -> TextIO:
    """``out`` opened for writing, after checking it is not the input and can be written."""
    if out.exists() and out.is_dir():
        raise BatchError(f"--out {out} is a folder.", "Give a file name, e.g. --out answers.jsonl.")
    if _same_file(out, source):
        raise BatchError(
            f"--out {out} is the input file: writing the answers would overwrite the questions.",
            "Give another file, e.g. --out answers.jsonl.",
        )
    if not out.parent.exists():
        raise BatchError(f"--out {out}: the folder {out.parent} does not exist.", "Create it first, or give another path.")
    try:
        return out.open("w", encoding="utf-8")
    except OSError as exc:
        raise BatchError(f"--out {out} cannot be written ({exc.strerror or exc}).", "Choose a folder you may write to.") from exc


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()
