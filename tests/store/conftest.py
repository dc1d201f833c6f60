"""Fixtures of the store tests: concretized mock DAGs (solved once per run), a fresh store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from store_fakes import concretize

from rpm_spec.session import Session
from rpm_spec.store import Store

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag

#: An external zlib, to have an external node in DAGs that link zlib.
EXTERNAL_ZLIB = {
    "packages": {
        "zlib": {
            "externals": [{"spec": "zlib@1.3.1", "prefix": "/opt/site/zlib"}],
            "buildable": False,
        }
    }
}


@pytest.fixture(scope="session")
def dags(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., ConcreteDag]:
    """``dags("mpileaks")``: the DAG of a request on the mock repo, with an empty store;
    ``dags(text, external_zlib=True)`` with zlib as an external."""
    plain = Session.for_tests(tmp_path_factory.mktemp("solve"))
    external = Session.for_tests(tmp_path_factory.mktemp("solve-ext"), config=EXTERNAL_ZLIB)
    cache: dict[tuple[str, bool], ConcreteDag] = {}

    def get(text: str, *, external_zlib: bool = False) -> ConcreteDag:
        key = (text, external_zlib)
        if key not in cache:
            cache[key] = concretize(external if external_zlib else plain, text)
        return cache[key]

    return get


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")
