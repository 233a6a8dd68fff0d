"""The 利用者の文書 area: checked uploads, indexed as kind "user", searchable at once, removable."""

import pytest

from assistant.app.assistant import Assistant
from assistant.app.uploads import add_upload, check_upload, list_uploads, remove_upload, safe_filename, uploads_dir
from assistant.core.errors import UploadRejectedError
from assistant.index.store import IndexStore
from tests.indexcopy import writable_copy
from tests.pdfs import make_pdf

NOTE = (
    "# 社内メモ: ミライ精工の資金調達\n\n"
    "ミライ精工株式会社は、特許第7654321号を評価した地方銀行から3000万円の融資を受けた。\n\n"
    "ミライ精工株式会社の融資の返済期間は7年である。\n"
)


@pytest.fixture
def home(bundled_settings, tmp_path):
    return writable_copy(bundled_settings, tmp_path / "home")


def _code(exc_info) -> str:
    return exc_info.value.code


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("report.docx", b"PK\x03\x04", "bad_type"),
        ("noext", b"text", "bad_type"),
        ("empty.md", b"", "empty"),
        ("fake.pdf", b"<html>not a pdf</html>", "not_pdf"),
        ("binary.md", b"abc\x00def", "binary"),
    ],
)
def test_wrong_files_are_refused_with_a_code(bundled_settings, name, data, code):
    with pytest.raises(UploadRejectedError) as exc_info:
        check_upload(name, data, bundled_settings)
    assert _code(exc_info) == code and exc_info.value.params.get("name", name) == name


def test_size_limit_follows_ipfin_max_file_mb(bundled_settings):
    small = bundled_settings.with_(max_file_mb=1)
    with pytest.raises(UploadRejectedError) as exc_info:
        check_upload("big.md", b"a" * (1024 * 1024 + 1), small)
    assert _code(exc_info) == "too_large" and exc_info.value.params["limit_mb"] == 1


def test_file_names_lose_folders_and_odd_characters():
    assert safe_filename("../../etc/passwd.md") == "passwd.md"
    assert safe_filename("C:\\Users\\x\\社内 メモ (1).MD") == "社内-メモ-1.md"


def test_an_upload_is_searchable_at_once_and_removable(home, embedder):
    result = add_upload(home, embedder, "ミライ精工メモ.md", NOTE.encode())
    assert result.doc.kind == "user" and result.chunks >= 1
    assert result.path.parent == uploads_dir(home) and result.path.exists()
    assert [info.doc.source_id for info in list_uploads(home)] == [result.doc.source_id]

    answer = Assistant(home, embedder).ask("ミライ精工株式会社はいくらの融資を受けましたか？")
    assert not answer.abstained
    assert answer.citations[0].doc.kind == "user" and "3000万円" in answer.citations[0].quote

    remove_upload(home, embedder, result.doc.source_id)
    assert not result.path.exists() and list_uploads(home) == []
    assert result.doc.source_id not in IndexStore(home.home).manifest.documents
    assert "evc-act" in IndexStore(home.home).manifest.documents  # the briefs stay
    assert Assistant(home, embedder).ask("ミライ精工株式会社はいくらの融資を受けましたか？").abstained


def test_a_pdf_upload_keeps_its_pages(home, embedder, tmp_path):
    pdf = make_pdf(tmp_path / "x.pdf", [["表紙"], ["ミライ精工株式会社は特許第7654321号を担保に融資を受けた。"]])
    result = add_upload(home, embedder, "ミライ精工.pdf", pdf.read_bytes())
    answer = Assistant(home, embedder).ask("ミライ精工株式会社は何を担保に融資を受けましたか？")
    assert answer.citations and answer.citations[0].chunk.page == 2 and answer.citations[0].doc.kind == "user"
    assert result.doc.source_id in {info.doc.source_id for info in list_uploads(home)}


def test_an_upload_cannot_pass_itself_off_as_a_brief(home, embedder):
    fake = "---\nid: evc-act\nkind: brief\n---\n# 偽物\n\n企業価値担保権は廃止された。\n"
    with pytest.raises(UploadRejectedError) as exc_info:
        add_upload(home, embedder, "notes.md", fake.encode())
    assert _code(exc_info) == "front_matter"
    assert IndexStore(home.home).document("evc-act").kind == "brief" and list_uploads(home) == []


def test_an_upload_cannot_take_an_indexed_or_official_document_s_name(home, embedder):
    for name in ("evc-act.md", "fsa-abl-2013.pdf"):
        data = b"%PDF-1.4 x" if name.endswith(".pdf") else b"# x\n\ntext\n"
        with pytest.raises(UploadRejectedError) as exc_info:
            add_upload(home, embedder, name, data)
        assert _code(exc_info) == "name_taken"


def test_removing_an_unknown_upload_is_a_clear_error(home, embedder):
    with pytest.raises(UploadRejectedError) as exc_info:
        remove_upload(home, embedder, "nothing-here")
    assert _code(exc_info) == "not_found"


def test_a_file_named_like_an_earlier_upload_is_replaced_only_when_confirmed(home, embedder):
    assistant = Assistant(home, embedder)
    first = assistant.add_upload("ミライ精工メモ.md", NOTE.encode())
    newer = NOTE.replace("3000万円", "5000万円").encode()
    with pytest.raises(UploadRejectedError) as exc_info:
        assistant.add_upload("ミライ精工メモ.md", newer)
    assert _code(exc_info) == "same_name"
    assert "3000万円" in first.path.read_text(encoding="utf-8")  # nothing was overwritten
    assert "3000万円" in assistant.ask("ミライ精工株式会社はいくらの融資を受けましたか？").citations[0].quote

    replaced = assistant.add_upload("ミライ精工メモ.md", newer, replace=True)
    assert replaced.path == first.path and "5000万円" in replaced.path.read_text(encoding="utf-8")
    assert len(list_uploads(home)) == 1
    assert "5000万円" in assistant.ask("ミライ精工株式会社はいくらの融資を受けましたか？").citations[0].quote


def test_the_same_content_again_is_refused_saying_it_is_already_there(home, embedder):
    assistant = Assistant(home, embedder)
    first = assistant.add_upload("ミライ精工メモ.md", NOTE.encode())
    for name in ("ミライ精工メモ.md", "別名のコピー.md"):
        with pytest.raises(UploadRejectedError) as exc_info:
            assistant.add_upload(name, NOTE.encode(), replace=True)
        assert _code(exc_info) == "identical" and exc_info.value.params["title"] == first.doc.title
    assert len(list_uploads(home)) == 1
