"""Document ids a user's file can never take, and the namespace user documents live in.

A citation names its document by id, and the index keeps one record (title, publisher,
kind, URL) per id. So an id is a claim: ``evc-act`` says "the bundled brief on the
Act", ``fsa-jigyoyushi-wg-report`` says "the FSA's report, published by 金融庁, at this
URL". Those claims belong to two places only:

* a bundled brief's id (its front matter ``id:``, else its file name) to ``corpus/briefs/``;
* an official document's id (``corpus/sources.yaml``) to a file of that name in the
  ``raw/`` folder beside that source list (``corpus/raw/<id>.pdf``, where ``ipfin corpus
  fetch`` saves it or a user places it by hand).

Every other file is a user's document: its id is ``user/<file name>`` (plus a short hash
of its path when two files share a name), which no brief or official id can equal, since
those never contain ``/``. ``ipfin corpus add --id`` may choose a plain id, but never a
reserved one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.core.errors import CorpusError
from assistant.core.safe_yaml import YamlLimitError, load_yaml
from assistant.corpus.sources import SourceList
from assistant.text.ja import normalize

#: Every id a user's file gets without ``ipfin corpus add`` starts with this.
USER_PREFIX = "user/"
BRIEF_SUFFIXES = (".md", ".markdown")
_SKIP_NAMES = {"README.md", "FORMAT.md"}
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---\s*\n(.*?)\n---\s*\n", re.S)
_HEAD_BYTES = 64 * 1024


def slug(name: str) -> str:
    """A file name as an id: NFKC, lower-case, runs of other characters as ``-``."""
    stem = normalize(name).strip().lower()
    return re.sub(r"[^\w\-]+", "-", stem).strip("-") or "document"


def brief_id(path: Path) -> str:
    """The id a brief declares (front matter ``id:``), else its file name's slug."""
    try:
        head = Path(path).read_bytes()[:_HEAD_BYTES].decode("utf-8", errors="replace")
        m = _FRONT_MATTER.match(head)
        front = load_yaml(m.group(1)) if m else None
    except (OSError, YamlLimitError, yaml.YAMLError):  # a bad brief still reserves its file name
        front = None
    declared = front.get("id") if isinstance(front, dict) else None
    return str(declared).strip() if declared and str(declared).strip() else slug(Path(path).stem)


def brief_ids(briefs_dir: Path) -> set[str]:
    """The ids of the bundled briefs in ``briefs_dir`` (none when it does not exist)."""
    folder = Path(briefs_dir)
    if not folder.is_dir():
        return set()
    return {
        brief_id(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix.lower() in BRIEF_SUFFIXES and p.name not in _SKIP_NAMES
    }


@dataclass(frozen=True)
class ReservedIds:
    """Ids only the bundled briefs and the official documents may carry."""

    briefs: frozenset[str]
    official: frozenset[str]

    @classmethod
    def load(cls, corpus_dir: Path, official: SourceList) -> ReservedIds:
        return cls(frozenset(brief_ids(Path(corpus_dir) / "briefs")), frozenset(official.by_id))

    def owner(self, source_id: str) -> str:
        """``"brief"``, ``"official"`` or ``""`` (free)."""
        if source_id in self.briefs:
            return "brief"
        return "official" if source_id in self.official else ""

    def __contains__(self, source_id: object) -> bool:
        return source_id in self.briefs or source_id in self.official


def check_user_id(source_id: str, reserved: ReservedIds, where: str = "--id") -> None:
    """Refuse an id a user chose when a brief or an official document owns it."""
    if source_id.startswith(USER_PREFIX):
        raise CorpusError(
            f"the id {source_id!r} starts with {USER_PREFIX!r}, which ipfin keeps for files it names itself.",
            f"Choose another {where} (e.g. my-{source_id[len(USER_PREFIX):] or 'notes'}).",
        )
    owner = reserved.owner(source_id)
    if owner == "brief":
        raise CorpusError(
            f"the id {source_id!r} belongs to a bundled brief (corpus/briefs).",
            f"Choose another {where} (e.g. my-{source_id}); a user's document cannot stand in for a brief.",
        )
    if owner == "official":
        raise CorpusError(
            f"the id {source_id!r} belongs to an official document in sources.yaml.",
            f"Choose another {where} (e.g. my-{source_id}), or use `ipfin corpus fetch --only {source_id}` for it.",
        )
