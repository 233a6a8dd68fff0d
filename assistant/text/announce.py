"""Announcements of a list (「2つの論点が挙げられており」, 「次の2つの取組が有効だと提案している」)
and the items that follow them (「論点Ⅰは…」「論点Ⅱは…」), as documents write them.

A sentence that announces N things states none of them: a question it matches ("why has IP
finance not spread?") is answered by the items. Text is NFKC (Ⅰ is "I", ① is "1").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: 「2つの論点が」, 「次の3つの取組を」: how many things a sentence announces.
_ANNOUNCES = re.compile(r"([2-9二三四五六七八九])つの[一-龥ァ-ヶー]{1,8}(?:が|を|に|について|として|は|で)")
_COUNT = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: An item of a labelled series at the start of a sentence: 「論点IIは、」, 「提案1では」, 「要件三として」.
_ITEM = re.compile(r"(?P<label>[一-龥ァ-ヶー]{1,8})(?P<num>III|II|IV|I|[1-9]|[一二三四五六七八九])(?=は|では|として|:|、)")
_ORDER = {"I": 1, "II": 2, "III": 3, "IV": 4, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: How far after an announcement its items are looked for (sentences).
REACH = 40


def announced(text: str) -> int:
    """How many things ``text`` announces (「2つの論点が挙げられており」 → 2); 0 if none."""
    m = _ANNOUNCES.search(text)
    if not m:
        return 0
    n = m.group(1)
    return _COUNT.get(n) or int(n)


def items(sentences: Sequence[str], count: int) -> list[int]:
    """Indexes of the items of the first labelled series among ``sentences`` (those after an
    announcement, in document order): 「論点Iは…」, then 「論点IIは…」 …; sentences between
    them (「提案Iの留意点として…」) are skipped. Empty unless at least two items, and no more
    than ``count``, are found."""
    label, want, found = "", 1, []
    for i, text in enumerate(sentences[:REACH]):
        m = _ITEM.match(text)
        if not m:
            continue
        number = _ORDER.get(m["num"]) or int(m["num"])
        if not label and number == 1:
            label, want, found = m["label"], 2, [i]
        elif label and m["label"] == label and number == want:
            found.append(i)
            want += 1
            if len(found) == count:
                break
    return found if len(found) >= 2 else []
