"""Conversation state and heuristic follow-up condensation.

「それはいつから使えますか？」 after 「企業価値担保権とは何ですか？」 is searched as
「企業価値担保権はいつから使えますか？」: a pronoun is replaced by the earlier topic, and
an elliptical question (「では中国は？」, "What about China?") carries the topic along.
An LLM condenser can replace this where one is configured.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.text.ja import detect_lang, key_terms, noun_phrases

_JA_ANAPHOR = re.compile(
    r"^(?:それ|これ|あれ|その制度|この制度|同制度|同法|この法律|その法律|そちら|こちら)(?=は|って|の|を|に|が|で|も|、)"
)
_JA_ANAPHOR_ANY = re.compile(r"それ|これ|その制度|この制度|同制度|同法|この法律|その法律")
_JA_ELLIPTIC = re.compile(r"^(?:では|じゃあ|それでは|なら|ちなみに|また|あと)")
_EN_ANAPHOR = re.compile(r"\b(it|its|this|that|they|them|these|those)\b", re.I)
_EN_ELLIPTIC = re.compile(r"^(?:and|what about|how about|and what about)\b", re.I)
_TOPIC_PHRASES = 2


def _topic(previous: str, idf: Callable[[str], float] | None) -> str:
    if detect_lang(previous) == "en":
        words = [w for w in key_terms(previous) if w.isascii()]
        return " ".join(words[:4])
    phrases = noun_phrases(previous)
    if not phrases:
        return ""
    if idf is not None:
        phrases = sorted(phrases, key=lambda p: -sum(idf(t) for t in key_terms(p)))
    top = phrases[:_TOPIC_PHRASES]
    ordered = [p for p in noun_phrases(previous) if p in top]
    return "・".join(dict.fromkeys(ordered))


def is_follow_up(question: str) -> bool:
    q = question.strip()
    if detect_lang(q) == "en":
        return bool(_EN_ANAPHOR.search(q) or _EN_ELLIPTIC.match(q))
    return bool(_JA_ANAPHOR_ANY.search(q) or _JA_ELLIPTIC.match(q) or (len(key_terms(q)) <= 1 and len(q) <= 20))


def condense(question: str, history: list[str], idf: Callable[[str], float] | None = None) -> str:
    """Rewrite a follow-up as a standalone question using the earlier user turns."""
    question = question.strip()
    if not history or not is_follow_up(question):
        return question
    previous = condense(history[-1], history[:-1], idf)
    topic = _topic(previous, idf)
    if not topic:
        return question
    if detect_lang(question) == "en":
        if _EN_ELLIPTIC.match(question):
            return f"{question} ({topic})"
        return _EN_ANAPHOR.sub(topic, question, count=1)
    if _JA_ANAPHOR.match(question):
        return _JA_ANAPHOR.sub(topic, question, count=1)
    stripped = _JA_ELLIPTIC.sub("", question).lstrip("、, ")
    return f"{topic}について、{stripped}"


@dataclass
class Conversation:
    """The user turns so far; the UI and ``ipfin chat`` keep one per session."""

    turns: list[str] = field(default_factory=list)

    def add(self, question: str) -> None:
        self.turns.append(question.strip())

    def reset(self) -> None:
        self.turns.clear()
