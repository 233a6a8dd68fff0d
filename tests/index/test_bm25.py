"""BM25Index: the postings scorer gives exactly the old per-chunk scores and order."""

from __future__ import annotations

import json
import math
import random
from collections import Counter

import pytest

from assistant.index.bm25 import K1, B, BM25Index
from assistant.index.store import IndexStore

# --------------------------------------------------------------------------- reference
# The scorer BM25Index used before postings (every chunk scored in Python on every
# query), kept verbatim as the definition of the right answer.


class ReferenceBM25:
    def __init__(self, docs: dict[str, list[str]] | None = None) -> None:
        self._docs: dict[str, list[str]] = dict(docs or {})
        self._dirty = True
        self._tf: dict[str, Counter[str]] = {}
        self._df: Counter[str] = Counter()
        self._avgdl = 0.0

    def add(self, chunk_id: str, tokens: list[str]) -> None:
        self._docs[chunk_id] = list(tokens)
        self._dirty = True

    def remove(self, chunk_ids) -> None:
        for cid in chunk_ids:
            self._docs.pop(cid, None)
        self._dirty = True

    def _prepare(self) -> None:
        if not self._dirty:
            return
        self._tf = {cid: Counter(toks) for cid, toks in self._docs.items()}
        self._df = Counter()
        for tf in self._tf.values():
            self._df.update(tf.keys())
        self._avgdl = (sum(len(t) for t in self._docs.values()) / len(self._docs)) if self._docs else 0.0
        self._dirty = False

    def idf(self, term: str) -> float:
        self._prepare()
        n = len(self._docs)
        df = self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def document_frequency(self, term: str) -> int:
        self._prepare()
        return self._df.get(term, 0)

    def search(self, query_tokens: list[str], top_k: int = 30) -> list[tuple[str, float]]:
        self._prepare()
        if not self._docs or not query_tokens:
            return []
        q = {t: (qf, self.idf(t)) for t, qf in Counter(query_tokens).items() if t in self._df}
        scores: dict[str, float] = {}
        for cid, tf in self._tf.items():
            norm = K1 * (1 - B + B * len(self._docs[cid]) / (self._avgdl or 1))
            s = 0.0
            for term, (qf, idf) in q.items():
                f = tf.get(term)
                if f:
                    s += idf * (f * (K1 + 1) / (f + norm)) * qf
            if s > 0:
                scores[cid] = s
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]


# --------------------------------------------------------------------------- helpers
def random_corpus(rng: random.Random, n_docs: int, vocab_size: int) -> dict[str, list[str]]:
    vocab = [f"語{i}" for i in range(vocab_size)]
    weights = [1 / (i + 1) for i in range(vocab_size)]  # Zipf-like: a few very common terms
    docs = {}
    for _ in range(n_docs):
        cid = f"{rng.choice(['doc', 'Doc', 'チャンク', 'a'])}-{rng.randrange(10**6)}:{rng.randrange(50)}"
        length = rng.choice([0, 1, 2, rng.randrange(3, 40), rng.randrange(40, 200)])
        docs[cid] = rng.choices(vocab, weights, k=length)
    # exact duplicates and same-length documents make tied scores
    for cid in list(docs)[: n_docs // 10]:
        docs[cid + "-copy"] = list(docs[cid])
    return docs


def random_queries(rng: random.Random, docs: dict[str, list[str]], count: int) -> list[list[str]]:
    seen = sorted({t for toks in docs.values() for t in toks}) or ["語0"]
    queries = []
    for _ in range(count):
        q = rng.choices(seen, k=rng.randrange(1, 8))
        if rng.random() < 0.3:
            q += [q[0]] * rng.randrange(1, 3)  # repeated query terms multiply
        if rng.random() < 0.3:
            q.insert(rng.randrange(len(q) + 1), "未知語")
        queries.append(q)
    return queries


def assert_same(index: BM25Index, ref: ReferenceBM25, queries: list[list[str]], terms: list[str]) -> None:
    assert len(index) == len(ref._docs)
    for q in queries:
        for k in (1, 5, 30, 10_000):
            assert index.search(q, k) == ref.search(q, k), (q, k)
    for t in [*terms, "未知語"]:
        assert index.document_frequency(t) == ref.document_frequency(t)
        assert index.idf(t) == ref.idf(t)


# --------------------------------------------------------------------------- identical scores
@pytest.mark.parametrize("seed", range(6))
def test_identical_to_reference_on_random_corpora(seed):
    rng = random.Random(seed)
    docs = random_corpus(rng, rng.choice([1, 5, 60, 400]), rng.choice([3, 30, 500]))
    index, ref = BM25Index(docs), ReferenceBM25(docs)
    terms = sorted({t for toks in docs.values() for t in toks})
    assert_same(index, ref, random_queries(rng, docs, 60), terms)
    for cid in docs:
        assert index.tokens(cid) == docs[cid]


def test_ties_are_ordered_by_chunk_id():
    docs = {cid: ["担保", "融資"] for cid in ["c", "a", "B", "b", "あ", "a2"]}
    index = BM25Index(docs)
    hits = index.search(["担保"], 30)
    assert [cid for cid, _ in hits] == sorted(docs)
    assert len({s for _, s in hits}) == 1
    assert index.search(["担保"], 2) == ReferenceBM25(docs).search(["担保"], 2)


def test_query_term_frequency_multiplies():
    index = BM25Index({"a": ["知財", "金融"], "b": ["金融"], "c": ["担保"]})
    once = dict(index.search(["知財"]))["a"]
    assert dict(index.search(["知財", "知財", "知財"]))["a"] == once * 3


def test_identical_on_the_bundled_corpus(bundled_settings):
    from assistant.text.ja import content_terms

    store = IndexStore(bundled_settings.home)
    generation = store.manifest.generation
    assert generation >= 1
    assert (bundled_settings.home / "generations" / f"{generation:06d}" / "bm25.npz").exists()
    assert not (bundled_settings.home / "bm25.npz").exists() and not (bundled_settings.home / "bm25.json").exists()
    ids = sorted({cid for e in store.manifest.files.values() for cid in e.chunk_ids})
    docs = {cid: store.bm25.tokens(cid) for cid in ids}
    assert len(store.bm25) == len(docs) > 0 and all(docs.values())
    ref = ReferenceBM25(docs)
    questions = [
        "企業価値担保権とは何ですか?",
        "知財ビジネス評価書の作成費用はいくらですか?",
        "中国の知財質押融資の規模は?",
        "広東省では知財担保融資の損失をどう分担していますか?",
        "経営者保証の制限について教えてください",
        "ABLとは何ですか?",
        "金融庁は企業価値担保権付き融資の引当をどう考えていますか?",
        "知財 知財 担保 融資 評価",
    ]
    headings = [
        line.lstrip("#").strip()
        for p in sorted((bundled_settings.corpus_dir / "briefs").glob("*.md"))
        for line in p.read_text().splitlines()
        if line.startswith("## ")
    ]
    queries = [content_terms(q) for q in questions + headings]
    terms = sorted({t for toks in docs.values() for t in toks})
    assert_same(store.bm25, ref, queries, terms)
    # the long lists the retriever asks for, too
    for q in queries:
        assert store.bm25.search(q, 200) == ref.search(q, 200)


# --------------------------------------------------------------------------- mutation
def test_add_remove_and_search_stay_consistent():
    rng = random.Random(7)
    docs = random_corpus(rng, 120, 80)
    index, ref = BM25Index(), ReferenceBM25()
    items = list(docs.items())
    terms = sorted({t for toks in docs.values() for t in toks})
    queries = random_queries(rng, docs, 15)
    for step in range(12):
        for cid, toks in rng.sample(items, 25):
            if rng.random() < 0.3:  # re-add an id with other tokens
                toks = rng.sample(terms, rng.randrange(0, 10))
            index.add(cid, toks)
            ref.add(cid, toks)
        gone = [*rng.sample([cid for cid, _ in items], 15), "never-added"]
        index.remove(gone if step % 2 else set(gone))
        ref.remove(gone)
        assert_same(index, ref, queries, terms)
        for cid, _ in items:
            assert (cid in index) == (cid in ref._docs)
            assert index.tokens(cid) == ref._docs.get(cid, [])
    # searches between single edits see each edit
    cid = "new-chunk"
    index.add(cid, ["独自語", "独自語"])
    assert index.search(["独自語"])[0][0] == cid and index.document_frequency("独自語") == 1
    index.remove([cid])
    assert index.search(["独自語"]) == [] and cid not in index and index.tokens(cid) == []


def test_a_term_no_chunk_uses_any_more_is_forgotten():
    index = BM25Index({"a": ["知財", "金融"], "b": ["金融"]})
    assert index.document_frequency("知財") == 1
    index.remove(["a"])
    assert index.document_frequency("知財") == 0
    assert index.idf("知財") == index.idf("未知語") == math.log(1 + 1.5 / 0.5)
    assert index.search(["知財"]) == []
    assert index.search(["知財", "金融"]) == ReferenceBM25({"b": ["金融"]}).search(["知財", "金融"])
    again = BM25Index.from_bytes(index.to_bytes())
    assert again.document_frequency("知財") == 0 and again.tokens("b") == ["金融"]


# --------------------------------------------------------------------------- persistence
def _sample_index() -> tuple[BM25Index, dict[str, list[str]]]:
    docs = random_corpus(random.Random(11), 200, 150)
    index = BM25Index()
    for cid, toks in docs.items():
        index.add(cid, toks)
    return index, docs


def test_save_load_round_trip(tmp_path):
    index, docs = _sample_index()
    path = tmp_path / "bm25.npz"
    index.save(path)
    assert path.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["bm25.npz"]  # no temporary file left behind
    loaded = BM25Index.load(path)
    ref = ReferenceBM25(docs)
    terms = sorted({t for toks in docs.values() for t in toks})
    assert_same(loaded, ref, random_queries(random.Random(3), docs, 30), terms)
    assert all(loaded.tokens(cid) == toks for cid, toks in docs.items())
    # a loaded index keeps taking edits
    loaded.add("extra", ["語1", "語1", "語2"])
    ref.add("extra", ["語1", "語1", "語2"])
    loaded.remove([next(iter(docs))])
    ref.remove([next(iter(docs))])
    assert_same(loaded, ref, [["語1"], ["語1", "語2"], ["語0", "語3"]], terms)
    loaded.save(path)
    assert BM25Index.load(path).search(["語1", "語2"], 50) == ref.search(["語1", "語2"], 50)


def test_to_bytes_is_the_saved_file_and_from_bytes_reads_it(tmp_path):
    index, docs = _sample_index()
    data = index.to_bytes()
    index.save(tmp_path / "bm25.npz")
    assert (tmp_path / "bm25.npz").read_bytes() == data
    again = BM25Index.from_bytes(data)
    queries = random_queries(random.Random(5), docs, 30)
    assert [again.search(q) for q in queries] == [index.search(q) for q in queries]
    assert again.to_bytes() == data


def test_load_reads_the_version_1_json(tmp_path):
    docs = random_corpus(random.Random(13), 80, 60)
    path = tmp_path / "bm25.json"
    path.write_text(json.dumps({"version": 1, "k1": K1, "b": B, "docs": docs}, ensure_ascii=False))
    loaded = BM25Index.load(path)
    terms = sorted({t for toks in docs.values() for t in toks})
    assert_same(loaded, ReferenceBM25(docs), random_queries(random.Random(2), docs, 30), terms)
    assert all(loaded.tokens(cid) == toks for cid, toks in docs.items())
    assert BM25Index.from_bytes(path.read_bytes()).search(["語0"]) == loaded.search(["語0"])


def test_store_reads_an_old_bm25_json_index(tmp_path):
    """An index written before generations (manifest version 1, bm25.json beside it) is read
    as generation 0; the next ingest moves it to generations/ (tests/index/test_generations.py)."""
    home = tmp_path / "home"
    home.mkdir()
    docs = {"doc:0": ["企業価値担保権", "施行"], "doc:1": ["知財", "金融", "知財"]}
    (home / "bm25.json").write_text(json.dumps({"version": 1, "k1": K1, "b": B, "docs": docs}, ensure_ascii=False))
    files = {"/x/a.md": {"sha256": "0", "source_id": "a", "chunk_ids": ["doc:0", "doc:1"]}}
    (home / "manifest.json").write_text(json.dumps({"version": 1, "embedder": "e", "files": files, "documents": {}}))
    store = IndexStore(home)
    assert store.manifest.generation == 0 and store.count() == 2
    assert store.bm25.tokens("doc:1") == ["知財", "金融", "知財"]
    assert store.bm25.search(["知財"]) == ReferenceBM25(docs).search(["知財"])


def test_missing_file_is_an_empty_index(tmp_path):
    assert len(BM25Index.load(tmp_path / "absent.npz")) == 0


def test_from_bytes_refuses_another_format():
    import io

    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, meta=np.frombuffer(b'{"format": "other", "version": 9}', dtype=np.uint8))
    with pytest.raises(ValueError, match="not an ipfin BM25 index"):
        BM25Index.from_bytes(buf.getvalue())


# --------------------------------------------------------------------------- edge cases
def test_empty_index(tmp_path):
    index = BM25Index()
    assert len(index) == 0 and "x" not in index and index.tokens("x") == []
    assert index.search(["知財"]) == [] and index.search([]) == []
    assert index.document_frequency("知財") == 0
    assert index.idf("知財") == math.log(2)
    index.save(tmp_path / "bm25.npz")
    assert len(BM25Index.load(tmp_path / "bm25.npz")) == 0
    assert BM25Index.from_bytes(index.to_bytes()).search(["知財"]) == []
    assert BM25Index({}).search(["知財"]) == []


def test_chunks_without_tokens_count_but_never_match():
    docs = {"empty": [], "a": ["知財"], "b": []}
    index = BM25Index(docs)
    assert len(index) == 3 and "empty" in index and index.tokens("empty") == []
    assert index.search(["知財"]) == ReferenceBM25(docs).search(["知財"])
    assert BM25Index.from_bytes(index.to_bytes()).search(["知財"]) == index.search(["知財"])
    only_empty = BM25Index({"e": []})
    assert only_empty.search(["知財"]) == [] and only_empty.idf("知財") == ReferenceBM25({"e": []}).idf("知財")


def test_unknown_query_terms_are_ignored():
    docs = {"a": ["知財", "金融"], "b": ["担保"]}
    index, ref = BM25Index(docs), ReferenceBM25(docs)
    assert index.search(["未知語"]) == [] == ref.search(["未知語"])
    assert index.search(["未知語", "担保", "未知語"]) == ref.search(["未知語", "担保", "未知語"])
    assert index.document_frequency("未知語") == 0
    assert index.idf("未知語") == ref.idf("未知語")


def test_phrase_frequency_counts_chunks_holding_the_words_in_a_row():
    index = BM25Index({"a": ["民事", "執行", "再生"], "b": ["事業", "再生", "ファンド"], "c": ["事業", "再生"]})
    assert index.phrase_frequency(["事業", "再生"]) == 2
    assert index.phrase_frequency(["民事", "再生"]) == 0  # each word is known, never together
    assert index.phrase_frequency(["再生"]) == 3
    assert index.phrase_frequency(["合併", "再生"]) == 0
    # chunks added or removed later are counted as they stand
    index.add("d", ["民事", "再生"])
    assert index.phrase_frequency(["民事", "再生"]) == 1
    index.remove(["b", "c"])
    assert index.phrase_frequency(["事業", "再生"]) == 0
