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


class SolverTimeoutError(SolverError):
    """The solve ran longer than ``concretizer:timeout_s`` allows."""

    def __init__(self, timeout_s: float) -> None:
        super().__init__(
            f"the concretizer gave up after {timeout_s:g} s (concretizer:timeout_s)",
            hint="raise concretizer:timeout_s, or set it to 0 for no limit",
        )
        self.timeout_s = timeout_s


class PolicyError(SolverError):
    """A concrete DAG (a lock, a published environment) breaks the site admin's policy.

    ``violations`` are sentences, each naming the node, the rule and its
    ``policy.yaml:LINE``; ``rules`` the rules themselves (``policy deny: '...' (file:line)``).
    """

    def __init__(self, subject: str, violations: list[str], rules: list[str]) -> None:
        lines = "\n".join(f"  - {violation}" for violation in violations)
        super().__init__(
            f"{subject} breaks the site policy; nothing was fetched or installed:\n{lines}",
            hint="concretize it again within policy (rpm-spec concretize -f), or ask the "
            "site admin",
        )
        self.subject = subject
        self.violations = violations
        self.rules = rules
