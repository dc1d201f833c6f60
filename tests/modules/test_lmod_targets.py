"""One Lmod module over builds for several targets, choosing at load time.

The CPU is a recorded one: a ``/proc/cpuinfo`` made from archspec's feature list of a
target, handed to the module through ``RPM_SPEC_CPUINFO``; never this machine's CPU.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lmod_shell import lmod_missing, messages, run_lmod

from rpm_spec.modules import ModuleSettings, refresh_modules
from rpm_spec.platform.cpu_features import target_features
from rpm_spec.store import Store
from synthetic_installs import node, register

if TYPE_CHECKING:
    from pathlib import Path

TARGETS = ("x86_64", "x86_64_v3", "zen3")
MODULE = "linux-debian12-x86_64/Core/solver/1.0.lua"


def _tree(tmp_path: Path) -> tuple[Store, Path]:
    store = Store(tmp_path / "store")
    register(store, [node("solver", compiler="gcc@11.4.0", target=t) for t in TARGETS])
    settings = ModuleSettings.from_mapping(
        "lmod", {"core_compilers": ["gcc@11.4.0"]}, root=tmp_path / "lmod"
    )
    refresh_modules(settings, store.database.snapshot())
    return store, tmp_path / "lmod"


def _cpuinfo(tmp_path: Path, target: str) -> Path:
    """A /proc/cpuinfo whose flags are what archspec says a ``target`` CPU has (Linux
    spells sse3 'pni'; archspec's aliases let ssse3 stand for it)."""
    path = tmp_path / f"cpuinfo-{target}"
    flags = " ".join(sorted(target_features(target) - {"sse3"}))
    path.write_text(f"processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu {flags}\n\n")
    return path


def _prefix(store: Store, target: str) -> str:
    return str(next(r.prefix for r in store.select() if r.spec.target == target))


def test_builds_for_several_targets_share_one_module(tmp_path: Path) -> None:
    store, root = _tree(tmp_path)
    assert [p.relative_to(root).as_posix() for p in root.rglob("*.lua")] == [MODULE]
    text = (root / MODULE).read_text()
    positions = [text.index(f'target = "{t}"') for t in ("zen3", "x86_64_v3", "x86_64")]
    assert positions == sorted(positions)  # most specific first
    for target in TARGETS:
        assert f'prefix = "{_prefix(store, target)}"' in text
    assert '"vaes"' in text  # zen3 needs it, per archspec
    assert 'os.getenv("RPM_SPEC_TARGET")' in text


@pytest.mark.parametrize(
    ("cpu", "chosen"),
    [("zen2", "x86_64_v3"), ("zen4", "zen3"), ("core2", "x86_64"), ("zen3", "zen3")],
)
def test_real_lmod_loads_the_best_build_for_the_cpu(tmp_path: Path, cpu: str, chosen: str) -> None:
    store, root = _tree(tmp_path)
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    done = run_lmod(
        'module load solver || exit 3\necho "R=$SOLVER_ROOT"\nmodule unload solver\n'
        'echo "U=${SOLVER_ROOT-unset}"\n',
        [root / "linux-debian12-x86_64/Core"],
        tmp_path,
        RPM_SPEC_CPUINFO=str(_cpuinfo(tmp_path, cpu)),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"R={_prefix(store, chosen)}\nU=unset\n" in done.stdout
    assert f"most specific build this CPU runs: {chosen}" in messages(done)


def test_real_lmod_follows_rpm_spec_target_and_refuses_what_the_cpu_lacks(
    tmp_path: Path,
) -> None:
    store, root = _tree(tmp_path)
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    core = [root / "linux-debian12-x86_64/Core"]
    zen2 = str(_cpuinfo(tmp_path, "zen2"))
    fine = run_lmod(
        'module load solver && echo "R=$SOLVER_ROOT"\n',
        core,
        tmp_path,
        RPM_SPEC_CPUINFO=zen2,
        RPM_SPEC_TARGET="zen2",
    )
    assert f"R={_prefix(store, 'x86_64_v3')}\n" in fine.stdout, fine.stderr
    assert "best available for zen2: x86_64_v3" in messages(fine)
    refused = run_lmod(
        'module load solver; echo "R=${SOLVER_ROOT-unset}"\n',
        core,
        tmp_path,
        RPM_SPEC_CPUINFO=zen2,
        RPM_SPEC_TARGET="zen3",
    )
    assert "R=unset\n" in refused.stdout
    assert "RPM_SPEC_TARGET=zen3 selects the zen3 build" in messages(refused)
    assert "this CPU lacks pku, vaes, vpclmulqdq" in messages(refused)


def test_real_lmod_on_another_architecture_lists_the_builds(tmp_path: Path) -> None:
    _, root = _tree(tmp_path)
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    cpuinfo = tmp_path / "cpuinfo-neoverse_v2"
    cpuinfo.write_text("processor\t: 0\nFeatures\t: fp asimd sve sve2\n\n")
    done = run_lmod(
        'module load solver; echo "R=${SOLVER_ROOT-unset}"\n',
        [root / "linux-debian12-x86_64/Core"],
        tmp_path,
        RPM_SPEC_CPUINFO=str(cpuinfo),
    )
    assert "R=unset\n" in done.stdout
    assert "no build runs on this CPU" in messages(done)
    assert "builds exist for zen3, x86_64_v3, x86_64" in messages(done)
