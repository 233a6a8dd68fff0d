"""Imports point only down: the layer picture of ARCHITECTURE.md, checked against the code.

Every ``import`` and ``from … import`` of the package (top-level or inside a function) is
read with :mod:`ast`; a module may import its own package or a package of a lower layer,
never one beside or above it. The chat page imports only ``assistant.app`` (and itself).
"""

from __future__ import annotations

import ast
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "assistant"
#: Lowest first. Packages on one line are one layer and must not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("text",),
    ("core",),
    ("corpus",),
    ("index", "embed", "llm"),
    ("ingest", "retrieval"),
    ("answer",),
    ("app",),
    ("evaluation", "serve"),
    ("cli",),
)
RANK = {pkg: rank for rank, layer in enumerate(LAYERS) for pkg in layer}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, mod) for line, mod in found if mod == "assistant" or mod.startswith("assistant.")]


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_package_has_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages <= set(RANK), f"give {sorted(packages - set(RANK))} a layer in this test and ARCHITECTURE.md"
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py",))
    assert loose == [], f"modules belong in a package: {loose}"


def test_imports_point_down():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if len(rel.parts) < 2:
            continue
        own = rel.parts[0]
        for line, module in _imports(path):
            target = _package(module)
            if target is None or target == own:
                continue
            if RANK[target] >= RANK[own]:
                problems.append(f"assistant/{rel}:{line} ({own}) imports {module} ({target})")
    assert problems == [], "imports that do not point down:\n" + "\n".join(problems)


def test_the_chat_page_talks_only_to_the_app_layer():
    problems = []
    for path in sorted((PROJECT_ROOT / "ui").rglob("*.py")):
        for line, module in _imports(path):
            if module != "assistant.app":
                problems.append(f"{path.relative_to(PROJECT_ROOT)}:{line} imports {module}")
    assert problems == [], "the UI must import only `assistant.app`:\n" + "\n".join(problems)
