"""``rpm-spec gc``: removes implicit specs no explicit one links to or runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store_cli import install, invoke, make_session

from rpm_spec.cli.gc import gc
from rpm_spec.errors import RpmSpecError

if TYPE_CHECKING:
    from pathlib import Path


def test_nothing_to_do(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "mpileaks")
    result = invoke(gc, [], session)
    assert result.exit_code == 0
    assert result.stdout == "==> Nothing to remove: every installed spec is needed\n"


def test_removes_build_only_dependencies_and_orphans(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "deptype-sampler")
    install(session, "libelf", explicit=False)
    refused = invoke(gc, [], session)
    assert isinstance(refused.exception, RpmSpecError)
    assert len(session.store.select()) == 5
    result = invoke(gc, ["-y"], session)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "==> 2 packages will be removed:"
    assert [line.split()[2] for line in lines if "Removed" in line] == [
        "cmake@3.30",
        "libelf@0.8.13",
    ]
    assert sorted(r.spec.name for r in session.store.select()) == [
        "deptype-sampler",
        "python",
        "zlib",
    ]
    cmake = dag.by_name("cmake")
    assert cmake is not None and not session.store.prefix(cmake).exists()
