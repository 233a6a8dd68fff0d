"""``ipfin doctor``'s index checks find each kind of disagreement, and ingest repairs it."""

from __future__ import annotations

import os

import pytest

from assistant.app.assistant import Assistant
from assistant.index.generation import LocalBackend
from assistant.index.health import check_index
from assistant.index.lock import LocalLock
from assistant.index.store import IndexStore
from assistant.index.units import UNITS_DIR
from assistant.ingest.pipeline import ingest
from tests.index.corpus import FACTS, corpus


@pytest.fixture
def built(work_settings, embedder):
    corpus(work_settings.corpus_dir / "briefs", ["alpha", "beta", "gamma"])
    ingest(work_settings, embedder)
    return work_settings


def _checks(settings, embedder) -> dict[str, tuple[bool, str]]:
    return {c.name: (c.ok, c.detail) for c in check_index(LocalBackend(settings.home), embedder.identity, embedder.dim)}


def test_a_healthy_index_passes_every_check(built, embedder):
    checks = _checks(built, embedder)
    assert all(ok for ok, _ in checks.values()), checks
    assert set(checks) >= {"index", "index embedder", "index bm25", "index vectors", "index units", "index keys"}
    assert "generation 1: 3 documents, 3 chunks" in checks["index"][1]


def test_a_chunk_missing_from_chroma_is_found_and_only_its_file_indexed_again(built, embedder, caplog):
    store = IndexStore(built.home)
    beta = store.manifest.chunk_ids_of("beta")
    store.vectors.chunks.delete(ids=beta)
    ok, detail = _checks(built, embedder)["index vectors"]
    assert not ok and f"{len(beta)} of the 3 chunks are missing" in detail and "ipfin ingest" in detail
    with caplog.at_level("WARNING", logger="ipfin.index"):
        report = ingest(built, embedder)
    assert report.documents == 1 and report.documents_skipped == 2
    assert any("were missing from" in r.message for r in caplog.records)
    assert all(ok for ok, _ in _checks(built, embedder).values())
    assert Assistant(built, embedder).ask(FACTS["beta"][1]).citations[0].doc.source_id == "beta"


def test_unit_vectors_lost_are_found_and_rebuilt(built, embedder):
    store = IndexStore(built.home)
    [segment] = store.manifest.units
    (built.home / UNITS_DIR / f"{segment}.f32").unlink()
    ok, detail = _checks(built, embedder)["index units"]
    assert not ok and f"segment {segment}" in detail and "is missing" in detail and "ipfin ingest" in detail
    assert ingest(built, embedder).documents == 3
    assert all(ok for ok, _ in _checks(built, embedder).values())


def test_damaged_unit_vectors_are_reported_and_rebuilt(built, embedder):
    store = IndexStore(built.home)
    [segment] = store.manifest.units
    path = built.home / UNITS_DIR / f"{segment}.f32"
    path.write_bytes(path.read_bytes()[:-4])  # a torn write
    ok, detail = _checks(built, embedder)["index units"]
    assert not ok and "is damaged" in detail
    assert ingest(built, embedder).documents == 3
    assert all(ok for ok, _ in _checks(built, embedder).values())
    assert Assistant(built, embedder).ask(FACTS["gamma"][1]).citations[0].doc.source_id == "gamma"


def test_another_embedder_s_index_is_reported_with_the_fix(built, embedder):
    checks = {c.name: c for c in check_index(LocalBackend(built.home), "other:model", embedder.dim)}
    assert not checks["index embedder"].ok and "ingest --rebuild" in checks["index embedder"].detail


def test_a_writer_at_work_is_named(built, embedder):
    held = LocalLock(built.home)
    held.acquire(0, "ipfin ingest")
    try:
        checks = _checks(built, embedder)
    finally:
        held.release()
    assert checks["index lock"][0] and f"pid {os.getpid()}" in checks["index lock"][1]
