"""Errors of the binary layer: cache entries, signatures, relocation."""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class BinaryCacheError(RpmSpecError):
    """Something about a binary cache, one of its entries, or installing from it."""


class RelocationError(BinaryCacheError):
    """A prefix cannot be moved to another root (checked before anything is extracted)."""
