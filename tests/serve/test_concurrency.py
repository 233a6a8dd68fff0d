"""One model and index per process, shared by concurrent requests: the parts underneath
are checked from many threads at once, then the API under 20 clients, then two uvicorn
workers reading one embedded index."""

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np

from assistant.index.bm25 import BM25Index
from assistant.text.ja import content_terms
from tests.serve.conftest import DEFINITION, GUANGDONG, without_timings
from tests.serve.live import ServeProcess, wait_ready

QUESTIONS = [
    GUANGDONG,
    DEFINITION,
    "企業価値担保権を設定すると経営者保証はどうなりますか？",
    "知財ビジネス評価書とは何ですか？",
    "ABLとは何ですか？",
    "中国の知財質押融資の規模はどのくらいですか？",
    "What is the enterprise value charge?",
    "米国の知財担保融資の特徴は何ですか？",
    "今日の東京の天気は？",
    "金融庁は企業価値担保権付き融資の引当をどう考えていますか？",
]


def _together(n: int, fn):
    """Run ``fn(i)`` in ``n`` threads released at the same moment; results in order."""
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_the_embedder_is_reentrant(embedder):
    texts = [q * (1 + i % 3) for i, q in enumerate(QUESTIONS * 2)]
    serial = [embedder.encode_queries([t])[0] for t in texts]
    together = _together(len(texts), lambda i: embedder.encode_queries([texts[i]])[0])
    for a, b in zip(serial, together, strict=True):
        assert np.allclose(a, b, atol=1e-5)


def test_chroma_and_bm25_answer_from_many_threads(assistant, embedder):
    store = assistant.store
    vectors = embedder.encode_queries(QUESTIONS)
    terms = [content_terms(q) for q in QUESTIONS]
    serial = [(store.dense_search(v, 30), store.key_search(v, 60), store.bm25.search(t, 30)) for v, t in zip(vectors, terms, strict=True)]
    n = len(QUESTIONS) * 2
    together = _together(
        n,
        lambda i: (
            store.dense_search(vectors[i % 10], 30),
            store.key_search(vectors[i % 10], 60),
            store.bm25.search(terms[i % 10], 30),
        ),
    )
    for i, got in enumerate(together):
        assert got == serial[i % 10]


def test_bm25_searches_while_another_thread_edits():
    """Searches read a consistent snapshot while an ingest-like writer adds and removes chunks."""
    docs = {f"c{i:04d}": content_terms(q) * (1 + i % 4) for i, q in enumerate(QUESTIONS * 30)}
    index = BM25Index(docs)
    query = content_terms(DEFINITION)
    stop = threading.Event()
    failures: list[BaseException] = []

    def writer():
        n = 0
        while not stop.is_set():
            index.add(f"extra-{n}", query)
            index.remove([f"extra-{n - 1}"])
            n += 1

    def reader(_):
        try:
            for _ in range(200):
                hits = index.search(query, 10)
                assert hits and all(score > 0 for _, score in hits)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        _together(8, reader)
    finally:
        stop.set()
        thread.join()
    assert failures == []


def test_twenty_clients_at_once_get_the_answers_they_asked(api, assistant):
    expected = {q: without_timings(assistant.ask(q).to_json()) for q in QUESTIONS}

    def client(i):
        question = QUESTIONS[i % len(QUESTIONS)]
        if i % 2:
            r = httpx.post(f"{api.url}/v1/ask", json={"question": question}, timeout=300)
            return question, r.status_code, r.json()
        body = {"model": "ipfin", "messages": [{"role": "user", "content": question}]}
        r = httpx.post(f"{api.url}/v1/chat/completions", json=body, timeout=300)
        return question, r.status_code, r.json().get("ipfin")

    results = _together(20, client)
    assert [status for _, status, _ in results] == [200] * 20
    for question, _, data in results:
        assert without_timings(data) == expected[question]


def _digest(home: Path, assistant) -> dict[str, str]:
    """What a reader must not change: ipfin's own files byte for byte, and what Chroma holds.
    (Chroma's files themselves are not compared: an embedded client rewrites some of them,
    e.g. an HNSW ``length.bin`` and ``chroma.sqlite3``, whenever a process opens it, even to
    query.)"""
    from assistant.index.generation import LocalBackend
    from assistant.index.units import UNITS_DIR

    backend = LocalBackend(home)
    manifest = backend.read_manifest()
    files = {"manifest.json": home / "manifest.json", "bm25": backend.bm25_path(manifest.generation)}
    files |= {f"units {p.name}": p for p in sorted((home / UNITS_DIR).iterdir())}  # the unit segments
    digest = {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}
    got = assistant.store.collection.get(include=["embeddings", "documents", "metadatas"])
    order = np.argsort(got["ids"])
    rows = [(got["ids"][i], got["documents"][i], sorted(got["metadatas"][i].items()), got["embeddings"][i].tobytes()) for i in order]
    digest["chunks"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digest


def test_two_workers_answer_from_one_embedded_index_and_leave_it_unchanged(bundled_settings, assistant):
    before = _digest(bundled_settings.home, assistant)
    server = ServeProcess(bundled_settings.home, "--workers", "2")
    try:
        server.wait_up(timeout=120)
        assert wait_ready(server.url, timeout=180).status_code == 200
        expected = {q: without_timings(assistant.ask(q).to_json()) for q in QUESTIONS}

        def client(i):
            question = QUESTIONS[i % len(QUESTIONS)]
            r = httpx.post(f"{server.url}/v1/ask", json={"question": question}, timeout=300)
            worker = httpx.get(f"{server.url}/healthz", timeout=30).json()["worker"]
            return question, r.status_code, r.json(), worker

        results = _together(20, client) + _together(20, client)
        assert [status for _, status, _, _ in results] == [200] * 40
        for question, _, data, _ in results:
            assert without_timings(data) == expected[question]
        workers = {w for *_, w in results}
        for _ in range(200):  # the kernel spreads connections over both workers' accept queues
            if len(workers) >= 2:
                break
            workers.add(httpx.get(f"{server.url}/healthz", timeout=30).json()["worker"])
        assert len(workers) == 2 and server.proc.pid not in workers
    finally:
        assert server.stopped_cleanly(), server.output()
    assert _digest(bundled_settings.home, assistant) == before
    assert "Traceback" not in server.output()
