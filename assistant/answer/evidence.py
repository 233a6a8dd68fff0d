"""Evidence signals shared by answerers and the abstention rule.

* :func:`term_groups` – the question's key terms, each with the forms that count as a
  match (an English word matches its Japanese equivalents).
* :func:`coverage` – the idf-weighted share of key-term groups found in some tokens.
* :func:`figures` – numbers with their unit, ratios (44:36:16:4) and years in a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..text.glossary import GLOSSARY
from ..text.ja import content_terms, key_terms

#: Weight of an English word that has no Japanese equivalent in the glossary: such a
#: word can still be answered by dense retrieval, so it counts less than a Japanese term.
UNTRANSLATED_WEIGHT = 1.0

_RATIO = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?){1,}(?![\d.])")
_AMOUNT = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(%|パーセント|兆元|億元|万元|元|兆円|億円|万円|円|億ドル|万ドル|ドル|件|社|機関|人|本|行|協会|か国|都市|倍)"
)
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年|年度|\b)")
_DATE = re.compile(r"(?:19|20)\d{2}年(?:度)?(?:\d{1,2}月)?(?:\d{1,2}日)?|令和\d+年|平成\d+年")


@dataclass(frozen=True)
class TermGroup:
    term: str
    alternatives: tuple[tuple[str, ...], ...]  # each alternative: tokens that must all occur
    weight: float


def term_groups(query: str, idf: Callable[[str], float]) -> list[TermGroup]:
    groups: list[TermGroup] = []
    lowered = " " + re.sub(r"[^a-z0-9\- ]+", " ", query.lower()) + " "
    for phrase in sorted(GLOSSARY, key=len, reverse=True):
        if f" {phrase} " in lowered:
            alts = tuple(tuple(content_terms(ja)) for ja in GLOSSARY[phrase])
            alts = tuple(a for a in alts if a)
            weight = max((min(idf(t) for t in a) for a in alts), default=UNTRANSLATED_WEIGHT)
            groups.append(TermGroup(phrase, alts, weight))
            lowered = lowered.replace(f" {phrase} ", " ")
    for term in key_terms(query):
        if term.isascii():
            if f" {term} " in lowered:
                groups.append(TermGroup(term, ((term,),), UNTRANSLATED_WEIGHT))
            continue
        groups.append(TermGroup(term, ((term,),), idf(term)))
    return groups


def group_found(group: TermGroup, tokens: set[str]) -> bool:
    return any(all(t in tokens for t in alt) for alt in group.alternatives)


def coverage(groups: list[TermGroup], tokens: set[str]) -> float:
    total = sum(g.weight for g in groups)
    if total <= 0:
        return 0.0
    return sum(g.weight for g in groups if group_found(g, tokens)) / total


@dataclass(frozen=True)
class Figures:
    ratios: tuple[str, ...]
    amounts: tuple[tuple[str, str], ...]  # (value, unit)
    years: frozenset[str]

    def conflicts_with(self, other: Figures) -> bool:
        """Same kind of figure, different value, and nothing says they are different years."""
        if self.years and other.years and self.years != other.years:
            return False
        for a in self.ratios:
            for b in other.ratios:
                if a.count(":") == b.count(":") and _digits(a) != _digits(b):
                    return True
        units_a = {u: v for v, u in self.amounts}
        for v, u in other.amounts:
            if u in units_a and units_a[u] != v and u not in ("件", "社", "人", "機関"):
                return True
        return False


def _digits(ratio: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in ratio.split(":"))


def figures(sentence: str) -> Figures:
    return Figures(
        ratios=tuple(m.group(0) for m in _RATIO.finditer(sentence)),
        amounts=tuple((m.group(1).replace(",", ""), m.group(2)) for m in _AMOUNT.finditer(sentence)),
        years=frozenset(_YEAR.findall(sentence)),
    )


def has_date(sentence: str) -> bool:
    return bool(_DATE.search(sentence))


def has_number(sentence: str) -> bool:
    return bool(_RATIO.search(sentence) or _AMOUNT.search(sentence))


_WHEN = re.compile(r"いつ|何年|何月|日程|時期|施行日|\bwhen\b|\bwhat year\b|\bdate\b", re.I)
_HOW_MUCH = re.compile(
    r"いくら|どれくらい|どのくらい|何件|何社|何%|割合|比率|規模|金額|分担|\bhow (?:much|many|big|large)\b|\bshare\b|\bratio\b|\bsplit\b",
    re.I,
)


def question_wants(query: str) -> tuple[bool, bool]:
    """(wants a date, wants a figure)."""
    return bool(_WHEN.search(query)), bool(_HOW_MUCH.search(query))


def tokens_of(texts: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for t in texts:
        out.update(content_terms(t))
    return out
