"""False premises: a figure asked about something none of the documents mention is refused,
not answered with a figure about something else (the battery got China's 4950億元 for
「火星の知財担保融資制度の上限額は？」).

The refusal is the extractive answerer's unknown-entity check (issue 9's answer rework);
these cases hold it through the command line and with a language model configured: the
question never reaches the model, so a model eager to answer cannot supply a figure.
"""

from __future__ import annotations

import json

import pytest

from tests.llm.fake_server import FakeLLM, Step
from tests.reliability.conftest import ipfin, llm_env

FALSE_PREMISES = [
    "火星の知財担保融資制度の上限額は？",
    "火星の企業価値担保権の利用件数は何件？",
    "What is the upper limit of the IP-backed loan scheme on Mars?",
]


@pytest.mark.parametrize("question", FALSE_PREMISES)
def test_a_false_premise_is_refused(bundled_settings, question):
    run = ipfin("ask", question, "--json", env={"IPFIN_HOME": str(bundled_settings.home)})
    assert run.code == 0, run
    answer = json.loads(run.out)
    assert answer["abstained"] and not answer["citations"], answer["answer"]
    assert "4950" not in answer["answer"] and "億元" not in answer["answer"]


def test_the_refusal_names_what_is_not_in_the_documents(bundled_settings):
    run = ipfin("ask", FALSE_PREMISES[0], env={"IPFIN_HOME": str(bundled_settings.home)})
    assert run.code == 0 and "火星" in run.out and "記述がありません" in run.out, run


def test_a_model_never_gets_the_chance_to_answer_it(bundled_settings):
    fake = FakeLLM().start()
    try:
        fake.add(Step(text="火星の知財担保融資制度の上限額は4950億元です[1]。"))
        run = ipfin("ask", FALSE_PREMISES[0], "--json", env=llm_env(fake, bundled_settings.home))
        answered = [r for r in fake.requests if r["path"].endswith(("/chat/completions", "/api/chat"))]
    finally:
        fake.stop()
    assert run.code == 0, run
    answer = json.loads(run.out)
    assert answer["abstained"] and "4950" not in answer["answer"]
    assert answered == [], "the question was sent to the model"
