"""Announcements of a list and the labelled items after them (assistant.text.announce)."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.text.announce import announced, items


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("日本で知財金融が進まない理由として一般に2つの論点が挙げられており、記事はそれぞれ仮説を立てている。", 2),
        ("記事は、日本で知財金融を推進するには次の2つの取組が有効だと提案している。", 2),
        ("報告書は三つの論点について述べる。", 3),  # in kanji too
        ("改革は五つの柱からなる。", 0),  # …からなる: what it consists of, said where it stands
        ("知財金融の推進が図られている。", 0),
        ("施策は三つの分野で示された。", 3),
        ("保証なしで融資を受けるための要件は3つあり、(1)…(2)…(3)…である。", 0),  # the items are inline
    ],
)
def test_how_many_things_a_sentence_announces(text, count):
    assert announced(text) == count


def _nfkc(texts):
    return [unicodedata.normalize("NFKC", t) for t in texts]


def test_the_items_of_the_first_labelled_series_in_order():
    after = _nfkc([
        "論点Ⅰの背景として、評価には専門知識が要る。",  # no item: 論点Ⅰの…
        "論点Ⅰは、評価と管理が融資元の負担になっているという問題である。",
        "論点Ⅰの仮説①は、統一的な評価基準が要るのではないか、というものである。",
        "仮説②は、工数を減らす制度が要るのではないか、というものである。",  # another label
        "論点Ⅱは、流通性が低いために貸倒リスクが大きいという問題である。",
        "論点Ⅲは、三つ目の問題である。",  # beyond the two announced
    ])
    assert items(after, 2) == [1, 4]


def test_no_items_unless_a_series_starts_at_one_and_goes_on():
    assert items(_nfkc(["提案Ⅱは、貸倒リスクの低減である。", "提案Ⅲは、…である。"]), 2) == []
    assert items(_nfkc(["提案Ⅰは、負担を減らす制度の整備である。", "まとめとして記事は…"]), 2) == []
    assert items(_nfkc(["提案1では、…を挙げる。", "提案2では、…を挙げる。"]), 2) == [0, 1]
