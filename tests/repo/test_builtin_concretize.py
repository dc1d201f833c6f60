"""Every builtin recipe concretizes with its default variants on x86_64 and on aarch64.

One test per (package, host), so a failure names the package. The hosts are the
two a GPU cluster most often mixes: AMD Zen 3 nodes and NVIDIA Grace
(Neoverse V2). A recipe documented as x86_64-only, by an unconditional
``conflicts("target=aarch64:", msg=...)``, must instead fail on aarch64, and the
error must carry that message; on aarch64 no x86_64 node may slip into a DAG.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import archspec.cpu
import pytest

from rpm_spec.platform import HostInfo
from rpm_spec.repo import Repository
from rpm_spec.session import Session
from rpm_spec.solver import UnsatisfiableError
from rpm_spec.spec import parse_spec
from rpm_spec.util.paths import BUILTIN_REPO

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata

HOSTS = {
    "zen3": HostInfo(platform="linux", os="debian12", target="zen3"),
    "neoverse_v2": HostInfo(platform="linux", os="debian12", target="neoverse_v2"),
}
#: What a site without GPUs on its login nodes configures, so that CUDA-only recipes
#: (default +cuda) have an architecture; the hosts themselves report no GPU.
#: ROCm is used from the site's installation (its recipes refuse a source build, see
#: repos/builtin/README.md), so the site's /opt/rocm is declared as externals.
ROCM_EXTERNALS = {
    name: {"buildable": False, "externals": [{"spec": f"{name}@{version}", "prefix": "/opt/rocm"}]}
    for name, version in (
        ("hip", "6.4.3"),
        ("hsa-rocr-dev", "6.4.3"),
        ("rocblas", "6.4.3"),
        ("hipblas", "6.4.3"),
        ("hipsparse", "6.4.3"),
        ("miopen", "6.4.2"),
    )
}
CONFIG = {"concretizer": {"cuda_arch": ["90"]}, "packages": ROCM_EXTERNALS}
AARCH64_CONFLICT = str(parse_spec("target=aarch64:"))
PACKAGES = sorted(
    path.name for path in (BUILTIN_REPO / "packages").iterdir() if (path / "package.py").is_file()
)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Session]:
    """One session per host, shared by the module so the recipe index is built once each."""
    return {
        name: Session.for_tests(
            tmp_path_factory.mktemp(f"builtin-{name}"),
            repos=[BUILTIN_REPO],
            host=host,
            config=CONFIG,
        )
        for name, host in HOSTS.items()
    }


@pytest.fixture(scope="module")
def recipes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RecipeMetadata]:
    repo = Repository(BUILTIN_REPO, cache_dir=tmp_path_factory.mktemp("builtin-index"))
    return {metadata.name: metadata for metadata in repo.all_metadata()}


def x86_only_message(metadata: RecipeMetadata) -> str | None:
    """The msg of the recipe's unconditional aarch64 conflict, or None if it has none."""
    for decl in metadata.conflicts:
        if decl.when is None and decl.spec == AARCH64_CONFLICT:
            return decl.msg or ""
    return None


def test_every_package_is_listed() -> None:
    """Guards the parametrization below against an empty or misread repository."""
    assert len(PACKAGES) > 50
    assert {"openblas", "hdf5", "python"} <= set(PACKAGES)


@pytest.mark.parametrize("host", sorted(HOSTS))
@pytest.mark.parametrize("package", PACKAGES)
def test_package_concretizes(
    package: str,
    host: str,
    sessions: dict[str, Session],
    recipes: dict[str, RecipeMetadata],
) -> None:
    session = sessions[host]
    message = x86_only_message(recipes[package])
    if host == "neoverse_v2" and message is not None:
        with pytest.raises(UnsatisfiableError) as caught:
            session.concretize([parse_spec(package)], request_text=package)
        assert message in str(caught.value), str(caught.value)
        return
    dag = session.concretize([parse_spec(package)], request_text=package).dag
    root = dag.by_name(package)
    assert root is not None, f"{package} is missing from its own DAG"
    assert root.target == HOSTS[host].target
    family = archspec.cpu.TARGETS[HOSTS[host].target].family.name
    foreign = sorted(
        f"{node.name} ({node.target})"
        for node in dag.nodes.values()
        if not node.is_external and archspec.cpu.TARGETS[node.target].family.name != family
    )
    assert not foreign, f"{package} on {host} has nodes for another architecture: {foreign}"


def test_x86_only_recipes_are_declared(recipes: dict[str, RecipeMetadata]) -> None:
    """intel-oneapi-mkl is the reference x86_64-only recipe; its conflict says why."""
    message = x86_only_message(recipes["intel-oneapi-mkl"])
    assert message, "intel-oneapi-mkl must conflict with target=aarch64: and say why"
