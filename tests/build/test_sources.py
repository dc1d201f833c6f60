"""A node's sources from its recipe: archive, patches, resources; fetched, staged, patched."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from source_archives import write_fetch_repo

from rpm_spec.build.errors import ChecksumError
from rpm_spec.build.fetch import Fetcher
from rpm_spec.build.sources import (
    fetch_dag_sources,
    fetch_sources,
    prepare_sources,
    release_url,
    sources_of,
)
from rpm_spec.build.stage import Stage
from rpm_spec.session import Session
from rpm_spec.spec import parse_spec

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteDag


@pytest.fixture
def repo_session(tmp_path: Path) -> tuple[Session, dict[str, str]]:
    sums = write_fetch_repo(tmp_path / "repo", tmp_path / "upstream")
    return Session.for_tests(tmp_path, repos=[tmp_path / "repo"]), sums


def concretize(session: Session, text: str) -> ConcreteDag:
    return session.concretize([parse_spec(text)], request_text=text).dag


def test_sources_of_a_patched_node_with_a_resource(
    tmp_path: Path, repo_session: tuple[Session, dict[str, str]]
) -> None:
    session, sums = repo_session
    dag = concretize(session, "srcpkg@1.0")
    node = dag.by_name("srcpkg")
    assert node is not None
    sources = sources_of(node, dag, session.repos)
    assert sources.archive is not None
    assert sources.archive.sha256 == sums["srcpkg-1.0.tar.gz"]
    assert [p.label for p in sources.patches] == [
        "fix.patch of srcpkg",
        "patch remote.patch of srcpkg",
    ]
    assert sources.patches[0].local == tmp_path / "repo" / "packages" / "srcpkg" / "fix.patch"
    assert [r.destination for r in sources.resources] == ["extra"]
    assert [f.label for f in sources.files()] == [
        "srcpkg@1.0",
        "patch remote.patch of srcpkg",
        "resource data of srcpkg",
    ]

    fetcher = Fetcher([], tmp_path / "cache")
    fetched = fetch_sources(fetcher, sources)
    with Stage(tmp_path / "stages", node) as stage:
        tree = prepare_sources(stage, fetched)
        assert (tree / "src" / "version.h").read_text() == '#define VERSION "1.0-local-remote"\n'
        assert (tree / "extra" / "ref.dat").read_text() == "42\n"
    assert not stage.path.exists()


def test_conditions_leave_out_patches_and_resources(
    repo_session: tuple[Session, dict[str, str]],
) -> None:
    session, _ = repo_session
    dag = concretize(session, "srcpkg@0.9~data")
    node = dag.by_name("srcpkg")
    assert node is not None
    sources = sources_of(node, dag, session.repos)
    assert sources.patches == () and sources.resources == ()
    assert sources.archive is not None and sources.archive.url is not None
    assert sources.archive.url.endswith("/srcpkg-0.9.tar.gz")  # from url_for_version
    assert release_url(session.repos, "srcpkg", "0.9") == sources.archive.url


def test_fetch_dag_sources_reports_each_file(
    tmp_path: Path, repo_session: tuple[Session, dict[str, str]]
) -> None:
    session, _ = repo_session
    fetcher = Fetcher([], tmp_path / "cache")
    first = fetch_dag_sources(concretize(session, "srcpkg@1.0"), session.repos, fetcher)
    assert sorted(o.file for o in first) == [
        "deppkg@2.0",
        "patch remote.patch of srcpkg",
        "resource data of srcpkg",
        "srcpkg@1.0",
    ]
    assert all(o.error is None and not o.from_cache for o in first)
    again = fetch_dag_sources(concretize(session, "srcpkg@1.0"), session.repos, fetcher)
    assert all(o.from_cache for o in again)

    # A wrong sum fails that file only; the others are still fetched.
    shutil.rmtree(tmp_path / "cache")
    outcomes = fetch_dag_sources(concretize(session, "srcpkg@0.9"), session.repos, fetcher)
    failed = [o for o in outcomes if o.error is not None]
    assert [o.file for o in failed] == ["srcpkg@0.9"]
    assert isinstance(failed[0].error, ChecksumError)
    succeeded = sorted(o.file for o in outcomes if o.error is None)
    assert succeeded == ["deppkg@2.0", "resource data of srcpkg"]
