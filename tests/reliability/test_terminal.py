"""Terminal control from a document or a model never reaches the terminal.

A document (and a model repeating it) can carry an OSC 52 clipboard write, a screen clear,
a cursor move, a carriage return that overwrites a line, or a right-to-left override that
makes text read backwards. ``ipfin ask``, ``ipfin chat``, ``ipfin sources`` and the
streamed LLM reply are run for real (a child process, on a pseudo-terminal where it
matters) and their output searched for any of it.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.ingest.pipeline import ingest
from assistant.text.terminal import TerminalFilter, for_terminal, has_control, json_for_terminal
from tests.conftest import write
from tests.llm.fake_server import FakeLLM, Step
from tests.reliability.conftest import ESC, ipfin, ipfin_on_a_terminal, llm_env

OSC52 = "\x1b]52;c;c2VuZCAxMDAgQlRD\x07"  # writes "send 100 BTC" to the clipboard
CLEAR = "\x1b[2J\x1b[H"
C1_CSI = "\x9b31m"
RLO = "\u202e"
HOSTILE = (
    f"# ABLの資料{CLEAR}\n\n"
    f"ABLは、在庫や売掛金を担保にする融資である。{OSC52}在庫の評価が重要である。\n\n"
    f"ABLの審査では、売掛金の管理状況{C1_CSI}を確認する。{RLO}txet desrever{RLO}\r上書き\n"
)
CONTROL = (ESC, "\x07", "\x9b", "\x9d", RLO, "\r")


def _clean(text: str) -> bool:
    return not any(c in text for c in CONTROL)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (f"a{OSC52}b", "ab"),
        ("a\x1b]52;c;SGk=\x1b\\b", "ab"),  # OSC ended by ST
        (f"x{CLEAR}y", "xy"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"),  # DCS
        ("line\roverwrite", "lineoverwrite"),
        ("a\r\nb", "a\nb"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        (f"{C1_CSI}x", "31mx"),  # the 8-bit introducer goes; the rest is harmless text
        (f"abc{RLO}def\u2066g\u2069", "abcdefg"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("企業価値担保権（2026年）", "企業価値担保権（2026年）"),
    ],
)
def test_for_terminal(raw, shown):
    assert for_terminal(raw) == shown and has_control(raw) == (raw != shown)


def test_a_sequence_split_across_streamed_pieces_is_removed_whole():
    screen = TerminalFilter()
    pieces = ["回答\x1b]5", "2;c;c2Vu", "ZA==\x07 です", "\x1b", "[2J。\r", "\n次"]
    out = "".join(screen.feed(p) for p in pieces) + screen.flush()
    assert out == "回答 です。\n次"


def test_json_output_keeps_the_data_but_escapes_the_controls():
    data = {"quote": f"a{C1_CSI}{RLO}{OSC52}"}
    text = json_for_terminal(data)
    assert _clean(text) and json.loads(text) == data


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory, embedder):
    from assistant.core.settings import Settings

    root = tmp_path_factory.mktemp("terminal")
    (root / "corpus" / "briefs").mkdir(parents=True)
    doc = write(root / "docs" / f"abl{ESC}[2J-memo.md", HOSTILE)  # the file name too
    settings = Settings(home=root / "home", corpus_dir=root / "corpus")
    assert ingest(settings, embedder, [doc]).errors == []
    return settings


def test_ask_sources_and_json_print_no_control(hostile_home):
    env = {"IPFIN_HOME": str(hostile_home.home)}
    text = ipfin("ask", "ABLの審査では何を確認しますか？", env=env)
    assert text.code == 0 and "売掛金の管理状況" in text.out and _clean(text.out + text.err), text
    listing = ipfin("sources", env=env)
    assert listing.code == 0 and "ABLの資料" in listing.out and _clean(listing.out)
    as_json = ipfin("ask", "--json", "ABLの審査では何を確認しますか？", env=env)
    assert _clean(as_json.out) and "\\u009b" in as_json.out  # escaped, not dropped: the data is intact
    assert any("\x9b" in c["quote"] for c in json.loads(as_json.out)["citations"])


def test_chat_prints_no_control(hostile_home, monkeypatch):
    monkeypatch.setenv("IPFIN_HOME", str(hostile_home.home))
    result = CliRunner().invoke(app, ["chat"], input="ABLの審査では何を確認しますか？\n/quit\n")
    assert result.exit_code == 0 and "売掛金の管理状況" in result.stdout and _clean(result.stdout)


@pytest.fixture
def fake():
    server = FakeLLM().start()
    yield server
    server.stop()


def test_a_model_s_control_sequences_never_reach_the_terminal(hostile_home, fake):
    fact = "ABLの審査では、売掛金の管理状況を確認する"
    # the sequence arrives split over the streamed pieces, and in the middle of a supported sentence
    fake.add(Step(text=f"{fact[:6]}{OSC52}{fact[6:]}[1]。{CLEAR}", pieces=7))
    run = ipfin_on_a_terminal("ask", "ABLの審査では何を確認しますか？", env=llm_env(fake, hostile_home.home))
    assert run.code == 0, run
    body = run.out.replace("\x1b[2m", "").replace("\x1b[0m", "")  # ipfin's own dim/reset, nothing else
    assert fact in body and _clean(body), repr(run.out)
