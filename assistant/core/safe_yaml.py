"""YAML a user hands to ipfin, read with limits.

``yaml.safe_load`` builds no arbitrary objects, but it does expand aliases: a "billion
laughs" file of a few hundred bytes (nine anchors, each a list of nine aliases of the one
before) describes 10⁹ strings, and walking, validating or printing that took a minute and
gigabytes before ipfin failed. :func:`load_yaml` refuses such input while it is being
parsed, in milliseconds:

* a file or text over ``max_bytes`` is refused before it is parsed;
* more than ``max_aliases`` aliases (``*name``) are refused;
* more than ``max_nodes`` nodes *after* expanding aliases are refused (a few aliases of a
  large anchor are as bad as many aliases), as is an alias inside its own anchor;
* nesting deeper than ``max_depth`` is refused (instead of a RecursionError).

Hand-written manifests and sidecars need none of this; the defaults leave them plenty of room.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_ALIASES = 50
DEFAULT_MAX_NODES = 200_000
DEFAULT_MAX_DEPTH = 50


class YamlLimitError(ValueError):
    """The YAML is larger or more aliased than ipfin reads; the message says which limit."""


def load_yaml(
    text_or_path: str | bytes | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_aliases: int = DEFAULT_MAX_ALIASES,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """Like ``yaml.safe_load``, with limits; a :class:`~pathlib.Path` is read (as UTF-8), a ``str`` is the YAML.

    Raises :class:`YamlLimitError` for a limit, ``yaml.YAMLError`` for invalid YAML, and
    ``OSError`` / ``UnicodeDecodeError`` for a file that cannot be read.
    """
    if isinstance(text_or_path, Path):
        with text_or_path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # never more than the limit, even if the file grows
        _check_size(len(data), max_bytes)
        text = data.decode("utf-8")
    elif isinstance(text_or_path, bytes):
        _check_size(len(text_or_path), max_bytes)
        text = text_or_path.decode("utf-8")
    else:
        _check_size(len(text_or_path.encode("utf-8")), max_bytes)
        text = text_or_path
    if _CLoader is not None and _plain(text, max_depth):
        # No alias and shallow: nothing to expand, so libyaml's loader is safe, and fast.
        return yaml.load(text, Loader=_CLoader)
    loader = _LimitedLoader(text, max_aliases=max_aliases, max_nodes=max_nodes, max_depth=max_depth)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


_CLoader = getattr(yaml, "CSafeLoader", None)


def _plain(text: str, max_depth: int) -> bool:
    """True when the document has no alias and nests at most ``max_depth`` levels (read with
    libyaml's event parser, which builds nothing); anything else takes the counting loader."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_CLoader):
            if isinstance(event, yaml.AliasEvent):
                return False
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > max_depth:
                    return False
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return False  # the counting loader reports the error with its position
    return True


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise YamlLimitError(f"it is larger than the {_kb(max_bytes)} limit for YAML files ipfin reads")


def _kb(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n / 1024:g} kB"


class _LimitedLoader(yaml.SafeLoader):
    """The safe loader, counting aliases, expanded nodes and depth while it composes."""

    def __init__(self, stream: str, *, max_aliases: int, max_nodes: int, max_depth: int) -> None:
        super().__init__(stream)
        self._max_aliases = max_aliases
        self._max_nodes = max_nodes
        self._max_depth = max_depth
        self._aliases = 0
        self._nodes = 0
        self._depth = 0
        self._weights: dict[int, int] = {}  # id(node) → nodes it stands for, aliases expanded
        self._done: set[int] = set()  # ids of nodes fully composed

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._alias(event, target)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > self._max_depth:
            raise YamlLimitError(
                f"it nests deeper than {self._max_depth} levels{_at(self.peek_event())}; ipfin's YAML files are flat"
            )
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._done.add(id(node))
        self._count(1, node.start_mark)
        return node

    def _alias(self, event: yaml.Event, target: yaml.Node) -> None:
        self._aliases += 1
        if self._aliases > self._max_aliases:
            raise YamlLimitError(
                f"it uses more than {self._max_aliases} YAML aliases (*{event.anchor}){_at(event)}; "
                "write the entries out instead of repeating anchors"
            )
        if id(target) not in self._done:
            raise YamlLimitError(f"the alias *{event.anchor}{_at(event)} is inside its own anchor (a loop)")
        self._count(self._weight(target), event.start_mark)

    def _weight(self, node: yaml.Node) -> int:
        known = self._weights.get(id(node))
        if known is not None:
            return known
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        weight = 1 + sum(self._weight(child) for child in children)
        self._weights[id(node)] = weight
        return weight

    def _count(self, nodes: int, mark: yaml.Mark | None) -> None:
        self._nodes += nodes
        if self._nodes > self._max_nodes:
            where = f" at line {mark.line + 1}" if mark else ""
            raise YamlLimitError(
                f"its aliases expand to more than {self._max_nodes:,} values{where} "
                "(a 'billion laughs' document?); write the entries out instead of repeating anchors"
            )


def _at(event: yaml.Event) -> str:
    mark = getattr(event, "start_mark", None)
    return f" at line {mark.line + 1}" if mark else ""


__all__ = ["DEFAULT_MAX_ALIASES", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_NODES", "YamlLimitError", "load_yaml"]
