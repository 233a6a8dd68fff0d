"""Questions asking what the documents would have to judge, not state: a forecast ("will
China keep growing IP pledge lending by 40% in 2025?", 「そのうち個人でも使えるようになる
予定とかあるん？」) or a ranking ("which bank is best to go to, a megabank or a regional
one?", 「3つの方法のうち地方銀行にとって最も適切なのはどれ」).

A passage on the topic does not answer either: the 2023 growth figure says nothing of 2025,
and a description of two schemes ranks neither. An answer must come from a sentence that
states a plan, an expectation or an outlook (for the year asked, when one is), or one that
says what suits or is recommended.

(Choices for the asker's own case, 「うちの場合どっちがいい？」, are refused outright:
:meth:`assistant.answer.refusal.Refusals.own_choice`.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.evidence import stated_years, years_in

#: An English question asking what will happen or is planned: "is X expected to be revised",
#: "are there any plans to …", "any timeline", "will the JPO go back to paying …"
#: (not "when will it start", which asks a date; not "will my employees' contracts change",
#: which asks what a rule does to the asker; nor "next year" alone, which may be the asker's
#: own plan, 「来年会社をつぐんですが…」: a year beyond the documents is
#: :meth:`assistant.answer.refusal.Refusals.later_years`'s).
_OUTLOOK_EN = re.compile(
    r"\b(?:is|are|was|were)\b[^?]{0,80}?\b(?:expected|likely|planned|scheduled|projected|forecast) to\b"
    r"|\bany (?:plans?|timelines?|timetables?|roadmap)\b|\bplans? to\b(?!\s+(?:use|borrow|apply|get|take))"
    r"|\b(?:is|are) there (?:any )?(?:plans?|moves?) (?:to|for)\b"
    r"|(?<!\bwhen )(?<!\bwhat date )(?<!\bby when )\bwill (?!(?:i|we|you|my|our|me|us|it be possible for (?:me|us))\b)"
    r"(?:[\w'’-]+\s+){0,8}?(?:(?:keep|continue|go back|return|start|begin)\b|be (?:extended|expanded|revised|amended|raised|"
    r"lowered|cut|abolished|scrapped|changed|relaxed|tightened|reviewed|reformed|opened|broadened)\b|set up\b|introduce\b|"
    r"launch\b|create\b|expand\b|extend\b|grow\b|rise\b|fall\b|drop\b|increase\b|decrease\b|decline\b|double\b|exceed\b|"
    r"surpass\b|top\b|hit\b|reach\b|follow\b|copy\b|adopt\b)"
    r"|\bin the (?:near |coming )?future\b|\bgoing forward\b|\bin the coming years?\b"
    r"|\b(?:forecasts?|outlook|projections?|prospects)\b",
    re.I,
)
#: A Japanese question asking the same: 「…予定とかあるん？」, 「今後も伸びるの？」
#: (not a plan that was: 「採択する予定だった」「出す予定やった」; not the asker's own plan told as their case,
#: 「親父の会社継ぐ予定なんやけど」; not そのうち, which is as often "of those").
_OUTLOOK_JA = re.compile(
    # (「…担保に入れる予定　電子で出したら…」: the asker's plan, said before the question)
    r"予定(?!だった|でした|であった|やった|やってん|(?:なん|なの)?(?:やけど|だけど|ですが|ですけど|でして|で、)|[\s、。])|見込み|見込ま|見通し|将来的|ゆくゆく"
    r"|今後(?:も|は|、)?[^。？?]{0,25}?(?:伸び|増え|増や|減|拡大|広が|続|変わ|改正|見直|延長|拡充|導入|廃止|でき(?:る|ます)よう)"
)
#: A sentence stating a plan, an expectation or an outlook (not 「将来会社に属することになる財産」,
#: the future property a rule covers, nor a guideline's 「努力目標」).
_SAYS_OUTLOOK = re.compile(
    r"予定|見込|見通し|計画|方針|目指|予想|期待さ|検討(?:する|して|中|が進|を進|を行)|将来的"
    r"|\b(?:plans?|planned|planning|expect(?:s|ed)?|forecasts?|intends?|intended|aims?|scheduled|outlook|prospects?"
    r"|projected|going forward|in the (?:near |coming )(?:future|years?)|under (?:study|review|consideration))\b",
    re.I,
)
#: A question asking for a ranking or a recommendation, whoever's case it is: 「最も適切なのは
#: どれ」, 「一番おすすめは」, "which bank is best to go to", "who gives the best terms".
_ADVICE = re.compile(
    r"最も(?:適切|適し|おすすめ|お勧め|有利|良い|よい|いい|望ましい|向いて)|一番(?:いい|良い|よい|おすすめ|お勧め|得|有利|向いて)|おすすめ|オススメ|お勧め"
    r"|\bwhich\b[^?]{0,60}\b(?:is|are|would be|'s)\s+(?:the\s+)?(?:best|better|most suitable|most appropriate|preferable|ideal)\b"
    r"|\bwhich\b[^?]{0,60}\b(?:best|better) (?:to|for)\b"
    r"|\bwho (?:gives|offers|has|provides) the (?:best|cheapest|lowest|most favourable|most favorable)\b"
    r"|\b(?:the )?best (?:one|bank|lender|option|choice|place|scheme|route) to\b"
    # (ipfin asked to advise someone else's case: "Would you advise a client … to use ABL …?")
    r"|\b(?:would|do|should|can) you (?:advise|recommend|suggest)\b|\bwould it be (?:better|wiser|advisable)\b",
    re.I,
)
#: A sentence saying what suits, or recommending.
_SAYS_ADVICE = re.compile(
    r"適して|適する|適当|向いて|向く|推奨|勧め|すすめ|望ましい|ふさわしい|有利|最適|最も"
    r"|\b(?:suit(?:s|ed|able)?|recommend\w*|advis\w*|best|preferable|better suited|most appropriate|ideal)\b",
    re.I,
)


@dataclass(frozen=True)
class AskedJudgement:
    """What a question asks the documents to judge: ``kind`` is ``"outlook"`` or
    ``"advice"``; ``years`` the years a forecast is asked for (empty when none)."""

    kind: str
    years: frozenset[str] = frozenset()

    @property
    def reason(self) -> str:
        """The abstain reason when no sentence gives it (``no_outlook``, ``no_advice``)."""
        return f"no_{self.kind}"

    def said_in(self, text: str) -> bool:
        """Whether ``text`` (a sentence and its English rendering) states it: a plan or an
        expectation, for one of the years asked when any is; or what suits or is
        recommended."""
        if self.kind == "advice":
            return bool(_SAYS_ADVICE.search(text))
        if not _SAYS_OUTLOOK.search(text):
            return False
        return not self.years or bool(self.years & stated_years(text))


def asked_judgement(question: str) -> AskedJudgement | None:
    """The forecast or ranking ``question`` (its asking sentences) asks for; None when it
    asks neither."""
    if _ADVICE.search(question):
        return AskedJudgement("advice")
    if _OUTLOOK_EN.search(question) or _OUTLOOK_JA.search(question):
        return AskedJudgement("outlook", years_in(question))
    return None


def judgement_word(term: str) -> bool:
    """Whether ``term`` (a question's term) only says that a judgement is asked (予定, 見込み,
    "plans", "best"): it is no part of what the judgement is asked about."""
    for pattern in (_SAYS_OUTLOOK, _SAYS_ADVICE, _ADVICE):
        # (with its kana ending: 見込み of 見込)
        if (m := pattern.match(term)) and re.fullmatch(r"[ぁ-ん]*", term[m.end() :]):
            return True
    return False
