"""Who is asking: an SME owner, a bank officer, or an adviser.

A persona changes what the chat page offers and how it frames an answer, never what
the answer says. The answer stays the extractive, cited sentences; the persona adds

* a lead sentence that says which aspects the answer is read for (a statement about
  the answer, not a fact about the world),
* "points": persona topics (評価, 引当, リスク, 次の一歩 …) each linked to the numbered
  citations whose quote mentions them, so a bank officer sees at once which cited
  sentence speaks to provisioning,
* next steps: generic guidance (ask your bank, the 知財金融ポータルサイト, an expert),
  always labelled as guidance and never presented as a sourced fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.app.presentation import AnswerView

DEFAULT_PERSONA = "sme"


@dataclass(frozen=True)
class Focus:
    """A topic a persona looks for; ``terms`` are matched in the cited quotes."""

    label: dict[str, str]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Persona:
    id: str
    label: dict[str, str]
    starters: dict[str, tuple[str, ...]]
    lead: dict[str, str]
    focus: tuple[Focus, ...]
    next_steps: dict[str, tuple[str, ...]]

    def text(self, field: dict[str, str], lang: str) -> str:
        return field.get(lang) or field["ja"]


@dataclass(frozen=True)
class FramingPoint:
    label: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Framing:
    """What the chat page shows around an answer for a persona."""

    persona_id: str
    lead: str
    points: tuple[FramingPoint, ...]
    next_steps: tuple[str, ...]


PERSONAS: dict[str, Persona] = {
    p.id: p
    for p in (
        Persona(
            id="sme",
            label={"ja": "中小企業・スタートアップ", "en": "SME / startup"},
            starters={
                "ja": (
                    "企業価値担保権を設定すると経営者保証はどうなりますか？",
                    "特許を担保に融資を受けられますか？",
                    "知財ビジネス評価書とは何ですか？",
                    "個人事業主でも企業価値担保権を使えますか？",
                ),
                "en": (
                    "What does the enterprise value charge mean for personal guarantees?",
                    "Can a patent be used as collateral for a loan?",
                    "When does the enterprise value charge take effect?",
                ),
            },
            lead={
                "ja": "事業者の方向けに、資金調達の選択肢と次の一歩に関わる記述を、出典の文のまま示します。",
                "en": "For business owners: what the documents say about financing options and next steps, quoted with sources.",
            },
            focus=(
                Focus(
                    {"ja": "資金調達の選択肢", "en": "Financing options"}, ("融資", "担保", "ABL", "ベンチャーデット")
                ),
                Focus({"ja": "経営者保証", "en": "Personal guarantees"}, ("経営者保証", "保証")),
                Focus({"ja": "手続・窓口", "en": "Procedure and contacts"}, ("申請", "相談", "窓口", "手続", "支援")),
                Focus({"ja": "時期", "en": "Timing"}, ("施行", "開始", "適用")),
            ),
            next_steps={
                "ja": (
                    "取引のある金融機関に、この回答の出典を示して自社に当てはまるか相談する。",
                    "知財金融ポータルサイト(特許庁)で、いま利用できる施策を確かめる。",
                    "弁理士・中小企業診断士などの専門家に、自社の知財と事業計画を見てもらう。",
                    "「選択肢ナビ」で、自社の状況に合う資金調達の選択肢を整理する。",
                ),
                "en": (
                    "Show your bank the cited sources and ask whether they apply to your company.",
                    "Check the JPO's IP finance portal (知財金融ポータルサイト) for schemes open now.",
                    "Ask a patent attorney or SME consultant to review your IP and business plan.",
                    "Use the options navigator to list the financing options that fit your company.",
                ),
            },
        ),
        Persona(
            id="bank",
            label={"ja": "金融機関", "en": "Bank / lender"},
            starters={
                "ja": (
                    "企業価値担保権付き融資の評価や引当について金融庁は何を示していますか？",
                    "知財担保融資のリスクは何ですか？",
                    "広東省では知財担保融資の損失をどう分担していますか？",
                    "信用保証協会の責任共有制度とは何ですか？",
                ),
                "en": (
                    "How did China share default risk on IP loans?",
                    "Who chaired the FSA working group?",
                    "When does the enterprise value charge law take effect?",
                ),
            },
            lead={
                "ja": "金融機関の方向けに、制度・リスク・評価・引当に関わる記述を、出典の文のまま示します。",
                "en": "For lenders: what the documents say about policy, risk, valuation and provisioning, quoted with sources.",
            },
            focus=(
                Focus({"ja": "制度・政策", "en": "Policy"}, ("法律", "金融庁", "政令", "制度", "ガイドライン", "施策")),
                Focus(
                    {"ja": "リスク・損失分担", "en": "Risk and loss sharing"},
                    ("リスク", "貸倒", "損失", "分担", "補償"),
                ),
                Focus({"ja": "評価", "en": "Valuation"}, ("評価", "目利き")),
                Focus({"ja": "引当・債務者区分", "en": "Provisioning"}, ("引当", "債務者区分", "格付")),
            ),
            next_steps={
                "ja": (
                    "判断の前に、出典カードの公式文書で原文を確認する。",
                    "与信・評価・引当の社内規程との関係は、所管部署に確認する。",
                    "個別の案件は、知財の専門家(弁理士・評価機関)の意見も参考にする。",
                ),
                "en": (
                    "Check the original text in the official document linked from each source card before deciding.",
                    "Confirm how this relates to your credit, valuation and provisioning rules with the department in charge.",
                    "For a specific case, also ask IP specialists (patent attorneys, valuation firms).",
                ),
            },
        ),
        Persona(
            id="advisor",
            label={"ja": "支援機関・専門家", "en": "Adviser / expert"},
            starters={
                "ja": (
                    "認定事業性融資推進支援機関の役割は何ですか？",
                    "知財デューデリジェンスでは価値評価をどう整理していますか？",
                    "企業価値担保権はいつから使えますか？",
                    "IPASはどんな支援をしますか？",
                ),
                "en": (
                    "When does the enterprise value charge law take effect?",
                    "What insurance covers losses on IP-backed loans in the US?",
                    "How did China share default risk on IP loans?",
                ),
            },
            lead={
                "ja": "支援機関・専門家の方向けに、制度の要件と支援の実務に関わる記述を、出典の文のまま示します。",
                "en": "For advisers: what the documents say about requirements and support practice, quoted with sources.",
            },
            focus=(
                Focus({"ja": "要件・対象", "en": "Requirements"}, ("要件", "対象", "限られる", "できる")),
                Focus(
                    {"ja": "支援の実務", "en": "Support practice"},
                    ("支援", "助言", "モニタリング", "デューデリジェンス"),
                ),
                Focus({"ja": "評価", "en": "Valuation"}, ("評価",)),
                Focus({"ja": "日程", "en": "Dates"}, ("施行", "公表", "開始")),
            ),
            next_steps={
                "ja": (
                    "支援先の状況(会社形態・知財・担保・段階)を「選択肢ナビ」で整理する。",
                    "助言の前に、出典カードの公式文書で原文を確認する。",
                    "制度の運用は、所管官庁や金融機関の窓口にも確認する。",
                ),
                "en": (
                    "Describe the client's situation (company form, IP, collateral, stage) in the options navigator.",
                    "Check the original text in the official documents linked from the source cards before advising.",
                    "Confirm how a scheme is run with the ministry in charge or the lender.",
                ),
            },
        ),
    )
}


def get_persona(persona_id: str | None) -> Persona:
    """The persona with this id; an unknown or missing id falls back to the SME persona."""
    return PERSONAS.get(persona_id or DEFAULT_PERSONA, PERSONAS[DEFAULT_PERSONA])


def starters(persona_id: str | None, lang: str) -> tuple[str, ...]:
    persona = get_persona(persona_id)
    return persona.starters.get(lang) or persona.starters["ja"]


def frame(answer: AnswerView, persona_id: str | None, lang: str) -> Framing | None:
    """The persona's framing of a grounded answer; ``None`` for an abstention.

    Points only link topics to citations whose quote contains one of the topic's terms,
    so every point the page shows is backed by a numbered source.
    """
    if answer.abstained or not answer.cards:
        return None
    persona = get_persona(persona_id)
    points: list[FramingPoint] = []
    for focus in persona.focus:
        hits = tuple(c.n for c in answer.cards if any(term in c.quote for term in focus.terms))
        if hits:
            points.append(FramingPoint(persona.text(focus.label, lang), hits))
    steps = persona.next_steps.get(lang) or persona.next_steps["ja"]
    return Framing(persona.id, persona.text(persona.lead, lang), tuple(points), tuple(steps))
