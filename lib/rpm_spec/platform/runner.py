"""Running a probe command: the one place the platform layer starts processes.

Every detector takes a :data:`Runner` so tests pass recorded outputs instead of
running real tools. The contract is deliberately small: stdout (or stderr when a
tool writes its version there) on success, ``None`` when the tool is missing,
fails or hangs. A missing tool is never an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

#: ``run(argv) -> output | None``.
Runner = Callable[[Sequence[str]], str | None]

#: Probes must not stall a command: nvidia-smi on a node without its persistence
#: daemon takes a second or two, anything slower is broken.
DEFAULT_TIMEOUT_S = 5.0


def run_tool(argv: Sequence[str], *, timeout_s: float = DEFAULT_TIMEOUT_S) -> str | None:
    """Run ``argv`` with a C locale; its output, or None on any failure."""
    import subprocess  # lazy: startup

    # English, unlocalized messages: version regexes must not depend on $LANG.
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        done = subprocess.run(
            list(argv),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout if done.stdout.strip() else done.stderr
