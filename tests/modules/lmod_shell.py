"""Running the real Lmod (Debian's ``lmod`` package) from tests, or saying why not.

Tests that need it skip with the reason printed; each also has a structural check of the
generated Lua that runs without Lmod.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

LMOD_INIT = Path("/usr/share/lmod/lmod/init/bash")


def lmod_missing() -> str | None:
    """Why Lmod cannot run here; None when it can."""
    if not LMOD_INIT.is_file():
        return f"Lmod is not installed ({LMOD_INIT} missing; apt-get install lmod)"
    if shutil.which("bash") is None:
        return "no bash"
    return None


def run_lmod(
    script: str, modulepath: list[Path], cache: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash with Lmod's ``module`` function and only ``modulepath``."""
    environ = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cache),
        "MODULEPATH": ":".join(str(p) for p in modulepath),
        "LMOD_CACHE_DIR": str(cache / "lmod-cache"),
        "LMOD_IGNORE_CACHE": "1",
        "LMOD_REDIRECT": "no",
        "LMOD_PAGER": "none",
        **env,
    }
    return subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f". {LMOD_INIT}\n{script}"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
        cwd=os.fspath(cache),
    )


def messages(done: subprocess.CompletedProcess[str]) -> str:
    """Lmod's messages with its line wrapping undone (one space between words)."""
    return " ".join(done.stderr.split())
