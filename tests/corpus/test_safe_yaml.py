"""YAML a user hands to ipfin is read with limits: a "billion laughs" fails in milliseconds."""

import time

import pytest
import yaml

from assistant.core.errors import ManifestError
from assistant.core.safe_yaml import DEFAULT_MAX_ALIASES, YamlLimitError, load_yaml
from assistant.core.settings import PROJECT_ROOT
from assistant.corpus.sources import load_sidecar, load_sources
from tests.conftest import write


def billion_laughs(top: str = "documents") -> str:
    """Nine anchors, each nine aliases of the one before: 9⁹ ≈ 387 million strings."""
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join([*lines, f"{top}: *lol9", ""])


def test_a_billion_laughs_manifest_fails_fast_with_a_clear_manifest_error(tmp_path):
    path = write(tmp_path / "sources.yaml", billion_laughs())
    started = time.perf_counter()
    with pytest.raises(ManifestError) as err:
        load_sources(path)
    assert time.perf_counter() - started < 0.5
    message = str(err.value)
    assert message.startswith(f"{path}: not read: ") and "\n" not in message
    assert "billion laughs" in message and "instead of repeating anchors" in message


def test_a_billion_laughs_sidecar_fails_fast_too(tmp_path):
    doc = write(tmp_path / "mine.md", "# 本文\n")
    write(tmp_path / "mine.meta.yaml", billion_laughs("title").replace("lol0:", "id: mine\nlol0:"))
    started = time.perf_counter()
    with pytest.raises(ManifestError, match=r"mine\.meta\.yaml: not read: .*aliases"):
        load_sidecar(doc)
    assert time.perf_counter() - started < 0.5


def test_many_aliases_of_a_small_anchor_are_refused_by_count():
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (DEFAULT_MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(YamlLimitError, match=f"more than {DEFAULT_MAX_ALIASES} YAML aliases"):
        load_yaml(text)
    assert load_yaml(text, max_aliases=100)["b"] == ["x"] * (DEFAULT_MAX_ALIASES + 1)


def test_a_few_aliases_of_a_big_anchor_are_refused_by_expanded_size():
    text = "big: &big [" + ", ".join(["1"] * 1000) + "]\ncopies: [*big, *big, *big, *big, *big]\n"
    assert len(load_yaml(text)["copies"]) == 5
    with pytest.raises(YamlLimitError, match="expand to more than 4,000 values at line 2"):
        load_yaml(text, max_nodes=4000)


def test_ordinary_anchors_and_merge_keys_still_work():
    text = "base: &base {publisher: 金融庁, year: 2023}\ndocs:\n  - <<: *base\n    id: a\n  - <<: *base\n    id: b\n"
    assert load_yaml(text)["docs"] == [
        {"publisher": "金融庁", "year": 2023, "id": "a"},
        {"publisher": "金融庁", "year": 2023, "id": "b"},
    ]


def test_an_alias_inside_its_own_anchor_is_refused():
    with pytest.raises(YamlLimitError, match=r"the alias \*a at line 1 is inside its own anchor"):
        load_yaml("a: &a [1, *a]\n")


def test_deep_nesting_is_refused_instead_of_overflowing_the_stack():
    with pytest.raises(YamlLimitError, match="nests deeper than 50 levels"):
        load_yaml("[" * 500 + "]" * 500)


def test_size_is_checked_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"documents:\n" + b"  - id: x\n    title: T\n" * 200_000)  # ~5 MB
    started = time.perf_counter()
    with pytest.raises(YamlLimitError, match="larger than the 2 MB limit"):
        load_yaml(path)
    assert time.perf_counter() - started < 0.5
    with pytest.raises(YamlLimitError, match="larger than the 1 kB limit"):
        load_yaml("a: " + "x" * 2000, max_bytes=1024)
    with pytest.raises(ManifestError, match="not read: it is larger than the 2 MB limit"):
        load_sources(path)


def test_same_result_as_safe_load_for_real_files():
    for path in [PROJECT_ROOT / "corpus" / "sources.yaml", PROJECT_ROOT / "corpus" / "options.yaml"]:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(path) == load_yaml(text) == load_yaml(text.encode()) == yaml.safe_load(text)
    assert load_yaml("") is None


def test_invalid_yaml_is_still_a_yaml_error():
    with pytest.raises(yaml.YAMLError):
        load_yaml("a: [1, 2\n")
