"""Fetch official documents from a real local server, ingest, ask, and fetch again."""

import json

import pytest
from typer.testing import CliRunner

from assistant.app.assistant import Assistant
from assistant.cli.main import app
from assistant.cli.render import answer_text
from assistant.core.settings import Settings
from assistant.index.store import IndexStore
from tests.conftest import write
from tests.corpus.server import Route, serve
from tests.ingest.test_html import GOV_PAGE
from tests.pdfs import IPA_GOTHIC, make_identity_h_pdf, make_pdf

HEADER = "知財金融レポート 2025年版 特許庁 普及支援課"
FOOTER = "特許庁 - {page} -"
REPORT = [
    ["第1章 知財金融の目的", "知財金融は、中小企業の知的財産を評価して融資や支援につなげる取組である。"],
    ["第2章 知財ビジネス評価書", "知財ビジネス評価書は調査会社が作成し、その作成費用は特許庁が負担する。"],
    [],  # a scanned page: a picture only
    ["第3章 今後の課題", "評価人材の育成と金融機関の体制整備が今後の課題である。"],
]
BRIEF = """---
id: jpo-brief
title: 特許庁の知財金融支援(要約)
publisher: ipfin編集部 (要約)
year: 2026
kind: brief
---
# 特許庁の知財金融支援(要約)

## 知財ビジネス評価書

- 知財ビジネス評価書の作成費用は特許庁が負担しており、金融機関の負担はない。 出典: https://www.jpo.go.jp/example
"""


@pytest.fixture
def official_site(tmp_path, monkeypatch):
    """A corpus folder whose manifest points at a local server holding the documents."""
    files = tmp_path / "files"
    routes = {
        "/report.pdf": Route(
            make_pdf(files / "r.pdf", REPORT, header=HEADER, footer=FOOTER, image_pages=(3,)).read_bytes()
        ),
        "/wg.pdf": Route(
            make_pdf(
                files / "wg.pdf",
                [["企業価値担保権は、事業全体を担保にする新しい担保権である。"], ["施行は2026年5月25日である。"]],
                font="HeiseiKakuGo-W5",
                header="金融審議会 ワーキング・グループ報告",
                footer="{page}",
            ).read_bytes()
        ),
        "/about/": Route(GOV_PAGE.encode(), "text/html; charset=utf-8"),
    }
    ids = {"jpo-report": "/report.pdf", "fsa-wg": "/wg.pdf", "jpo-portal": "/about/"}
    if IPA_GOTHIC.is_file():  # the font pypdf cannot read without its Unicode map (see tests/pdfs.py)
        lines = ["責任共有制度では、信用保証協会が融資額の80%を保証し、金融機関が20%を負担する。"]
        routes["/sharing.pdf"] = Route(make_identity_h_pdf(files / "s.pdf", [lines]).read_bytes())
        ids["zenshinhoren-sharing"] = "/sharing.pdf"
    corpus = tmp_path / "corpus"
    write(corpus / "briefs" / "jpo-brief.md", BRIEF)
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(corpus))
    with serve(routes) as server:
        entries = "".join(
            f"  - id: {sid}\n    title: {sid}の公式文書\n    publisher: 公式の発行者\n    year: 2025\n"
            f"    url: {server.url(path)}\n    language: ja\n    kind: primary\n"
            for sid, path in ids.items()
        )
        write(corpus / "sources.yaml", "documents:\n" + entries)
        yield server, ids


def _ask(settings, embedder, question):
    return Assistant(settings, embedder).ask(question)


def test_fetch_ingest_ask_and_fetch_again(official_site, embedder):
    server, ids = official_site
    runner = CliRunner()
    settings = Settings.from_env()
    assert runner.invoke(app, ["ingest"]).exit_code == 0  # the brief first, as on a fresh install

    first = runner.invoke(app, ["corpus", "fetch", "--timeout", "5"])
    assert first.exit_code == 0, first.output
    assert f"Fetched {len(ids)} new, 0 updated, 0 unchanged, 0 failed" in first.stdout
    assert f"Indexed {len(ids)} document(s)" in first.stdout
    assert "Pages without text (not indexed): jpo-report p.3" in first.stdout

    # The answer cites the official report and its page first; the brief may follow.
    answer = _ask(settings, embedder, "知財ビジネス評価書の作成費用は誰が負担していますか？")
    assert not answer.abstained, answer.text
    top = answer.citations[0]
    assert (top.doc.source_id, top.doc.kind, top.chunk.page) == ("jpo-report", "primary", 2)
    assert top.chunk.section == "第2章 知財ビジネス評価書" and "特許庁が負担" in top.quote
    kinds = [c.doc.kind for c in answer.citations]
    assert "brief" not in kinds or kinds.index("brief") > 0  # the brief may follow, never lead
    assert "jpo-reportの公式文書 (2025) — 公式の発行者, p.2" in answer_text(answer)
    assert top.to_json()["page"] == 2

    html = _ask(settings, embedder, "特許庁の知財金融支援の対象はどの金融機関ですか？")
    cited = {(c.doc.source_id, c.chunk.page, c.chunk.section, c.quote) for c in html.citations}
    assert ("jpo-portal", None, "実績", "支援の対象は地域金融機関である。") in cited  # HTML: its heading, no page

    if "zenshinhoren-sharing" in ids:  # text only pdfminer could read
        sharing = _ask(settings, embedder, "責任共有制度では信用保証協会は融資額の何%を保証しますか？")
        assert sharing.citations[0].doc.source_id == "zenshinhoren-sharing"
        assert "80%" in sharing.citations[0].quote and sharing.citations[0].chunk.page == 1
        assert sharing.citations[0].chunk.extractor == "pdfminer"

    # No running header, footer or page number reached the index.
    store = IndexStore(settings.home)
    chunks = store.collection.get(include=["documents", "metadatas"])
    official = [(t, m) for t, m in zip(chunks["documents"], chunks["metadatas"], strict=True) if m["kind"] == "primary"]
    assert official
    for text, meta in official:
        for furniture in ("知財金融レポート", "普及支援課", "ワーキング・グループ報告", "本文へスキップ", "Copyright"):
            assert furniture not in text, (furniture, text)
        assert not any(f"- {n} -" in text for n in range(1, 5))
        assert meta["extractor"] in ("pypdf", "pdfminer", "trafilatura")
        assert meta["page"] != 3  # the scan is never indexed

    listing = json.loads(runner.invoke(app, ["sources", "--json"]).stdout)
    report = next(d for d in listing if d["source_id"] == "jpo-report")
    assert report["pages_without_text"] == [3] and report["extractors"] == {"pypdf": [1, 2, 4]}
    text_listing = runner.invoke(app, ["sources"]).stdout
    assert "pages without text: [3]" in text_listing and "text: pypdf p.1-2,4" in text_listing

    # A second fetch with nothing changed downloads nothing and indexes nothing.
    indexed_before = {k: v.indexed_at for k, v in IndexStore(settings.home).manifest.files.items()}
    requests_before = len(server.requests)
    second = runner.invoke(app, ["corpus", "fetch", "--timeout", "5"])
    assert second.exit_code == 0, second.output
    assert f"Fetched 0 new, 0 updated, {len(ids)} unchanged, 0 failed (0 kB downloaded)" in second.stdout
    assert "The index is up to date: nothing to index." in second.stdout
    again = server.requests[requests_before:]
    for request in again:  # the client may have its 304 before the server logs it
        request.done.wait(2.0)
    assert len(again) == len(ids) and all(r.status == 304 and r.body_bytes == 0 for r in again)
    assert {k: v.indexed_at for k, v in IndexStore(settings.home).manifest.files.items()} == indexed_before
