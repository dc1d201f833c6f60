"""Errors of the spec layer: text a user wrote (a spec, a version) that does not parse.

Each error carries the offending text as a field, so callers can point at it; ``str()``
is the sentence the user reads.
"""

from __future__ import annotations

from rpm_spec.errors import RpmSpecError


class SpecError(RpmSpecError):
    """Base of every error raised by ``rpm_spec.spec``."""


class InvalidVersionError(SpecError):
    """A version or version constraint that is not well formed.

    ``text`` is the offending piece, ``context`` the whole text it came from (when
    that is larger) and ``reason`` says what is wrong with it. A parse error, so the
    CLI exits with 2.
    """

    exit_code = 2

    def __init__(
        self, text: str, reason: str, *, context: str | None = None, hint: str | None = None
    ) -> None:
        where = f" in '{context}'" if context is not None and context != text else ""
        super().__init__(f"invalid version '{text}'{where}: {reason}", hint=hint)
        self.text = text
        self.reason = reason
        self.context = context
