"""Pydantic validation errors, said the ipfin way: the variable, the allowed values, the value."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_settings import BaseSettings

from assistant.core.errors import ConfigError

ENV_PREFIX = "IPFIN_"


def config_error(exc: ValidationError, model: type[BaseSettings]) -> ConfigError:
    """The first problem of a pydantic ValidationError, as ipfin says it (naming the variable)."""
    prefix = model.model_config.get("env_prefix", ENV_PREFIX)
    err = exc.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else ""
    name = f"{prefix}{field.upper()}" if field else "a setting"
    given = err.get("input")
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return ConfigError(f"{name} must be a whole number; it is {given!r}.")
    if kind in ("float_parsing", "float_type"):
        return ConfigError(f"{name} must be a number; it is {given!r}.")
    if kind in ("greater_than_equal", "less_than_equal"):
        return ConfigError(f"{name} must be {_bounds(model, field)}; it is {given}.")
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected", "")
        return ConfigError(f"{name} must be one of {expected.replace(chr(39), '')}; it is {given!r}.")
    if kind == "value_error" and isinstance(ctx.get("error"), ConfigError):
        return ctx["error"]
    return ConfigError(f"{name} cannot be used: {err.get('msg', 'invalid value')} (it is {given!r}).")


def _bounds(model: type[BaseSettings], field: str) -> str:
    lo = hi = None
    for m in model.model_fields[field].metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    if lo is not None and hi is not None:
        return f"between {lo} and {hi}"
    return f"at least {lo}" if lo is not None else f"at most {hi}"
