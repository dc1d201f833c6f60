"""Item 2 of issue 13: a job running ``current/view/bin/x`` in a loop while rollback flips
``current`` 100 times never fails and never sees a partial view.

The reader is a real process (a shell loop), so it races the flips for real: each turn
runs ``current/view/bin/x`` and, after resolving ``current/view`` once, checks that the
view it landed in is whole (its program and its marker name the same version).
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from typing import TYPE_CHECKING

import pytest

from rpm_spec.registry import versions
from rpm_spec.registry.layout import Ref

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.environment.environment import Environment
    from rpm_spec.registry.registry import Registry

READER = textwrap.dedent(
    """\
    env="$1"; stop="$2"; turns=0
    while [ ! -e "$stop" ] || [ "$turns" -lt 50 ]; do
        out=$("$env/current/view/bin/x") || { echo "bin/x failed: $out"; exit 1; }
        case "$out" in v1|v2) ;; *) echo "bad output: $out"; exit 1 ;; esac
        view=$(readlink -f "$env/current/view") || { echo "no view"; exit 1; }
        [ "$("$view/bin/x")" = "$(cat "$view/share/marker")" ] || { echo "partial $view"; exit 1; }
        turns=$((turns + 1))
    done
    echo "turns=$turns"
    """
)


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs /bin/sh")
def test_rollback_flips_never_break_a_running_job(
    tmp_path: Path, registry: Registry, solved: Callable[..., Environment]
) -> None:
    env = solved("one", ["zlib"])
    ref = Ref("chem", "md")
    paths = registry.paths(ref, must_exist=False)
    for number in (1, 2):
        view = tmp_path / f"view{number}"
        (view / "bin").mkdir(parents=True)
        (view / "share").mkdir()
        (view / "bin" / "x").write_text(f"#!/bin/sh\necho v{number}\n")
        (view / "bin" / "x").chmod(0o755)
        (view / "share" / "marker").write_text(f"v{number}\n")
        versions.publish(
            paths,
            registry.signer,
            manifest=env.manifest.path.read_bytes(),
            lock=env.lock_path.read_bytes(),
            sections={"linux-debian12-zen3": "built"},
            view=view,
        )
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        ["sh", "-c", READER, "reader", str(paths.dir), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for flip in range(100):
            registry.rollback(ref, 1 if flip % 2 == 0 else 2)
    finally:
        stop.touch()
        output, _ = reader.communicate(timeout=300)
    assert reader.returncode == 0, output
    assert output.startswith("turns="), output
    assert paths.current_version() == 2
    rollbacks = [e for e in versions.history.read(paths.dir) if e.action == "rollback"]
    assert len(rollbacks) == 100
