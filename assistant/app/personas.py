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
from assistant.core.messages import t, t_list

DEFAULT_PERSONA = "sme"


@dataclass(frozen=True)
class Focus:
    """A topic a persona looks for; ``terms`` are matched in the cited quotes."""

    terms: tuple[str, ...]


@dataclass(frozen=True)
class Persona:
    """Who is asking. Its wording (label, lead, starters, focus labels, next steps) is in the
    message catalogue under ``persona.<id>.…``; here are only the id and the topic terms."""

    id: str
    focus: tuple[Focus, ...]

    def label(self, lang: str) -> str:
        return t(f"persona.{self.id}.label", lang)

    def lead(self, lang: str) -> str:
        return t(f"persona.{self.id}.lead", lang)

    def starters(self, lang: str) -> tuple[str, ...]:
        return t_list(f"persona.{self.id}.starters", lang)

    def next_steps(self, lang: str) -> tuple[str, ...]:
        return t_list(f"persona.{self.id}.next_steps", lang)

    def focus_label(self, index: int, lang: str) -> str:
        return t(f"persona.{self.id}.focus.{index}", lang)


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
            "sme",
            (
                Focus(("融資", "担保", "ABL", "ベンチャーデット")),
                Focus(("経営者保証", "保証")),
                Focus(("申請", "相談", "窓口", "手続", "支援")),
                Focus(("施行", "開始", "適用")),
            ),
        ),
        Persona(
            "bank",
            (
                Focus(("法律", "金融庁", "政令", "制度", "ガイドライン", "施策")),
                Focus(("リスク", "貸倒", "損失", "分担", "補償")),
                Focus(("評価", "目利き")),
                Focus(("引当", "債務者区分", "格付")),
            ),
        ),
        Persona(
            "advisor",
            (
                Focus(("要件", "対象", "限られる", "できる")),
                Focus(("支援", "助言", "モニタリング", "デューデリジェンス")),
                Focus(("評価",)),
                Focus(("施行", "公表", "開始")),
            ),
        ),
    )
}


def get_persona(persona_id: str | None) -> Persona:
    """The persona with this id; an unknown or missing id falls back to the SME persona."""
    return PERSONAS.get(persona_id or DEFAULT_PERSONA, PERSONAS[DEFAULT_PERSONA])


def starters(persona_id: str | None, lang: str) -> tuple[str, ...]:
    return get_persona(persona_id).starters(lang)


def frame(answer: AnswerView, persona_id: str | None, lang: str) -> Framing | None:
    """The persona's framing of a grounded answer; ``None`` for an abstention.

    Points only link topics to citations whose quote contains one of the topic's terms,
    so every point the page shows is backed by a numbered source.
    """
    if answer.abstained or not answer.cards:
        return None
    persona = get_persona(persona_id)
    points: list[FramingPoint] = []
    for index, focus in enumerate(persona.focus):
        hits = tuple(c.n for c in answer.cards if any(term in c.quote for term in focus.terms))
        if hits:
            points.append(FramingPoint(persona.focus_label(index, lang), hits))
    return Framing(persona.id, persona.lead(lang), tuple(points), persona.next_steps(lang))
