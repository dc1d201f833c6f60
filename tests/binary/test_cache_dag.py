"""The whole py-torch+cuda DAG (73 nodes) through the binary cache, with tiny real
libraries linked like the DAG (``tiny_libraries.TinyLibraryBuilder``, injected through
``Session.node_builder``): built into a padded store, pushed, and installed into a fresh
store with a longer root from the cache alone; every DT_NEEDED of every library then
resolves inside the new store.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.binary.elf import dynamic_info, is_elf
from rpm_spec.binary.keys import create_key, load_private, trust_key
from rpm_spec.cli.buildcache import buildcache
from rpm_spec.cli.install import install
from rpm_spec.session import Session
from rpm_spec.store.database import Database
from rpm_spec.util.paths import BUILTIN_REPO

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from store_cli import invoke
from tiny_libraries import TinyLibraryBuilder

if TYPE_CHECKING:
    from rpm_spec.store.records import InstallRecord

SPEC = ["py-torch+cuda", "cuda_arch=90", "target=zen3"]

pytestmark = [
    pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc"),
    pytest.mark.slow,  # about 30 s: 73 compiles, then 73 installs from the cache
]


def _session(home: Path, store: Path, **config: object) -> Session:
    session = Session.for_tests(
        home,
        repos=[BUILTIN_REPO],
        store_root=store,
        config=config,  # type: ignore[arg-type]
    )
    session.node_builder = TinyLibraryBuilder.factory
    return session


def _unresolved(record: InstallRecord, store: Path) -> list[str]:
    """DT_NEEDED entries of ``record``'s ELF files not found through a RUNPATH in ``store``."""
    problems = []
    for path in sorted(record.prefix.rglob("*.so")):
        if not is_elf(path):
            continue
        info = dynamic_info(path)
        assert info is not None
        dirs = [Path(d) for d in (*info.runpath, *info.rpath)]
        for directory in dirs:
            if not directory.is_relative_to(store):
                problems.append(f"{path}: search path {directory} outside the store")
        for needed in info.needed:
            if needed.startswith(("libc.so", "ld-linux", "libgcc_s", "libm.so")):
                continue
            if not any((d / needed).is_file() for d in dirs):
                problems.append(f"{path}: {needed} not found in {dirs}")
    return problems


def test_the_py_torch_dag_installs_from_the_cache_into_a_longer_root(tmp_path: Path) -> None:
    a = _session(
        tmp_path / "a", tmp_path / "a" / "store", config={"install_tree": {"padded_length": 160}}
    )
    built = invoke(install, [*SPEC], a)
    assert built.exit_code == 0, built.output
    records = Database(a.store.root).records()
    assert len(records) == 73
    create_key(a.user_dir, "site-1")
    cache = tmp_path / "cache"
    pushed = invoke(buildcache, ["push", str(cache), "--all"], a)
    assert pushed.exit_code == 0, pushed.output
    assert "73 entries pushed" in pushed.output

    b_store = tmp_path / ("b" * 40) / "store"
    b = _session(tmp_path / "b", b_store, mirrors={"site": str(cache)})
    _, public = load_private(a.user_dir, "site-1")
    trust_key(b.user_dir, public)
    done = invoke(install, ["--use-buildcache", "only", *SPEC], b)
    assert done.exit_code == 0, done.output
    assert "73 from cache, 0 to build" in done.output
    installed = Database(b_store).records()
    assert len(installed) == 73
    for record in installed:
        assert record.prefix.is_relative_to(b_store)
        assert _unresolved(record, b_store) == []
        assert not any(
            str(a.store.root).encode() in p.read_bytes()
            for p in record.prefix.rglob("*")
            if p.is_file()
        )
