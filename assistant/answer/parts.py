"""The parts of a compound question.

Bank staff ask two things at once: 「…はいつから施行されていますか。あわせて指標体系の構成も
確認したいです。」, "What is X, and who can use it?". An answer led by the first part's fact
must also carry a fact for each further part, or the user reads half an answer.
"""

from __future__ import annotations

import re

#: Where one part of a question ends and another begins: a sentence end, or a phrase that
#: adds a request (あわせて, また, それと, "also").
_BOUNDARY = re.compile(
    r"(?<=[。？！?!])\s*|\s*(?:あわせて|併せて|合わせて|それと|それから|また、|加えて|ついでに)\s*"
    r"|\s*(?<=[.?!])\s+(?:Also|And also|In addition|Additionally)\b,?\s*",
    re.IGNORECASE,
)
MIN_PART_CHARS = 6
#: A part that asks: a question mark, or a request (「…も教えて」, 「確認したい」, "tell me").
_ASKS = re.compile(
    r"[？?]\s*$|教えて|知りたい|確認したい|聞きたい|ですか|ますか|\btell me\b|\bI(?:'d| would) like to know\b",
    re.IGNORECASE,
)


def question_parts(question: str) -> list[str]:
    """The parts of ``question`` that ask something, in order; the whole question when it
    asks one thing. A statement beside the question ("I'm citing that in a memo.") is not a
    part."""
    parts = [p.strip(" 、,") for p in _BOUNDARY.split(question)]
    asking = [p for p in parts if len(p) >= MIN_PART_CHARS and _ASKS.search(p)]
    return asking if len(asking) > 1 else [question]
