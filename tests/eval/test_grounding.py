"""The groundedness scorer shared by the evaluation and LLM-answer verification."""

import json

from assistant.answer.grounding import GroundednessScorer
from assistant.core.messages import t
from assistant.core.settings import PROJECT_ROOT

PASSAGE = "企業価値担保権を設定すると、経営者保証を利用することが制限される。"
DATE = "事業性融資の推進等に関する法律は、令和8年(2026年)5月25日に施行される。"


def test_quoted_and_paraphrased_sentences_are_supported(embedder):
    scorer = GroundednessScorer(embedder)
    result = scorer.score(
        f"{PASSAGE}[1]\n企業価値担保権を設定した場合、経営者保証の利用は制限される。[1]", {1: PASSAGE}
    )
    assert result.score == 1.0 and result.unsupported == []


def test_an_answer_sentence_with_no_support_is_caught(embedder):
    scorer = GroundednessScorer(embedder)
    answer = f"{DATE}[1] 施行後は全ての銀行が知財担保融資を義務付けられる。[1]"
    result = scorer.score(answer, {1: DATE})
    assert result.score == 0.5
    assert result.unsupported == ["施行後は全ての銀行が知財担保融資を義務付けられる。"]


def test_a_changed_number_is_never_supported(embedder):
    scorer = GroundednessScorer(embedder)
    result = scorer.score("事業性融資の推進等に関する法律は、2027年4月1日に施行される。[1]", {1: DATE})
    assert result.score == 0.0 and "number" in result.sentences[0].reason


def test_citing_a_passage_that_was_not_given_and_uncited_claims(embedder):
    scorer = GroundednessScorer(embedder)
    result = scorer.score(f"{DATE}[7]\n中国の質押融資は8539.9億元に達した。", {1: DATE})
    reasons = [s.reason for s in result.sentences]
    assert "cites [7], which was not given" in reasons and "no citation" in reasons
    assert result.score == 0.0


def test_framing_is_not_a_claim(embedder):
    scorer = GroundednessScorer(embedder)
    answer = f"{t('answer.english_lead', 'en')}\n\n- {DATE} [1]\n\n▼ 米国では"
    result = scorer.score(answer, {1: DATE})
    assert result.score == 1.0 and len(result.factual) == 1


def test_calibration_pairs_are_mostly_classified_as_labelled(embedder):
    """The documented calibration: 21 of 24 hand-made pairs (see eval/README.md)."""
    rows = [
        json.loads(x)
        for x in (PROJECT_ROOT / "eval/datasets/grounding-calibration.jsonl").read_text().splitlines()
        if x
    ]
    scorer = GroundednessScorer(embedder)
    correct = sum(scorer.support(r["sentence"], [r["passage"]])[0] == r["supported"] for r in rows)
    assert correct >= 21
    # Every changed figure is caught: the one rule that must never miss.
    numbers = [r for r in rows if not r["supported"] and any(ch.isdigit() for ch in r["sentence"])]
    assert numbers and all(not scorer.support(r["sentence"], [r["passage"]])[0] for r in numbers)
