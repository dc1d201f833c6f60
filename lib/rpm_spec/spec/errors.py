"""Errors of the spec layer: text a user wrote (a spec, a version) that does not parse.

Each error carries the offending text as a field, so callers can point at it; ``str()``
is the sentence the user reads.
"""

from __future__ import annotations

from rpm_spec.errors import ExitCode, RpmSpecError, UsageError


class SpecError(RpmSpecError):
    """Base of every error raised by ``rpm_spec.spec``."""


class InvalidVersionError(SpecError):
    """A version or version constraint that is not well formed.

    ``text`` is the offending piece, ``context`` the whole text it came from (when
    that is larger) and ``reason`` says what is wrong with it. A parse error, so the
    CLI exits with 2.
    """

    exit_code = ExitCode.USAGE_ERROR

    def __init__(
        self, text: str, reason: str, *, context: str | None = None, hint: str | None = None
    ) -> None:
        where = f" in '{context}'" if context is not None and context != text else ""
        super().__init__(f"invalid version '{text}'{where}: {reason}", hint=hint)
        self.text = text
        self.reason = reason
        self.context = context


class InvalidVariantError(SpecError):
    """A variant name or value that cannot be written in a spec (``x=``, ``x=a,,b``).

    A parse error, so the CLI exits with 2; the parser re-raises it as a
    :class:`SpecSyntaxError` pointing at the token.
    """

    exit_code = ExitCode.USAGE_ERROR

    def __init__(self, name: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"invalid variant '{name}': {reason}", hint=hint)
        self.name = name
        self.reason = reason


#: Spec texts longer than this are shown as a window around the problem.
_SHOWN_WIDTH = 76


def _caret_block(text: str, position: int, length: int) -> str:
    """``text`` on one line with carets under ``length`` characters from ``position``."""
    shown = "".join(" " if char.isspace() else char for char in text)
    column = position
    if len(shown) > _SHOWN_WIDTH:
        begin = max(0, min(position - _SHOWN_WIDTH // 2, len(shown) - _SHOWN_WIDTH))
        end = begin + _SHOWN_WIDTH
        lead = "..." if begin else ""
        shown = lead + shown[begin:end] + ("..." if end < len(shown) else "")
        column = len(lead) + position - begin
    width = max(1, min(length, len(text) - position))
    return f"  {shown}\n  {' ' * column}{'^' * width}"


class SpecSyntaxError(UsageError, SpecError):
    """Spec text that does not parse. ``str()`` shows the text with a caret line under the
    offending part (``position``, ``length``), what is wrong (``problem``) and what was
    expected there (``expected``). A usage error: the CLI exits with 2.
    """

    def __init__(
        self,
        text: str,
        position: int,
        problem: str,
        expected: str,
        *,
        length: int = 1,
        hint: str | None = None,
    ) -> None:
        message = f"{problem}:\n{_caret_block(text, position, length)}\n{expected}"
        super().__init__(message, hint=hint)
        self.text = text
        self.position = position
        self.length = length
        self.problem = problem
        self.expected = expected


class UnsatisfiableSpecError(SpecError):
    """Two constraints on one attribute that cannot both hold, e.g. ``hdf5@1.14`` and
    ``@1.12``. ``package`` is the node's name (None for an anonymous spec), ``attribute``
    says what clashes (``version``, ``variant 'mpi'``, ``compiler``, ...), ``mine`` and
    ``theirs`` are the two constraints as spec text.
    """

    def __init__(
        self,
        package: str | None,
        attribute: str,
        mine: str,
        theirs: str,
        *,
        hint: str | None = None,
    ) -> None:
        subject = mine
        if package is not None:
            glue = "" if mine[:1] in ("@", "+", "~", "") else " "
            subject = f"{package}{glue}{mine}" if mine != package else package
        super().__init__(f"{subject} conflicts with {theirs}", hint=hint)
        self.package = package
        self.attribute = attribute
        self.mine = mine
        self.theirs = theirs
