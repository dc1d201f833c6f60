"""``rpm-spec spec --abstract`` and spec syntax errors, through the real CLI boundary."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from store_cli import install, invoke, make_session

from rpm_spec.cli.main import main
from rpm_spec.cli.spec import spec as spec_command

if TYPE_CHECKING:
    from pathlib import Path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    captured = capsys.readouterr()
    code = exited.value.code
    assert isinstance(code, int)
    return code, captured.out, captured.err


def test_abstract_prints_a_tree(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "spec", "--abstract", "hdf5@1.14: +mpi ^[virtuals=mpi] openmpi@5 target=zen3"
    )
    assert code == 0
    assert out == "hdf5@1.14:+mpi\n    ^[virtuals=mpi] openmpi@5 target=zen3\n"


def test_words_are_joined_like_spack(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "spec", "--abstract", "hdf5 -shared", "+mpi", "cflags=-O3 -g", "^zlib", "cmake"
    )
    assert code == 0
    assert out.splitlines() == ['hdf5+mpi~shared cflags="-O3 -g"', "    ^zlib", "cmake"]


def test_anonymous_root_with_only_dependencies(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "spec", "--abstract", "^mpi")
    assert out.splitlines() == ["(any package)", "    ^mpi"]


def test_abstract_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "spec", "--abstract", "--json", "zlib hdf5+mpi ^[virtuals=mpi] mpich"
    )
    assert code == 0
    data = json.loads(out)
    assert [spec["text"] for spec in data["specs"]] == ["zlib", "hdf5+mpi ^[virtuals=mpi] mpich"]
    (edge,) = data["specs"][1]["dependencies"]
    assert edge["virtuals"] == ["mpi"]
    assert edge["spec"]["name"] == "mpich"


def test_syntax_error_shows_a_caret_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "spec", "hdf5@@1")
    assert code == 2
    assert out == ""
    assert err == (
        "Error: unexpected '@' in spec:\n  hdf5@@1\n       ^\nexpected a version after '@'\n"
    )


def test_syntax_error_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "spec", "--abstract", "zlib/abc-shared")
    assert code == 2
    assert err.endswith("  hint: write ~variant, which needs no whitespace before it\n")


def test_no_spec_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "spec", "--abstract", " ")
    assert code == 2
    assert err.startswith("Error: no spec given")


def test_install_status_marks_a_deleted_prefix_as_to_build(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    install(session, "libdwarf")
    marks = invoke(spec_command, ["-I", "libdwarf"], session).stdout
    assert [line[:3] for line in marks.splitlines()] == ["[+]", "[+]"]
    libelf = next(r for r in session.store.select() if r.spec.name == "libelf")
    shutil.rmtree(libelf.prefix)
    marks = invoke(spec_command, ["-I", "libdwarf"], session).stdout.splitlines()
    assert marks[0].startswith("[+]") and "libdwarf" in marks[0]
    assert marks[1].startswith(" - ") and "libelf" in marks[1]
