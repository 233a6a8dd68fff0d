"""Every failure the battery found ending in "error: unexpected …" (or a traceback, or a
silent wrong result) now ends in one line that says what happened and what to do.

Real parts throughout: the CLI in a child process where the failure needs one (file
permissions that apply to root too, a file-size limit standing in for a full disk, a port
held by a real socket, SIGINT, a reader that goes away), damaged copies of a real index.
Each case asserts the specific message, exit code 1 (130 for Ctrl-C) and no "unexpected".
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.app.feedback import FeedbackStore
from assistant.cli.main import app
from assistant.core.settings import PROJECT_ROOT
from assistant.index.generation import LocalBackend
from tests.conftest import write
from tests.indexcopy import writable_copy
from tests.llm.fake_server import FakeLLM, Step
from tests.reliability.conftest import ipfin, llm_env
from tests.reliability.test_files import _record


def _one_error(result, needle: str, code: int = 1) -> str:
    """The run failed with ``code`` and one ``error:`` line containing ``needle``."""
    err = getattr(result, "stderr", None) or getattr(result, "err", "")
    got = getattr(result, "exit_code", getattr(result, "code", None))
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert got == code, (got, err, getattr(result, "output", getattr(result, "out", "")))
    assert lines and lines[-1].startswith("error: ") and needle in lines[-1], err
    assert "unexpected" not in err and "Traceback" not in err, err
    return lines[-1]


@pytest.fixture
def cli():
    return CliRunner()


@pytest.fixture
def home(bundled_settings, tmp_path):
    """A writable copy of the bundled index, to damage."""
    return writable_copy(bundled_settings, tmp_path / "home")


# ------------------------------------------------------------------ output files


@pytest.mark.parametrize("target", ["folder", "missing-folder"])
def test_batch_out_that_cannot_be_a_file(cli, tmp_path, monkeypatch, bundled_settings, target):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    src = write(tmp_path / "q.jsonl", '{"id": 1, "question": "ABLとは？"}\n')
    out = tmp_path if target == "folder" else tmp_path / "nope" / "a.jsonl"
    needle = "is a folder" if target == "folder" else "does not exist"
    _one_error(cli.invoke(app, ["ask", "--batch", str(src), "--out", str(out)]), needle)


def test_batch_input_that_is_a_folder(cli, tmp_path, bundled_settings, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    _one_error(cli.invoke(app, ["ask", "--batch", str(tmp_path)]), "no such file")


@pytest.mark.parametrize("target", ["folder", "missing-folder"])
def test_feedback_export_out_that_cannot_be_a_file(cli, tmp_path, monkeypatch, target):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "home"))
    out = tmp_path if target == "folder" else tmp_path / "nope" / "f.csv"
    needle = "is a folder" if target == "folder" else "does not exist"
    _one_error(cli.invoke(app, ["feedback", "export", "--format", "csv", "--out", str(out)]), needle)


# ------------------------------------------------------------------ the feedback database


def test_feedback_database_that_is_not_a_database(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path))
    (tmp_path / "feedback.sqlite3").write_bytes(b"garbage " * 100)
    _one_error(cli.invoke(app, ["feedback", "export"]), "cannot be opened")


def test_feedback_database_of_another_shape(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path))
    with sqlite3.connect(tmp_path / "feedback.sqlite3") as conn:
        conn.execute("CREATE TABLE feedback (id INTEGER)")
    _one_error(cli.invoke(app, ["feedback", "export"]), "cannot be read")


def test_a_reader_that_goes_away(tmp_path):
    store = FeedbackStore(tmp_path)
    for turn in range(3000):
        store.record(_record(turn, "コメント" * 20))
    cmd = [sys.executable, "-m", "assistant.cli", "feedback", "export"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "IPFIN_HOME": str(tmp_path)}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=PROJECT_ROOT)
    proc.stdout.readline()  # `ipfin feedback export | head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and err == "", err  # quiet: no traceback, no "Exception ignored"


# ------------------------------------------------------------------ settings and folders


def test_ipfin_home_that_is_a_file(cli, tmp_path, monkeypatch):
    home = write(tmp_path / "home", "not a folder")
    monkeypatch.setenv("IPFIN_HOME", str(home))
    doc = write(tmp_path / "a.md", "# A\n\nABLは融資である。\n")
    _one_error(cli.invoke(app, ["ingest", str(doc)]), "is in the way")


def test_ipfin_home_with_an_unknown_user(cli, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", "~no-such-user-here/ipfin")
    _one_error(cli.invoke(app, ["sources"]), "give a full path")


def test_a_missing_corpus_folder(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(tmp_path / "no-corpus"))
    _one_error(cli.invoke(app, ["ingest"]), "The corpus folder")


def test_a_pipe_given_as_a_document(cli, tmp_path):
    fifo = tmp_path / "doc.md"
    os.mkfifo(fifo)
    _one_error(cli.invoke(app, ["ingest", str(fifo)]), "not a regular file")


def test_a_question_that_is_not_utf8(cli, bundled_settings, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    question = b"ABL\xff\xfe\xe3\x81".decode("utf-8", "surrogateescape")  # what argv holds for bad bytes
    _one_error(cli.invoke(app, ["ask", question]), "not valid UTF-8")


def test_a_front_matter_of_odd_types_is_read(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "home"))
    doc = write(
        tmp_path / "odd.md",
        "---\nrelated_documents: 5\ntitle: [1, 2]\nyear: [2020]\nlang: 7\njurisdiction: {a: 1}\n---\n# T\n\nABLは融資である。\n",
    )
    result = cli.invoke(app, ["ingest", str(doc)])
    assert result.exit_code == 0 and "Indexed 1 document(s)" in result.stdout, result.output


@pytest.mark.parametrize(
    "args",
    [
        ("ingest",),
        ("ask", "--batch"),
        ("corpus", "add", "--id", "my-secret", "--title", "T", "--publisher", "P", "--no-ingest"),
    ],
)
def test_an_unreadable_input_file(tmp_path, args):
    doc = write(tmp_path / "docs" / "secret.md", "# A\n\nABLは融資である。\n")
    doc.chmod(0)
    where = args.index("--id") if "--id" in args else len(args)
    argv = [*args[:where], str(doc), *args[where:]]
    env = {"IPFIN_HOME": str(tmp_path / "home"), "IPFIN_CORPUS_DIR": str(tmp_path / "corpus")}
    _one_error(ipfin(*argv, env=env, respect_permissions=True), "Permission denied")


def test_thresholds_file_with_a_yaml_error_is_one_line(cli, tmp_path):
    bad = write(tmp_path / "t.yaml", "{:\n  - [\n")
    result = cli.invoke(app, ["eval", "--reuse-index", "--thresholds", str(bad), "--mode", "bm25", "--out", str(tmp_path / "r")])
    assert result.exit_code != 0 and len([ln for ln in result.stderr.splitlines() if ln.strip()]) == 1, result.stderr


# ------------------------------------------------------------------ a damaged or read-only index


def _committed(home) -> tuple[Path, Path]:
    """The committed generation's BM25 file and vector store folder (from its manifest)."""
    backend = LocalBackend(home.home)
    manifest = backend.read_manifest()
    bm25, vectors = backend.bm25_path(manifest.generation), backend.vectors_path(manifest.vectors)
    assert bm25.is_file() and (vectors / "chroma.sqlite3").is_file(), (bm25, vectors)
    return bm25, vectors


def test_a_damaged_bm25_file(cli, home, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(home.home))
    _committed(home)[0].write_bytes(b"garbage")
    _one_error(cli.invoke(app, ["ask", "ABLとは何ですか？"]), "ingest --rebuild")


def test_a_damaged_vector_store(cli, home, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(home.home))
    (_committed(home)[1] / "chroma.sqlite3").write_bytes(b"garbage " * 1000)
    line = _one_error(cli.invoke(app, ["ask", "ABLとは何ですか？"]), "cannot be read")
    assert "not a database" in line and "`ipfin ingest` repairs" in line, line
    # and the advice works: the ingest indexes the files again into a new vector store
    repaired = cli.invoke(app, ["ingest", str(PROJECT_ROOT / "corpus" / "briefs")])
    assert repaired.exit_code == 0, repaired.output
    asked = cli.invoke(app, ["ask", "ABLとは何ですか？"])
    assert asked.exit_code == 0 and "出典" in asked.stdout, asked.output


def test_a_vector_store_that_was_deleted(cli, home, monkeypatch):
    import shutil

    monkeypatch.setenv("IPFIN_HOME", str(home.home))
    shutil.rmtree(_committed(home)[1])
    _one_error(cli.invoke(app, ["ask", "ABLとは何ですか？"]), "vector store")  # it used to abstain silently


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)


def test_a_read_only_data_folder(home):
    _read_only(home.home)
    env = {"IPFIN_HOME": str(home.home)}
    # answering reads the manifest, BM25 and the chunks' read copy, never writing (nor opening Chroma)
    asked = ipfin("ask", "ABLとは何ですか？", env=env, respect_permissions=True)
    assert asked.code == 0 and "出典" in asked.out, asked.err
    doc = write(home.home.parent / "new.md", "# 新\n\nABLは融資である。\n")
    # the writer's lock file is the first thing an ingest writes: refused there, nothing half-done
    _one_error(ipfin("ingest", str(doc), env=env, respect_permissions=True), "cannot be written (Permission denied)")
    listed = ipfin("sources", env=env, respect_permissions=True)
    assert listed.code == 0 and "evc-act" in listed.out  # reading the list needs no write


def test_a_data_folder_that_cannot_be_created(tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    doc = write(tmp_path / "a.md", "# A\n\nABLは融資である。\n")
    run = ipfin("ingest", str(doc), env={"IPFIN_HOME": str(parent / "home")}, respect_permissions=True)
    _one_error(run, "Permission denied")


def test_corpus_add_into_a_read_only_raw_folder(tmp_path):
    raw = tmp_path / "corpus" / "raw"
    raw.mkdir(parents=True)
    raw.chmod(0o555)
    doc = write(tmp_path / "a.md", "# A\n\nABLは融資である。\n")
    args = ["corpus", "add", str(doc), "--id", "my-a", "--title", "T", "--publisher", "P", "--no-ingest"]
    run = ipfin(*args, env={"IPFIN_CORPUS_DIR": str(tmp_path / "corpus")}, respect_permissions=True)
    _one_error(run, "Permission denied")


def test_eval_reports_into_a_read_only_folder(bundled_settings, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    args = ["eval", "--reuse-index", "--mode", "bm25", "--out", str(locked / "report")]
    item = '{"id": "a", "question": "ABLとは何ですか？", "answerable": true, "expected_sources": ["fsa-abl"], '
    item += '"key_facts": ["在庫"], "category": "definition"}'
    dataset = write(tmp_path / "d.jsonl", item + "\n")
    run = ipfin(*args, "--dataset", str(dataset), env={"IPFIN_HOME": str(bundled_settings.home)}, respect_permissions=True)
    _one_error(run, "Permission denied")


def test_a_full_disk_while_indexing(tmp_path):
    docs = tmp_path / "docs"
    for i in range(3):  # 240 distinct sentences: their unit vectors alone pass the 300 KB limit
        write(docs / f"d{i}.md", f"# 文書{i}\n\n" + "".join(f"企業価値担保権は事業{i}の{j}番目の部分を担保にする。" for j in range(80)) + "\n")
    run = ipfin("ingest", str(docs), env={"IPFIN_HOME": str(tmp_path / "home")}, file_size_limit=300_000)
    line = _one_error(run, "")
    assert "space" in line or "disk" in line, line
    assert not list((tmp_path / "home").glob("units/*"))  # the unfinished unit segment was removed


# ------------------------------------------------------------------ ipfin ui


def test_ui_on_a_port_in_use(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        run = ipfin("ui", "--port", str(port), timeout=60)
    _one_error(run, "already in use")
    assert f"--port {port + 1}" in run.err and "Serving on" not in run.out


def test_ui_on_an_address_this_machine_does_not_have():
    # a documentation address (TEST-NET-3), numeric: nothing is resolved or sent, bind() just fails
    _one_error(ipfin("ui", "--host", "203.0.113.7", "--port", "18765", timeout=60), "not an address")


# ------------------------------------------------------------------ ipfin chat: bad input, Ctrl-C


def test_chat_survives_a_line_that_is_not_utf8(bundled_settings):
    run = ipfin(
        "chat",
        env={"IPFIN_HOME": str(bundled_settings.home), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        stdin=b"\xff\xfe\xe3\x81\n" + "ABLとは何ですか？\n/quit\n".encode(),
    )
    assert run.code == 0, run
    assert "not valid UTF-8" in run.err or "not UTF-8" in run.err
    assert "ABL" in run.out and "出典:" in run.out  # the next question was answered
    assert "unexpected" not in run.err and "Traceback" not in run.err


def test_ctrl_c_while_answering_keeps_the_chat(bundled_settings):
    fake = FakeLLM().start()
    try:
        fake.add(Step(text="遅い回答[1]。", delay=30))
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **llm_env(fake, bundled_settings.home)}
        env["IPFIN_LLM_TIMEOUT"] = "60"
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "chat"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=PROJECT_ROOT,
        )
        proc.stdin.write("企業価値担保権とは何ですか？\n".encode())
        proc.stdin.flush()
        deadline = time.monotonic() + 240
        while not fake.requests and time.monotonic() < deadline:  # the model is writing
            time.sleep(0.2)
        assert fake.requests, "the question never reached the model"
        proc.send_signal(signal.SIGINT)
        proc.stdin.write(b"/quit\n")
        proc.stdin.flush()
        _, err = proc.communicate(timeout=120)
    finally:
        fake.stop()
    assert proc.returncode == 0, err.decode()
    assert "answer interrupted" in err.decode() and "Traceback" not in err.decode()


def test_ctrl_c_at_the_prompt_leaves_quietly(bundled_settings):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "IPFIN_HOME": str(bundled_settings.home)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "chat"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=PROJECT_ROOT,
    )
    banner = proc.stdout.readline().decode()  # the chat is waiting at its prompt
    assert banner.startswith("ipfin chat")
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err.decode() == "", err.decode()


@pytest.mark.parametrize("when", ["typer._click.utils", "typer", "assistant.core.errors", "assistant.cli.main", "tqdm"])
def test_ctrl_c_during_start_up_is_one_line(tmp_path, when):
    """SIGINT just after Python has imported ``when`` (``-X importtime`` reports each import as
    it finishes): while typer and ipfin load, and as the command begins."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "IPFIN_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "assistant.cli", "ingest", str(PROJECT_ROOT / "corpus" / "briefs")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=PROJECT_ROOT,
    )
    seen: list[str] = []
    for raw in proc.stderr:
        line = raw.decode("utf-8", "replace")
        seen.append(line)
        if line.startswith("import time:") and line.rsplit("|", 1)[-1].strip() == when:
            break
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    text = "".join(seen) + rest
    ours = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("import time:")]
    assert "Traceback" not in text and "unexpected" not in text, ours
    assert proc.returncode == 130 and ours == ["error: interrupted (Ctrl-C)."], (proc.returncode, ours)


_INTERRUPTED_IN_STRING_CODE = """
import signal, sys

import assistant.cli.main as cli_main
import assistant.cli.stream as stream
from assistant.cli import app


def interrupted(*args, **kwargs):
    # Ctrl-C landing in code compiled from a string, as while dataclasses build their methods
    exec("import signal; signal.raise_signal(signal.SIGINT)")


if sys.argv[1] == "sources":
    cli_main._assistant = interrupted
else:
    cli_main._assistant = lambda mode=None: object()
    stream.ask_and_render = interrupted
app()
"""


@pytest.mark.parametrize(
    ("args", "stdin", "code", "stderr"),
    [
        (["sources"], "", 130, ["error: interrupted (Ctrl-C)."]),
        (["chat"], "特許を担保にできますか\n/quit\n", 0, ["(回答を中断しました / answer interrupted)"]),
    ],
    ids=["sources", "chat-then-quit"],
)
def test_a_handled_ctrl_c_ends_by_its_exit_code_not_by_sigint(tmp_path, args, stdin, code, stderr):
    """``python -m`` (unlike the ``ipfin`` script) ended by SIGINT (returncode -2) after our
    line when the KeyboardInterrupt had passed through code compiled from a string: seen under
    CI load as a Ctrl-C during start-up, and a chat interrupted so went on to end by SIGINT."""
    (tmp_path / "interrupted_run.py").write_text(_INTERRUPTED_IN_STRING_CODE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), str(tmp_path)]),
           "IPFIN_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "interrupted_run", *args], input=stdin.encode(), capture_output=True,
        env=env, cwd=tmp_path, timeout=120,
    )
    err = [ln for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    assert (done.returncode, err) == (code, stderr), done.stdout.decode("utf-8", "replace")


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_ui_on_a_port_out_of_range(cli, monkeypatch, port):
    # --port 99999 used to pass the free-port check (getaddrinfo wraps it), print "Serving on",
    # and end in Streamlit's OverflowError traceback
    _one_error(cli.invoke(app, ["ui", "--port", port]), "between 1 and 65535")
    monkeypatch.setenv("IPFIN_PORT", port)
    _one_error(cli.invoke(app, ["ui"]), "between 1 and 65535")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["feedback", "export", "--format", "xml"], "Invalid value for --format: must be one of csv, jsonl"),
        (["ask", "--mode", "nope", "ABLとは？"], "Invalid value for --mode: must be one of hybrid, bm25, dense"),
        (["ask", "ABLとは？", "--batch", "q.jsonl"], "give either a QUESTION or --batch, not both"),
    ],
)
def test_an_option_value_a_command_checks_itself(cli, tmp_path, monkeypatch, args, needle):
    # typer.BadParameter raised inside a command used to reach the catch-all: "unexpected BadParameter"
    monkeypatch.setenv("IPFIN_HOME", str(tmp_path / "home"))
    _one_error(cli.invoke(app, args), needle, code=2)
