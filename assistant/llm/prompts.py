"""Prompt files (``prompts/*.md``): front matter with a version, a LangChain template body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

from assistant.core.errors import ConfigError
from assistant.core.settings import PROJECT_ROOT

PROMPTS_DIR = PROJECT_ROOT / "prompts"
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


@dataclass(frozen=True)
class PromptFile:
    name: str
    version: str
    text: str


@lru_cache(maxsize=32)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> PromptFile:
    path = directory / f"{name}.md"
    if not path.is_file():
        raise ConfigError(f"Prompt file {path} is missing.", "Restore it from the repository (prompts/).")
    raw = path.read_text(encoding="utf-8")
    m = _FRONT.match(raw)
    meta = (yaml.safe_load(m.group(1)) or {}) if m else {}
    if not meta.get("version"):
        raise ConfigError(f"Prompt file {path} has no version in its front matter.", "Add 'version: name/1'.")
    return PromptFile(name, str(meta["version"]), raw[m.end() :].strip() if m else raw.strip())


def answer_prompt(persona: str) -> tuple[ChatPromptTemplate, str]:
    """The chat template for an answer and the combined version of its files."""
    system = load_prompt("answer.system")
    persona_file = (
        load_prompt(f"persona.{persona}")
        if (PROMPTS_DIR / f"persona.{persona}.md").is_file()
        else load_prompt("persona.sme")
    )
    user = load_prompt("answer.user")
    # The system text is ours; only the user message has variables (passages, question).
    template = ChatPromptTemplate.from_messages(
        [
            ("system", _literal(system.text + "\n\n" + persona_file.text)),
            ("human", user.text),
        ]
    )
    return template, "+".join(p.version for p in (system, persona_file, user))


def text_prompt(name: str) -> tuple[PromptTemplate, str]:
    prompt = load_prompt(name)
    return PromptTemplate.from_template(prompt.text), prompt.version


def _literal(text: str) -> str:
    """Escape braces so a system text is never read as template variables."""
    return text.replace("{", "{{").replace("}", "}}")
