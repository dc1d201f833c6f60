"""The Store: selection, uninstall (order, refusals, crash safety), gc, config, reuse."""

from __future__ import annotations

import multiprocessing
import shutil
import signal
from typing import TYPE_CHECKING

import pytest
from store_fakes import MOCK_REPO, install, install_dag
from store_workers import die_while_uninstalling

from rpm_spec.session import Session
from rpm_spec.spec import parse_spec
from rpm_spec.store import AmbiguousMatchError, HasDependentsError, NoMatchError, Store
from rpm_spec.store.provenance import is_complete

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag


def node_hash(dag: ConcreteDag, name: str) -> str:
    node = dag.by_name(name)
    assert node is not None
    return node.hash


def test_select_and_select_one(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    install_dag(store, dags("mpileaks"))
    install_dag(store, dags("libelf@0.8.10"))
    assert [r.spec.name for r in store.select([parse_spec("libdwarf"), parse_spec("mpich")])] == [
        "libdwarf",
        "mpich",
    ]
    assert [str(r.spec.version) for r in store.select([parse_spec("libelf")])] == [
        "0.8.12",
        "0.8.10",
    ]
    assert store.select_one(parse_spec("libelf@0.8.10")).spec.name == "libelf"
    with pytest.raises(AmbiguousMatchError, match="'libelf' matches 2 installed specs") as many:
        store.select_one(parse_spec("libelf"))
    assert "libelf@0.8.10" in str(many.value) and "libelf@0.8.12" in str(many.value)
    with pytest.raises(NoMatchError, match="no installed spec matches 'zlib'"):
        store.select_one(parse_spec("zlib"))


def test_uninstall_removes_the_record_then_the_prefix(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    root = dag.roots[0]
    prefix = store.prefix(dag.nodes[root])
    assert prefix.is_dir()
    record = store.uninstall(root)
    assert record.prefix == prefix
    assert not store.is_installed(root)
    assert not prefix.exists()


def test_uninstall_deletes_read_only_trees(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    prefix = store.prefix(dag.root_specs[0])
    (prefix / "share" / "man").chmod(0o500)
    (prefix / "bin").chmod(0o500)
    store.uninstall(dag.roots[0])
    assert not prefix.exists()


def test_uninstall_leaves_prefixes_outside_the_store(
    store: Store, tmp_path: Path, dags: Callable[..., ConcreteDag]
) -> None:
    libelf = dags("libelf").root_specs[0]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    store.database.add(libelf, elsewhere, explicit=True)
    store.uninstall(libelf.hash)
    assert not store.is_installed(libelf.hash)
    assert elsewhere.is_dir()


def test_uninstall_of_an_external_keeps_its_prefix(
    store: Store, tmp_path: Path, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler", external_zlib=True)
    install_dag(store, dag)
    zlib = node_hash(dag, "zlib")
    with pytest.raises(HasDependentsError):
        store.uninstall(zlib)
    store.uninstall(dag.roots[0])
    assert store.uninstall(zlib).external


def test_a_crash_while_deleting_leaves_no_record_and_no_complete_prefix(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    root = dag.roots[0]
    prefix = store.prefix(dag.nodes[root])
    spawn = multiprocessing.get_context("spawn")
    process = spawn.Process(target=die_while_uninstalling, args=(str(store.root), root))
    process.start()
    process.join(60)
    assert process.exitcode == -signal.SIGKILL
    assert not Store(store.root).is_installed(root)
    assert prefix.is_dir() and not is_complete(prefix)
    report = Store(store.root).reindex()
    assert report.installed == 5
    assert not Store(store.root).is_installed(root)
    with store.lock(root):  # the killed process held it; the kernel let it go
        pass


def test_uninstall_order_refuses_then_removes_dependents_first(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    libdwarf = node_hash(dag, "libdwarf")
    with pytest.raises(HasDependentsError) as refused:
        store.uninstall_order([libdwarf])
    assert "dyninst@9.3" in str(refused.value)
    order = [r.spec.name for r in store.uninstall_order([libdwarf], with_dependents=True)]
    assert order == ["mpileaks", "callpath", "dyninst", "libdwarf"]
    for record in store.uninstall_order([libdwarf], with_dependents=True):
        store.uninstall(record.hash)
    assert [r.spec.name for r in store.database.records()] == ["libelf", "mpich"]


def test_gc_keeps_what_explicit_specs_link_and_run(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler")
    install_dag(store, dag)
    install_dag(store, dags("libelf@0.8.10"))
    store.database.set_explicit(node_hash(dags("libelf@0.8.10"), "libelf"), False)
    unneeded = [f"{r.spec.name}@{r.spec.version}" for r in store.unneeded()]
    assert unneeded == ["cmake@3.30", "libelf@0.8.10"]
    for record in store.unneeded():
        store.uninstall(record.hash)
    assert store.unneeded() == []
    left = sorted(r.spec.name for r in store.database.records())
    assert left == ["deptype-sampler", "python", "zlib"]
    assert [r.spec.name for r in store.database.query(parse_spec("^cmake"))] == ["deptype-sampler"]


def test_gc_removes_chains_dependents_first(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    store.database.set_explicit(dag.roots[0], False)
    names = [r.spec.name for r in store.unneeded()]
    assert names.index("mpileaks") < names.index("callpath") < names.index("libelf")
    assert len(names) == len(dag.nodes)


def test_one_lock_instance_per_prefix(store: Store) -> None:
    assert store.lock("a" * 32) is store.lock("a" * 32)
    assert store.lock("a" * 32) is not store.lock("b" * 32)
    assert store.lock("a" * 32).path == store.root / ".rpm-spec-db" / "locks" / f"{'a' * 32}.lock"


def test_store_from_config(tmp_path: Path, dags: Callable[..., ConcreteDag]) -> None:
    tree = {"root": str(tmp_path / "tree"), "projections": {"all": "{name}/{hash:8}"}}
    session = Session.for_tests(tmp_path, config={"config": {"install_tree": tree}})
    store = Store.from_config(session.config)
    libelf = dags("libelf").root_specs[0]
    assert store.prefix(libelf) == tmp_path / "tree" / "libelf" / libelf.hash[:8]
    assert session.store.root == tmp_path / "store"
    assert session.store.layout.projection == "{name}/{hash:8}"
    assert Session.for_tests(tmp_path, store_root=tmp_path / "s2").store.root == tmp_path / "s2"


def test_the_session_reuses_installed_specs(tmp_path: Path) -> None:
    repo = tmp_path / "mock"
    shutil.copytree(MOCK_REPO, repo)
    before = install(Session.for_tests(tmp_path / "a", repos=[repo]), "zlib")
    recipe = repo / "packages" / "zlib" / "package.py"
    recipe.write_text(recipe.read_text() + "\n# edited: the recipe hash changes\n")
    # A new session on the same store: the installed zlib wins over a fresh build.
    reusing = Session.for_tests(tmp_path / "b", repos=[repo], store_root=tmp_path / "a" / "store")
    again = reusing.concretize([parse_spec("zlib")]).dag
    assert again.roots == before.roots
    fresh = Session.for_tests(
        tmp_path / "c",
        repos=[repo],
        store_root=tmp_path / "a" / "store",
        config={"concretizer": {"reuse": False}},
    )
    assert fresh.concretize([parse_spec("zlib")]).dag.roots != before.roots
