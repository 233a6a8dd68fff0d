"""Surface similarity of two texts: character bigrams and their Jaccard overlap.

Used to drop near-duplicate chunks (retrieval, context packing) and repeated quotes
(extractive selection). Bigrams need no tokeniser, so they work for Japanese as is.
"""

from __future__ import annotations


def char_bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
