"""The errors of :mod:`rpm_spec.util.locks` and :mod:`rpm_spec.util.dir_lock`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from pathlib import Path


class LockTimeoutError(RpmSpecError):
    """Another process held a lock for longer than we were willing to wait."""

    def __init__(self, path: Path, timeout_s: float, *, holder: str | None = None) -> None:
        held = f" (held by {holder})" if holder else ""
        super().__init__(
            f"timed out after {timeout_s:g}s waiting for the lock {path}{held}",
            hint="another rpm-spec process is using it; wait for it to finish and retry",
        )
        self.path = path
        self.timeout_s = timeout_s
        self.holder = holder


class LockError(RpmSpecError):
    """The lock file cannot be created or locked at all (permissions, no lock daemon)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot lock {path}: {reason}")
        self.path = path
        self.reason = reason
