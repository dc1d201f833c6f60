"""Lmod: Core / compiler / MPI levels, family("mpi"), module swap, spider; with real Lmod.

The stack: gcc 12 built by the core gcc 11, two MPIs built with gcc 12, and h5_t built
against each MPI (synthetic installs, nothing is compiled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lmod_shell import lmod_missing, run_lmod

from rpm_spec.modules import ModuleNameClashError, ModuleSettings, refresh_modules
from rpm_spec.store import Store
from synthetic_installs import mpi_stack, node, register

if TYPE_CHECKING:
    from pathlib import Path

ARCH = "linux-debian12-x86_64"
HIERARCHY = {"core_compilers": ["gcc@11.4.0"], "hierarchy": ["mpi"]}


def _tree(tmp_path: Path, extra: dict[str, object] | None = None) -> tuple[Store, Path]:
    store = Store(tmp_path / "store")
    register(store, mpi_stack())
    settings = ModuleSettings.from_mapping(
        "lmod", {**HIERARCHY, **(extra or {})}, root=tmp_path / "lmod"
    )
    refresh_modules(settings, store.database.snapshot())
    return store, tmp_path / "lmod"


def _prefix(store: Store, name: str, mpi: str | None = None) -> str:
    for record in store.select():
        deps = {d.name for d in record.spec.dependencies}
        if record.spec.name == name and (mpi is None or mpi in deps):
            return str(record.prefix)
    raise AssertionError(name)


def test_levels_families_and_modulepath(tmp_path: Path) -> None:
    store, root = _tree(tmp_path)
    arch = root / ARCH
    found = sorted(p.relative_to(arch).as_posix() for p in arch.rglob("*.lua"))
    assert found == [
        "Core/gcc/12.2.0.lua",
        "gcc/12.2.0/mpi_a/1.0.lua",
        "gcc/12.2.0/mpi_b/2.0.lua",
        "mpi_a/1.0/gcc/12.2.0/h5_t/1.0.lua",
        "mpi_b/2.0/gcc/12.2.0/h5_t/1.0.lua",
    ]
    gcc = (arch / "Core/gcc/12.2.0.lua").read_text()
    assert 'family("compiler")' in gcc
    assert f'prepend_path("MODULEPATH", "{arch}/gcc/12.2.0")' in gcc
    mpi = (arch / "gcc/12.2.0/mpi_a/1.0.lua").read_text()
    assert 'family("mpi")' in mpi
    assert f'prepend_path("MODULEPATH", "{arch}/mpi_a/1.0/gcc/12.2.0")' in mpi
    h5 = (arch / "mpi_b/2.0/gcc/12.2.0/h5_t/1.0.lua").read_text()
    # The MPI defines h5_t's level: loading it is the way in, so it is not autoloaded.
    assert "depends_on" not in h5
    assert 'setenv("H5_T_ROOT", prefix)' in h5
    assert f'local prefix = "{_prefix(store, "h5_t", "mpi_b")}"' in h5
    assert 'prepend_path("PATH", prefix .. "/bin")' in h5
    assert "LD_LIBRARY_PATH" not in h5


def test_real_lmod_swaps_the_mpi_and_every_dependent(tmp_path: Path) -> None:
    store, root = _tree(tmp_path)
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    done = run_lmod(
        "module load gcc/12 mpi_a h5_t || exit 3\n"
        'echo "A=$H5_T_ROOT"\n'
        "module swap mpi_a mpi_b || exit 4\n"
        'echo "B=$H5_T_ROOT"\n'
        "module -t list 2>&1\n"
        "module spider h5_t 2>&1\n",
        [root / ARCH / "Core"],
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert f"A={_prefix(store, 'h5_t', 'mpi_a')}\n" in out
    assert f"B={_prefix(store, 'h5_t', 'mpi_b')}\n" in out
    assert "mpi_b/2.0\nh5_t/1.0\n" in out
    assert "gcc/12.2.0  mpi_a/1.0" in out
    assert "gcc/12.2.0  mpi_b/2.0" in out


def test_a_name_clash_is_refused_naming_the_variant(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    stack = mpi_stack()
    mpi_a = stack[1]
    debug = node("h5_t", deps=[(mpi_a, ("mpi",))], variants={"debug": ("true",)})
    plain = node("h5_t", deps=[(mpi_a, ("mpi",))], variants={"debug": ("false",)})
    register(store, [*stack[:3], debug, plain])
    settings = ModuleSettings.from_mapping("lmod", HIERARCHY, root=tmp_path / "lmod")
    with pytest.raises(ModuleNameClashError) as raised:
        refresh_modules(settings, store.database.snapshot())
    message = str(raised.value)
    assert "they differ in variant 'debug' (" in message
    assert message.endswith(("(+debug vs ~debug)", "(~debug vs +debug)"))
    assert "mpi_a/1.0/gcc/12.2.0/h5_t/1.0.lua" in message
    assert "projections: {h5_t: '{name}/{version}-{variants.debug}'}" in (raised.value.hint or "")
    assert not (tmp_path / "lmod").exists() or not list((tmp_path / "lmod").rglob("*.lua"))
    # The projection key the hint names tells them apart.
    fixed = ModuleSettings.from_mapping(
        "lmod",
        {**HIERARCHY, "projections": {"h5_t": "{name}/{version}-{variants.debug}"}},
        root=tmp_path / "lmod",
    )
    report = refresh_modules(fixed, store.database.snapshot())
    names = sorted(p.name for p in report.written if "h5_t" in str(p))
    assert names == ["1.0-+debug.lua", "1.0-~debug.lua"]


def test_real_lmod_refuses_nothing_for_the_clash_fix(tmp_path: Path) -> None:
    """The names the fix produces load in Lmod ('+' and '~' are valid in module names)."""
    store = Store(tmp_path / "store")
    stack = mpi_stack()
    variants = [{"debug": ("true",)}, {"debug": ("false",)}]
    builds = [node("h5_t", deps=[(stack[1], ("mpi",))], variants=v) for v in variants]
    register(store, [*stack[:3], *builds])
    settings = ModuleSettings.from_mapping(
        "lmod",
        {**HIERARCHY, "projections": {"h5_t": "{name}/{version}-{variants.debug}"}},
        root=tmp_path / "lmod",
    )
    refresh_modules(settings, store.database.snapshot())
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    done = run_lmod(
        'module load gcc/12 mpi_a "h5_t/1.0-~debug" || exit 3\necho "R=$H5_T_ROOT"\n',
        [tmp_path / "lmod" / ARCH / "Core"],
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    plain = next(r for r in store.select() if r.spec.variants.get("debug") == ("false",))
    assert f"R={plain.prefix}\n" in done.stdout
