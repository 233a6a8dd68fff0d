"""What a named party said or thinks: a question asking it ("What was Hideki Kanda's own view
on …?", "did Keidanren support or oppose …?", 「金融庁長官は会見でなんて言ってたの？」), and
whether a sentence reports it.

A document that names a party (the chair of a working group, a body that presented at a
meeting) does not thereby report its view: an answer must come from a sentence naming the
party (by the title asked, when one is: 長官, "director general") that says what it said,
proposed or thinks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: Up to six words naming a party ("the Japanese Bankers Association", "head of the jpo").
_NAME_EN = r"((?:[\w.'’&-]+\s+){0,5}?[\w.'’&-]+)"
#: Up to four words before a title ("WIPO's director general …").
_BEFORE_TITLE = r"(?:[\w.'’&-]+\s+){0,4}?"
#: A person's office in English, and the Japanese for each (a unit may name either).
_TITLES = {
    "director general": ("事務局長", "director-general"),
    "director-general": ("事務局長", "director general"),
    "secretary general": ("事務総長", "secretary-general"),
    "commissioner": ("長官",),
    "minister": ("大臣",),
    "chair": ("座長", "委員長", "chairman", "chairperson"),
    "chairman": ("座長", "委員長", "会長", "chair"),
    "chairperson": ("座長", "委員長", "chair"),
    "head": ("長官", "室長", "局長", "トップ"),
    "president": ("社長", "会長", "総裁", "頭取"),
    "governor": ("総裁", "知事"),
    "ceo": ("社長", "最高経営責任者"),
    "professor": ("教授",),
    "spokesperson": ("報道官",),
}
_TITLE_EN = "|".join(sorted((re.escape(t).replace(r"\ ", r"[\s-]") for t in _TITLES), key=len, reverse=True))
#: The Japanese titles, and the English for each.
_TITLES_JA = {
    "事務局長": ("director general", "director-general"),
    "事務総長": ("secretary general", "secretary-general"),
    "長官": ("commissioner", "head"),
    "大臣": ("minister",),
    "座長": ("chair",),
    "委員長": ("chair",),
    "室長": ("head",),
    "局長": ("director", "head"),
    "社長": ("president", "ceo"),
    "会長": ("chair", "president"),
    "総裁": ("governor", "president"),
    "頭取": ("president",),
    "教授": ("professor",),
    "理事長": ("president", "chair"),
}
_TITLE_JA = "|".join(sorted(_TITLES_JA, key=len, reverse=True))
#: An English question asking a party's view, stance or words: "Hideki Kanda's own view",
#: "did Keidanren support or oppose …", "what does the head of the jpo actually think",
#: "what position did Mizuho take", "did WIPO's director general Tang announce …" (saying
#: and announcing only of a person by office: "what does the FSA's paper say" asks the
#: paper's content).
_ASKS_VIEW_EN = re.compile(
    rf"\b{_NAME_EN}(?:'s|’s)\s+(?:own\s+|official\s+|actual\s+|personal\s+)?"
    r"(?:view|views|opinion|opinions|position|stance|reaction|take|verdict|public comments?)\b"
    # (not an obligation: "does he have to think about the staff" asks what a rule makes him do)
    rf"|\b(?:did|does|do|has|have|would|will)\s+(?:the\s+)?{_NAME_EN}(?<!\sto)\s+"
    r"(?:actually\s+|really\s+|ever\s+|publicly\s+|officially\s+|personally\s+)?"
    r"(?:think|feel|oppose|welcome|criticis|criticiz|object|endorse|react|respond|submit (?:any )?(?:public )?comments|support (?:or|and) oppose)\w*"
    rf"|\b(?:position|view|stance|line)\s+(?:did|does|do)\s+(?:the\s+)?{_NAME_EN}\s+take\b"
    # (a stance asked yes or no: "did keidanren actually like … or did they push back",
    # "did Mizuho Bank argue for …", "did jetro itself recommend …")
    # ("does china have like an official rulebook": "like" as a filler after a verb, no stance)
    rf"|(?:^|[,;:]\s*)\W*(?:and\s+|so\s+|but\s+)?(?:did|does|do|has|have)\s+(?:the\s+)?{_NAME_EN}"
    r"(?<!\shave)(?<!\shas)(?<!\sget)(?<!\sgot)(?<!\sneed)(?<!\suse)(?<!\swant)\s+(?:itself\s+|themselves\s+|actually\s+|really\s+|ever\s+|publicly\s+)?"
    r"(?:like|dislike|push(?:ed)? back|argue|recommend|propose|urge|call for|lobby)\w*"
    rf"|\b(?:did|does|do|has|have)\s+(?:the\s+)?({_BEFORE_TITLE}(?:{_TITLE_EN})\b[^?]{{0,30}}?)\s+"
    r"(?:actually\s+|ever\s+|publicly\s+)?(?:say|said|announce|state|remark|comment|propose|recommend|suggest|call for|urge)\w*",
    re.I | re.M,
)
#: A party named as a document ("the Deloitte article", "the WG report"): its content is asked.
_DOCUMENT_EN = re.compile(r"\b(?:article|report|paper|guidelines?|act|law|study|survey|brief|document|standard|white)\b", re.I)
#: A Japanese question asking a party's view or words: 「経団連はどういう反応だった」,
#: 「タン事務局長は…どう評価していますか」, 「金融庁長官は…なんて言ってたの」 (not 「…の考え方」,
#: a document's approach, nor 「銀行は自分で知財を評価してるの」, what banks do, nor a role in
#: parentheses, 「担保権者(信託会社の立場)になる」).
_ASKS_VIEW_JA = re.compile(
    r"([一-龥ァ-ヶーA-Za-z・]{2,})(?:は|が|って|の方は)、?[^。？?]{0,40}?"
    r"(?:どう評価|どう思|どう見て|反応|見解|立場(?![)）])|意見|考え(?!方)|賛成|反対|歓迎|批判|言って|言った|言うて|発言|述べ|語っ|会見|コメントし|ほめ|褒め)"
)
#: What someone said, told as the asker's situation before the question (「取引先が…借りる言うてる
#: んやけど」, 「銀行が…って言ってるんですが」): the question follows; no view is asked.
_SAID = ("言って", "言うて", "言った")
_TOLD_SETUP = re.compile(r"[^。？?、]{0,6}?(?:けど|けれど|ですが|んだが|んやが)")
#: …or what it names (「銀行さんが言うてた事業まるごと担保の新しい融資」): the thing they spoke of.
_SAID_OF = re.compile(r"(?:い?た)?[ぁ-ん]{0,3}[一-龥ァ-ヶー]")
#: A titled person asked to have rated something (「タン事務局長って…なんか評価してた？」): a
#: view. (Not 「銀行は自分で知財を評価してるの」: a bank valuing IP is what it does.)
_TITLED_RATES_JA = re.compile(rf"([一-龥ァ-ヶーA-Za-z・]*(?:{_TITLE_JA}))(?:は|が|って)、?[^。？?]{{0,40}}?評価(?:して|し|する|され)")
#: A party named by its role in a deal (the lender, a borrower): its "position" is where it
#: stands in law, not a view.
_ROLES_EN = frozenset(
    {"lender", "lenders", "borrower", "borrowers", "creditor", "creditors", "debtor", "debtors", "guarantor",
     "guarantors", "pledgee", "pledgor", "licensee", "licensor", "holder", "chargee", "chargor", "trustee", "secured"}
)
_STANDING = re.compile(r"(?:'s|’s)\s+position\b", re.I)
#: Words that make no party: the asker, pronouns, question words.
_NOT_PARTY = frozenset(
    {"i", "we", "you", "they", "it", "he", "she", "what", "was", "is", "the", "a", "an", "of", "own", "s", "which", "how", "did", "does"}
)
#: Words of a body's English name ("Japanese Bankers Association", "Mizuho Bank").
_BODY_EN = re.compile(
    r"^(?:association|bank|federation|agency|office|ministry|council|group|committee|corporation|institute|"
    r"organi[sz]ation|bureau|fund|union|chamber|authority|government|wipo|jpo|fsa|meti)$",
    re.I,
)
#: Where the words on the occasion of a view begin ("… about intangible assets at WIPO's
#: IP Finance Dialogue").
_OCCASION_EN = re.compile(r"\s(?:at|during|when|while)\s", re.I)
#: Kinds of party, not a party (「銀行はどう思ってるの」 asks of banks in general).
_KINDS_JA = frozenset({"銀行", "金融機関", "会社", "企業", "中小企業", "うち", "当社", "弊社", "私", "僕", "俺", "自分"})
#: A sentence reporting what a party said, proposed or thinks.
_REPORTS = re.compile(
    r"述べ|語っ|語る|指摘|提案|求め|主張|意見|表明|賛成|反対|歓迎|批判|懸念|評価し|見解|立場|要望|強調|発言|説明|"
    r"\b(?:said|says|stated|argued|noted|pointed out|proposed|called for|urged|expressed|welcomed|opposed|supported|"
    r"criticised|criticized|warned|concerns?|explained|views?|position|according to)\b",
    re.I,
)


#: What a view is asked as or on, rather than what about: 会見, "presentation", "comment".
_VIEW_WORD = re.compile(
    r"会合|会議|会見|説明|報告書|発言|反応|評価|意見|見解|立場|考え|"
    r"\b(?:meeting|presentation|comments?|report|views?|opinion|position|stance|reaction|think|say|said|announce\w*|submit)\b",
    re.I,
)


def view_word(term: str) -> bool:
    """Whether a question's term says how a view is asked (会見, "position"), not its topic."""
    return bool(_VIEW_WORD.search(term))


@dataclass(frozen=True)
class AskedView:
    """A party whose view or words a question asks: as the question names it, the words a
    sentence must name one of, and the spellings of its office, one of which it must name
    too when the question names one."""

    party: str
    #: Each word of its name with its other spellings (the glossary's Japanese: WG is
    #: ワーキング・グループ); a person by the surname.
    words: tuple[tuple[str, ...], ...]
    titles: tuple[str, ...] = ()
    #: What the view is asked about, as the question says it: the words after the view
    #: asked ("on whether trade creditors should …"), or between the party and it
    #: (「日本の企業価値担保権について」), without the occasion ("at WIPO's dialogue").
    about: str = ""
    #: A person (a name of two words, an office), not a body: a body's documents speak for
    #: it (「金融庁は…引当をどう考えていますか」 is answered by its paper's section).
    person: bool = False

    def names(self, term: str) -> bool:
        """Whether a term of the question is (part of) the party's name or office."""
        lowered = term.lower()
        return any(w in lowered or lowered in w for w in (*(w for ws in self.words for w in ws), *self.titles))

    def reported_in(self, text: str, heading: str = "") -> bool:
        """Whether ``text`` (a unit and its English rendering) names the party (each word of
        its name), by its office when the question names one, and reports what it said or
        thinks; or, for a body, whether ``heading`` (the unit's section and document title)
        names it: what its own document's section says is its view."""
        if not self.person and heading and all(any(w in heading.lower() for w in ws) for ws in self.words):
            return True
        lowered = text.lower()
        if not all(any(w in lowered for w in ws) for ws in self.words):
            return False
        if self.titles and not any(t in lowered for t in self.titles):
            return False
        return bool(_REPORTS.search(text))


def asked_view(question: str, spell: Callable[[str], list[str]] | None = None) -> AskedView | None:
    """The party whose view or words ``question`` (its asking sentences) asks; None when it
    asks none. ``spell`` gives a word's other spellings (the glossary's Japanese)."""
    spell = spell or (lambda word: [])
    if m := _ASKS_VIEW_EN.search(question):
        name = next(g for g in m.groups() if g).strip()
        if _DOCUMENT_EN.search(name):
            return None  # "did the Deloitte article propose …": what a document says is asked
        if _STANDING.search(m.group(0)) and name.split()[-1].lower() in _ROLES_EN:
            return None  # "what is the lender's position on the IP if …": where a role stands in law
        while (first := name.split(" ", 1))[0].lower() in _NOT_PARTY and len(first) > 1:
            name = first[1]  # "What was Hideki Kanda's own view": Hideki Kanda
        lowered = name.lower()
        titles = [t for t in _TITLES if re.search(rf"\b{re.escape(t)}\b", lowered.replace("-", " ") if " " in t else lowered)]
        words = [
            w.rstrip("'’s").rstrip("'’") if w.endswith(("'s", "’s")) else w
            for w in re.findall(r"[\w'’&.-]+", lowered)
        ]
        title_words = {p for t in titles for p in re.split(r"[\s-]", t)}
        words = [w for w in words if w not in _NOT_PARTY and w not in title_words and len(w) >= 2]
        if not words and not titles:
            return None
        spellings = tuple(dict.fromkeys(s.lower() for t in titles for s in (t, *_TITLES[t])))
        named = name.split()
        person = bool(titles) or (
            len(named) == 2 and all(w[:1].isupper() for w in named) and not any(_BODY_EN.search(w) for w in named)
        )
        if person and words:
            words = words[-1:]  # "Daren Tang": a sentence may say "Director General Tang"
        about = _OCCASION_EN.split(question[m.end() :].strip(), maxsplit=1)[0]
        spelt = tuple((w, *(x.lower() for x in spell(w))) for w in words) or (spellings,)
        return AskedView(name, spelt, spellings, about, person)
    m = next(
        (
            x
            for x in _ASKS_VIEW_JA.finditer(question)
            if not (x.group(0).endswith(_SAID) and (_TOLD_SETUP.match(question[x.end() :]) or _SAID_OF.match(question[x.end() :])))
        ),
        None,
    ) or _TITLED_RATES_JA.search(question)
    name = m.group(1) if m else ""
    if m and name in _KINDS_JA:
        # (a name begun in hiragana: みずほ銀行; not 「うちの銀行」)
        lead = re.search(r"[ぁ-ん]{2,5}$", question[: m.start(1)])
        name = lead.group(0) + name if lead and lead.group(0)[-1] not in "のはがをにでともてへやか" else ""
    if m and name:
        title = re.search(rf"(?:{_TITLE_JA})$", name)
        base = name[: title.start()] if title else name
        if title and not base:
            return None
        spellings = (title.group(0), *_TITLES_JA[title.group(0)]) if title else ()
        about = re.sub(r"^(?:は|が|って|の方は)、?", "", question[m.end(1) : m.end()])
        return AskedView(name, ((base.lower(),),), tuple(s.lower() for s in spellings), about, bool(title))
    return None
