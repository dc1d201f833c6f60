"""Loading specs (with their run dependencies) and unloading exactly what was loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store_fakes import install_dag

from rpm_spec.store import plan_load, plan_unload
from rpm_spec.store.loading import LOADED_ROOTS_VAR, LOADED_VAR

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.spec.concrete import ConcreteDag
    from rpm_spec.store import LoadPlan, Store

BASE = {"PATH": "/usr/bin:/bin", "HOME": "/home/u"}


def applied(plan: LoadPlan, environ: dict[str, str]) -> dict[str, str]:
    result = dict(environ)
    for name, value in plan.modifications.apply(environ).items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def hash_of(dag: ConcreteDag, name: str) -> str:
    node = dag.by_name(name)
    assert node is not None
    return node.hash


def test_load_adds_the_spec_and_what_it_runs(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler")
    install_dag(store, dag)
    root = dag.root_specs[0]
    loaded = applied(plan_load(store.database, [root.hash], BASE), BASE)
    python_prefix = store.prefix(dag.nodes[hash_of(dag, "python")])
    assert loaded["PATH"].split(":") == [
        str(store.prefix(root) / "bin"),
        str(python_prefix / "bin"),
        "/usr/bin",
        "/bin",
    ]
    assert loaded["CMAKE_PREFIX_PATH"] == f"{store.prefix(root)}:{python_prefix}"
    assert loaded["MANPATH"].endswith(":")  # the system's man pages stay visible
    assert loaded[LOADED_VAR] == f"{root.hash}:{hash_of(dag, 'python')}"
    assert loaded[LOADED_ROOTS_VAR] == root.hash
    # Link and build dependencies need nothing: RPATHs find libraries.
    assert "zlib" not in loaded["PATH"] and "cmake" not in loaded["PATH"]
    assert "LD_LIBRARY_PATH" not in loaded


def test_python_extensions_go_on_pythonpath(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("py-ext")
    install_dag(store, dag)
    site = store.prefix(dag.root_specs[0]) / "lib" / "python3" / "site-packages"
    site.mkdir(parents=True)
    loaded = applied(plan_load(store.database, list(dag.roots), BASE), BASE)
    assert loaded["PYTHONPATH"] == str(site)


def test_unload_restores_the_environment_exactly(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler")
    install_dag(store, dag)
    start = dict(BASE, MANPATH="/usr/share/man", CMAKE_PREFIX_PATH="/opt/mine")
    loaded = applied(plan_load(store.database, list(dag.roots), start), start)
    assert loaded != start
    assert applied(plan_unload(store.database, list(dag.roots), loaded), loaded) == start
    assert applied(plan_unload(store.database, None, loaded), loaded) == start


def test_a_run_dependency_stays_while_another_loaded_spec_needs_it(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    sampler, ext = dags("deptype-sampler"), dags("py-ext")
    install_dag(store, sampler)
    install_dag(store, ext)
    python = hash_of(ext, "python")
    assert python == hash_of(sampler, "python")
    env = applied(plan_load(store.database, list(sampler.roots), BASE), BASE)
    env = applied(plan_load(store.database, list(ext.roots), env), env)
    assert env[LOADED_VAR].split(":") == [sampler.roots[0], python, ext.roots[0]]
    plan = plan_unload(store.database, list(sampler.roots), env)
    after = applied(plan, env)
    assert after[LOADED_VAR].split(":") == [python, ext.roots[0]]
    assert after[LOADED_ROOTS_VAR] == ext.roots[0]
    assert str(store.prefix(ext.nodes[python]) / "bin") in after["PATH"]
    assert str(store.prefix(sampler.root_specs[0]) / "bin") not in after["PATH"]
    # Now python goes with the last spec that ran it.
    final = applied(plan_unload(store.database, list(ext.roots), after), after)
    assert final == BASE


def test_notes_for_loading_twice_and_unloading_what_is_not_loaded(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("zlib")
    install_dag(store, dag)
    env = applied(plan_load(store.database, list(dag.roots), BASE), BASE)
    again = plan_load(store.database, list(dag.roots), env)
    assert any("is already loaded" in note for note in again.notes)
    assert applied(again, env) == env
    nothing = plan_unload(store.database, list(dag.roots), BASE)
    assert any("is not loaded" in note for note in nothing.notes)


def test_unloading_a_spec_uninstalled_since_forgets_it(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("zlib")
    install_dag(store, dag)
    env = applied(plan_load(store.database, list(dag.roots), BASE), BASE)
    store.uninstall(dag.roots[0])
    plan = plan_unload(store.database, list(dag.roots), env)
    after = applied(plan, env)
    assert LOADED_VAR not in after and LOADED_ROOTS_VAR not in after
    assert any("no longer installed" in note for note in plan.notes)
