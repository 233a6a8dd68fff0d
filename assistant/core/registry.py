"""Registries of pluggable backends (embedders, LLM providers).

A backend is one module that registers a :class:`BackendSpec`: its name, a factory, the
settings it needs (checked before it is built, with a hint saying how to set them), its
own ``ipfin doctor`` check, and optionally its own settings class (a pydantic-settings
model, so its knobs are ``IPFIN_*`` variables like every other). Adding a backend is one new
module in the backends package (``assistant/embed/backends/``, ``assistant/llm/backends/``)
plus its test; a third-party package can register through the entry-point group named by
the registry (``ipfin.embedders``, ``ipfin.llm_backends``).

The registry finds its modules by package name when first asked, so this module imports
nothing from the layers above it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from pydantic_settings import BaseSettings

from assistant.core.errors import ConfigError
from assistant.core.validation import config_error

T = TypeVar("T")


@dataclass(frozen=True)
class BackendSpec(Generic[T]):
    name: str
    #: Builds the backend from the resolved settings (and its own options, if it has some).
    factory: Callable[..., T]
    #: Settings fields that must be non-empty for this backend (e.g. ``("embed_model",)``).
    needs: tuple[str, ...] = ()
    #: What to tell a user who left one of ``needs`` empty.
    hint: str = ""
    #: ``check(settings) -> list[Check]`` for ``ipfin doctor`` (the endpoint answers, …).
    check: Callable[..., list] | None = None
    #: The backend's own pydantic-settings class (its ``IPFIN_*`` knobs), if any.
    options: type[BaseSettings] | None = None
    #: Anything else the backend wants to expose (e.g. its default base URL).
    extras: dict[str, Any] = field(default_factory=dict)

    def missing(self, settings: Any) -> list[str]:
        return [name for name in self.needs if not getattr(settings, name, None)]

    def build(self, settings: Any) -> T:
        missing = self.missing(settings)
        if missing:
            names = ", ".join(f"IPFIN_{m.upper()}" for m in missing)
            raise ConfigError(f"The {self.name} backend needs {names}.", self.hint or f"Set {names}.")
        if self.options is None:
            return self.factory(settings)
        try:
            options = self.options()
        except ValidationError as exc:
            raise config_error(exc, self.options) from None
        return self.factory(settings, options)


class Registry(Generic[T]):
    """Backends of one kind, discovered from ``package`` and the entry-point ``group``."""

    def __init__(self, kind: str, variable: str, package: str, group: str) -> None:
        self.kind = kind
        self.variable = variable  # the setting that names a backend, e.g. IPFIN_EMBEDDER
        self.package = package
        self.group = group
        self._specs: dict[str, BackendSpec[T]] = {}
        self._discovered = False

    def register(self, spec: BackendSpec[T]) -> BackendSpec[T]:
        self._specs[spec.name] = spec
        return spec

    def _discover(self) -> None:
        if self._discovered:
            return
        self._discovered = True
        pkg = importlib.import_module(self.package)
        for info in pkgutil.iter_modules(pkg.__path__):
            importlib.import_module(f"{self.package}.{info.name}")
        for ep in entry_points(group=self.group):
            try:
                ep.load()
            except Exception as exc:  # a broken plugin must not take ipfin down
                raise ConfigError(
                    f"The {self.kind} plugin {ep.name!r} ({ep.value}) cannot be loaded ({exc.__class__.__name__}).",
                    "Reinstall or uninstall that package.",
                ) from exc

    def names(self) -> tuple[str, ...]:
        """Every backend name, without importing a backend module: a module ``foo_bar.py``
        registers ``foo-bar`` (the convention), an entry point its own name."""
        if self._discovered:
            return tuple(sorted(self._specs))
        pkg = importlib.import_module(self.package)
        found = {info.name.replace("_", "-") for info in pkgutil.iter_modules(pkg.__path__)}
        found |= {ep.name for ep in entry_points(group=self.group)}
        return tuple(sorted(found | set(self._specs)))

    def check_name(self, name: str) -> None:
        """Refuse an unknown backend name, saying which ones exist (imports nothing)."""
        if name not in self.names():
            raise ConfigError(
                f"{self.variable} must be one of {', '.join(self.names())}; it is {name!r}.",
                f"Set {self.variable} to one of the {self.kind}s ipfin knows.",
            )

    def get(self, name: str) -> BackendSpec[T]:
        self.check_name(name)
        self._discover()
        spec = self._specs.get(name)
        if spec is None:  # a module that did not register what its name promised
            raise ConfigError(f"The {self.kind} module for {name!r} registered no backend of that name.")
        return spec

    def specs(self) -> list[BackendSpec[T]]:
        self._discover()
        return [self._specs[n] for n in sorted(self._specs)]


EMBEDDERS: Registry = Registry("embedder", "IPFIN_EMBEDDER", "assistant.embed.backends", "ipfin.embedders")
LLM_BACKENDS: Registry = Registry("LLM provider", "IPFIN_LLM_PROVIDER", "assistant.llm.backends", "ipfin.llm_backends")
