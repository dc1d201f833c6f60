"""Errors of the binary cache's entries: a damaged, missing or unusable entry."""

from __future__ import annotations

from rpm_spec.binary.errors import BinaryCacheError


class CacheError(BinaryCacheError):
    """A build cache cannot be read or written as asked."""


class EntryRefused(CacheError):
    """An entry that must not be installed; the message names the entry and the reason."""

    def __init__(self, entry: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"build cache entry {entry} refused: {reason}", hint=hint)
        self.entry = entry
        self.reason = reason
