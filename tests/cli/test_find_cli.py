"""``rpm-spec find``: groups, flags, JSON, queries, and the empty store."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from store_cli import install, invoke, make_session

from rpm_spec.cli.find import find
from rpm_spec.cli.main import main

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.session import Session

HEADER = "-- linux-debian12-zen3 / gcc@12.2.0 "


@pytest.fixture
def session(tmp_path: Path) -> Session:
    session = make_session(tmp_path)
    install(session, "mpileaks")
    return session


def test_an_empty_store(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["find"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == "==> 0 installed packages\n"


def test_grouped_and_sorted(session: Session) -> None:
    result = invoke(find, [], session)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "==> 6 installed packages"
    assert lines[1].startswith(HEADER) and lines[1].endswith("---") and len(lines[1]) == 60
    assert lines[2:] == [
        "callpath@1.1",
        "dyninst@9.3",
        "libdwarf@0.9",
        "libelf@0.8.12",
        "mpich@4.2",
        "mpileaks@2.1",
    ]


def test_long_paths_and_deps(session: Session) -> None:
    store = session.store
    root = store.select()[-1]
    result = invoke(find, ["-lp", "mpileaks"], session)
    assert result.stdout.splitlines()[2] == f"{root.spec.short_hash} mpileaks@2.1  {root.prefix}"
    result = invoke(find, ["-d", "callpath"], session)
    assert result.stdout.splitlines()[2:] == [
        "callpath@1.1",
        "    ^dyninst@9.3",
        "        ^libdwarf@0.9",
        "            ^libelf@0.8.12",
        "    ^mpich@4.2",
    ]


def test_variants_groups_and_externals(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "zlib")
    result = invoke(find, ["-v"], session)
    assert result.stdout.splitlines()[2] == "zlib@1.3.1~pic+shared"
    install(session, "deptype-sampler")
    headers = [line for line in invoke(find, [], session).stdout.splitlines() if line[:3] == "-- "]
    assert [h.rstrip("-").rstrip() for h in headers] == [
        "-- linux-debian12-x86_64_v3 / gcc@12.2.0",
        "-- linux-debian12-zen3 / gcc@12.2.0",
    ]


def test_explicit_implicit_and_queries(session: Session) -> None:
    assert invoke(find, ["-x"], session).stdout.splitlines()[2:] == ["mpileaks@2.1"]
    assert "mpileaks@2.1" not in invoke(find, ["-X"], session).stdout
    assert invoke(find, ["mpi"], session).stdout.splitlines()[2:] == ["mpich@4.2"]
    assert invoke(find, ["^libdwarf"], session).stdout.splitlines()[2:] == [
        "callpath@1.1",
        "dyninst@9.3",
        "mpileaks@2.1",
    ]
    missing = invoke(find, ["zlib"], session)
    assert missing.exit_code == 1
    assert missing.stderr == "==> No installed spec matches 'zlib'\n"


def test_json(session: Session) -> None:
    result = invoke(find, ["--json", "libelf"], session)
    (node,) = json.loads(result.stdout)
    record = session.store.select()[3]
    assert node["name"] == "libelf" and node["hash"] == record.hash
    assert node["prefix"] == str(record.prefix)
    assert node["explicit"] is False
    assert node["installed_at"] == record.installed_at
    assert node["version"] == "0.8.12" and node["compiler"]["name"] == "gcc"
    assert json.loads(invoke(find, ["--json", "zlib"], session).stdout) == []


def test_removed_build_dependencies_show_in_trees(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "deptype-sampler")
    for record in session.store.unneeded():
        session.store.uninstall(record.hash)
    lines = invoke(find, ["-d", "deptype-sampler"], session).stdout.splitlines()
    assert "    ^cmake@3.30  [build dependency, removed]" in lines
    assert "    ^zlib@1.3.1" in lines


def test_missing_and_damaged_prefixes_are_marked(session: Session) -> None:
    records = {record.spec.name: record for record in session.store.select()}
    shutil.rmtree(records["libelf"].prefix)
    (records["mpich"].prefix / ".rpm-spec" / "spec.json").write_text("{")
    result = invoke(find, [], session)
    assert result.exit_code == 0, result.output
    assert "libelf@0.8.12 [missing]" in result.stdout.splitlines()
    assert "mpich@4.2 [damaged]" in result.stdout.splitlines()
    assert "callpath@1.1" in result.stdout.splitlines()  # intact: no mark
    assert f"{records['libelf'].spec.label} is missing: {records['libelf'].prefix}" in (
        result.stderr
    )
    assert "spec.json is unreadable" in result.stderr
    assert "'rpm-spec install' builds them again" in result.stderr
    documents = json.loads(invoke(find, ["--json"], session).stdout)
    states = {document["name"]: document["prefix_state"] for document in documents}
    assert states == {
        "callpath": "intact",
        "dyninst": "intact",
        "libdwarf": "intact",
        "libelf": "missing",
        "mpich": "damaged",
        "mpileaks": "intact",
    }
