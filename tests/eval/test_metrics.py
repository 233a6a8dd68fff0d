"""Metrics on hand-made cases, each small enough to check by hand."""

import pytest

from assistant.evaluation import metrics as m


def test_retrieval_metrics_by_hand():
    ranked = ["a", "b", "a", "c", "d"]
    assert m.hit_at_k(ranked, ["c"], 3) == 0.0 and m.hit_at_k(ranked, ["c"], 4) == 1.0
    assert m.recall_at_k(ranked, ["b", "z"], 5) == 0.5
    assert m.reciprocal_rank(ranked, ["c"]) == pytest.approx(1 / 4)
    # dedupe: a, b, c, d → relevant b at 2 and d at 4; ideal: ranks 1 and 2
    expected = (1 / 1.5849625 + 1 / 2.321928) / (1 + 1 / 1.5849625)
    assert m.ndcg_at_k(ranked, ["b", "d"]) == pytest.approx(expected, rel=1e-5)
    assert m.ndcg_at_k(["x"], ["b"]) == 0.0
    scores = m.retrieval_scores([(ranked, ["a"]), (ranked, ["z"])], k=5)
    assert scores["hit@5"].score == 0.5 and scores["hit@5"].individual_scores == [1.0, 0.0]


def test_key_fact_recall_with_literals_and_regexes():
    answer = "施行日は令和8年(2026年)5月25日である。比率は54:26:16:4。"
    assert m.key_fact_recall(answer, ["5月25日", "re:54:26:16:4|44:36:16:4", "44:36:16:4"]) == pytest.approx(2 / 3)
    assert m.key_fact_recall(answer, []) == 0.0


def test_citation_validity_catches_a_quote_not_in_its_chunk():
    chunks = {"c1": "企業価値担保権を設定すると、経営者保証を利用することが制限される。"}
    good = [{"n": 1, "chunk_id": "c1", "quote": "経営者保証を利用することが制限される。"}]
    bad = [{"n": 1, "chunk_id": "c1", "quote": "経営者保証は必ず必要である。"}]
    assert m.citation_validity("…制限される。[1]", good, chunks) == 1.0
    assert m.citation_validity("…必要である。[1]", bad, chunks) == 0.0
    assert m.citation_validity("…制限される。[2]", good, chunks) == 0.0  # [2] resolves to nothing


def test_citation_precision():
    assert m.citation_precision(["evc-act", "evc-act", "us-ip-finance"], ["evc-act"]) == pytest.approx(2 / 3)
    assert m.citation_precision([], ["evc-act"]) == 0.0


def test_abstention_scores_count_a_false_abstention():
    # (should abstain, did abstain): one correct refusal, one missed, one false abstention, one answer
    scores = m.abstention_scores([(True, True), (True, False), (False, True), (False, False)])
    assert scores.precision == 0.5 and scores.recall == 0.5 and scores.f1 == 0.5
    assert scores.false_abstention_rate == 0.5


def test_percentile_nearest_rank():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert m.percentile(values, 0.5) == 50 and m.percentile(values, 0.95) == 100
    assert m.percentile([], 0.5) == 0.0
