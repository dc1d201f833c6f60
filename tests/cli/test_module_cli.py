"""``rpm-spec module lmod|tcl refresh|find`` on mock installs."""

from __future__ import annotations

from pathlib import Path

from store_cli import MOCK_REPO, install, invoke

from rpm_spec.cli.module import module
from rpm_spec.session import Session


def _session(tmp_path: Path) -> Session:
    roots = {"lmod": str(tmp_path / "lmod"), "tcl": str(tmp_path / "tcl")}
    return Session.for_tests(
        tmp_path, repos=[MOCK_REPO], config={"modules": {"default": {"roots": roots}}}
    )


def test_lmod_refresh_and_find(tmp_path: Path) -> None:
    session = _session(tmp_path)
    dag = install(session, "mpileaks")
    result = invoke(module, ["lmod", "refresh", "-y"], session)
    assert result.exit_code == 0, result.output
    assert f"==> lmod: wrote {len(dag.nodes)}, unchanged 0, removed 0" in result.output
    mpi = next(n for n in dag.nodes.values() if n.name in ("mpich", "zmpi"))
    found = invoke(module, ["lmod", "find", "--full-path", "mpileaks"], session)
    assert found.exit_code == 0, found.output
    # The MPI is a hierarchy level (modules.yaml's default hierarchy: [mpi]).
    assert f"/{mpi.name}/{mpi.version}/Core/mpileaks/" in found.stdout
    mpi_file = invoke(module, ["lmod", "find", "--full-path", mpi.name], session).stdout.strip()
    assert 'family("mpi")' in Path(mpi_file).read_text()
    names = invoke(module, ["lmod", "find", "mpileaks"], session).stdout
    assert names == f"mpileaks/{dag.root_specs[0].version}\n"
    again = invoke(module, ["lmod", "refresh"], session)
    assert f"wrote 0, unchanged {len(dag.nodes)}, removed 0" in again.output


def test_tcl_refresh_and_find_of_nothing_installed(tmp_path: Path) -> None:
    session = _session(tmp_path)
    install(session, "zlib")
    result = invoke(module, ["tcl", "refresh"], session)
    assert result.exit_code == 0, result.output
    missing = invoke(module, ["tcl", "find", "mpileaks"], session)
    assert "no installed spec matches 'mpileaks'" in str(missing.exception)


def test_delete_tree_asks_first(tmp_path: Path) -> None:
    session = _session(tmp_path)
    install(session, "zlib")
    assert invoke(module, ["lmod", "refresh"], session).exit_code == 0
    refused = invoke(module, ["lmod", "refresh", "--delete-tree"], session)
    assert refused.exit_code != 0
    assert "Remove every module file rpm-spec wrote" in refused.output
