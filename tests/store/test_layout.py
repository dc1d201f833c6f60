"""Prefix layout: projections, compiler spelling, externals, and rejected projections."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from store_fakes import install

from rpm_spec.session import Session
from rpm_spec.store import Layout, LayoutError, Store
from rpm_spec.store.layout import PLACEHOLDER, pad_root

if TYPE_CHECKING:
    from collections.abc import Callable

    from rpm_spec.spec.concrete import ConcreteDag


def test_default_projection(dags: Callable[..., ConcreteDag]) -> None:
    libelf = dags("mpileaks").by_name("libelf")
    assert libelf is not None
    prefix = Layout(Path("/store")).prefix_for(libelf)
    assert prefix == Path(f"/store/linux-zen3/gcc-12.2.0/libelf-0.8.12-{libelf.hash}")
    assert Layout.metadata_dir(prefix) == prefix / ".rpm-spec"


def test_custom_projection_with_a_short_hash(dags: Callable[..., ConcreteDag]) -> None:
    libelf = dags("mpileaks").by_name("libelf")
    assert libelf is not None
    layout = Layout(Path("/sw"), "{os}/{namespace}/{name}/{version}-{hash:7}")
    assert layout.relative_path(libelf) == Path(f"debian12/mock/libelf/0.8.12-{libelf.hash[:7]}")


def test_externals_keep_their_prefix(dags: Callable[..., ConcreteDag]) -> None:
    zlib = dags("deptype-sampler", external_zlib=True).by_name("zlib")
    assert zlib is not None and zlib.is_external
    assert Layout(Path("/store")).prefix_for(zlib) == Path("/opt/site/zlib")


@pytest.mark.parametrize(
    ("projection", "message"),
    [
        ("{name}-{version}", r"has no \{hash\}"),
        ("{name}-{flavour}-{hash}", r"unknown placeholder\(s\) \{flavour\}"),
        ("../{name}-{hash}", "must stay below the root"),
        ("/abs/{name}-{hash}", "must stay below the root"),
    ],
)
def test_bad_projections_are_refused(projection: str, message: str) -> None:
    with pytest.raises(LayoutError, match=message):
        Layout(Path("/store"), projection)


def test_a_padded_prefix_is_the_padded_length_plus_the_projection(
    dags: Callable[..., ConcreteDag],
) -> None:
    libelf = dags("mpileaks").by_name("libelf")
    assert libelf is not None
    layout = Layout(Path("/sw/store"), padded_length=128)
    prefix = layout.prefix_for(libelf)
    relative = layout.relative_path(libelf)
    assert len(str(layout.padded_root)) == 128
    assert prefix == layout.padded_root / relative
    assert len(str(prefix)) == 128 + 1 + len(str(relative))
    padding = layout.padded_root.relative_to(Path("/sw/store")).parts
    assert all(part and PLACEHOLDER.startswith(part) for part in padding)
    assert Layout(Path("/sw/store")).padded_root == Path("/sw/store")


@pytest.mark.parametrize("length", range(9, 75))
def test_padding_reaches_every_length_exactly(length: int) -> None:
    root = Path("/a/store")
    if length == len(str(root)) + 1:
        with pytest.raises(LayoutError, match="one character longer than the root"):
            pad_root(root, length)
        return
    padded = pad_root(root, length)
    assert len(str(padded)) == length
    assert padded.is_relative_to(root)
    assert all(part for part in padded.parts)


def test_a_root_longer_than_the_padding_is_kept() -> None:
    assert pad_root(Path("/a/store"), 5) == Path("/a/store")
    assert pad_root(Path("/a/store"), 0) == Path("/a/store")


def test_the_config_pads_the_store_but_not_its_database(tmp_path: Path) -> None:
    session = Session.for_tests(
        tmp_path, config={"config": {"install_tree": {"padded_length": 150}}}
    )
    store = session.store
    assert store.root == tmp_path / "store"
    assert len(str(store.layout.padded_root)) == 150
    assert store.layout.padded_root.is_relative_to(store.root)
    assert store.database.directory.parent == store.root


def test_reindex_finds_prefixes_below_the_padding(tmp_path: Path) -> None:
    config = {"config": {"install_tree": {"padded_length": 200}}}
    session = Session.for_tests(tmp_path, config=config)
    dag = install(session, "mpileaks")
    prefixes = {record.prefix for record in session.store.select()}
    assert all(
        len(str(p)) > 200 and p.is_relative_to(session.store.layout.padded_root) for p in prefixes
    )
    shutil.rmtree(session.store.database.directory)
    fresh = Store(session.store.root, session.store.layout)
    report = fresh.reindex()
    assert report.installed == len(dag.nodes) == len(prefixes)
    assert {record.prefix for record in fresh.select()} == prefixes
