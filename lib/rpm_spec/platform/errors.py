"""Errors of the platform layer: names of targets, platforms and tools a user got wrong.

Each error keeps the offending name as a field; ``str()`` is the sentence the user
reads and ``hint`` suggests a close known name where there is one.
"""

from __future__ import annotations

from rpm_spec.errors import ExitCode, RpmSpecError


class PlatformError(RpmSpecError):
    """Base of every error raised by ``rpm_spec.platform``."""


class UnknownTargetError(PlatformError):
    """A microarchitecture name archspec does not know (``target=zen33``)."""

    def __init__(self, name: str, *, hint: str | None = None) -> None:
        super().__init__(f"unknown target '{name}'", hint=hint)
        self.name = name


class TargetRangeError(PlatformError):
    """A target range that is not ``lo:hi`` with known names on either side.

    The command line spelled it, so the CLI exits with 2.
    """

    exit_code = ExitCode.USAGE_ERROR

    def __init__(self, text: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"invalid target range '{text}': {reason}", hint=hint)
        self.text = text
        self.reason = reason


class UnsupportedTargetError(PlatformError):
    """A compiler version that cannot emit optimization flags for a target.

    ``supported`` lists archspec's version ranges for that compiler on that
    target (``("10.3:",)``); empty when no version of it can.
    """

    def __init__(
        self, target: str, compiler: str, version: str, supported: tuple[str, ...]
    ) -> None:
        if supported:
            hint = f"{compiler} versions that can: {', '.join(supported)}"
        else:
            hint = f"no {compiler} version can; use another compiler or a more generic target"
        super().__init__(f"{compiler}@{version} cannot optimize for target '{target}'", hint=hint)
        self.target = target
        self.compiler = compiler
        self.version = version
        self.supported = supported


class UnsupportedPlatformError(PlatformError):
    """The operating system family rpm-spec does not run on (``sys.platform``)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"unsupported platform '{name}'", hint="rpm-spec runs on linux and darwin"
        )
        self.name = name


class UnknownExternalError(PlatformError):
    """``external find NAME`` for a package no detection probe knows."""

    def __init__(self, name: str, *, hint: str | None = None) -> None:
        super().__init__(f"no detection probe for package '{name}'", hint=hint)
        self.name = name
