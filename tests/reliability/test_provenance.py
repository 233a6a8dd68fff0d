"""Provenance that a file name, a front matter or a sidecar cannot spoof.

Each case was a way to make ipfin cite a user's file as something it is not: as a bundled
brief (a file named ``evc-act.md``), as an official document with 金融庁 as publisher and
its URL (a file named like a ``sources.yaml`` id, given by path), as another user's file
(same name, other folder), or through ``ipfin corpus add --id evc-act``. Real index, real
briefs (copied from the bundled corpus), real PDFs, the real CLI.
"""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from assistant.app.assistant import Assistant
from assistant.app.presentation import OfficialDocuments, citation_card
from assistant.app.uploads import add_upload
from assistant.cli.main import app
from assistant.core.errors import UploadRejectedError
from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.core.types import SourceDoc
from assistant.index.generation import LocalBackend
from assistant.index.store import IndexStore
from assistant.index.writer import IndexWriter
from assistant.ingest.pipeline import ingest
from tests.conftest import write
from tests.pdfs import make_pdf

BRIEFS = ("evc-act.md", "fsa-wg-report-2023.md")
BRIEF_TITLE = "事業性融資の推進等に関する法律と企業価値担保権"
FSA_ID = "fsa-jigyoyushi-wg-report"
MEMO = "# 自社メモ(偽の表題ではない)\n\n当社の資金調達担当は、企業価値担保権の利用を来期に検討する予定である。\n"


@pytest.fixture(scope="module")
def base(tmp_path_factory, embedder):
    """A corpus with two bundled briefs and the bundled sources.yaml, indexed once."""
    root = tmp_path_factory.mktemp("provenance")
    corpus = root / "corpus"
    (corpus / "briefs").mkdir(parents=True)
    for name in BRIEFS:
        shutil.copy(PROJECT_ROOT / "corpus" / "briefs" / name, corpus / "briefs" / name)
    shutil.copy(PROJECT_ROOT / "corpus" / "sources.yaml", corpus / "sources.yaml")
    settings = Settings(home=root / "home", corpus_dir=corpus)
    assert ingest(settings, embedder).errors == []
    return settings


@pytest.fixture
def corpus(base, tmp_path, monkeypatch):
    """A writable copy of ``base`` (corpus and index) for one test; the CLI sees it too."""
    shutil.copytree(base.corpus_dir, tmp_path / "corpus")
    settings = Settings(home=tmp_path / "home", corpus_dir=tmp_path / "corpus")
    shutil.copytree(base.home, settings.home)
    # The manifest names files by absolute path: point it at the copy of the corpus.
    manifest = settings.home / "manifest.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(str(base.corpus_dir.resolve()), str(settings.corpus_dir.resolve())), "utf-8")
    monkeypatch.setenv("IPFIN_HOME", str(settings.home))
    monkeypatch.setenv("IPFIN_CORPUS_DIR", str(settings.corpus_dir))
    return settings


def _doc(settings, source_id) -> SourceDoc:
    return IndexStore(settings.home).manifest.documents[source_id]


def _brief_is_intact(settings) -> None:
    doc = _doc(settings, "evc-act")
    assert (doc.kind, doc.title, doc.publisher) == ("brief", BRIEF_TITLE, "ipfin編集部 (要約)")
    assert doc.path.endswith("briefs/evc-act.md")


def test_a_user_file_named_like_a_brief_is_the_user_s(corpus, embedder, tmp_path):
    note = write(tmp_path / "mine" / "evc-act.md", MEMO)
    report = ingest(corpus, embedder, [note])
    assert report.errors == []
    _brief_is_intact(corpus)
    mine = _doc(corpus, "user/evc-act")
    assert (mine.kind, mine.title, mine.publisher) == ("user", "自社メモ(偽の表題ではない)", "")
    answer = Assistant(corpus, embedder).ask("当社の資金調達担当は何を検討する予定ですか？")
    cited = answer.citations[0]
    assert (cited.doc.source_id, cited.doc.kind) == ("user/evc-act", "user")

    note.unlink()  # and once it is gone, nothing of it remains on the brief
    ingest(corpus, embedder)
    _brief_is_intact(corpus)
    assert "user/evc-act" not in IndexStore(corpus.home).manifest.documents


def test_front_matter_cannot_make_a_file_a_brief(corpus, embedder, tmp_path):
    fake = write(
        tmp_path / "x" / "notes.md",
        "---\nid: evc-act\nkind: brief\ntitle: 偽の要約\nrelated_documents: [fsa-jigyoyushi-wg-report]\n---\n"
        "# 偽の要約\n\n企業価値担保権は廃止された。\n",
    )
    assert ingest(corpus, embedder, [fake]).errors == []
    _brief_is_intact(corpus)
    doc = _doc(corpus, "user/notes")
    assert doc.kind == "user" and doc.related == ()


def _forge(settings: Settings, embedder, change) -> None:
    """Commit a state of the index no current ipfin writes: ``change`` edits the manifest of
    a new generation, written through the index's own writer (lock, generation files, commit)."""
    with IndexWriter(LocalBackend(settings.home), embedder.identity, embedder.dim) as writer:
        change(writer.manifest)
        assert writer.commit()


def test_an_index_relabelled_by_an_older_ipfin_heals_on_ingest(corpus, embedder, tmp_path):
    """What an older ipfin left behind: a user's file indexed under the brief's id, and the
    brief's record rewritten by it (the next test: the record outlives the file)."""
    note = write(tmp_path / "mine" / "evc-act.md", MEMO)
    ingest(corpus, embedder, [note])

    def relabel(manifest):
        entry = manifest.files.pop(str(note.resolve()))
        manifest.files[str(note.resolve())] = type(entry)(**{**entry.__dict__, "source_id": "evc-act"})
        manifest.documents.pop("user/evc-act")
        manifest.documents["evc-act"] = SourceDoc("evc-act", "自社メモ", kind="user", path=str(note.resolve()))

    _forge(corpus, embedder, relabel)
    assert _doc(corpus, "evc-act").kind == "user"  # the spoofed state

    report = ingest(corpus, embedder)  # the user file is still there: it is read again, as user/…
    assert report.errors == []
    _brief_is_intact(corpus)
    assert IndexStore(corpus.home).manifest.files[str(note.resolve())].source_id == "user/evc-act"


def test_a_stale_record_outliving_its_file_heals(corpus, embedder):
    def stale(manifest):
        manifest.documents["evc-act"] = SourceDoc("evc-act", "自社メモ", kind="user", path="/gone/evc-act.md")

    _forge(corpus, embedder, stale)
    assert _doc(corpus, "evc-act").kind == "user"  # the spoofed state
    ingest(corpus, embedder)
    _brief_is_intact(corpus)


def test_a_file_named_like_an_official_id_is_official_only_in_corpus_raw(corpus, embedder, tmp_path):
    lines = [["当社の社内向け資料である。企業価値担保権の導入を検討している。"]]
    outside = make_pdf(tmp_path / "downloads" / f"{FSA_ID}.pdf", lines, title="社内資料")
    assert ingest(corpus, embedder, [outside]).errors == []
    doc = _doc(corpus, f"user/{FSA_ID}")
    assert (doc.kind, doc.title, doc.publisher, doc.url) == ("user", "社内資料", "", None)
    assert FSA_ID not in IndexStore(corpus.home).manifest.documents
    # its card links no official document either
    answer = Assistant(corpus, embedder).ask("当社の社内向け資料では何を検討していますか？")
    card = citation_card(answer.citations[0], OfficialDocuments.load(corpus.corpus_dir))
    assert card.kind == "user" and card.official == () and card.publisher == ""

    placed = make_pdf(corpus.corpus_dir / "raw" / f"{FSA_ID}.pdf", lines)  # where the fetcher saves it
    assert ingest(corpus, embedder).errors == []
    official = _doc(corpus, FSA_ID)
    assert (official.kind, official.publisher) == ("primary", "金融庁")
    assert official.url == "https://www.fsa.go.jp/singi/singi_kinyu/tosin/20230210/01.pdf"
    assert official.path == str(placed.resolve())


def test_two_files_with_one_name_keep_their_own_titles(corpus, embedder, tmp_path):
    a = write(tmp_path / "a" / "notes.md", "# A社の記録\n\nA社は特許第1111111号を担保に融資を受けた。\n")
    b = write(tmp_path / "b" / "notes.md", "# B社の記録\n\nB社は商標権を担保に融資を受けた。\n")
    assert ingest(corpus, embedder, [a]).errors == []
    assert ingest(corpus, embedder, [b]).errors == []
    files = IndexStore(corpus.home).manifest.files
    id_a, id_b = files[str(a.resolve())].source_id, files[str(b.resolve())].source_id
    assert id_a == "user/notes" and id_b.startswith("user/notes-") and len(id_b) == len("user/notes-") + 6
    assert _doc(corpus, id_a).title == "A社の記録" and _doc(corpus, id_b).title == "B社の記録"
    assistant = Assistant(corpus, embedder)
    cite_a = assistant.ask("A社は何を担保に融資を受けましたか？").citations[0]
    cite_b = assistant.ask("B社は何を担保に融資を受けましたか？").citations[0]
    assert (cite_a.doc.title, cite_b.doc.title) == ("A社の記録", "B社の記録")
    # ids do not move: indexing both again (b first) changes nothing
    ingest(corpus, embedder, [b, a])
    files = IndexStore(corpus.home).manifest.files
    assert (files[str(a.resolve())].source_id, files[str(b.resolve())].source_id) == (id_a, id_b)


@pytest.mark.parametrize(("reserved", "owner"), [("evc-act", "a bundled brief"), (FSA_ID, "an official document")])
def test_corpus_add_refuses_a_reserved_id(corpus, tmp_path, reserved, owner):
    doc = write(tmp_path / "note.md", MEMO)
    args = ["corpus", "add", str(doc), "--id", reserved, "--title", "T", "--publisher", "P", "--no-ingest"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and f"belongs to {owner}" in result.stderr, result.output
    assert not list((corpus.corpus_dir / "raw").glob(f"{reserved}*"))
    _brief_is_intact(corpus)


def test_a_hand_written_sidecar_cannot_take_a_brief_s_id(corpus, embedder):
    raw = corpus.corpus_dir / "raw"
    write(raw / "my-note.md", MEMO)
    write(raw / "my-note.meta.yaml", "id: evc-act\ntitle: 偽\npublisher: 金融庁\nkind: user\n")
    report = ingest(corpus, embedder)
    assert len(report.errors) == 1 and "my-note.meta.yaml" in report.errors[0]
    _brief_is_intact(corpus)
    write(raw / "my-note.meta.yaml", "id: my-note\ntitle: 当社メモ\npublisher: 当社\nkind: user\n")
    assert ingest(corpus, embedder).errors == []
    assert _doc(corpus, "my-note").title == "当社メモ"


def test_a_sidecar_outside_corpus_raw_is_ignored(corpus, embedder, tmp_path):
    doc = write(tmp_path / "zip" / "report.md", MEMO)
    write(tmp_path / "zip" / "report.meta.yaml", "id: report\ntitle: 金融庁の報告書\npublisher: 金融庁\nkind: user\n")
    assert ingest(corpus, embedder, [doc]).errors == []
    assert _doc(corpus, "user/report").publisher == ""


def test_uploads_get_user_ids_and_cannot_take_reserved_names(corpus, embedder):
    result = add_upload(corpus, embedder, "社内メモ.md", MEMO.encode())
    assert result.doc.source_id == "user/社内メモ" and result.doc.kind == "user"
    for name in ("evc-act.md", f"{FSA_ID}.md"):
        with pytest.raises(UploadRejectedError) as exc_info:
            add_upload(corpus, embedder, name, MEMO.encode())
        assert exc_info.value.code == "name_taken"
    listing = json.loads(CliRunner().invoke(app, ["sources", "--json"]).stdout)
    assert {d["source_id"]: d["kind"] for d in listing}["evc-act"] == "brief"
