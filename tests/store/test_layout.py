"""Prefix layout: projections, compiler spelling, externals, and rejected projections."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.store import Layout, LayoutError

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
