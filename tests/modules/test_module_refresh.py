"""Refreshing a tree: atomically, removing only what rpm-spec wrote; settings that select
and shape modules; dependencies autoloaded from an upstream store's tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lmod_shell import lmod_missing, run_lmod

from rpm_spec.modules import (
    MANIFEST,
    ForeignModuleFileError,
    ModuleSettings,
    module_names,
    plan_modules,
    refresh,
    refresh_modules,
)
from rpm_spec.spec.concrete import ConcreteDag
from rpm_spec.store import InstallRecord, Store
from synthetic_installs import mpi_stack, node, register

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.modules import Kind


def _settings(tmp_path: Path, kind: Kind = "lmod", **data: object) -> ModuleSettings:
    return ModuleSettings.from_mapping(kind, dict(data), root=tmp_path / kind)


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_refresh_removes_only_what_it_wrote(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    zlib, xz = node("zlib", "1.3"), node("xz", "5.4")
    register(store, [zlib, xz])
    settings = _settings(tmp_path)
    first = refresh_modules(settings, store.database.snapshot())
    assert len(first.written) == 2
    foreign = settings.root / "linux-debian12-x86_64" / "Core" / "site" / "1.0.lua"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("-- the site's own\n")
    again = refresh_modules(settings, store.database.snapshot())
    assert (again.written, len(again.unchanged)) == ([], 2)
    store.uninstall(xz.hash)
    after = refresh_modules(settings, store.database.snapshot())
    assert [p.name for p in after.removed] == ["5.4.lua"]
    assert _files(settings.root) == [
        f".{MANIFEST}.lock",
        MANIFEST,
        "linux-debian12-x86_64/Core/site/1.0.lua",
        "linux-debian12-x86_64/Core/zlib/1.3.lua",
    ]
    tree = refresh_modules(settings, store.database.snapshot(), delete_tree=True)
    assert [p.name for p in tree.removed] == ["1.3.lua"]
    assert [p.name for p in tree.written] == ["1.3.lua"]
    assert foreign.read_text() == "-- the site's own\n"
    written = settings.root / "linux-debian12-x86_64" / "Core" / "zlib" / "1.3.lua"
    assert oct(written.stat().st_mode)[-3:] == "644"


def test_a_file_rpm_spec_did_not_write_is_never_overwritten(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    register(store, [node("zlib", "1.3")])
    settings = _settings(tmp_path)
    theirs = settings.root / "linux-debian12-x86_64" / "Core" / "zlib" / "1.3.lua"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("-- hand written\n")
    with pytest.raises(ForeignModuleFileError, match="rpm-spec did not write it"):
        refresh_modules(settings, store.database.snapshot())
    assert theirs.read_text() == "-- hand written\n"


def test_include_exclude_implicits_projections_and_environment(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    stack = mpi_stack()
    register(store, stack[:3], explicit=False)
    register(store, stack[3:])
    settings = _settings(
        tmp_path,
        core_compilers=["gcc@11.4.0"],
        exclude_implicits=True,
        include=["mpi_b"],
        exclude=["h5_t ^mpi_a"],
        projections={"h5_t": "{name}/{version}-{^mpi.name}"},
        all={"environment": {"prepend_path": {"LD_LIBRARY_PATH": "{prefix}/lib"}}},
        h5_t={"environment": {"set": {"{name}_MPI": "{^mpi.name}"}, "unset": ["OLD"]}},
    )
    files = plan_modules(settings, store.select(), store.database.snapshot().dag)
    assert [(f.path.name, f.name) for f in files] == [
        ("1.0-mpi_b.lua", "h5_t/1.0-mpi_b"),
        ("2.0.lua", "mpi_b/2.0"),
    ]
    h5 = files[0].text
    assert 'prepend_path("LD_LIBRARY_PATH", prefix .. "/lib")' in h5
    assert 'setenv("H5_T_MPI", "mpi_b")' in h5
    assert 'unsetenv("OLD")' in h5
    # Without a hierarchy the MPI is an ordinary direct dependency: autoloaded.
    assert 'depends_on("mpi_b/2.0")' in h5


def test_modules_autoload_dependencies_from_an_upstream_tree(tmp_path: Path) -> None:
    """A user's store whose app links the upstream's zlib: the app's module autoloads the
    upstream's module by the name the upstream tree gave it, read from its manifest."""
    upstream = Store(tmp_path / "upstream")
    zlib = node("zlib", "1.3")
    register(upstream, [zlib])
    upstream_settings = ModuleSettings.from_mapping(
        "lmod", {"hash_length": 3}, root=tmp_path / "upstream-lmod"
    )
    refresh_modules(upstream_settings, upstream.database.snapshot())
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "upstream-lmod").rglob("*")}
    app = node("app", "2.1", deps=[(zlib, ())])
    user = Store(tmp_path / "user")
    (user.prefix(app) / "bin").mkdir(parents=True)
    # How the user's store records a dependency that lives upstream is the upstreams
    # work's; this layer takes the user's records and a DAG that holds both.
    mine = InstallRecord(app, user.prefix(app), explicit=True, installed_at="0")
    dag = ConcreteDag((), {zlib.hash: zlib, app.hash: app})
    settings = _settings(tmp_path)
    files = plan_modules(
        settings,
        [mine],
        dag,
        upstream_names=module_names(upstream_settings.root),
    )
    assert [f.name for f in files] == ["app/2.1"]
    assert f'depends_on("zlib/1.3-{zlib.hash[:3]}")' in files[0].text
    refresh(settings.root, files)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "upstream-lmod").rglob("*")} == before
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    done = run_lmod(
        'module load app || exit 3\necho "Z=$ZLIB_ROOT A=$APP_ROOT"\n',
        [
            settings.root / "linux-debian12-x86_64" / "Core",
            upstream_settings.root / "linux-debian12-x86_64" / "Core",
        ],
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Z={upstream.prefix(zlib)} A={user.prefix(app)}\n" in done.stdout


@pytest.mark.parametrize(
    ("mode", "loaded"),
    [
        ("none", []),
        ("direct", ["libfoo/1.0", "perl/5.38"]),
        ("run", ["python/3.12", "perl/5.38"]),
        ("all", ["zlib/1.3", "libfoo/1.0", "python/3.12", "perl/5.38"]),
    ],
)
def test_autoload_modes(tmp_path: Path, mode: str, loaded: list[str]) -> None:
    zlib, python = node("zlib", "1.3"), node("python", "3.12")
    libfoo = node("libfoo", deps=[(zlib, ())])
    perl = node("perl", "5.38", run_deps=[python])
    app = node("app", deps=[(libfoo, ())], run_deps=[perl])
    store = Store(tmp_path / "store")
    register(store, [zlib, python, libfoo, perl, app])
    settings = _settings(tmp_path, app={"autoload": mode})
    files = plan_modules(settings, store.select(), store.database.snapshot().dag)
    text = next(f.text for f in files if f.name == "app/1.0")
    assert [line[12:-2] for line in text.splitlines() if line.startswith("depends_on(")] == loaded
