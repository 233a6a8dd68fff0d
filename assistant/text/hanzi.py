"""Chinese names typed in simplified characters, read in the Japanese forms the documents use.

An evaluator pastes 「专利评估指引」 or 「国家知识产权局」 from a Chinese source; the briefs write
専利評価指引 and 国家知識産権局. Only characters that Japanese writing never uses are mapped
(专, 评, 识, 权 …), so Japanese text is left as it is. A few words the briefs render in
Japanese words rather than character by character (评估 → 評価) are mapped whole first.
"""

from __future__ import annotations

import re

#: Words rendered by meaning in the briefs, read before single characters.
_WORDS = {
    "评估": "評価",
    "贷款": "融資",
}

#: Simplified character → the form Japanese writes (shinjitai); none of the keys occurs in
#: Japanese text.
_CHARS = {
    "专": "専", "评": "評", "价": "価", "权": "権", "质": "質", "贷": "貸", "识": "識", "产": "産",
    "银": "銀", "险": "険", "证": "証", "业": "業", "务": "務", "资": "資", "术": "術", "标": "標",
    "经": "経", "济": "済", "际": "際", "发": "発", "广": "広", "东": "東", "门": "門", "财": "財",
    "构": "構", "场": "場", "规": "規", "则": "則", "试": "試", "补": "補", "偿": "償", "风": "風",
    "计": "計", "划": "画", "项": "項", "报": "報", "书": "書", "监": "監", "总": "総", "额": "額",
    "单": "単", "个": "個", "亿": "億", "审": "審", "查": "査", "让": "譲", "转": "転", "设": "設",
    "实": "実", "现": "現", "应": "応", "关": "関", "获": "獲", "范": "範", "营": "営", "创": "創",
    "众": "衆", "园": "園", "记": "記", "办": "弁", "导": "導", "录": "録", "时": "時", "间": "間",
    "结": "結", "续": "続", "费": "費", "处": "処", "库": "庫", "长": "長", "协": "協", "议": "議",
    "员": "員", "县": "県", "赔": "賠", "损": "損", "网": "網", "络": "絡", "电": "電", "话": "話",
    "联": "聯", "统": "統",
}  # fmt: skip
_SIMPLIFIED = re.compile("[" + "".join(_CHARS) + "]")


def japanese_forms(text: str) -> str:
    """``text`` with simplified-only characters written as Japanese does (专利评估指引 →
    専利評価指引); unchanged when it has none."""
    if not _SIMPLIFIED.search(text):
        return text
    for word, ja in _WORDS.items():
        text = text.replace(word, ja)
    return _SIMPLIFIED.sub(lambda m: _CHARS[m.group()], text)
