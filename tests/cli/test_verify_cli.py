"""``rpm-spec verify``: modified, missing and added files, exit codes, old installs."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from store_cli import MOCK_REPO, install, invoke, make_session

from rpm_spec.cli.main import main
from rpm_spec.cli.verify import verify
from rpm_spec.errors import UsageError
from rpm_spec.session import Session
from rpm_spec.store import NoMatchError
from rpm_spec.store.file_manifest import manifest_path
from rpm_spec.util.paths import user_home

if TYPE_CHECKING:
    from pathlib import Path


def test_a_fresh_install_is_clean(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "zlib")
    zlib = dag.root_specs[0]
    result = invoke(verify, ["zlib"], session)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"==> zlib@1.3.1 /{zlib.short_hash}: no changes\n"
    by_hash = invoke(verify, [f"/{zlib.short_hash}"], session)
    assert (by_hash.exit_code, by_hash.stdout) == (0, result.stdout)


def test_changes_are_listed_and_exit_1(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "zlib")
    prefix = session.store.prefix(dag.root_specs[0])
    (prefix / "bin" / "zlib").write_text("#!/bin/sh\necho tampered\n")
    (prefix / "lib").mkdir()
    (prefix / "lib" / "libevil.so").write_bytes(b"\x7fELF")
    (prefix / ".rpm-spec" / "notes.txt").write_text("metadata is not checked\n")
    result = invoke(verify, ["zlib"], session)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"==> zlib@1.3.1 /{dag.root_specs[0].short_hash}: 1 modified, 0 missing, 1 added "
        f"({prefix})",
        "    modified  bin/zlib",
        "    added     lib/libevil.so",
    ]
    (prefix / "bin" / "zlib").unlink()
    document = json.loads(invoke(verify, ["--json", "zlib"], session).stdout)
    assert document == [
        {
            "hash": dag.roots[0],
            "spec": dag.root_specs[0].label,
            "prefix": str(prefix),
            "clean": False,
            "modified": [],
            "missing": ["bin/zlib"],
            "added": ["lib/libevil.so"],
        }
    ]


def test_all_and_several_matches(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "mpileaks")
    libelf = session.store.prefix(dag.by_name("libelf"))  # type: ignore[arg-type]
    (libelf / "bin" / "libelf").unlink()
    result = invoke(verify, ["--all"], session)
    assert result.exit_code == 1
    assert result.stdout.count(": no changes") == len(dag.nodes) - 1
    assert "    missing   bin/libelf" in result.stdout
    assert result.stdout.endswith(f"==> {len(dag.nodes)} specs verified, 1 not clean\n")
    assert invoke(verify, ["mpileaks", "callpath"], session).exit_code == 0


def test_an_install_without_a_manifest_says_so(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "zlib")
    manifest_path(session.store.prefix(dag.root_specs[0])).unlink()
    result = invoke(verify, ["zlib"], session)
    assert result.exit_code == 1
    assert "cannot verify: it has no file manifest (installed before rpm-spec recorded them)" in (
        result.stdout
    )


def test_bad_requests(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "zlib")
    unknown = invoke(verify, ["libelf"], session)
    assert isinstance(unknown.exception, NoMatchError)
    assert isinstance(invoke(verify, [], session).exception, UsageError)
    assert isinstance(invoke(verify, ["--all", "zlib"], session).exception, UsageError)


def test_unknown_spec_through_the_error_boundary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = Session.for_tests(tmp_path, repos=[MOCK_REPO], store_root=user_home() / "store")
    install(session, "zlib")
    with pytest.raises(SystemExit) as exited:
        main(["verify", "nosuchpackage"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: no installed spec matches 'nosuchpackage'")
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as clean:
        main(["verify", "zlib"])
    assert clean.value.code == 0
