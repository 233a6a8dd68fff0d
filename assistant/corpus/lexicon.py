"""English → Japanese domain terms, so English questions reach the Japanese corpus.

Dense retrieval (multilingual e5) already crosses languages; this table lets BM25 and
the key-term abstention check do the same. Keys are lower-case English words or
phrases; values are Japanese terms as they appear in the briefs.
"""

from __future__ import annotations

import re

GLOSSARY: dict[str, tuple[str, ...]] = {
    "enterprise value charge": ("企業価値担保権",),
    "enterprise value security": ("企業価値担保権",),
    "enterprise value": ("企業価値",),
    "personal guarantee": ("経営者保証", "個人保証"),
    "personal guarantees": ("経営者保証", "個人保証"),
    "business-based lending": ("事業性融資",),
    "business lending": ("事業性融資",),
    "risk compensation fund": ("リスク補償基金",),
    "credit guarantee": ("信用保証",),
    "credit guarantee corporation": ("信用保証協会",),
    "venture debt": ("ベンチャーデット",),
    "blanket lien": ("ブランケット・リーエン", "全資産担保"),
    "ip finance": ("知財金融",),
    "ip financing": ("知財金融",),
    "ip-backed": ("知財担保",),
    "intellectual property": ("知的財産", "知財"),
    "ip": ("知財",),
    "patent": ("特許",),
    "patents": ("特許",),
    "trademark": ("商標",),
    "trademarks": ("商標",),
    "copyright": ("著作権",),
    "borrow": ("融資", "借入"),
    "borrowing": ("融資", "借入"),
    "loan": ("融資",),
    "loans": ("融資",),
    "lending": ("融資",),
    "lender": ("貸し手", "金融機関"),
    "lenders": ("貸し手", "金融機関"),
    "bank": ("銀行", "金融機関"),
    "banks": ("銀行", "金融機関"),
    "collateral": ("担保",),
    "security": ("担保",),
    "pledge": ("質押", "質権"),
    "guarantee": ("保証",),
    "guarantor": ("保証人",),
    "default": ("貸倒", "債務不履行"),
    "defaults": ("貸倒", "債務不履行"),
    "risk": ("リスク",),
    "risks": ("リスク",),
    "share": ("分担",),
    "sharing": ("分担",),
    "split": ("分担",),
    "loss": ("損失",),
    "losses": ("損失",),
    "valuation": ("評価",),
    "value": ("価値", "評価"),
    "evaluation": ("評価",),
    "provisioning": ("引当",),
    "provision": ("引当",),
    "provisions": ("引当",),
    "fsa": ("金融庁",),
    "jpo": ("特許庁",),
    "wipo": ("WIPO",),
    "china": ("中国",),
    "chinese": ("中国",),
    "guangdong": ("広東",),
    "japan": ("日本",),
    "japanese": ("日本",),
    "us": ("米国",),
    "usa": ("米国",),
    "united states": ("米国",),
    "america": ("米国",),
    "american": ("米国",),
    "law": ("法律",),
    "act": ("法律",),
    "effect": ("施行",),
    "force": ("施行",),
    "enforcement": ("施行", "実行"),
    "start": ("開始", "施行"),
    "sme": ("中小企業",),
    "smes": ("中小企業",),
    "small": ("中小",),
    "startup": ("スタートアップ",),
    "startups": ("スタートアップ",),
    "start-up": ("スタートアップ",),
    "start-ups": ("スタートアップ",),
    "insurance": ("保険",),
    "insurer": ("保険",),
    "securitisation": ("証券化",),
    "securitization": ("証券化",),
    "auction": ("オークション",),
    "auctions": ("オークション",),
    "liquidity": ("流通", "流動性"),
    "market": ("市場", "流通"),
    "standard": ("標準", "基準"),
    "guideline": ("ガイドライン", "指針"),
    "guidelines": ("ガイドライン", "指針"),
    "employees": ("労働者",),
    "workers": ("労働者",),
    "labour": ("労働",),
    "labor": ("労働",),
    "trust": ("信託",),
    "registration": ("登記", "登録"),
    "working group": ("ワーキング・グループ",),
    "report": ("報告書",),
    "abl": ("ABL",),
    "asset-based": ("ABL",),
    "inventory": ("在庫",),
    "receivables": ("売掛金",),
    "evaluation report": ("評価書",),
    "governance": ("ガバナンス",),
    "intangible": ("無形資産",),
    "intangibles": ("無形資産",),
    "due diligence": ("デューデリジェンス",),
    "ucc": ("UCC",),
    "chair": ("座長",),
    "chaired": ("座長",),
    "chairman": ("座長",),
    "chairperson": ("座長",),
    "members": ("委員",),
    "meeting": ("会合",),
    "meetings": ("会合",),
}

_PHRASES = sorted(GLOSSARY, key=len, reverse=True)


def expand_english(text: str) -> list[str]:
    """Japanese terms for the English domain words and phrases in ``text``."""
    lowered = " " + re.sub(r"[^a-z0-9\- ]+", " ", text.lower()) + " "
    found: list[str] = []
    for phrase in _PHRASES:
        needle = f" {phrase} "
        if needle in lowered:
            found.extend(GLOSSARY[phrase])
            lowered = lowered.replace(needle, " ")
    return list(dict.fromkeys(found))


#: Question phrasings whose answer uses other words: 「いつから使えますか」 is answered
#: by a sentence about 施行. Added to the BM25 query only (never to key terms).
INTENT_TERMS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(
            r"いつから|いつ(?:施行|開始|始ま)|使えるように|\bwhen\b.*\b(?:start|effect|force|available|apply)", re.I
        ),
        ("施行", "開始"),
    ),
    (re.compile(r"誰が.*(?:担保権者|貸し手)|\bwho can lend\b", re.I), ("担保権者", "貸し手")),
)


def intent_terms(text: str) -> list[str]:
    """Extra search terms implied by how the question is asked."""
    out: list[str] = []
    for pattern, terms in INTENT_TERMS:
        if pattern.search(text):
            out.extend(terms)
    return out


#: Everyday Japanese → the words the documents use. An SME owner asks 「お金を借りる」;
#: the briefs say 融資 and 資金調達. Keys are Sudachi normalised forms.
JA_SYNONYMS: dict[str, tuple[str, ...]] = {
    "お金": ("資金", "融資"),
    "御金": ("資金", "融資"),
    "金": ("資金",),
    "借りる": ("融資", "借入"),
    "借金": ("融資", "借入"),
    "ローン": ("融資",),
    "借り入れ": ("融資", "借入"),
    "貸す": ("融資",),
    "会社": ("企業",),
    "特許": ("知財",),
    "知的財産": ("知財",),
    "知的財産権": ("知財",),
    "銀行": ("金融機関",),
    "社長": ("経営者",),
    "保証人": ("経営者保証", "保証"),
    "使える": ("利用", "施行"),
    "始まる": ("施行", "開始"),
    "倒産": ("貸し倒れ", "債務不履行"),
}


def japanese_synonyms(term: str) -> tuple[str, ...]:
    """Document-side words for an everyday term, or ``()``."""
    return JA_SYNONYMS.get(term, ())
