"""A registered prefix that was deleted or damaged is not installed any more."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from store_fakes import install_dag

from rpm_spec.store import PrefixState, check_prefix
from rpm_spec.store.layout import METADATA_DIR
from rpm_spec.store.provenance import COMPLETE_MARKER, SPEC_FILE

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag
    from rpm_spec.store import InstallRecord, Store


@pytest.fixture
def libelf(store: Store, dags: Callable[..., ConcreteDag]) -> InstallRecord:
    records = install_dag(store, dags("mpileaks"))
    return next(r for r in records.values() if r.spec.name == "libelf")


def test_an_intact_prefix(store: Store, libelf: InstallRecord) -> None:
    assert check_prefix(libelf).intact
    assert store.is_installed(libelf.hash)


def test_a_deleted_prefix_is_missing(store: Store, libelf: InstallRecord) -> None:
    shutil.rmtree(libelf.prefix)
    check = store.check(libelf)
    assert check.state is PrefixState.MISSING
    assert str(libelf.prefix) in check.reason
    assert not store.is_installed(libelf.hash)
    assert store.database.get(libelf.hash) is not None  # still registered


def _spec_file(record: InstallRecord) -> Path:
    return record.prefix / METADATA_DIR / SPEC_FILE


def _other_hash(store: Store, record: InstallRecord) -> str:
    return next(r.hash for r in store.database.records() if r.hash != record.hash)


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda store, record: _spec_file(record).unlink(), "spec.json is missing"),
        (lambda store, record: _spec_file(record).write_text("{not json"), "is unreadable"),
        (lambda store, record: _spec_file(record).write_text("[]"), "not a spec document"),
        (
            lambda store, record: _spec_file(record).write_text(
                json.dumps({"roots": [_other_hash(store, record)], "nodes": {}})
            ),
            "holds another spec",
        ),
        (
            lambda store, record: _spec_file(record).write_text(
                _spec_file(record).read_text().replace('"0.8.12"', '"0.8.13"')
            ),
            "does not match its hash",
        ),
        (
            lambda store, record: (record.prefix / METADATA_DIR / COMPLETE_MARKER).unlink(),
            "install-complete is missing",
        ),
    ],
    ids=["no-spec", "not-json", "not-a-dag", "other-spec", "edited", "no-marker"],
)
def test_a_damaged_prefix(
    store: Store,
    libelf: InstallRecord,
    damage: Callable[[Store, InstallRecord], object],
    words: str,
) -> None:
    damage(store, libelf)
    check = store.check(libelf)
    assert check.state is PrefixState.DAMAGED
    assert words in check.reason
    assert not store.is_installed(libelf.hash)


def test_externals_are_not_checked(store: Store, dags: Callable[..., ConcreteDag]) -> None:
    records = install_dag(store, dags("deptype-sampler", external_zlib=True))
    zlib = next(r for r in records.values() if r.spec.name == "zlib")
    assert zlib.external and not zlib.prefix.exists()
    assert store.check(zlib).intact
