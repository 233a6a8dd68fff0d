import json

import yaml
from typer.testing import CliRunner

from assistant.app.assistant import Assistant
from assistant.cli.main import app
from assistant.core.settings import Settings
from tests.conftest import write
from tests.pdfs import make_pdf


def _one_error(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.output
    return lines[0]


def test_add_copies_records_and_indexes_a_users_document(tmp_path, monkeypatch, embedder):
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(corpus))
    write(corpus / "sources.yaml", "documents:\n  - id: fsa-abl-2013\n    title: ABL\n    url: null\n")
    source = make_pdf(
        tmp_path / "incoming" / "方針.pdf",
        [
            ["当行は知財ビジネス評価書を活用し、特許を持つ中小企業への融資を審査する。"],
            ["審査では事業計画も確認する。"],
        ],
        header="当行 融資部 内部資料",
        footer="- {page} -",
    )
    runner = CliRunner()
    args = ["corpus", "add", str(source), "--id", "my-bank-policy", "--title", "当行の知財融資方針"]
    result = runner.invoke(
        app, [*args, "--publisher", "当行 融資部", "--year", "2025", "--url", "https://bank.example/p"]
    )
    assert result.exit_code == 0, result.output
    assert "Added my-bank-policy" in result.stdout and "Indexed 1 document(s)" in result.stdout
    target = corpus / "raw" / "my-bank-policy.pdf"
    assert target.read_bytes() == source.read_bytes()
    meta = yaml.safe_load((corpus / "raw" / "my-bank-policy.meta.yaml").read_text(encoding="utf-8"))
    assert meta["kind"] == "user" and meta["publisher"] == "当行 融資部" and meta["original_file"] == "方針.pdf"

    listing = json.loads(runner.invoke(app, ["sources", "--json"]).stdout)
    doc = next(d for d in listing if d["source_id"] == "my-bank-policy")
    assert (doc["kind"], doc["title"], doc["year"], doc["url"]) == (
        "user",
        "当行の知財融資方針",
        2025,
        "https://bank.example/p",
    )
    answer = Assistant(Settings.from_env(), embedder).ask("当行は特許を持つ中小企業への融資で何を活用しますか？")
    cited = answer.citations[0]
    assert (cited.doc.source_id, cited.chunk.page) == ("my-bank-policy", 1) and "融資部" not in cited.chunk.text

    again = runner.invoke(app, [*args, "--publisher", "当行"])
    assert again.exit_code == 1 and "already exists" in _one_error(again) and "--replace" in again.stderr

    fixed = runner.invoke(app, [*args[:-1], "当行の知財融資方針(改訂)", "--publisher", "当行", "--replace"])
    assert fixed.exit_code == 0 and "Indexed 1 document(s)" in fixed.stdout  # same file, new metadata: re-indexed
    listing = json.loads(runner.invoke(app, ["sources", "--json"]).stdout)
    assert next(d for d in listing if d["source_id"] == "my-bank-policy")["title"] == "当行の知財融資方針(改訂)"


def test_add_refuses_an_official_id_a_bad_id_and_an_unknown_type(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(corpus))
    write(corpus / "sources.yaml", "documents:\n  - id: fsa-abl-2013\n    title: ABL\n    url: null\n")
    doc = write(tmp_path / "note.md", "# メモ\n\nABLは在庫を担保にする。\n")
    runner = CliRunner()
    base = ["--title", "T", "--publisher", "P", "--no-ingest"]
    official = runner.invoke(app, ["corpus", "add", str(doc), "--id", "fsa-abl-2013", *base])
    assert official.exit_code == 1 and "belongs to an official document" in _one_error(official)
    bad_id = runner.invoke(app, ["corpus", "add", str(doc), "--id", "My Notes", *base])
    assert bad_id.exit_code == 1 and "'id' must be lower-case" in _one_error(bad_id)
    sheet = write(tmp_path / "table.xlsx", "x")
    unknown = runner.invoke(app, ["corpus", "add", str(sheet), "--id", "table", *base])
    assert unknown.exit_code == 1 and "Supported types" in _one_error(unknown)
    assert not (corpus / "raw").exists() or list((corpus / "raw").iterdir()) == []
