"""Unit segment files (:mod:`assistant.index.units`): what is written is read back bit for
bit, by id and by kind; the newest segment wins; merging keeps only live rows; a torn or
missing file is an error with the fix. Real files in a temporary folder."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.core.errors import IndexStateError
from assistant.index.units import MAX_SEGMENTS, SegmentSink, SegmentTable, segment_files

DIM = 8


def _rows(chunk: str, n: int, seed: int, kind: str = "unit"):
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, DIM)).astype(np.float32)
    if kind == "unit":
        ids = [f"{chunk}:{i}:{i + 1}" for i in range(n)]
        metas = [{"chunk_id": chunk} for _ in range(n)]
    else:
        ids = [f"{kind[0]}:{chunk}:{i}:{i + 1}:0" for i in range(n)]
        metas = [{"chunk_id": chunk, "start": i, "end": i + 1, "kind": kind} for i in range(n)]
    return ids, metas, vectors


def test_rows_are_read_back_bit_for_bit_by_id_and_by_kind(tmp_path):
    sink = SegmentSink(tmp_path, "000001-aaaa", DIM)
    written = {}
    for n, chunk in enumerate(["c-long-chunk-id-0001", "c2", "c3"]):
        ids, metas, vectors = _rows(chunk, 5, n)
        sink.add(ids, metas, vectors)
        written |= dict(zip(ids, vectors, strict=True))
    kids, kmetas, kvectors = _rows("c2", 3, 9, kind="question")
    sink.add(kids, kmetas, kvectors)
    assert not (tmp_path / "000001-aaaa.f32").exists()  # nothing under its name before finish
    assert sink.finish([], {"c-long-chunk-id-0001", "c2", "c3"}) == ["000001-aaaa"]
    assert set(segment_files(tmp_path)) == {"000001-aaaa"}

    table = SegmentTable(tmp_path, ["000001-aaaa"])
    assert table.count() == 18
    wanted = [*reversed(list(written)), "nope:0:1", "c2:0:1"]
    got = table.vectors(wanted)
    assert set(got) == set(written) and all(got[i].tobytes() == written[i].tobytes() for i in written)
    keys = table.keys(("question", "en"))
    assert keys.ids == kids and keys.meta == [("c2", i, i + 1, "question") for i in range(3)]
    assert keys.matrix.tobytes() == kvectors.tobytes()
    assert table.keys(("en",)).ids == []
    assert table.chunks_covered(["c2", "c3", "c9"]) == {"c2", "c3"}


def test_the_newest_segment_wins_and_a_merge_keeps_only_live_rows(tmp_path):
    old = SegmentSink(tmp_path, "000001-a", DIM)
    old.add(*_rows("keep", 4, 1))
    old.add(*_rows("gone", 20, 2))
    names = old.finish([], {"keep", "gone"})
    new = SegmentSink(tmp_path, "000002-b", DIM)
    ids, metas, vectors = _rows("keep", 2, 3)  # the same ids again, other vectors
    new.add(ids, metas, vectors)
    names = new.finish(names, {"keep", "gone"})
    assert names == ["000002-b", "000001-a"]
    table = SegmentTable(tmp_path, names)
    assert table.vectors(ids)[ids[0]].tobytes() == vectors[0].tobytes()
    first = _rows("keep", 4, 1)
    assert table.vectors([first[0][3]])[first[0][3]].tobytes() == first[2][3].tobytes()

    third = SegmentSink(tmp_path, "000003-c", DIM)
    third.add(*_rows("new", 1, 4))
    merged = third.finish(names, {"keep", "new"})  # "gone": 20 dead rows of 27
    assert merged == ["000003-c-m"]
    table = SegmentTable(tmp_path, merged)
    assert table.count() == 4 + 1 and table.chunks_covered(["keep", "gone", "new"]) == {"keep", "new"}
    assert table.vectors(ids)[ids[0]].tobytes() == vectors[0].tobytes()  # the newest kept


def test_too_many_segments_are_merged(tmp_path):
    names: list[str] = []
    for n in range(MAX_SEGMENTS + 1):
        sink = SegmentSink(tmp_path, f"{n:06d}-x", DIM)
        sink.add(*_rows(f"c{n}", 2, n))
        names = sink.finish(names, {f"c{i}" for i in range(n + 1)})
    assert len(names) == 1 and SegmentTable(tmp_path, names).count() == 2 * (MAX_SEGMENTS + 1)


def test_a_discarded_sink_leaves_nothing(tmp_path):
    sink = SegmentSink(tmp_path, "000001-a", DIM)
    sink.add(*_rows("c", 3, 0))
    sink.discard()
    assert segment_files(tmp_path) == {}


def test_a_missing_or_torn_segment_is_an_error_with_the_fix(tmp_path):
    sink = SegmentSink(tmp_path, "000001-a", DIM)
    sink.add(*_rows("c", 3, 0))
    names = sink.finish([], {"c"})
    with pytest.raises(IndexStateError, match=r"segment 000002-b .* is missing") as err:
        SegmentTable(tmp_path, ["000002-b", *names])
    assert "ipfin ingest" in err.value.hint
    data = tmp_path / "000001-a.f32"
    data.write_bytes(data.read_bytes()[:-1])
    with pytest.raises(IndexStateError, match="is damaged"):
        SegmentTable(tmp_path, names)
    (tmp_path / "000001-a.npz").write_bytes(b"not a zip")
    with pytest.raises(IndexStateError, match="is damaged"):
        SegmentTable(tmp_path, names)


def test_a_sink_refuses_vectors_of_the_wrong_shape(tmp_path):
    ids, metas, vectors = _rows("c", 3, 0)
    with pytest.raises(ValueError, match="shape"):
        SegmentSink(tmp_path, "000001-a", DIM + 1).add(ids, metas, vectors)
