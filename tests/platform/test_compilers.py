"""Compiler detection over fake compiler scripts, never the machine's real compilers."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from platform_fakes import TableRunner, recorded, write_tool

from rpm_spec.platform import DetectedCompiler, HostInfo, detect_compilers
from rpm_spec.platform.compilers import compiler_entries, compiler_probes, new_compilers

HOST = HostInfo(platform="linux", os="debian12", target="zen3")


def _gnu(directory: Path, version: str, suffix: str = "") -> None:
    for name in ("gcc", "g++", "gfortran"):
        write_tool(directory, name + suffix, version + "\n")


def test_gcc_with_all_languages(tmp_path: Path) -> None:
    _gnu(tmp_path, "12.2.0")
    [gcc] = detect_compilers([tmp_path])
    assert gcc == DetectedCompiler(
        "gcc",
        "12.2.0",
        cc=tmp_path / "gcc",
        cxx=tmp_path / "g++",
        f77=tmp_path / "gfortran",
        fc=tmp_path / "gfortran",
    )
    assert gcc.spec == "gcc@12.2.0"


def test_versioned_names_group_by_reported_version(tmp_path: Path) -> None:
    _gnu(tmp_path, "12.2.0")
    _gnu(tmp_path, "12.2.0", "-12")
    write_tool(tmp_path, "gcc-11", "11.4.0\n")
    write_tool(tmp_path, "g++-11", "11.4.0\n")
    found = detect_compilers([tmp_path])
    assert [c.spec for c in found] == ["gcc@12.2.0", "gcc@11.4.0"]
    assert found[0].cc == tmp_path / "gcc"  # the plain name wins over gcc-12
    assert (found[1].cc, found[1].cxx, found[1].fc) == (
        tmp_path / "gcc-11",
        tmp_path / "g++-11",
        None,
    )


def test_earlier_directory_wins_each_role(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_tool(first, "gcc", "12.2.0\n")
    _gnu(second, "12.2.0")
    [gcc] = detect_compilers([first, second])
    assert gcc.cc == first / "gcc"
    assert gcc.cxx == second / "g++"


def test_same_directory_twice_counts_once(tmp_path: Path) -> None:
    _gnu(tmp_path / "bin", "12.2.0")
    (tmp_path / "link").symlink_to(tmp_path / "bin")
    runner = TableRunner({"gcc": "12.2.0\n", "g++": "12.2.0\n", "gfortran": "12.2.0\n"})
    [gcc] = detect_compilers([tmp_path / "link", tmp_path / "bin"], run=runner)
    assert gcc.cc == tmp_path / "link" / "gcc"
    assert len(runner.calls) == 3


@pytest.mark.parametrize(
    ("files", "spec"),
    [
        ({"clang": "clang-debian.txt", "clang++": "clang-debian.txt"}, "clang@14.0.6"),
        ({"clang-17": "clang-17-ubuntu.txt", "flang-new-17": "flang-new-17.txt"}, "clang@17.0.6"),
        ({"clang": "clang-aocc.txt", "clang++": "clang-aocc.txt"}, "aocc@4.1.0"),
        ({"clang": "clang-apple.txt", "clang++": "clang-apple.txt"}, "apple-clang@15.0.0"),
        ({"icx": "icx.txt", "icpx": "icpx.txt", "ifx": "ifx.txt"}, "oneapi@2024.1.0"),
        ({"nvc": "nvc.txt", "nvc++": "nvc++.txt", "nvfortran": "nvfortran.txt"}, "nvhpc@24.5"),
    ],
)
def test_vendor_compilers(tmp_path: Path, files: dict[str, str], spec: str) -> None:
    for name, record in files.items():
        write_tool(tmp_path, name, recorded(f"tools/{record}"))
    [found] = detect_compilers([tmp_path])
    assert found.spec == spec
    paths = {role: Path(p).name for role, p in found.paths().items() if p}
    assert set(paths.values()) == set(files)


def test_llvm_fortran_fills_fc_and_f77(tmp_path: Path) -> None:
    write_tool(tmp_path, "clang-17", recorded("tools/clang-17-ubuntu.txt"))
    write_tool(tmp_path, "clang++-17", recorded("tools/clang-17-ubuntu.txt"))
    write_tool(tmp_path, "flang-new-17", recorded("tools/flang-new-17.txt"))
    [clang] = detect_compilers([tmp_path])
    assert clang.fc == clang.f77 == tmp_path / "flang-new-17"


def test_failing_unknown_and_non_executable_candidates_are_ignored(tmp_path: Path) -> None:
    write_tool(tmp_path, "gcc", "12.2.0\n", exit_code=1)
    write_tool(tmp_path, "g++", "g++: fatal error: no input files\n")
    write_tool(tmp_path, "clang", recorded("tools/icx.txt"))  # Intel's clang is not LLVM clang
    (tmp_path / "gfortran").write_text("12.2.0\n")  # not executable
    assert detect_compilers([tmp_path]) == []


def test_only_compiler_names_are_run(tmp_path: Path) -> None:
    for name in ("gcc-ar", "gcc-ar-12", "clang-format", "clang-format-17", "cc", "gcc12"):
        write_tool(tmp_path, name, "12.2.0\n")
    runner = TableRunner({})
    assert detect_compilers([tmp_path, tmp_path / "absent"], run=runner) == []
    assert runner.calls == []


def test_gcc_version_comes_from_dumpfullversion(tmp_path: Path) -> None:
    write_tool(tmp_path, "gcc", "12.2.0\n")
    runner = TableRunner({"gcc": "13.1.0\n"})
    [gcc] = detect_compilers([tmp_path], run=runner)
    assert runner.calls == [(str(tmp_path / "gcc"), "-dumpfullversion")]
    assert gcc.version == "13.1.0"


def test_to_config() -> None:
    gcc = DetectedCompiler("gcc", "12.2.0", cc=Path("/usr/bin/gcc"), cxx=Path("/usr/bin/g++"))
    assert gcc.to_config(HOST) == {
        "compiler": {
            "spec": "gcc@12.2.0",
            "paths": {"cc": "/usr/bin/gcc", "cxx": "/usr/bin/g++", "f77": None, "fc": None},
            "operating_system": "debian12",
            "target": "x86_64",
        }
    }


def test_new_compilers_skip_configured_ones() -> None:
    gcc12 = DetectedCompiler("gcc", "12.2.0", cc=Path("/usr/bin/gcc"))
    gcc11 = DetectedCompiler("gcc", "11.4.0", cc=Path("/usr/bin/gcc-11"))
    configured = [
        gcc12.to_config(HOST),
        {"compiler": {"spec": "gcc@11.4.0", "paths": {}, "operating_system": "rhel9"}},
    ]
    assert new_compilers(configured, [gcc12, gcc11], HOST) == [gcc11]
    entries = compiler_entries(configured[:1], [gcc11], HOST)
    assert [e["compiler"]["spec"] for e in entries] == ["gcc@12.2.0", "gcc@11.4.0"]


def test_probes_file_matches_its_schema() -> None:
    folder = resources.files("rpm_spec.platform")
    data = json.loads(folder.joinpath("compiler_probes.json").read_text())
    schema = json.loads(folder.joinpath("compiler_probes.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert {p.family for p in compiler_probes()} == {"gnu", "llvm", "oneapi", "nvhpc"}
