"""Tcl modules: flat, per target, hashed names, conflicts, autoload; Lmod reads them too."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from lmod_shell import lmod_missing, run_lmod

from rpm_spec.modules import ModuleSettings, refresh_modules
from rpm_spec.store import Store
from synthetic_installs import node, register

if TYPE_CHECKING:
    from pathlib import Path


def test_flat_per_target_with_conflict_and_autoload(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    zlib = node("zlib", "1.3")
    app = node("app", "2.1", deps=[(zlib, ())])
    app_zen3 = node("app", "2.1", target="zen3", deps=[(zlib, ())])
    register(store, [zlib, app, app_zen3])
    settings = ModuleSettings.from_mapping("tcl", {}, root=tmp_path / "tcl")
    refresh_modules(settings, store.database.snapshot())
    found = sorted(
        p.relative_to(tmp_path / "tcl").as_posix()
        for p in (tmp_path / "tcl").rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )
    zlib_name = f"zlib/1.3-gcc-12.2.0-{zlib.hash[:7]}"
    assert found == [
        f"linux-debian12-x86_64/app/2.1-gcc-12.2.0-{app.hash[:7]}",
        f"linux-debian12-x86_64/{zlib_name}",
        f"linux-debian12-zen3/app/2.1-gcc-12.2.0-{app_zen3.hash[:7]}",
    ]
    text = (tmp_path / "tcl" / "linux-debian12-x86_64" / found[0].split("/", 1)[1]).read_text()
    assert text.startswith("#%Module1.0\n")
    assert "conflict {app}" in text
    assert f"if {{![is-loaded {{{zlib_name}}}]}} {{\n    module load {{{zlib_name}}}\n}}" in text
    assert f"setenv {{APP_ROOT}} {{{store.prefix(app)}}}" in text
    assert f"prepend-path {{PATH}} {{{store.prefix(app)}/bin}}" in text


def test_real_lmod_loads_tcl_modules_with_their_autoloads(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    zlib = node("zlib", "1.3")
    app = node("app", "2.1", deps=[(zlib, ())])
    register(store, [zlib, app])
    settings = ModuleSettings.from_mapping("tcl", {"hash_length": 0}, root=tmp_path / "tcl")
    refresh_modules(settings, store.database.snapshot())
    missing = lmod_missing()
    if missing:
        pytest.skip(missing)
    done = run_lmod(
        'module load app || exit 3\necho "A=$APP_ROOT Z=$ZLIB_ROOT"\n',
        [tmp_path / "tcl" / "linux-debian12-x86_64"],
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"A={store.prefix(app)} Z={store.prefix(zlib)}\n" in done.stdout
