"""User-facing wording of answers, in Japanese and English (one place for both)."""

from __future__ import annotations

ABSTAIN = {
    "ja": (
        "索引にある文書では、このご質問に答えられる記述が見つかりませんでした。"
        "知財金融ポータルサイト(特許庁)、お取引のある金融機関、弁理士・中小企業診断士などの専門家、"
        "または各制度の所管官庁の窓口にご確認ください。"
    ),
    "en": (
        "The indexed documents do not cover this question. Please ask the JPO's IP finance "
        "portal (知財金融ポータルサイト), your bank, or a patent attorney or SME consultant, "
        "or the ministry in charge of the scheme."
    ),
}

ABSTAIN_REASON = {
    "no_hits": {"ja": "該当する文書がありません。", "en": "No passage matched the question."},
    "key_terms": {
        "ja": "質問の主要な語({terms})を含む文書が見つかりません。",
        "en": "No passage contains the question's key terms ({terms}).",
    },
    "no_figure": {
        "ja": "関連する記述はありますが、質問にある数値(件数・金額・割合・年)そのものは文書に見当たりません。",
        "en": "Related passages exist, but not the figure the question asks for (count, amount, rate or year).",
    },
    "weak": {
        "ja": "関連する記述はありますが、根拠として弱いため回答を控えます。",
        "en": "Related passages exist, but the evidence is too weak to answer.",
    },
}

ENGLISH_LEAD = "Here is what the indexed documents say (quoted in Japanese, with sources):"
CONFLICT = {
    "ja": "注意: 出典によって数値が異なるため、両方を出典とともに示しています({refs})。",
    "en": "Note: the sources give different figures, so both are shown with their sources ({refs}).",
}

#: Sentences that start like this are ipfin's own framing, not claims from a source.
FRAMING_PREFIXES = (
    ENGLISH_LEAD,
    "注意:",
    "Note:",
    ABSTAIN["ja"][:20],
    ABSTAIN["en"][:20],
)
