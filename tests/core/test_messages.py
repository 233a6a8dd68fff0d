"""One message catalogue: every key in both languages, every key the code uses exists."""

from __future__ import annotations

import re
import string

from assistant.core.messages import catalogue, t, t_list
from assistant.core.settings import PROJECT_ROOT

_USE = re.compile(r"""\bt(?:_list)?\(\s*f?["']([a-z_.{}0-9]+)["']""")


def test_every_message_has_japanese_and_english_with_the_same_placeholders():
    for key, entry in catalogue().items():
        assert set(entry) == {"ja", "en"}, key
        if isinstance(entry["ja"], str):
            names = {f for _, f, _, _ in string.Formatter().parse(entry["ja"]) if f}
            assert names == {f for _, f, _, _ in string.Formatter().parse(entry["en"]) if f}, key
        else:
            assert isinstance(entry["en"], list) and entry["en"], key


def test_every_literal_key_in_the_code_exists():
    keys = set(catalogue())
    missing = []
    for path in [*PROJECT_ROOT.joinpath("assistant").rglob("*.py"), *PROJECT_ROOT.joinpath("ui").rglob("*.py")]:
        if path.name == "strings.py":
            continue  # the page's lookup helper itself
        prefix = "ui." if path.is_relative_to(PROJECT_ROOT / "ui") else ""
        for key in _USE.findall(path.read_text(encoding="utf-8")):
            if "{" in key:  # an f-string key: check its known stem
                assert any(k.startswith(prefix + key.split("{")[0]) for k in keys), (path, key)
            elif prefix + key not in keys:
                missing.append(f"{path.relative_to(PROJECT_ROOT)}: {prefix}{key}")
    assert missing == []


def test_lookup_falls_back_to_japanese_and_fills_placeholders():
    assert t("answer.conflict", "fr", refs="[1] / [2]").startswith("注意:")
    assert "[1] / [2]" in t("answer.conflict", "en", refs="[1] / [2]")
    assert len(t_list("persona.sme.starters", "ja")) >= 3
