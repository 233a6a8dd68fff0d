"""What ``ipfin doctor`` reports: one line per check, with how to fix what fails."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
