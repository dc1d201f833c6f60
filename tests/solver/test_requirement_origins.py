"""An unmet packages.yaml requirement is explained by its file and line, in its own
section (``packages:all:require`` for a default, never the package's), with its message."""

from __future__ import annotations

from pathlib import Path

import pytest

from rpm_spec.config.scope import DirectoryScope
from rpm_spec.errors import RpmSpecError
from rpm_spec.session import Session
from rpm_spec.spec import parse_specs

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
PACKAGES = """\
packages:
  all:
    require:
    - "+shared"
  polyglot:
    require:
    - spec: "%gcc"
      when: "@:2.0"
      message: "only 2.1 builds with clang"
  mpi:
    require: "mpich@4.2"
"""


def _session(tmp_path: Path) -> Session:
    site = tmp_path / "site"
    site.mkdir()
    (site / "packages.yaml").write_text(PACKAGES, encoding="utf-8")
    session = Session.for_tests(tmp_path, repos=[MOCK])
    session.config.insert_scope(DirectoryScope("site", site))
    return session


def _error(session: Session, request: str) -> str:
    with pytest.raises(RpmSpecError) as raised:
        session.concretize(parse_specs(request), request_text=request)
    return str(raised.value)


def test_a_default_requirement_names_all_and_its_line(tmp_path: Path) -> None:
    message = _error(_session(tmp_path), "zlib~shared")
    assert "packages:all:require (applied to zlib)" in message
    assert "packages.yaml:4" in message
    assert "packages:zlib:require" not in message


def test_a_conditional_requirement_gives_its_line_and_message(tmp_path: Path) -> None:
    message = _error(_session(tmp_path), "polyglot@2.0 %clang")
    assert "packages:polyglot:require" in message
    assert "packages.yaml:7" in message
    assert "only 2.1 builds with clang" in message


def test_a_requirement_on_a_virtual_gives_its_line(tmp_path: Path) -> None:
    message = _error(_session(tmp_path), "mpileaks ^zmpi")
    assert "packages:mpi:require" in message
    assert "packages.yaml:11" in message


def test_the_requirements_hold_where_they_can(tmp_path: Path) -> None:
    session = _session(tmp_path)
    dag = session.concretize(parse_specs("mpileaks"), request_text="mpileaks").dag
    mpich = dag.by_name("mpich")
    assert mpich is not None
    assert str(mpich.version) == "4.2"
