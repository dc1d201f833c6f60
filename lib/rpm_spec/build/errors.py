"""Errors of the build layer: fetching, verifying, staging and patching sources.

Each error keeps the data a tool would want (the source, the sums, the archive
member, the patch output) as attributes; ``str()`` is the sentence a user reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.errors import ExitCode, RpmSpecError

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


class BuildLayerError(RpmSpecError):
    """Base class of every error raised while turning a concrete spec into a prefix."""


class FetchError(BuildLayerError):
    """No place offered the file: ``attempts`` lists each place tried and why it failed."""

    def __init__(
        self,
        what: str,
        attempts: Sequence[tuple[str, str]],
        *,
        hint: str | None = None,
    ) -> None:
        lines = [f"could not fetch {what}"]
        lines.extend(f"  {place}: {reason}" for place, reason in attempts)
        if not attempts:
            lines[0] += ": no place to fetch it from (no URL and no mirror)"
        super().__init__("\n".join(lines), hint=hint)
        self.what = what
        self.attempts = tuple(attempts)


class ChecksumError(BuildLayerError):
    """A downloaded file's sha256 is not the one the recipe records; nothing was kept."""

    def __init__(
        self, source: str, expected: str, actual: str, *, hint: str | None = None
    ) -> None:
        super().__init__(
            f"sha256 mismatch for {source}\n"
            f"  expected {expected}\n"
            f"  actual   {actual}\n"
            "the file was discarded and nothing was installed",
            hint=hint
            or "the file may be corrupt or tampered with, or the recipe's sum is wrong; "
            "'rpm-spec checksum NAME VERSION' shows the sum of what is served",
        )
        self.source = source
        self.expected = expected
        self.actual = actual


class MissingChecksumError(BuildLayerError):
    """A source has no recorded sha256, and unverified sources are not accepted."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} has no sha256 in its recipe, so it cannot be verified",
            hint="add one with 'rpm-spec checksum NAME VERSION', or accept the risk "
            "with --no-checksum (or config:checksum:false)",
        )
        self.what = what


class StageError(BuildLayerError):
    """An archive cannot be unpacked safely (or at all) into a stage directory."""

    def __init__(
        self, message: str, *, archive: str, member: str | None = None, hint: str | None = None
    ) -> None:
        where = f"{archive}: member '{member}'" if member is not None else archive
        super().__init__(f"{where}: {message}", hint=hint)
        self.reason = message
        self.archive = archive
        self.member = member


class PatchError(BuildLayerError):
    """A patch does not apply; ``output`` is what ``patch`` said."""

    def __init__(self, patch: str, directory: str, output: str) -> None:
        shown = "\n".join(f"  {line}" for line in output.strip().splitlines()[-20:])
        super().__init__(
            f"patch {patch} does not apply in {directory}" + (f":\n{shown}" if shown else ""),
            hint="the stage is kept for inspection; the patch may be for another version",
        )
        self.patch = patch
        self.directory = directory
        self.output = output


class CompilerPathError(BuildLayerError):
    """The compiler a node is built with has no usable paths for the wrappers."""


class BuildError(BuildLayerError):
    """A build phase failed: ``str()`` names the phase and the log and shows its last lines.

    ``tail`` holds the log's last lines; ``reason`` is a one-line cause when one is known
    (a command's exit status, a recipe's exception).
    """

    def __init__(
        self,
        package: str,
        phase: str,
        log_path: Path,
        tail: Sequence[str],
        *,
        reason: str | None = None,
    ) -> None:
        lines = [f"{package}: the {phase} phase failed" + (f": {reason}" if reason else "")]
        if tail:
            lines.append(f"last lines of {log_path}:")
            lines.extend(f"  {line}" for line in tail)
        lines.append(f"full log: {log_path}")
        super().__init__(
            "\n".join(lines),
            hint="keep the stage with --keep-stage to inspect the build tree",
        )
        self.package = package
        self.phase = phase
        self.log_path = log_path
        self.tail = tuple(tail)
        self.reason = reason


class InstallError(BuildLayerError):
    """An install step outside the build itself failed (promised files, the plan)."""


class BuildInterrupted(BuildLayerError):
    """A node's install was stopped on request (Ctrl-C, SIGTERM) before it was registered.

    Its partial prefix is removed; ``stage`` (kept for inspection) and ``log_path`` are
    None when the node had not got that far (fetching, waiting for another installer).
    """

    def __init__(self, label: str, *, stage: Path | None = None, log_path: Path | None = None):
        lines = [f"{label}: stopped before it was installed"]
        if stage is not None:
            lines.append(f"  stage kept: {stage}")
        if log_path is not None:
            lines.append(f"  build log: {log_path}")
        super().__init__("\n".join(lines))
        self.label = label
        self.stage = stage
        self.log_path = log_path


class InstallInterrupted(BuildLayerError):
    """An install stopped by SIGINT or SIGTERM: its builds were killed, nothing of them kept.

    ``stopped`` holds the nodes that were in flight; the exit status is 130 for SIGINT
    and 143 for SIGTERM.
    """

    def __init__(self, signal_name: str, stopped: Sequence[BuildInterrupted]) -> None:
        if stopped:
            count = len(stopped)
            head = (
                f"interrupted by {signal_name}: stopped {count} "
                f"install{'s' if count != 1 else ''} in flight; "
                f"{'it is' if count == 1 else 'they are'} not registered"
            )
        else:
            head = f"interrupted by {signal_name}; no build was running"
        lines = [head]
        for node in stopped:
            lines.extend(f"  {line}" for line in str(node).splitlines())
        super().__init__(
            "\n".join(lines),
            hint="run the same install again to build what is missing" if stopped else None,
        )
        self.signal_name = signal_name
        self.stopped = tuple(stopped)
        self.exit_code = ExitCode.TERMINATED if signal_name == "SIGTERM" else ExitCode.INTERRUPTED
