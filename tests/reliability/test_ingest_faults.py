"""The index under faults, with real processes: ``kill -9`` in the middle of an ingest, two
writers at once, and damaged parts (a deleted Chroma folder, a truncated BM25 file, a
truncated manifest).

Each test starts from a copy of a small index (three tiny briefs) and runs
``python -m assistant.cli …`` as the user would. An interrupted ingest changes one
committed document (alpha: 1999 → 2005) and adds three, so an answer tells which state
it comes from."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.app.assistant import Assistant
from assistant.app.doctor import run_checks
from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.index.generation import backend_for
from assistant.index.lock import IndexBusyError, LocalLock
from assistant.index.remote import RemoteBackend
from assistant.index.store import IndexStore
from assistant.ingest.pipeline import ingest
from tests.conftest import write
from tests.index.chroma_server import chroma_server
from tests.index.corpus import ALPHA_V2, FACTS, brief, corpus

BASE_DOCS = ["alpha", "beta", "gamma"]
NEW_DOCS = ["delta", "epsilon", "zeta"]


def _env(settings: Settings, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("IPFIN_")}
    server = {"IPFIN_CHROMA_URL": settings.chroma_url, "IPFIN_CHROMA_PREFIX": settings.chroma_prefix}
    return env | {"PYTHONPATH": str(PROJECT_ROOT), "IPFIN_HOME": str(settings.home),
                  "IPFIN_CORPUS_DIR": str(settings.corpus_dir)} | (server if settings.chroma_url else {}) | extra


def _cli(settings: Settings, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=_env(settings, **extra),
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def built(tmp_path_factory, embedder) -> Settings:
    """An index of alpha (1999), beta and gamma, built once; tests work on copies."""
    root = tmp_path_factory.mktemp("faults")
    settings = Settings(home=root / "home", corpus_dir=root / "corpus")
    corpus(settings.corpus_dir / "briefs", BASE_DOCS)
    ingest(settings, embedder)
    return settings


@pytest.fixture
def home(built, tmp_path) -> Settings:
    shutil.copytree(built.corpus_dir, tmp_path / "corpus")
    shutil.copytree(built.home, tmp_path / "home")
    return built.with_(home=tmp_path / "home", corpus_dir=tmp_path / "corpus")


def _sources(settings: Settings) -> list[str]:
    return sorted(d.doc.source_id for d in Assistant(settings).documents())


def _consistent_state(settings: Settings, embedder) -> str:
    """Answers, sources and Chroma agree on exactly one committed state: "old" or "new"."""
    sources = _sources(settings)
    assistant = Assistant(settings, embedder)
    alpha = assistant.ask(FACTS["alpha"][1])
    store = IndexStore(backend=backend_for(settings))
    chroma = set(store.collection.get(include=[])["ids"])
    assert chroma <= store.chunk_ids | set(store.manifest.retired)  # nothing uncommitted is left
    assert store.chunk_ids <= chroma and len(store.bm25) == store.count()
    cited = {c.doc.source_id for n in NEW_DOCS for c in assistant.ask(FACTS[n][1]).citations}
    if sources == BASE_DOCS:
        assert "1999" in alpha.text and "2005" not in alpha.text
        assert not cited & set(NEW_DOCS)  # no unfinished document is cited
        return "old"
    assert sources == sorted(BASE_DOCS + NEW_DOCS)
    assert "2005" in alpha.text and "1999" not in alpha.text and cited == set(NEW_DOCS)
    return "new"


def _wait_for(predicate, proc: subprocess.Popen, timeout: float = 600) -> bool:
    """Poll every few milliseconds until ``predicate()``; False if the process ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return predicate()
        time.sleep(0.003)
    raise TimeoutError("the ingest never reached the point")


def _journal_has_chunks(home: Path) -> bool:
    try:
        return '"chunks"' in (home / "index.journal").read_text()
    except OSError:
        return False


def _generation(home: Path) -> int:
    try:
        return int(json.loads((home / "manifest.json").read_text())["generation"])
    except (OSError, ValueError, KeyError):
        return -1


POINTS = {
    # the lock is taken and recorded; nothing added yet
    "locked": lambda home, pid: f'"pid": {pid},' in (home / "index.lock").read_text(errors="replace"),
    # chunks of the first files are in Chroma, more files are being embedded
    "adding": lambda home, pid: _journal_has_chunks(home),
    # the new generation's files are being written (the commit is a rename away)
    "writing": lambda home, pid: (home / "generations" / "000002").exists(),
    # the commit is done; the lock may not be released yet
    "committed": lambda home, pid: _generation(home) == 2,
}


@pytest.mark.parametrize("point", list(POINTS))
def test_kill_9_mid_ingest_leaves_one_committed_state(home, embedder, point):
    briefs = home.corpus_dir / "briefs"
    brief(briefs, "alpha", ALPHA_V2)
    corpus(briefs, NEW_DOCS)
    child = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest"], env=_env(home, IPFIN_INGEST_BATCH="2"),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        reached = _wait_for(lambda: POINTS[point](home.home, child.pid), child)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert reached and child.returncode == -signal.SIGKILL, "the ingest ended before the point"

    asked = _cli(home, "ask", "--json", FACTS["alpha"][1])  # the next start
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    state = _consistent_state(home, embedder)
    if state == "old":
        assert "was rolled back" in asked.stderr and f"pid {child.pid}" in asked.stderr
        assert answer["citations"][0]["source_id"] == "alpha" and "1999" in answer["answer"]
    else:
        assert "2005" in answer["answer"]
    if point == "locked":
        assert state == "old" and "nothing of it was committed" in asked.stderr
    if point == "adding":  # its chunks were in Chroma: the next start took them out
        assert state == "old" and "uncommitted chunk(s) removed" in asked.stderr
    if point == "committed":
        assert state == "new"
    assert all(c.ok for c in run_checks(home)), [c for c in run_checks(home) if not c.ok]
    assert "rolled back" not in _cli(home, "sources").stderr  # said once
    rerun = ingest(home, embedder)  # the ingest, run again, finishes the job
    assert rerun.errors == [] and _consistent_state(home, embedder) == "new"


def _many(folder: Path, prefix: str, n: int) -> None:
    for i in range(n):
        brief(folder, f"{prefix}{i:02d}", f"{prefix}{i:02d}号社の所在地は第{i + 1}区である。")


def test_two_ingests_at_once_take_turns_and_lose_nothing(home, tmp_path):
    _many(tmp_path / "a", "left", 6)
    _many(tmp_path / "b", "right", 6)
    env = _env(home, IPFIN_INDEX_LOCK_WAIT="600", IPFIN_INGEST_BATCH="4")
    procs = [
        subprocess.Popen([sys.executable, "-m", "assistant.cli", "ingest", str(tmp_path / side)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for side in ("a", "b")
    ]
    outs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert sum("Waiting up to 600 s for `ipfin ingest` (pid" in err for _, err in outs) <= 1
    documents = _sources(home)  # the folders are outside corpus/briefs: their files are users' (user/<name>)
    assert len(documents) == 3 + 12 and {f"user/left{i:02d}" for i in range(6)} <= set(documents)
    assert {f"user/right{i:02d}" for i in range(6)} <= set(documents)
    assert all(c.ok for c in run_checks(home))


def test_a_second_writer_refuses_naming_the_holder(home):
    brief(home.corpus_dir / "briefs", "alpha", ALPHA_V2)
    held = LocalLock(home.home)
    held.acquire(0, "ipfin ingest")
    try:
        done = _cli(home, "ingest", IPFIN_INDEX_LOCK_WAIT="1")
    finally:
        held.release()
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: The index ") and f"`ipfin ingest` (pid {os.getpid()} on" in last
    assert "waited 1 s" in last and "Wait for it to finish" in last and "Traceback" not in done.stderr
    assert _sources(home) == BASE_DOCS


def test_an_upload_waits_for_the_writer_then_refuses(home, embedder):
    held = LocalLock(home.home)
    held.acquire(0, "ipfin ingest")
    try:
        with pytest.raises(IndexBusyError, match=f"pid {os.getpid()}"):
            Assistant(home.with_(index_lock_wait=0.3), embedder).add_upload("メモ.md", "# メモ\n\n社内メモの本文。\n".encode())
    finally:
        held.release()


def test_a_running_assistant_follows_other_processes_ingests(home, embedder):
    """What a page or an API process does while `ipfin ingest` runs elsewhere, even a rebuild
    that replaces the vector store: it keeps answering and moves to each new generation."""
    running = Assistant(home, embedder)
    assert "1999" in running.ask(FACTS["alpha"][1]).text
    corpus(home.corpus_dir / "briefs", ["delta"])
    assert _cli(home, "ingest").returncode == 0
    assert running.ask(FACTS["delta"][1]).citations[0].doc.source_id == "delta"
    brief(home.corpus_dir / "briefs", "alpha", ALPHA_V2)
    assert _cli(home, "ingest", "--rebuild").returncode == 0
    assert "2005" in running.ask(FACTS["alpha"][1]).text


def test_a_running_page_follows_another_process_s_rebuild(home, monkeypatch):
    """The chat page itself (Streamlit's AppTest, its shared Assistant): after `ipfin ingest
    --rebuild` in another process replaces the vector store and adds a document, the same
    session answers from the new generation, with no error on the page."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IPFIN_HOME", str(home.home))
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(home.corpus_dir))
    page = AppTest.from_file(str(PROJECT_ROOT / "ui" / "app.py"), default_timeout=300)
    page.run()
    assert not page.exception

    def ask(question: str) -> str:
        page.chat_input[0].set_value(question).run()
        assert not page.exception and not page.error, [e.value for e in page.error]
        # the answers are HTML (st.html) since the chat-page merge; the framing is Markdown
        return "\n".join([m.value for m in page.markdown] + [h.value for h in page.html])

    assert "1999" in ask(FACTS["alpha"][1])
    brief(home.corpus_dir / "briefs", "alpha", ALPHA_V2)
    corpus(home.corpus_dir / "briefs", ["delta"])
    assert _cli(home, "ingest", "--rebuild").returncode == 0
    assert FACTS["delta"][2] in ask(FACTS["delta"][1])  # the history above holds no 12名
    assert "2005" in ask(FACTS["alpha"][1])


def _truncate(path: Path, keep: int = 100) -> None:
    path.write_bytes(path.read_bytes()[:keep])


DAMAGE = {
    "chroma folder deleted": lambda home: shutil.rmtree(next(home.glob("chroma*"))),
    "bm25 truncated": lambda home: _truncate(next(home.glob("generations/*/bm25.npz"))),
    "manifest truncated": lambda home: _truncate(home / "manifest.json"),
    "read copy truncated": lambda home: _truncate(next(home.glob("units/*.chunks.txt"))),
    "read copy deleted": lambda home: [p.unlink() for p in home.glob("units/*.chunks.*")],
}
SAYS = {
    "chroma folder deleted": "vector store",
    "bm25 truncated": "keyword index (BM25)",
    "manifest truncated": "index manifest",
    "read copy truncated": "read copy of the chunks",
    "read copy deleted": "read copy of the chunks",
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_part_is_found_by_doctor_and_repaired_by_ingest(home, embedder, damage):
    DAMAGE[damage](home.home)
    doctor = _cli(home, "doctor")
    assert doctor.returncode == 1
    failed = [line for line in doctor.stdout.splitlines() if line.startswith("ERR")]
    assert failed and SAYS[damage] in failed[0] and "Run `ipfin ingest` to repair" in failed[0]
    asked = _cli(home, "ask", FACTS["beta"][1])
    assert asked.returncode == 1 and "ipfin ingest" in asked.stderr and "unexpected" not in asked.stderr

    repaired = _cli(home, "ingest")
    assert repaired.returncode == 0, repaired.stderr
    assert SAYS[damage].split()[0].lower() in repaired.stderr.lower()  # one line says what was repaired
    assert _cli(home, "doctor").returncode == 0
    assert _consistent_state(home, embedder) == "old"


def test_rebuild_works_from_every_damage_at_once(home, embedder):
    for damage in DAMAGE.values():
        damage(home.home)
    write(home.home / "index.lock", "not a lock record")
    write(home.home / "index.journal", '{"chunks": ["x"], "store": "nowhere"}\n{"cut off')
    for path in home.home.glob("generations/*/manifest.json"):
        _truncate(path)
    rebuilt = _cli(home, "ingest", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _cli(home, "doctor").returncode == 0
    assert _consistent_state(home, embedder) == "old"
    assert len(list(home.home.glob("chroma*"))) == 1


def test_kill_9_mid_ingest_on_a_chroma_server(tmp_path, embedder):
    """Server mode: the killed writer's lease is taken over at once (a dead process on this
    machine), and the next start, a replica with an empty home, rolls it back."""
    with chroma_server(tmp_path / "chroma", tmp_path / "chroma.log") as url:
        settings = Settings(home=tmp_path / "writer", corpus_dir=tmp_path / "corpus", chroma_url=url)
        corpus(settings.corpus_dir / "briefs", BASE_DOCS)
        ingest(settings, embedder)
        brief(settings.corpus_dir / "briefs", "alpha", ALPHA_V2)
        corpus(settings.corpus_dir / "briefs", NEW_DOCS)
        backend = RemoteBackend(url, settings.chroma_prefix)
        child = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "ingest"], env=_env(settings, IPFIN_INGEST_BATCH="2"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            reached = _wait_for(lambda: bool(backend.get_records(where={"kind": "intent"})), child)
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait()
        assert reached and child.returncode == -signal.SIGKILL

        replica = settings.with_(home=tmp_path / "replica")
        asked = _cli(replica, "ask", "--json", FACTS["alpha"][1])
        assert asked.returncode == 0, asked.stderr
        assert "was rolled back" in asked.stderr and f"pid {child.pid}" in asked.stderr
        assert "1999" in json.loads(asked.stdout)["answer"]
        assert _consistent_state(replica, embedder) == "old" and not replica.home.exists()
        ingest(settings, embedder)
        assert _consistent_state(replica, embedder) == "new"
