"""The install database: records, queries through the stored DAG, removal rules, and
correctness under concurrent writers and writers killed mid-way."""

from __future__ import annotations

import json
import multiprocessing
import re
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from store_fakes import install_dag
from store_workers import add_many, die_while_writing, read_until, synthetic_node

from rpm_spec.errors import RpmSpecError
from rpm_spec.spec import parse_spec
from rpm_spec.store import (
    Database,
    DatabaseError,
    HasDependentsError,
    MissingDependencyError,
    NotInstalledError,
    Store,
)
from rpm_spec.util.fs import leftover_temporaries

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.spec.concrete import ConcreteDag

SPAWN = multiprocessing.get_context("spawn")


def names(records: list[Any]) -> list[str]:
    return [record.spec.name for record in records]


def query(store: Store, text: str, **kwargs: Any) -> list[str]:
    return names(store.database.query(parse_spec(text) if text else None, **kwargs))


# -- registering ----------------------------------------------------------------------


def test_add_get_and_records(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    root = dag.root_specs[0]
    record = store.database.get(root.hash)
    assert record is not None
    assert record.explicit and not record.external
    assert record.prefix == store.prefix(root)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.installed_at)
    assert names(store.database.records()) == [
        "callpath",
        "dyninst",
        "libdwarf",
        "libelf",
        "mpich",
        "mpileaks",
    ]
    assert {s.hash for s in store.database.installed_specs()} == set(dag.nodes)
    document = json.loads(store.database.index_path.read_text())
    assert document["format"] == 1
    assert document["installs"][root.hash]["prefix"] == str(record.prefix)
    assert document["installs"][root.hash]["spec"] == root.to_dict()


def test_dependencies_must_be_registered_first(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    root = dags("mpileaks").root_specs[0]
    with pytest.raises(
        MissingDependencyError, match=r"cannot register mpileaks/\w{7}: .*callpath/"
    ):
        store.database.add(root, store.prefix(root), explicit=True)
    assert store.database.records() == []


def test_adding_again_keeps_the_record_and_can_make_it_explicit(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    libelf = dag.by_name("libelf")
    assert libelf is not None
    first = store.database.get(libelf.hash)
    assert first is not None and not first.explicit
    again = store.database.add(libelf, Path("/elsewhere"), explicit=True)
    assert again.prefix == first.prefix and again.installed_at == first.installed_at
    assert again.explicit
    assert store.database.set_explicit(libelf.hash, False).explicit is False
    with pytest.raises(NotInstalledError, match="is not installed"):
        store.database.set_explicit("x" * 32, True)


def test_externals_are_registered_with_their_own_prefix(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler", external_zlib=True)
    install_dag(store, dag)
    zlib = store.database.query(parse_spec("zlib"))
    assert len(zlib) == 1
    assert zlib[0].external and zlib[0].prefix == Path("/opt/site/zlib")


# -- queries ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mpileaks_store(
    tmp_path_factory: pytest.TempPathFactory, dags: Callable[..., ConcreteDag]
) -> Store:
    """A store holding the mpileaks DAG, shared by tests that only read it."""
    store = Store(tmp_path_factory.mktemp("mpileaks") / "store")
    install_dag(store, dags("mpileaks"))
    return store


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["callpath", "dyninst", "libdwarf", "libelf", "mpich", "mpileaks"]),
        ("libelf", ["libelf"]),
        ("libelf@0.8", ["libelf"]),
        ("libelf@0.9:", []),
        ("%gcc@12", ["callpath", "dyninst", "libdwarf", "libelf", "mpich", "mpileaks"]),
        ("%clang", []),
        ("target=zen3", ["callpath", "dyninst", "libdwarf", "libelf", "mpich", "mpileaks"]),
        ("target=x86_64:", ["callpath", "dyninst", "libdwarf", "libelf", "mpich", "mpileaks"]),
        ("os=rhel9", []),
        ("^libelf", ["callpath", "dyninst", "libdwarf", "mpileaks"]),
        ("^libelf@0.9", []),
        ("callpath ^mpich@4", ["callpath"]),
        ("callpath ^mpich@3", []),
        ("mpileaks ^mpi", ["mpileaks"]),
        ("mpi", ["mpich"]),
        ("mpi@1:", ["mpich"]),
    ],
)
def test_query(mpileaks_store: Store, text: str, expected: list[str]) -> None:
    assert query(mpileaks_store, text) == expected


def test_query_by_hash_prefix_and_variants(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    dag = dags("deptype-sampler")
    install_dag(store, dag)
    zlib = dag.by_name("zlib")
    assert zlib is not None
    assert query(store, f"/{zlib.hash[:5]}") == ["zlib"]
    assert query(store, f"zlib/{zlib.hash[:7]}") == ["zlib"]
    assert query(store, "/zzzzzzz") == []
    assert query(store, "zlib+shared~pic") == ["zlib"]
    assert query(store, "zlib+pic") == []


def test_query_explicit_and_implicit(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    install_dag(store, dags("mpileaks"))
    assert query(store, "", explicit=True) == ["mpileaks"]
    assert "mpileaks" not in query(store, "", explicit=False)
    assert query(store, "^mpich", explicit=False) == ["callpath"]


def test_dependents(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    mpich = dag.by_name("mpich")
    assert mpich is not None
    assert names(store.database.dependents(mpich.hash)) == ["callpath", "mpileaks"]
    assert names(store.database.dependents(mpich.hash, deptypes=["run"])) == []


# -- removing -----------------------------------------------------------------------


def test_remove_refuses_while_something_links_to_it(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    libelf = dag.by_name("libelf")
    assert libelf is not None
    with pytest.raises(HasDependentsError) as raised:
        store.database.remove(libelf.hash)
    assert "will not uninstall libelf@0.8.12" in str(raised.value)
    assert "libdwarf@0.9 /" in str(raised.value)
    assert raised.value.hint and "--dependents" in raised.value.hint
    assert store.is_installed(libelf.hash)
    with pytest.raises(NotInstalledError):
        store.database.remove("a" * 32)


def test_forced_removal_keeps_the_stored_dag_complete(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    libelf = dag.by_name("libelf")
    assert libelf is not None
    store.database.remove(libelf.hash, force=True)
    assert not store.is_installed(libelf.hash)
    assert [s.name for s in store.database.retained_specs()] == ["libelf"]
    assert query(store, "^libelf") == ["callpath", "dyninst", "libdwarf", "mpileaks"]
    store.database.add(libelf, store.prefix(libelf), explicit=False)
    assert store.database.retained_specs() == []


def test_build_only_dependencies_can_go_and_are_remembered(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("deptype-sampler")
    install_dag(store, dag)
    cmake = dag.by_name("cmake")
    assert cmake is not None
    store.database.remove(cmake.hash)
    assert query(store, "^cmake@3.30") == ["deptype-sampler"]
    assert [s.name for s in store.database.retained_specs()] == ["cmake"]
    store.database.remove(dag.roots[0])
    assert store.database.retained_specs() == []


# -- the file -------------------------------------------------------------------------


def test_reads_are_cached_until_the_file_changes(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    install_dag(store, dags("mpileaks"))
    first = store.database.snapshot()
    assert store.database.snapshot() is first
    other = Database(store.root)
    other.set_explicit(dags("mpileaks").roots[0], False)
    assert store.database.snapshot() is not first
    assert query(store, "", explicit=True) == []


def test_a_damaged_index_says_how_to_recover(store: Store) -> None:
    store.database.directory.mkdir(parents=True)
    store.database.index_path.write_text('{"format": 1, "installs": {"x": ')
    with pytest.raises(DatabaseError, match="is damaged") as raised:
        store.database.records()
    assert raised.value.hint and "rpm-spec reindex" in raised.value.hint
    with pytest.raises(DatabaseError):
        store.database.set_explicit("x", True)


def test_an_unknown_format_is_refused(store: Store) -> None:
    store.database.directory.mkdir(parents=True)
    store.database.index_path.write_text('{"format": 99, "installs": {}}')
    with pytest.raises(DatabaseError, match="unsupported format 99"):
        store.database.records()


def test_an_index_naming_missing_dependencies_is_damaged(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    document = json.loads(store.database.index_path.read_text())
    libelf = dag.by_name("libelf")
    assert libelf is not None
    del document["installs"][libelf.hash]
    store.database.index_path.write_text(json.dumps(document))
    with pytest.raises(DatabaseError, match="libelf/"):
        Database(store.root).records()


def test_an_unusable_tree_is_a_clear_error(tmp_path: Path, dags: Callable[..., Any]) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    database = Database(blocker)
    spec = dags("mpileaks").by_name("libelf")
    with pytest.raises(RpmSpecError, match=r"cannot lock .*not-a-dir/\.rpm-spec-db/lock"):
        database.add(spec, tmp_path / "p", explicit=True)
    with pytest.raises(DatabaseError, match=r"cannot read the install database .*Not a directory"):
        database.records()


# -- concurrency and crashes -----------------------------------------------------------


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    workers, count = 6, 25
    shared = [synthetic_node("common", i).to_dict() for i in range(5)]
    stop = SPAWN.Event()
    reader = SPAWN.Process(target=read_until, args=(str(root), stop))
    reader.start()
    writers = [
        SPAWN.Process(target=add_many, args=(str(root), worker, count, shared))
        for worker in range(workers)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
    stop.set()
    reader.join(60)
    assert [p.exitcode for p in writers] == [0] * workers
    assert reader.exitcode == 0
    records = Database(root).records()
    assert len(records) == workers * count + len(shared)
    for worker in range(workers):
        assert sum(r.spec.name == f"pkg-{worker}" for r in records) == count
    assert not leftover_temporaries(root / ".rpm-spec-db" / "index.json")


@pytest.mark.parametrize("at", ["fsync", "replace"])
def test_a_writer_killed_mid_write_leaves_the_index_intact(tmp_path: Path, at: str) -> None:
    root = tmp_path / "store"
    database = Database(root)
    kept = synthetic_node("kept", 0)
    database.add(kept, root / "kept", explicit=True)
    before = database.index_path.read_text()
    doomed = synthetic_node("doomed", 0)
    process = SPAWN.Process(target=die_while_writing, args=(str(root), doomed.to_dict(), at))
    process.start()
    process.join(60)
    assert process.exitcode == -signal.SIGKILL
    assert database.index_path.read_text() == before
    assert leftover_temporaries(database.index_path), "the kill left its temporary"
    assert names(Database(root).records()) == ["kept"]
    # The lock died with the writer, and the next writer clears its debris.
    fresh = Database(root, lock_timeout_s=10)
    fresh.add(doomed, root / "doomed", explicit=True)
    assert names(fresh.records()) == ["doomed", "kept"]
    assert not leftover_temporaries(database.index_path)


def test_a_damaged_record_is_reported_when_read(
    store: Store, dags: Callable[..., ConcreteDag]
) -> None:
    dag = dags("mpileaks")
    install_dag(store, dag)
    libelf, mpich = dag.by_name("libelf"), dag.by_name("mpich")
    assert libelf is not None and mpich is not None
    document = json.loads(store.database.index_path.read_text())
    document["installs"][libelf.hash]["spec"]["version"] = "9.9"  # no longer its hash
    store.database.index_path.write_text(json.dumps(document))
    fresh = Database(store.root)
    assert fresh.get(mpich.hash) is not None  # one record is parsed on its own
    with pytest.raises(DatabaseError, match="hash mismatch for libelf"):
        fresh.get(libelf.hash)
    with pytest.raises(DatabaseError, match="is damaged"):
        fresh.records()
