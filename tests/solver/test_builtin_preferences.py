"""Issue 11's acceptance on the builtin repository: provider preferences rank above
version age of non-roots, and a requirement on a virtual picks its provider."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs
from rpm_spec.util.paths import BUILTIN_REPO

if TYPE_CHECKING:
    from pathlib import Path

HOST = HostInfo(platform="linux", os="debian12", target="zen3")


def _providers(tmp_path: Path, packages: dict[str, Any], request: str) -> dict[str, str]:
    session = Session.for_tests(
        tmp_path, repos=[BUILTIN_REPO], config={"packages": packages}, host=HOST
    )
    dag = session.concretize(parse_specs(request), request_text=request).dag
    found: dict[str, str] = {}
    for node in dag.nodes.values():
        for edge in node.dependencies:
            for virtual in edge.virtuals:
                found[virtual] = dag.nodes[edge.hash].name
    return found


@pytest.mark.parametrize(
    ("packages", "virtual", "provider"),
    [
        ({"all": {"providers": {"mpi": ["openmpi", "mpich"]}}}, "mpi", "openmpi"),
        ({"all": {"providers": {"mpi": ["mpich", "openmpi"]}}}, "mpi", "mpich"),
        ({"mpi": {"require": "openmpi"}}, "mpi", "openmpi"),
        ({"mpi": {"require": "mpich"}}, "mpi", "mpich"),
        ({"zlib-api": {"require": "zlib-ng"}}, "zlib-api", "zlib-ng"),
    ],
)
def test_hdf5_mpi_provider(
    tmp_path: Path, packages: dict[str, Any], virtual: str, provider: str
) -> None:
    assert _providers(tmp_path, packages, "hdf5+mpi")[virtual] == provider
