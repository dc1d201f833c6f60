"""Errors of the solver layer; ``str()`` is what the user reads."""

from __future__ import annotations

from rpm_spec.errors import ExitCode, RpmSpecError


class SolverError(RpmSpecError):
    """Base of the solver's errors."""


class SolverInputError(SolverError):
    """The request itself is wrong before any solving (unknown variant, no such version)."""

    exit_code = ExitCode.USAGE_ERROR


class UnsatisfiableError(SolverError):
    """No DAG meets every constraint; ``reasons`` are the clashes, in the user's words."""

    def __init__(self, request: str, reasons: list[str], *, hint: str | None = None) -> None:
        lines = "\n".join(f"  - {reason}" for reason in reasons)
        super().__init__(f"cannot concretize '{request}':\n{lines}", hint=hint)
        self.request = request
        self.reasons = reasons
