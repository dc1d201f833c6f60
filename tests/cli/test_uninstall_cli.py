"""``rpm-spec uninstall``: confirmation, refusal while needed, --dependents, --all."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from store_cli import MOCK_REPO, install, invoke, make_session

from rpm_spec.cli.main import main
from rpm_spec.cli.uninstall import uninstall
from rpm_spec.errors import RpmSpecError
from rpm_spec.session import Session
from rpm_spec.store import AmbiguousMatchError
from rpm_spec.util.paths import user_home

if TYPE_CHECKING:
    from pathlib import Path


def test_asks_and_refuses_where_nobody_can_answer(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "zlib")
    result = invoke(uninstall, ["zlib"], session)
    assert isinstance(result.exception, RpmSpecError)
    assert "stdin is not a terminal" in str(result.exception)
    assert result.exception.hint == "pass -y to confirm"
    assert "1 package will be removed" in result.stdout
    assert session.store.is_installed(dag.roots[0])


def test_removes_record_and_prefix(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "zlib")
    prefix = session.store.prefix(dag.root_specs[0])
    result = invoke(uninstall, ["-y", "zlib"], session)
    assert result.exit_code == 0, result.output
    assert f"==> Removed zlib@1.3.1 /{dag.root_specs[0].short_hash}" in result.stdout
    assert not prefix.exists()
    assert session.store.select() == []


def test_refuses_while_needed_naming_the_dependents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Through the real error boundary: the store of $RPM_SPEC_USER_DIR (set per test).
    store_root = user_home() / "store"
    session = Session.for_tests(tmp_path, repos=[MOCK_REPO], store_root=store_root)
    install(session, "mpileaks")
    with pytest.raises(SystemExit) as exited:
        main(["uninstall", "-y", "libelf"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: will not uninstall libelf@0.8.12 /")
    assert "it is needed by 2 installed specs:\n    dyninst@9.3 /" in err
    assert "\n    libdwarf@0.9 /" in err
    assert "hint: uninstall those first, or pass --dependents" in err


def test_dependents_go_first(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "mpileaks")
    result = invoke(uninstall, ["-y", "--dependents", "libdwarf"], session)
    assert result.exit_code == 0, result.output
    removed = [line.split()[2] for line in result.stdout.splitlines() if "Removed" in line]
    assert removed == ["mpileaks@2.1", "callpath@1.1", "dyninst@9.3", "libdwarf@0.9"]
    assert [r.spec.name for r in session.store.select()] == ["libelf", "mpich"]


def test_several_matches_need_all(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "libelf@0.8.13")
    install(session, "libelf@0.8.10")
    result = invoke(uninstall, ["-y", "libelf"], session)
    assert isinstance(result.exception, AmbiguousMatchError)
    result = invoke(uninstall, ["-y", "--all", "libelf"], session)
    assert result.exit_code == 0, result.output
    assert session.store.select() == []
