"""Rebuilding the database from prefixes: what is kept, what is skipped, and why."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

from store_fakes import install_dag

from rpm_spec.store import Store
from rpm_spec.store.provenance import COMPLETE_MARKER

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.spec.concrete import ConcreteDag


def records(store: Store) -> dict[str, tuple[str, bool, str]]:
    return {r.hash: (r.spec.name, r.explicit, r.installed_at) for r in store.database.records()}


def test_reindex_restores_a_lost_database(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    install_dag(store, dags("mpileaks"))
    before = records(store)
    shutil.rmtree(store.root / ".rpm-spec-db")
    fresh = Store(store.root)
    assert fresh.database.records() == []
    report = fresh.reindex()
    assert (report.installed, report.externals, report.retained) == (6, 0, 0)
    assert report.notes == ()
    # Explicit = nothing installed depends on it; times come from the markers.
    assert records(fresh) == before


def test_reindex_keeps_explicit_flags_from_the_old_index(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    libelf = dag.by_name("libelf")
    assert libelf is not None
    store.database.set_explicit(libelf.hash, True)
    store.reindex()
    record = store.database.get(libelf.hash)
    assert record is not None and record.explicit


def test_reindex_repairs_a_damaged_index(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    install_dag(store, dags("mpileaks"))
    store.database.index_path.write_text("{ not json")
    report = store.reindex()
    assert report.installed == 6
    assert len(store.database.records()) == 6


def test_incomplete_and_unreadable_prefixes_are_skipped(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    root = dag.root_specs[0]
    prefix = store.prefix(root)
    (prefix / ".rpm-spec" / COMPLETE_MARKER).unlink()
    dwarf = dag.by_name("libdwarf")
    assert dwarf is not None
    (store.prefix(dwarf) / ".rpm-spec" / "spec.json").write_text("{}")
    report = store.reindex()
    notes = "\n".join(report.notes)
    assert f"skipped {prefix}: its install did not complete" in notes
    assert f"skipped {store.prefix(dwarf)}: cannot read" in notes
    assert "dropped mpileaks@2.1" in notes and "dropped libdwarf@0.9" in notes
    assert "dyninst@9.3" in notes and "needs libdwarf" in notes
    names = sorted(r.spec.name for r in store.database.records())
    assert names == ["callpath", "dyninst", "libelf", "mpich"]
    # The DAG stays whole: the missing node is remembered from dyninst's spec.json.
    assert [s.name for s in store.database.retained_specs()] == ["libdwarf"]


def test_externals_come_back_from_the_dags_that_use_them(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler", external_zlib=True)
    install_dag(store, dag)
    cmake = dag.by_name("cmake")
    assert cmake is not None
    store.uninstall(cmake.hash)
    shutil.rmtree(store.root / ".rpm-spec-db")
    fresh = Store(store.root)
    report = fresh.reindex()
    assert (report.installed, report.externals, report.retained) == (2, 1, 1)
    zlib = fresh.database.query(None)
    assert {r.spec.name: r.external for r in zlib} == {
        "deptype-sampler": False,
        "python": False,
        "zlib": True,
    }
    index = json.loads(fresh.database.index_path.read_text())
    assert list(index["retained"]) == [cmake.hash]
