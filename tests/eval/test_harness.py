"""``ipfin eval`` end to end on a small gold set: reports, ablations, the threshold gate."""

import json

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.core.settings import PROJECT_ROOT
from tests.conftest import write

ITEMS = [
    {
        "id": "a1",
        "question": "広東省では知財担保融資の損失をどう分担していますか？",
        "lang": "ja",
        "persona": "bank",
        "answerable": True,
        "expected_sources": ["china-ip-finance", "proposal-ip-finance-japan"],
        "key_facts": ["54:26:16:4", "44:36:16:4"],
        "category": "conflicting sources",
    },
    {
        "id": "a2",
        "question": "それはいつから使えますか？",
        "history": ["企業価値担保権とは何ですか？"],
        "lang": "ja",
        "persona": "sme",
        "answerable": True,
        "expected_sources": ["evc-act"],
        "key_facts": ["5月25日"],
        "category": "follow-up",
    },
    {
        "id": "a3",
        "question": "今日の東京の天気は？",
        "lang": "ja",
        "persona": "sme",
        "answerable": False,
        "expected_sources": [],
        "key_facts": [],
        "category": "out-of-scope",
    },
]


@pytest.fixture
def small_set(tmp_path):
    return write(tmp_path / "gold.jsonl", "\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n")


def test_eval_writes_three_reports_with_ablations(tmp_path, small_set, monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "--dataset",
            str(small_set),
            "--out",
            str(out),
            "--reuse-index",
            "--thresholds",
            str(write(tmp_path / "t.yaml", "mode: hybrid+condense\nmin: {}\n")),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "LLM judge: skipped" in result.stdout
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(data["modes"]) == {"bm25", "dense", "hybrid", "hybrid+condense"}
    main = data["modes"]["hybrid+condense"]
    assert main["answer"]["key_fact_recall"] == 1.0 and main["abstention"]["recall"] == 1.0
    # Only the condensing mode reads the history: the follow-up is where they differ.
    follow = {m: next(r for r in data["items"][m] if r["id"] == "a2") for m in data["items"]}
    assert follow["hybrid+condense"]["condensed_query"].startswith("企業価値担保権")
    # Asked through Assistant.ask, as the product asks: the question is NFKC-normalised first.
    assert follow["hybrid"]["condensed_query"] == "それはいつから使えますか?"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "<script" not in html
    assert "## Ablations" in (out / "report.md").read_text(encoding="utf-8")


def test_eval_fails_below_a_threshold(tmp_path, small_set, monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    gate = write(
        tmp_path / "gate.yaml", "mode: hybrid+condense\nmin:\n  key_fact_recall: 1.01\nmax:\n  latency_p95_ms: 0\n"
    )
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "--dataset",
            str(small_set),
            "--out",
            str(tmp_path / "r"),
            "--reuse-index",
            "--thresholds",
            str(gate),
            "--mode",
            "hybrid+condense",
        ],
    )
    assert result.exit_code == 1
    assert "key_fact_recall = 1.000 is below the minimum 1.01" in result.stderr
    assert "latency_p95_ms" in result.stderr and "FAILED" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")


def test_eval_rejects_bad_input(tmp_path, monkeypatch, bundled_settings):
    monkeypatch.setenv("IPFIN_HOME", str(bundled_settings.home))
    runner = CliRunner()
    bad = write(tmp_path / "bad.jsonl", '{"id": "x", "question": "q"}\n')
    result = runner.invoke(app, ["eval", "--dataset", str(bad), "--reuse-index"])
    assert result.exit_code == 1 and "lacks answerable" in result.stderr
    result = runner.invoke(app, ["eval", "--mode", "magic", "--reuse-index"])
    assert result.exit_code == 1 and "Unknown mode 'magic'" in result.stderr


def test_shipped_thresholds_name_known_metrics():
    from assistant.evaluation.harness import check_thresholds

    summary = {
        "hybrid+condense": {
            "retrieval": {"hit@5": 1, "recall@5": 1, "mrr": 1, "ndcg@10": 1},
            "answer": {
                "key_fact_recall": 1,
                "citation_validity": 1,
                "citation_precision": 1,
                "groundedness": 1,
                "lead_sentence": 1,
            },
            "jurisdiction_error_rate": 0,
            "abstention": {"precision": 1, "recall": 1, "f1": 1, "false_abstention_rate": 0},
            "accuracy": 1,
            "latency_ms": {"total": {"p50": 1, "p95": 1}},
        }
    }
    users = {
        "splits": {
            "test": {
                "key_fact_recall": 1,
                "lead_sentence": 1,
                "abstention_correct": 1,
                "hit@5": 1,
                "jurisdiction_error_rate": 0,
                "per_group": {},
            }
        }
    }
    assert check_thresholds(PROJECT_ROOT / "eval" / "thresholds.yaml", summary, users) == []


def test_user_sets_are_summarised_and_gated_on_their_own(tmp_path):
    """A set added later is judged by its own floors: the earlier set's bound still applies
    to the earlier items only."""
    from assistant.evaluation.harness import check_thresholds, user_sets, users_summary
    from assistant.evaluation.runner import ItemResult

    def item(i: str, group: str, abstained: bool) -> ItemResult:
        return ItemResult(
            id=i, mode="hybrid+condense", category="definition", lang="ja", question="q", group=group,
            split="test", condensed_query="q", answerable=True, expected_sources=["a"], ranked_sources=["a"],
            answer="" if abstained else "x", abstained=abstained, cited_sources=[], citations=[],
            scores={"key_fact_recall": 0.0 if abstained else 1.0, "lead_sentence": 0.0 if abstained else 1.0, "hit@5": 1.0},
        )

    thresholds = tmp_path / "t.yaml"
    thresholds.write_text(
        "users:\n  split: test\n  sets:\n"
        "    old:\n      datasets: [a]\n      min: {key_fact_recall: 0.9}\n"
        "    new:\n      datasets: [b]\n      min: {key_fact_recall: 0.4}\n",
        encoding="utf-8",
    )
    sets = user_sets(thresholds)
    assert sets == {"old": ("a",), "new": ("b",)}
    results = [item("a1", "sme", False), item("a2", "bank", False), item("b1", "sme", True), item("b2", "en", False)]
    origin = {"a1": "a", "a2": "a", "b1": "b", "b2": "b"}
    run = users_summary(results, (), sets, origin)
    test = run["splits"]["test"]
    assert test["key_fact_recall"] == 0.75  # all sets together
    assert test["sets"]["old"]["key_fact_recall"] == 1.0
    assert test["sets"]["new"]["key_fact_recall"] == 0.5
    assert test["sets"]["new"]["per_group"]["sme"]["key_fact_recall"] == 0.0
    assert check_thresholds(thresholds, {}, run) == []
    thresholds.write_text(thresholds.read_text(encoding="utf-8").replace("0.4}", "0.6}"), encoding="utf-8")
    failures = check_thresholds(thresholds, {}, run)
    assert failures == ["users new (test half) key_fact_recall = 0.500 is below the minimum 0.6"]


def test_a_user_set_without_datasets_is_a_clear_error(tmp_path):
    from assistant.core.errors import ConfigError
    from assistant.evaluation.harness import user_sets

    thresholds = tmp_path / "t.yaml"
    thresholds.write_text("users:\n  sets:\n    old:\n      min: {key_fact_recall: 0.9}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="names no datasets"):
        user_sets(thresholds)
