import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from tests.conftest import BRIEFS, write
from tests.pdfs import make_pdf

CITATION_KEYS = {"n", "source_id", "title", "publisher", "url", "page", "quote"}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def indexed(monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    return bundled_settings


def _one_error_line(result) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines and all(ln.startswith("error: ") for ln in lines), result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


def test_ask_json_schema(runner, indexed):
    result = runner.invoke(app, ["ask", "--json", "広東省では知財担保融資の損失をどう分担していますか？"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"answer", "abstained", "citations", "mode", "timings_ms"} <= data.keys()
    assert data["mode"] == "extractive" and data["abstained"] is False
    assert data["citations"] and all(c.keys() >= CITATION_KEYS for c in data["citations"])
    assert {c["source_id"] for c in data["citations"]} <= {p.stem for p in BRIEFS.glob("*.md")}
    assert {"retrieve", "answer", "total"} & data["timings_ms"].keys()


def test_ask_text_lists_sources(runner, indexed):
    result = runner.invoke(app, ["ask", "企業価値担保権を設定すると経営者保証はどうなりますか？"])
    assert result.exit_code == 0
    assert "出典:" in result.stdout and "[1]" in result.stdout and "https://" in result.stdout


def test_ask_with_history_shows_the_condensed_query(runner, indexed):
    result = runner.invoke(app, ["ask", "--json", "-H", "企業価値担保権とは何ですか？", "それはいつから使えますか？"])
    data = json.loads(result.stdout)
    assert data["condensed_query"].startswith("企業価値担保権") and "5月25日" in data["answer"]


def test_batch_schema_and_per_line_errors(runner, indexed, tmp_path):
    src = write(
        tmp_path / "in.jsonl",
        "\n".join(
            [
                json.dumps({"id": "q1", "question": "ABLとは何ですか？"}, ensure_ascii=False),
                json.dumps(
                    {"id": "q2", "question": "それはいつから使えますか？", "history": ["企業価値担保権とは何ですか？"]},
                    ensure_ascii=False,
                ),
                json.dumps({"id": "q3", "question": "今日の東京の天気は？"}, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "q5", "question": "   "}),
            ]
        )
        + "\n",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["ask", "--batch", str(src), "--out", str(out)])
    assert result.exit_code == 1  # two bad lines, reported, the rest answered
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["q1", "q2", "q3", 4, "q5"]
    for row in rows[:3]:
        assert {"id", "answer", "abstained", "citations", "mode", "timings_ms"} <= row.keys()
    assert rows[2]["abstained"] is True
    assert "5月25日" in rows[1]["answer"]
    assert "error" in rows[3] and "error" in rows[4] and "empty" in rows[4]["error"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ask", "   "], "empty"),
        (["ask", "あ" * 20_000], "limit is 2,000"),
        (["ask", "--mode", "magic", "質問"], "must be one of"),
    ],
)
def test_bad_questions_fail_with_one_line(runner, indexed, args, needle):
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert needle in result.stderr + result.output
    assert "Traceback" not in result.stderr + result.output


def test_querying_before_any_ingest(runner):
    result = runner.invoke(app, ["ask", "企業価値担保権とは？"])
    assert result.exit_code == 1
    assert "ipfin ingest" in _one_error_line(result)


def test_ingest_bad_files_leaves_index_intact(runner, monkeypatch, tmp_path):
    good = write(tmp_path / "docs" / "good.md", "# ABL\n\nABLは在庫や売掛金を担保にする融資である。\n")
    ok = runner.invoke(app, ["ingest", str(good)])
    assert ok.exit_code == 0 and "Indexed 1 document(s)" in ok.stdout
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    locked = make_pdf(tmp_path / "locked.pdf", [["秘密。"]], encrypt="pw")
    bad = runner.invoke(app, ["ingest", str(binary), str(locked)])
    assert bad.exit_code == 1
    errors = [ln for ln in bad.stderr.splitlines() if ln.strip()]
    assert len(errors) == 2 and "binary" in errors[0] and "encrypted" in errors[1]
    listing = runner.invoke(app, ["sources", "--json"])
    docs = json.loads(listing.stdout)
    assert [d["source_id"] for d in docs] == ["user/good"]  # a user's file: user/<name>
    answer = runner.invoke(app, ["ask", "--json", "ABLとは何ですか？"])
    assert json.loads(answer.stdout)["citations"][0]["source_id"] == "user/good"


def test_sources_lists_documents(runner, indexed):
    result = runner.invoke(app, ["sources"])
    assert result.exit_code == 0
    assert "evc-act" in result.stdout and "brief" in result.stdout and "8 document(s)" in result.stdout


def test_chat_keeps_history(runner, indexed):
    result = runner.invoke(app, ["chat"], input="企業価値担保権とは何ですか？\nそれはいつから使えますか？\n/quit\n")
    assert result.exit_code == 0
    assert "検索に使った質問: 企業価値担保権はいつから使えますか" in result.stdout
    assert "5月25日" in result.stdout


def test_bad_setting_is_one_line(runner, monkeypatch):
    monkeypatch.setenv("IPFIN_TOP_K", "zero")
    result = runner.invoke(app, ["ask", "質問"])
    assert result.exit_code == 1
    assert "IPFIN_TOP_K must be a whole number; it is 'zero'" in _one_error_line(result)


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("ipfin ")


def test_ask_loads_no_langchain_web_or_ui_framework(indexed):
    """`ipfin ask` as a real process answers without importing LangChain, FastAPI or
    Streamlit (they cost start-up time and the extractive answer needs none of them)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys, runpy; sys.argv = ['ipfin', 'ask', '--json', '企業価値担保権とは何ですか？']\n"
        "try:\n    runpy.run_module('assistant.cli', run_name='__main__')\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('MODULES', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('langchain_core', 'langchain', 'fastapi', 'starlette', 'uvicorn', 'streamlit'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, timeout=300)
    assert out.returncode == 0, out.stderr
    answer, modules = out.stdout.split("MODULES", 1)
    assert json.loads(answer)["citations"]
    assert modules.split() == []
