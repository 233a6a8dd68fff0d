"""When an official document covers the same ground as a brief, the answer leads with it."""

import pytest

from assistant.app.assistant import Assistant
from assistant.core.types import SourceDoc
from assistant.index.manifest import IndexManifest
from assistant.ingest.pipeline import ingest
from assistant.retrieval.fusion import PRIMARY_BOOST, prefer_primary, primary_chunk_ids, rrf
from tests.conftest import write
from tests.pdfs import make_pdf

BRIEF = """---
id: evc-brief
title: 企業価値担保権(要約)
publisher: ipfin編集部 (要約)
kind: brief
---
# 企業価値担保権(要約)

## 施行

- 企業価値担保権を定める法律は2026年5月25日に施行される。 出典: https://example.org/a
- 企業価値担保権の設定には信託契約が必要である。 出典: https://example.org/b
"""
ORDER = [
    [
        "事業性融資の推進等に関する法律の施行期日は、令和8年5月25日とする。",
        "企業価値担保権に関する規定もこの日から施行される。",
    ]
]


def test_boost_is_small_and_relative():
    fused = rrf([["brief", "p2", "x", "p4", "p5"], ["brief", "p2", "x", "p4", "p5"]])
    boosted = prefer_primary(fused, {"p2", "p4", "p5"})
    assert boosted["brief"] == fused["brief"] and boosted["p2"] == pytest.approx(fused["p2"] * (1 + PRIMARY_BOOST))
    order = sorted(boosted, key=boosted.get, reverse=True)
    # Ranked 2nd or 4th by both retrievers, an official chunk overtakes a brief ranked 1st;
    # ranked 5th, it stays behind it (and the non-primary "x" keeps its place among the rest).
    assert order == ["p2", "p4", "brief", "p5", "x"]


def test_primary_chunks_come_from_the_index_manifest():
    manifest = IndexManifest()
    for kind, sid, path, chunks in [
        ("primary", "a", "/a.pdf", ["a1", "a2"]),
        ("brief", "b", "/b.md", ["b1"]),
        ("secondary", "c", "/c.html", ["c1"]),
    ]:
        manifest.record_file(path, "sha", SourceDoc(sid, sid, kind=kind), chunks, [])
    assert primary_chunk_ids(manifest) == {"a1", "a2"}


def test_answer_prefers_the_official_document_and_may_add_the_brief(work_settings, embedder):
    corpus = work_settings.corpus_dir
    write(corpus / "briefs" / "evc-brief.md", BRIEF)
    write(
        corpus / "sources.yaml",
        "documents:\n  - id: evc-order\n    title: 施行期日を定める政令\n    publisher: 内閣\n    year: 2025\n"
        "    url: https://example.org/order.pdf\n    language: ja\n",
    )
    make_pdf(corpus / "raw" / "evc-order.pdf", ORDER)
    assert ingest(work_settings, embedder).errors == []
    assistant = Assistant(work_settings, embedder)
    question = "企業価値担保権はいつ施行されますか？"

    assistant.retriever.primary_boost = 0.0  # without the boost the brief's own words win…
    plain = assistant.ask(question)
    assert [c.doc.source_id for c in plain.citations][:1] == ["evc-brief"]

    assistant.retriever.primary_boost = PRIMARY_BOOST  # …with it the official text leads, with its page
    answer = assistant.ask(question)
    first = answer.citations[0]
    assert (first.doc.source_id, first.doc.kind, first.chunk.page) == ("evc-order", "primary", 1)
    assert "5月25日" in first.quote
    assert [c.doc.kind for c in answer.citations[1:]] in ([], ["brief"])
