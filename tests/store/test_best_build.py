"""The best installed build for the host: the CPU (archspec), RPM_SPEC_TARGET, the GPU.

The host is fixed through the Session; three builds of one package exist (x86_64,
x86_64_v3, zen3), as a store shared by login, GPU and older nodes would hold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from rpm_spec.platform import GpuInfo, HostInfo
from rpm_spec.platform.cpu_features import missing_features
from rpm_spec.session import Session
from rpm_spec.spec import parse_spec
from rpm_spec.store.best_build import NoRunnableBuildError, choose_build, pick_build
from synthetic_installs import node, register

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.store.records import InstallRecord

TARGETS = ("x86_64", "x86_64_v3", "zen3")


def _builds(tmp_path: Path, target: str, **host: object) -> tuple[Session, list[InstallRecord]]:
    session = Session.for_tests(
        tmp_path, host=HostInfo(platform="linux", os="debian12", target=target, **host)
    )
    register(session.store, [node("solver", target=t) for t in TARGETS])
    return session, session.store.database.query(parse_spec("solver"))


@pytest.mark.parametrize(
    ("host", "chosen", "note"),
    [
        ("zen2", "x86_64_v3", "solver: best available for zen2: x86_64_v3"),
        ("zen4", "zen3", "solver: best available for zen4: zen3"),
        ("core2", "x86_64", "solver: best available for core2: x86_64"),
        ("zen3", "zen3", "solver: the zen3 build matches zen3"),
    ],
)
def test_the_most_specific_build_the_host_runs(
    tmp_path: Path, host: str, chosen: str, note: str
) -> None:
    session, records = _builds(tmp_path, host)
    choice = choose_build(records, session.host, {})
    assert choice.record.spec.target == chosen
    assert choice.note == note


def test_another_architecture_lists_the_builds_that_exist(tmp_path: Path) -> None:
    session, records = _builds(tmp_path, "neoverse_v2")
    with pytest.raises(NoRunnableBuildError) as raised:
        choose_build(records, session.host, {})
    message = str(raised.value)
    assert "no build of solver for aarch64 (neoverse_v2)" in message
    assert "x86_64 (x86_64), x86_64_v3 (x86_64), zen3 (x86_64)" in message


def test_rpm_spec_target_naming_a_build_the_cpu_cannot_run_is_refused(tmp_path: Path) -> None:
    session, records = _builds(tmp_path, "zen2")
    lacking = missing_features("zen3", "zen2")
    assert lacking == ["pku", "vaes", "vpclmulqdq"]  # archspec's data, as of this archspec
    with pytest.raises(NoRunnableBuildError) as raised:
        choose_build(records, session.host, {"RPM_SPEC_TARGET": "zen3"})
    assert str(raised.value) == (
        "RPM_SPEC_TARGET=zen3 selects the zen3 build of solver, which this zen2 CPU "
        f"cannot run: it lacks {', '.join(lacking)}"
    )
    assert "unset RPM_SPEC_TARGET" in (raised.value.hint or "")


def test_rpm_spec_target_may_choose_an_older_build(tmp_path: Path) -> None:
    session, records = _builds(tmp_path, "zen3")
    choice = choose_build(records, session.host, {"RPM_SPEC_TARGET": "x86_64_v3"})
    assert choice.record.spec.target == "x86_64_v3"
    assert choice.note == "solver: the x86_64_v3 build matches x86_64_v3 (RPM_SPEC_TARGET)"


def test_a_single_build_the_cpu_cannot_run_is_refused_with_its_features(
    tmp_path: Path,
) -> None:
    session = Session.for_tests(
        tmp_path, host=HostInfo(platform="linux", os="debian12", target="haswell")
    )
    register(session.store, [node("solver", target="zen3")])
    records = session.store.database.query(parse_spec("solver"))
    with pytest.raises(NoRunnableBuildError) as raised:
        pick_build(records, session.host, {})
    lacking = ", ".join(missing_features("zen3", "haswell"))
    assert str(raised.value) == f"no build of solver runs on haswell: zen3 needs {lacking}"


def test_a_cuda_build_the_gpu_cannot_run_is_refused_naming_its_capability(
    tmp_path: Path,
) -> None:
    session = Session.for_tests(
        tmp_path,
        host=HostInfo(
            platform="linux", os="debian12", target="zen3", gpus=(GpuInfo("nvidia", "80"),)
        ),
    )
    register(session.store, [node("md", target="zen3", variants={"cuda_arch": ("90",)})])
    records = session.store.database.query(parse_spec("md"))
    with pytest.raises(NoRunnableBuildError) as raised:
        pick_build(records, session.host, {})
    assert "needs compute capability 9.0; this GPU has 8.0" in str(raised.value)


def test_the_build_for_the_gpu_is_chosen_among_gpu_builds(tmp_path: Path) -> None:
    session = Session.for_tests(
        tmp_path,
        host=HostInfo(
            platform="linux", os="debian12", target="zen3", gpus=(GpuInfo("nvidia", "86"),)
        ),
    )
    register(
        session.store,
        [node("md", target="zen3", variants={"cuda_arch": (arch,)}) for arch in ("80", "90")],
    )
    records = session.store.database.query(parse_spec("md"))
    choice = pick_build(records, session.host, {})
    assert choice is not None
    assert choice.record.spec.variants["cuda_arch"] == ("80",)


def test_builds_that_differ_otherwise_are_left_to_the_ambiguity_error(tmp_path: Path) -> None:
    session = Session.for_tests(tmp_path)
    register(
        session.store,
        [node("solver", "1.0", target="zen3"), node("solver", "2.0", target="zen3")],
    )
    records = session.store.database.query(parse_spec("solver"))
    assert pick_build(records, session.host, {}) is None
