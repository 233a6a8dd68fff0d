"""The keyword side of a question: its BM25 terms, widened by the lexicon.

Japanese is tokenised with Sudachi (normalised forms); everyday words the index lacks are
searched by the documents' words (``everyday.yaml``), English domain words also by their
Japanese equivalents (``glossary.yaml``), a named place's own words for general ones
(``places.yaml``), and phrasings such as 「いつから使えますか」 add
the terms their answers use (``intents.yaml``).
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.corpus.lexicon import Lexicon
from assistant.text.ja import content_terms, detect_lang


def query_terms(query: str, lexicon: Lexicon, known: Callable[[str], bool] = lambda term: False) -> list[str]:
    """BM25 terms of the query; ``known(term)`` says whether the index has the term."""
    terms = content_terms(query) + lexicon.intent_terms(query)
    # Everyday words the documents never use (お金) are searched by the documents' words.
    terms += [syn for t in terms if not known(t) for s in lexicon.japanese_synonyms(t) for syn in content_terms(s)]
    # Everyday phrases (倒産したら, 社長の家) are searched by the words the documents use.
    terms += [syn for s in lexicon.everyday_in(query) for syn in content_terms(s) if syn not in terms]
    if detect_lang(query) == "en" or any(c.isascii() and c.isalpha() for c in query):
        for ja in lexicon.expand_english(query):
            terms.extend(content_terms(ja))
    if detect_lang(query) == "en":
        # A named place's own word for the glossary's general one ("IP-backed lending in
        # China" → 知財質押融資); a Japanese question's own words already match its documents.
        terms += [t for local in lexicon.local_terms_in(query) for t in content_terms(local)]
    return terms
