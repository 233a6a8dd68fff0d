import pytest

from assistant.core.errors import ManifestError
from assistant.core.settings import PROJECT_ROOT
from assistant.corpus.sources import load_sidecar, load_sources
from tests.conftest import write


def test_bundled_manifest_is_valid_and_typed():
    manifest = load_sources(PROJECT_ROOT / "corpus" / "sources.yaml")
    abl = manifest.get("fsa-abl-2013")
    assert abl is not None and abl.publisher == "金融庁" and abl.year == 2013 and abl.kind == "primary"
    assert abl.url is None and abl.see_also
    with_url = [d for d in manifest.documents if d.url]
    assert with_url and all(d.url.startswith(("http://", "https://")) for d in with_url)
    assert {d.kind for d in manifest.documents} == {"primary", "secondary"}
    assert len({d.id for d in manifest.documents}) == len(manifest.documents)


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        ("  - id: Bad Id\n    title: T\n", "'id' must be lower-case"),
        ("  - id: a\n    title: ''\n", "'title' is missing or empty"),
        ("  - id: a\n    title: T\n    year: 二〇二三\n", "'year' must be a year like 2023"),
        ("  - id: a\n    title: T\n    url: www.fsa.go.jp/a.pdf\n", "'url' must start with http"),
        ("  - id: a\n    title: T\n    kind: official\n", "'kind' must be one of primary, secondary"),
        ("  - id: a\n    title: T\n    language: fr\n", "'language' must be one of ja, en, zh"),
        ("  - id: a\n    title: T\n    titel: typo\n", "unknown field(s) titel"),
        ("  - id: a\n    title: T\n  - id: a\n    title: U\n", "the id 'a' is used twice"),
        ("  - just a string\n", "an entry must be a mapping"),
    ],
)
def test_bad_entries_are_named_and_quoted(tmp_path, entry, needle):
    path = write(tmp_path / "sources.yaml", "documents:\n" + entry)
    with pytest.raises(ManifestError) as err:
        load_sources(path)
    message = str(err.value)
    assert needle in message and "sources.yaml, entry " in message and "\n" not in message
    if "id: a" in entry:
        assert "(id a)" in message and '"id": "a"' in message  # the entry itself is quoted


def test_broken_yaml_says_where(tmp_path):
    path = write(tmp_path / "sources.yaml", "documents:\n  - id: a\n    title: 「報告: 概要」: 続き\n")
    with pytest.raises(ManifestError, match=r"not valid YAML at line 3"):
        load_sources(path)
    with pytest.raises(ManifestError, match="top-level 'documents:' list"):
        load_sources(write(tmp_path / "other.yaml", "- id: a\n"))
    with pytest.raises(ManifestError, match="no such source list"):
        load_sources(tmp_path / "missing.yaml")


def test_sidecar_is_a_user_entry(tmp_path):
    doc = write(tmp_path / "my-policy.md", "# 方針\n\n本文。\n")
    assert load_sidecar(doc) is None
    write(tmp_path / "my-policy.meta.yaml", "id: my-policy\ntitle: 当行の知財方針\npublisher: 当行\nkind: user\n")
    entry = load_sidecar(doc)
    assert (entry.id, entry.title, entry.kind, entry.language) == ("my-policy", "当行の知財方針", "user", None)
    write(tmp_path / "my-policy.meta.yaml", "id: my-policy\ntitle: T\nkind: primary\n")
    with pytest.raises(ManifestError, match="'kind' must be one of user"):
        load_sidecar(doc)
