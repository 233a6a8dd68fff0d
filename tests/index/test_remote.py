"""Server mode against a real ``chroma run`` on 127.0.0.1: replicas with empty homes share
one index, see each other's ingests without a restart, take turns through the lease on
the server, and a writer that lost its lease cannot commit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.app.assistant import Assistant
from assistant.app.doctor import run_checks
from assistant.core.errors import IndexNotBuiltError
from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.index.generation import backend_for
from assistant.index.lock import IndexBusyError, IndexConflictError
from assistant.index.manifest import MANIFEST_VERSION
from assistant.index.remote import RemoteBackend, RemoteLock
from assistant.index.store import IndexStore
from assistant.index.writer import IndexWriter
from assistant.ingest.pipeline import chunk_tokens, ingest
from tests.index.chroma_server import chroma_server
from tests.index.corpus import ALPHA_V2, FACTS, annotated, corpus


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chroma-server")
    with chroma_server(folder / "data", folder / "server.log") as url:
        yield url


@pytest.fixture
def replica(server, tmp_path, request):
    """Settings of a replica: its own (absent) home, the shared server, a prefix per test."""
    prefix = f"t{abs(hash(request.node.name)) % 10**8}"

    def make(name: str, **changes) -> Settings:
        return Settings(
            home=tmp_path / name / "home", corpus_dir=tmp_path / "corpus", chroma_url=server,
            chroma_prefix=prefix, index_poll_seconds=0.0, **changes,
        )

    return make


def _child_env(settings: Settings) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    return env | {
        "PYTHONPATH": str(PROJECT_ROOT),
        "IPFIN_HOME": str(settings.home),
        "IPFIN_CORPUS_DIR": str(settings.corpus_dir),
        "IPFIN_CHROMA_URL": settings.chroma_url,
        "IPFIN_CHROMA_PREFIX": settings.chroma_prefix,
    }


def test_replicas_with_empty_homes_share_the_index_and_see_new_ingests(replica, embedder, tmp_path):
    writer, reader = replica("writer"), replica("reader")
    with pytest.raises(IndexNotBuiltError):
        Assistant(reader, embedder).documents()
    corpus(tmp_path / "first", ["alpha", "beta"])  # files outside corpus/briefs: users' (user/<name>)
    # the writer is another process: `ipfin ingest` with its own (empty) home
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ingest", str(tmp_path / "first")],
        env=_child_env(writer), capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    running = Assistant(reader, embedder)
    answer = running.ask(FACTS["beta"][1])
    assert FACTS["beta"][2] in answer.text and answer.citations[0].doc.source_id == "user/beta"
    assert sorted(d.doc.source_id for d in running.documents()) == ["user/alpha", "user/beta"]

    corpus(tmp_path / "second", ["gamma"])
    ingest(writer, embedder, [tmp_path / "second"])  # another replica adds a document
    answer = running.ask(FACTS["gamma"][1])  # the running reader sees it, no restart
    assert answer.citations and answer.citations[0].doc.source_id == "user/gamma"
    assert not reader.home.exists()  # nothing on the reader's disk

    asked = subprocess.run(  # a third replica, a fresh process with an empty home
        [sys.executable, "-m", "assistant.cli", "ask", "--json", FACTS["alpha"][1]],
        env=_child_env(replica("third")), capture_output=True, text=True, timeout=600,
    )
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["citations"][0]["source_id"] == "user/alpha"
    assert not replica("third").home.exists()


def test_files_of_another_machine_are_not_pruned(replica, embedder, tmp_path):
    """A shared index records which machine read each file; only that one can say it is gone."""
    one = replica("one")
    corpus(tmp_path / "docs", ["alpha"])
    ingest(one, embedder, [tmp_path / "docs"])
    backend = backend_for(one)
    manifest = backend.read_manifest()
    [entry] = manifest.files.values()
    assert entry.host == os.uname().nodename
    # as if another machine had indexed beta, whose file this machine does not have
    (tmp_path / "elsewhere").mkdir()
    corpus(tmp_path / "elsewhere", ["beta"])
    ingest(one, embedder, [tmp_path / "elsewhere"])
    with IndexWriter(backend, embedder.identity, embedder.dim, tokens_of=chunk_tokens) as w:
        beta = next(k for k in w.manifest.files if k.endswith("beta.md"))
        w.manifest.files[beta].host = "another-machine"
        w._repaired = True  # commit the edited record as is
        w.commit()
    (tmp_path / "elsewhere" / "beta.md").unlink()
    report = ingest(one, embedder, [tmp_path / "docs"])
    assert report.documents_removed == 0
    assert {e.source_id for e in backend.read_manifest().files.values()} == {"user/alpha", "user/beta"}


def test_the_lease_makes_a_second_writer_wait_then_refuse(replica, embedder, tmp_path):
    settings = replica("a", index_lock_wait=0.5)
    corpus(tmp_path / "docs", ["alpha"])
    backend = RemoteBackend(settings.chroma_url, settings.chroma_prefix, 30.0, 0.0)
    held = RemoteLock(backend, 30.0)
    assert held.acquire(0, "test holder") is None
    try:
        with pytest.raises(IndexBusyError, match=rf"`test holder` \(pid {os.getpid()}"):
            ingest(settings, embedder, [tmp_path / "docs"])
    finally:
        held.release()
    assert ingest(settings, embedder, [tmp_path / "docs"]).documents == 1


def test_an_expired_lease_is_taken_over_and_its_additions_rolled_back(replica, embedder, tmp_path, caplog):
    settings = replica("a")
    corpus(tmp_path / "docs", ["alpha"])
    ingest(settings, embedder, [tmp_path / "docs"])
    backend = RemoteBackend(settings.chroma_url, settings.chroma_prefix, 30.0, 0.0)
    store = IndexStore(backend=backend)
    stray = "fedcba9876543210fedcba98"
    store.vectors.chunks.add(ids=[stray], embeddings=[[0.2] * embedder.dim], documents=["x"], metadatas=[{"source_id": "x"}])
    # a holder on another machine that stopped renewing its lease after journaling the chunk
    lease = {"kind": "lock", "epoch": 99, "released": False, "expires": time.time() - 1, "pid": 4242,
             "host": "other-host", "started": "2026-12-01T00:00:00+00:00", "command": "ipfin ingest", "token": "t"}
    backend.put_records({"lock:000000000099": lease})
    intent = {"kind": "intent", "epoch": 99, "record": json.dumps({"store": store.manifest.vectors, "chunks": [stray]})}
    backend.put_records({"intent:000000000099:000001": intent})

    with caplog.at_level("WARNING", logger="ipfin.index"):
        corpus(tmp_path / "docs", ["beta"])
        report = ingest(settings, embedder, [tmp_path / "docs"])
    assert report.documents == 1
    assert any("pid 4242 on other-host" in r.message and "1 uncommitted chunk" in r.message for r in caplog.records)
    fresh = IndexStore(backend=backend)
    assert not fresh.vectors.chunks.get(ids=[stray])["ids"]
    assert fresh.collection.count() == fresh.count() == 2


def test_a_writer_that_lost_its_lease_cannot_commit(replica, embedder, tmp_path):
    settings = replica("a")
    corpus(tmp_path / "docs", ["alpha"])
    ingest(settings, embedder, [tmp_path / "docs"])
    backend = RemoteBackend(settings.chroma_url, settings.chroma_prefix, 30.0, 0.0)
    stalled = IndexWriter(backend, embedder.identity, embedder.dim, tokens_of=chunk_tokens)
    stalled.__enter__()
    stalled.lock._stop.set()  # it stops renewing (a long pause), and its lease runs out
    epoch = stalled.lock.epoch
    lease = backend.get_records(ids=[f"lock:{epoch:012d}"])[f"lock:{epoch:012d}"]
    backend.put_records({f"lock:{epoch:012d}": lease | {"expires": time.time() - 1, "host": "paused-host"}})

    corpus(tmp_path / "docs", ["beta"])
    assert ingest(settings, embedder, [tmp_path / "docs"]).documents == 1  # the next writer takes over
    stalled.manifest.chunking = [1, 2]  # a change it would commit
    with pytest.raises(IndexConflictError, match="lost the lock"):
        stalled.commit()
    stalled.__exit__(None, None, None)
    assert sorted(backend.read_manifest().documents) == ["user/alpha", "user/beta"]  # corpora outside corpus/briefs are user files


def test_two_commits_from_the_same_generation_cannot_both_land(replica, embedder, tmp_path):
    settings = replica("a")
    corpus(tmp_path / "docs", ["alpha"])
    ingest(settings, embedder, [tmp_path / "docs"])
    backend = RemoteBackend(settings.chroma_url, settings.chroma_prefix, 30.0, 0.0)
    manifest = backend.read_manifest()
    base = manifest.generation
    manifest.generation = base + 1
    backend.commit(manifest, base, "first")
    with pytest.raises(IndexConflictError, match=f"generation {base + 1}"):
        backend.commit(manifest, base, "second")
    assert backend.stamp() == (base + 1, "first")


def test_a_replica_searches_the_retrieval_keys_of_the_new_generation(replica, embedder, tmp_path):
    """The annotated questions (retrieval keys) live on the server beside the unit vectors;
    a running replica reads the new generation's keys after another replica's ingest."""
    writer, reader = replica("writer"), replica("reader")
    question = "アルファ精工はいつできた会社？"
    qvec = embedder.encode_queries([question])[0]
    annotated(tmp_path / "docs", "alpha", FACTS["alpha"][0], question, "Alpha Seiko was founded in 1999.")
    ingest(writer, embedder, [tmp_path / "docs"])
    running = Assistant(reader, embedder)
    first = running.store
    [old_key] = [k for k, _ in first.key_search(qvec, 5) if k.kind == "question"]
    assert "1999" in running.ask(question).text

    annotated(tmp_path / "docs", "alpha", ALPHA_V2, question, "Alpha Seiko was founded in 2005.")
    ingest(writer, embedder, [tmp_path / "docs"])
    assert "2005" in running.ask(question).text
    second = running.store
    assert second is not first and second.key_vectors([old_key.id]) == {}
    hits = second.key_search(qvec, 5)
    assert hits and all(k.chunk_id in second.chunk_ids and k.chunk_id != old_key.chunk_id for k, _ in hits)
    checks = {c.name: c for c in run_checks(reader)}  # `ipfin doctor` on a replica: the server's index
    assert all(c.ok for c in checks.values()) and "index keys" in checks, checks
    assert "generation 2: 1 documents" in checks["index"].detail
    assert not reader.home.exists()


def test_unit_vectors_live_on_the_server_as_placeholder_records_a_replica_reads(replica, embedder, tmp_path):
    """Server mode keeps the unit vectors in the units collection with a 1-d placeholder
    embedding (no graph of real vectors) and the float32 vector in the record; a running
    replica with an empty home reads a new ingest's units from there."""
    writer, reader = replica("writer"), replica("reader")
    corpus(tmp_path / "docs", ["alpha"])
    ingest(writer, embedder, [tmp_path / "docs"])
    running = Assistant(reader, embedder)
    assert FACTS["alpha"][2] in running.ask(FACTS["alpha"][1]).text
    store = running.store
    assert store.manifest.version == MANIFEST_VERSION and store.manifest.units == []
    held = store.vectors.units.get(include=["embeddings", "metadatas"])
    assert held["ids"] and all(len(e) == 1 for e in held["embeddings"]) and all("v" in m for m in held["metadatas"])

    corpus(tmp_path / "docs", ["gamma"])
    ingest(writer, embedder, [tmp_path / "docs"])
    assert running.ask(FACTS["gamma"][1]).citations[0].doc.source_id == "user/gamma"
    new = running.store
    [cid] = new.manifest.chunk_ids_of("user/gamma")
    chunk = new.chunks([cid])[cid]
    keys = [(cid, a, b) for a, b in chunk.quotable_units()]
    got = new.unit_vectors(keys)
    assert set(got) == set(keys)
    expected = embedder.encode_passages([chunk.text[a:b] for _, a, b in keys])
    for key, vector in zip(keys, expected, strict=True):
        assert got[key].dtype == np.float32 and got[key].shape == (embedder.dim,)
        assert float(got[key] @ vector) > 0.999
    assert not reader.home.exists()
