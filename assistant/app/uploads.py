"""Documents a user uploads in the sources page: the "利用者の文書" area.

Uploads are saved under ``IPFIN_HOME/uploads/`` and indexed with the ordinary ingest
pipeline, as kind ``user``; removing one deletes the file and lets ingest prune its
chunks. Before anything touches the index, an upload is checked: the file type, the
size (``IPFIN_MAX_FILE_MB``), that a PDF really is a PDF, and that the document does
not claim the id or the kind of a document already indexed (a Markdown front matter
with ``id: evc-act`` or ``kind: brief`` would otherwise pass itself off as a brief).
Refusals are :class:`UploadRejectedError` with a ``code`` the page turns into a
message in the user's language.
"""

from __future__ import annotations

import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import IngestError, UploadRejectedError
from assistant.core.settings import Settings
from assistant.core.types import IngestReport, SourceDoc
from assistant.corpus.reserved import brief_ids
from assistant.corpus.sources import load_optional_sources
from assistant.embed.base import Embedder
from assistant.index.manifest import MANIFEST_FILE, DocumentInfo
from assistant.index.store import IndexStore
from assistant.ingest.loaders import load_file, source_id_for
from assistant.ingest.pipeline import ingest
from assistant.text.ja import normalize

UPLOADS_DIR = "uploads"
_INCOMING = ".incoming"  # dot-folder: ingest's folder scan skips it
#: What the page accepts: PDF, HTML and Markdown (as the issue asks).
UPLOAD_SUFFIXES = (".pdf", ".html", ".htm", ".md", ".markdown")
_MAX_NAME_CHARS = 80

# One upload or removal at a time per server process: the manifest is one JSON file.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class UploadResult:
    doc: SourceDoc
    path: Path
    chunks: int
    report: IngestReport


def uploads_dir(settings: Settings) -> Path:
    return settings.home / UPLOADS_DIR


def safe_filename(name: str) -> str:
    """A file name without folders or odd characters; Japanese letters are kept."""
    base = normalize(Path(str(name).replace("\\", "/")).name).strip()
    suffix = Path(base).suffix.lower()
    stem = re.sub(r"[^\w\-]+", "-", Path(base).stem).strip("-.")[:_MAX_NAME_CHARS] or "document"
    return f"{stem}{suffix}"


def check_upload(name: str, data: bytes, settings: Settings) -> str:
    """Refuse a wrong type, an empty or too large file, or a fake PDF; return the safe name."""
    filename = safe_filename(name)
    suffix = Path(filename).suffix
    if suffix not in UPLOAD_SUFFIXES:
        raise UploadRejectedError(
            f"{name}: ipfin accepts PDF, HTML and Markdown files, not '{suffix or 'no extension'}'.",
            f"Upload a file ending in {', '.join(UPLOAD_SUFFIXES)}.",
            code="bad_type",
            params={"name": name, "suffix": suffix or "-", "allowed": " ".join(UPLOAD_SUFFIXES)},
        )
    if not data:
        raise UploadRejectedError(f"{name}: the file is empty.", code="empty", params={"name": name})
    limit = settings.max_file_mb * 1024 * 1024
    if len(data) > limit:
        raise UploadRejectedError(
            f"{name}: {len(data) / 1e6:.1f} MB is over the {settings.max_file_mb} MB limit.",
            "Split the file, or raise IPFIN_MAX_FILE_MB.",
            code="too_large",
            params={"name": name, "size_mb": f"{len(data) / 1e6:.1f}", "limit_mb": settings.max_file_mb},
        )
    if suffix == ".pdf" and not data.lstrip()[:5].startswith(b"%PDF-"):
        raise UploadRejectedError(
            f"{name}: the file ends in .pdf but is not a PDF.",
            "Export the document to PDF again.",
            code="not_pdf",
            params={"name": name},
        )
    if suffix != ".pdf" and b"\x00" in data[:8192]:
        raise UploadRejectedError(
            f"{name}: the file looks binary, not {suffix[1:].upper()} text.",
            code="binary",
            params={"name": name},
        )
    return filename


def _taken_ids(settings: Settings, store: IndexStore, own_key: str) -> set[str]:
    """Source ids used by other indexed files, plus the ids the bundled briefs and the
    official documents own (indexed or not): an upload is indexed as ``user/<name>`` and
    cannot take them, but a file named like one would only confuse its reader."""
    official = load_optional_sources(settings.corpus_dir / "sources.yaml")
    reserved = brief_ids(settings.corpus_dir / "briefs") | set(official.by_id)
    return store.manifest.source_ids(except_path=own_key) | reserved


def _indexed_doc(store: IndexStore, target: Path, fallback_id: str) -> SourceDoc:
    """The document record ingest wrote for ``target`` (under the id it assigned)."""
    entry = store.manifest.files.get(str(target.resolve()))
    return store.document(entry.source_id if entry else fallback_id)


def add_upload(settings: Settings, embedder: Embedder, name: str, data: bytes) -> UploadResult:
    """Check, save and index one uploaded file; it is searchable when this returns."""
    filename = check_upload(name, data, settings)
    folder = uploads_dir(settings)
    incoming = folder / _INCOMING
    with _LOCK:
        incoming.mkdir(parents=True, exist_ok=True)
        staged = incoming / filename
        staged.write_bytes(data)
        try:
            target = folder / filename
            store = IndexStore(settings.home)
            taken = _taken_ids(settings, store, str(target.resolve()))
            if source_id_for(target) in taken:
                raise UploadRejectedError(
                    f"{name}: a document named '{source_id_for(target)}' is already indexed.",
                    "Rename the file and upload it again.",
                    code="name_taken",
                    params={"name": name, "id": source_id_for(target)},
                )
            loaded = load_file(staged, kind="user")  # reads it once: encrypted/corrupt files stop here
            if loaded.doc.kind != "user" or loaded.doc.source_id != source_id_for(staged):
                raise UploadRejectedError(
                    f"{name}: its front matter sets id/kind ({loaded.doc.source_id}, {loaded.doc.kind}).",
                    "Remove `id:` and `kind:` from the front matter of an uploaded file.",
                    code="front_matter",
                    params={"name": name},
                )
            if not loaded.blocks:
                raise UploadRejectedError(
                    f"{name}: no text could be read from the file.",
                    "A scanned PDF needs OCR before ipfin can index it.",
                    code="no_text",
                    params={"name": name},
                )
            shutil.move(str(staged), target)
        finally:
            staged.unlink(missing_ok=True)
        report = ingest(settings, embedder, [target])
        if report.errors:
            target.unlink(missing_ok=True)
            ingest(settings, embedder, [folder])  # prune whatever was recorded
            raise IngestError(report.errors[0])
        store = IndexStore(settings.home)
        entry = store.manifest.files.get(str(target.resolve()))
        doc = _indexed_doc(store, target, loaded.doc.source_id)
        return UploadResult(doc, target, len(entry.chunk_ids) if entry else 0, report)


def list_uploads(settings: Settings) -> list[DocumentInfo]:
    """The indexed uploads with their chunk count and last-indexed time."""
    folder = uploads_dir(settings).resolve()
    if not (settings.home / MANIFEST_FILE).exists():
        return []
    rows = IndexStore(settings.home).documents()
    return [info for info in rows if any(Path(p).parent == folder for p in info.paths)]


def remove_upload(settings: Settings, embedder: Embedder, source_id: str) -> IngestReport:
    """Delete an uploaded document's file and drop its chunks from the index."""
    with _LOCK:
        folder = uploads_dir(settings)
        matches = [info for info in list_uploads(settings) if info.doc.source_id == source_id]
        if not matches:
            raise UploadRejectedError(
                f"No uploaded document '{source_id}' is indexed.",
                "Reload the sources page to see the current list.",
                code="not_found",
                params={"id": source_id},
            )
        for path in matches[0].paths:
            Path(path).unlink(missing_ok=True)
        return ingest(settings, embedder, [folder])


# ---------------------------------------------------------------------- replacing an upload
# Kept apart from add_upload (which saves and indexes): these decide whether a file may be
# added at all when an upload of the same name or the same content already exists.


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def same_content_upload(settings: Settings, data: bytes) -> DocumentInfo | None:
    """The indexed upload whose file holds exactly ``data``, if there is one."""
    digest = _sha256(data)
    for info in list_uploads(settings):
        for raw in info.paths:
            path = Path(raw)
            try:
                if path.stat().st_size == len(data) and _sha256(path.read_bytes()) == digest:
                    return info
            except OSError:
                continue
    return None


def same_name_upload(settings: Settings, name: str) -> Path | None:
    """The saved upload an upload called ``name`` would overwrite, if there is one."""
    target = uploads_dir(settings) / safe_filename(name)
    return target if target.is_file() else None


def add_upload_checked(
    settings: Settings, embedder: Embedder, name: str, data: bytes, *, replace: bool = False
) -> UploadResult:
    """:func:`add_upload`, refusing to overwrite silently.

    The same content already indexed (under any name) is refused with ``code="identical"``
    (nothing to do); a different file under a name already used is refused with
    ``code="same_name"`` unless ``replace`` is true (the user confirmed the replacement)."""
    check_upload(name, data, settings)
    same = same_content_upload(settings, data)
    if same is not None:
        raise UploadRejectedError(
            f"{name}: the same content is already indexed as '{same.doc.title}'.",
            "Nothing to do: you can ask about it in the chat.",
            code="identical",
            params={"name": name, "title": same.doc.title},
        )
    existing = same_name_upload(settings, name)
    if existing is not None and not replace:
        raise UploadRejectedError(
            f"{name}: an uploaded file named '{existing.name}' exists.",
            "Confirm to replace it, or rename the file.",
            code="same_name",
            params={"name": name, "file": existing.name},
        )
    return add_upload(settings, embedder, name, data)
