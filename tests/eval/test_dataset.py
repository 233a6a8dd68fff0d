"""The gold set is data the whole evaluation rests on: check its shape and that every
key fact of an answerable item really stands in one of its expected sources."""

import json
import re
from collections import Counter

import pytest

from assistant.core.settings import PROJECT_ROOT
from assistant.ingest.loaders import load_file

DATASET = PROJECT_ROOT / "eval" / "datasets" / "ipfin-qa.jsonl"
CATEGORIES = {
    "definition",
    "figure/date",
    "comparison",
    "procedure",
    "multi-source",
    "follow-up",
    "conflicting sources",
    "out-of-scope",
    "adversarial",
}
PERSONAS = {"sme", "bank", "advisor"}
REQUIRED = {"id", "question", "lang", "persona", "answerable", "expected_sources", "key_facts", "category"}


@pytest.fixture(scope="module")
def items():
    return [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def brief_texts():
    texts = {}
    for path in (PROJECT_ROOT / "corpus" / "briefs").glob("*.md"):
        loaded = load_file(path, kind="brief")
        texts[loaded.doc.source_id] = "\n".join(b.text for b in loaded.blocks)
    return texts


def test_schema(items):
    assert len(items) >= 100
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item.keys() >= REQUIRED, item["id"]
        assert item["lang"] in ("ja", "en") and item["persona"] in PERSONAS, item["id"]
        assert item["category"] in CATEGORIES, item["id"]
        assert isinstance(item["answerable"], bool)
        assert isinstance(item["expected_sources"], list) and isinstance(item["key_facts"], list)
        assert isinstance(item.get("history", []), list)
        if item["answerable"]:
            assert item["expected_sources"] and item["key_facts"], item["id"]
        else:
            assert item["expected_sources"] == [] and item["key_facts"] == [], item["id"]


def test_coverage_of_kinds(items):
    n = len(items)
    unanswerable = sum(not i["answerable"] or i["category"] == "adversarial" for i in items)
    assert unanswerable >= 0.15 * n
    assert sum(i["lang"] == "en" for i in items) >= 15
    assert sum(bool(i.get("history")) for i in items) >= 10
    assert sum(len(i["expected_sources"]) >= 2 for i in items) >= 10
    assert set(Counter(i["category"] for i in items)) == CATEGORIES


def test_key_facts_stand_in_the_expected_sources(items, brief_texts):
    for item in items:
        if not item["answerable"]:
            continue
        assert set(item["expected_sources"]) <= brief_texts.keys(), item["id"]
        corpus = "\n".join(brief_texts[s] for s in item["expected_sources"])
        for fact in item["key_facts"]:
            if fact.startswith("re:"):
                assert re.search(fact[3:], corpus), (item["id"], fact)
            else:
                assert fact in corpus, (item["id"], fact)


def test_questions_are_not_copied_from_the_briefs(items, brief_texts):
    everything = "\n".join(brief_texts.values())
    for item in items:
        q = item["question"].rstrip("?？")
        assert len(q) < 25 or q not in everything, item["id"]
