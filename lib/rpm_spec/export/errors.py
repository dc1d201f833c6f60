"""The error every export failure raises."""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class ExportError(RpmSpecError):
    """An environment that cannot be exported as asked (with a hint saying why)."""
