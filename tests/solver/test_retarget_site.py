"""Issue 15's site B, on the builtin repository: a zen3 lock moved to another site.

The lock holds py-torch+cuda, hdf5+mpi and gromacs+cuda+mpi solved for
linux-debian12-zen3 with gcc@12.2.0. Site B (tests/data/retarget/siteB, a config
scope) has only gcc@11.4.1 for rhel9/aarch64 and its own CUDA 12.4.1, not buildable.
Retargeted to neoverse_v2/rhel9, four things really change (cuda, py-torch's version,
cudnn, fbgemm), gromacs gains its aarch64-only ``sve`` variant and every built node
changes compiler: the report says so in a few grouped entries, each naming the
constraint that decided it and where it is written.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click
import pytest
from click.testing import CliRunner

from rpm_spec.cli.main import CliState, cli
from rpm_spec.cli.retarget_report import WIDTH, report_lines
from rpm_spec.config.scope import DirectoryScope
from rpm_spec.environment.environment import create_environment
from rpm_spec.platform import HostInfo
from rpm_spec.platform import targets as archs
from rpm_spec.session import Session
from rpm_spec.solver.change_causes import short_paths
from rpm_spec.solver.retarget import retarget
from rpm_spec.spec import parse_specs
from rpm_spec.util.paths import BUILTIN_REPO, PREFIX

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.solver.change_groups import ChangeGroup
    from rpm_spec.solver.retarget import Retargeting
    from rpm_spec.spec.concrete import ConcreteDag

SITE_B = PREFIX / "tests" / "data" / "retarget" / "siteB"
ROOTS = ("py-torch+cuda", "hdf5+mpi", "gromacs+cuda+mpi")
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
SITE_B_HOST = HostInfo(platform="linux", os="rhel9", target="neoverse_v2")


def _line_of(package: str, text: str) -> int:
    """The line of ``text`` in a builtin recipe (so the test does not pin line numbers)."""
    return _line_in(BUILTIN_REPO / "packages" / package / "package.py", text)


def _line_in(path: Path, text: str) -> int:
    lines = path.read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _at_site_b(tmp_path: Path, environment: Path | None = None) -> Session:
    session = Session.for_tests(tmp_path, repos=[BUILTIN_REPO], host=ZEN3, environment=environment)
    session.config.insert_scope(DirectoryScope("custom:siteB", SITE_B))
    return session


@pytest.fixture(scope="module")
def site_b(tmp_path_factory: pytest.TempPathFactory) -> tuple[ConcreteDag, Retargeting]:
    tmp_path = tmp_path_factory.mktemp("site-b")
    roots = [spec for text in ROOTS for spec in parse_specs(text)]
    here = Session.for_tests(tmp_path / "a", repos=[BUILTIN_REPO], host=ZEN3)
    lock = here.concretize(roots).dag
    there = _at_site_b(tmp_path / "b")
    return lock, retarget(there.problem(roots, host=SITE_B_HOST, reference=lock), there.repos)


def _group(report: Retargeting, node: str, kind: str) -> ChangeGroup:
    return next(g for g in report.groups if node in g.nodes and g.lead.kind == kind)


def test_the_dag_keeps_what_site_b_allows(site_b: tuple[ConcreteDag, Retargeting]) -> None:
    lock, report = site_b
    dag = report.result.dag
    nodes = {node.name: node for node in dag.nodes.values()}
    assert str(nodes["py-torch"].version) == "2.11.0"
    assert nodes["cuda"].is_external and str(nodes["cuda"].version) == "12.4.1"
    assert "cudnn" not in nodes and "fbgemm" not in nodes["py-torch"].variants
    assert nodes["gromacs"].variants["sve"] == ("true",)
    built = [n for n in nodes.values() if not n.is_external]
    assert {str(n.compiler) for n in built} == {"gcc@11.4.1"}
    # gcc@11.4.1 cannot tune for neoverse_v2 everywhere: an older aarch64 target is fine
    assert all(archs.can_run_on(n.target, "neoverse_v2") for n in nodes.values())
    # every other version and variant of the lock is kept
    for old in lock.nodes.values():
        new = nodes.get(old.name)
        if new is None or old.name in ("py-torch", "cuda"):
            continue
        assert new.version == old.version, old.name
        assert {k: v for k, v in new.variants.items() if k != "sve"} == old.variants, old.name


def test_changes_are_grouped_by_cause_with_the_deciding_constraint(
    site_b: tuple[ConcreteDag, Retargeting],
) -> None:
    _, report = site_b
    compiler = _group(report, "zlib", "compiler")
    assert len(compiler.nodes) >= 78
    assert compiler.cause is not None
    assert compiler.cause.text.startswith("gcc@12.2.0 is not configured for rhel9 aarch64")
    assert compiler.cause.where.startswith("siteB/compilers.yaml:")

    torch = _group(report, "py-torch", "version")
    assert torch.cause is not None
    assert torch.cause.text.startswith("depends_on('cuda@12.6:', when='@2.12:+cuda')")
    assert "external cuda@12.4.1" in torch.cause.text
    line = _line_of("py-torch", 'depends_on("cuda@12.6:"')
    assert torch.cause.where == f"builtin/packages/py-torch/package.py:{line}"

    cuda = _group(report, "cuda", "version")
    line = _line_in(SITE_B / "packages.yaml", "buildable: false")
    assert cuda.cause is not None and cuda.cause.where == f"siteB/packages.yaml:{line}"

    cudnn = _group(report, "cudnn", "variant")
    assert cudnn.nodes == ["cudnn", "py-torch"]
    assert cudnn.cause is not None and "depends_on('cuda@13'" in cudnn.cause.text
    assert cudnn.cause.where.startswith("builtin/packages/cudnn/package.py:")

    fbgemm = next(g for g in report.groups if g.lead.detail == "fbgemm")
    assert fbgemm.cause is not None and "only when 'target=x86_64:'" in fbgemm.cause.text
    sve = next(g for g in report.groups if g.lead.detail == "sve")
    assert sve.cause is not None and "defaults to true" in sve.cause.text
    line = _line_of("gromacs", '"sve",') - 1
    assert sve.cause.where == f"builtin/packages/gromacs/package.py:{line}"

    assert len(report.groups) == 6
    for group in report.groups:
        assert group.cause is not None
        assert "follows from" not in group.cause.text and "/work" not in group.cause.text


def test_the_default_report_is_short_and_fits_100_columns(
    site_b: tuple[ConcreteDag, Retargeting],
) -> None:
    _, report = site_b
    assert report.headline.startswith("81 nodes: 2 versions changed,")
    assert report.headline.endswith(
        f"compiler changed on {len(report.groups[-1].nodes)}, everything else kept"
    )
    lines = report_lines(report.headline, report.groups, verbose=False)
    assert len(lines) <= 15, "\n".join(lines)
    verbose = report_lines(report.headline, report.groups, verbose=True)
    assert len(verbose) > len(lines)
    assert all(len(line) <= WIDTH for line in lines + verbose)
    assert "py-hatchling" not in "\n".join(lines) and "py-hatchling" in "\n".join(verbose)


def test_concretize_closest_to_json_and_env_diff_share_the_entries(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(list(ROOTS))

    def run(session: Session, *args: str) -> str:
        state = CliState((), (), False)
        state._session = session
        command = cli.get_command(click.Context(cli), args[0])
        assert command is not None
        result = CliRunner().invoke(command, list(args[1:]), obj=state)
        assert result.exit_code == 0, f"{result.output}{result.exception!r}"
        return result.output

    here = Session.for_tests(tmp_path, repos=[BUILTIN_REPO], host=ZEN3, environment=directory)
    run(here, "concretize", "--target", "zen3")
    there = _at_site_b(tmp_path, directory)
    wanted = ("concretize", "--target", "neoverse_v2", "--os", "rhel9", "--closest-to", "zen3")
    text = run(there, *wanted)
    report = text.split("==> 81 nodes", 1)[1].splitlines()
    # (the first line names the environment: here a long temporary path)
    assert len(report) <= 15 and all(len(line) <= WIDTH for line in text.splitlines()[1:])
    assert "builtin/packages/py-torch/package.py:" in text

    document = json.loads(run(_at_site_b(tmp_path, directory), *wanted, "--json"))
    entry = next(e for e in document["changes"] if e["nodes"] == ["py-torch"])
    change = entry["changes"][0]
    assert (change["node"], change["attribute"], change["old"]) == (
        "py-torch",
        "version",
        "2.14.1",
    )
    assert entry["cause"]["file"] == "builtin/packages/py-torch/package.py"
    assert change["cause"] == entry["cause"]
    assert isinstance(entry["cause"]["line"], int)

    diff = run(there, "env", "diff", "linux-debian12-zen3", "linux-rhel9-neoverse_v2")
    assert "depends_on('cuda@12.6:', when='@2.12:+cuda')" in diff
    assert "[siteB/compilers.yaml:" in diff


@pytest.mark.parametrize(
    ("text", "short"),
    [
        # A -C directory given relative to the working directory, as a user types it.
        ("[tests/data/retarget/siteB/packages.yaml:4]", "[siteB/packages.yaml:4]"),
        ("(/srv/site/siteB/compilers.yaml:3)", "(siteB/compilers.yaml:3)"),
        ("in '/r/builtin/packages/zlib/package.py'", "in 'builtin/packages/zlib/package.py'"),
        ("siteB/packages.yaml:4", "siteB/packages.yaml:4"),
    ],
)
def test_paths_in_causes_are_relative_to_their_scope_or_repo(text: str, short: str) -> None:
    assert short_paths(text) == short
