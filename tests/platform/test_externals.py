"""External detection: the probe table over recorded outputs, prefixes, merging into config."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from platform_fakes import TableRunner, recorded, write_tool

from rpm_spec.platform import DetectedExternal, UnknownExternalError, detect_externals
from rpm_spec.platform.externals import add_externals, external_probes, new_externals

#: recorded output → the external it must be detected as (executable name, spec).
RECORDS = [
    ("nvcc-13.0.txt", "nvcc", "cuda@13.0.88"),
    ("nvcc-12.4.txt", "nvcc", "cuda@12.4.131"),
    ("cmake.txt", "cmake", "cmake@3.25.1"),
    ("gmake.txt", "make", "gmake@4.3"),
    ("python3.txt", "python3", "python@3.11.2"),
    ("perl.txt", "perl", "perl@5.36.0"),
    ("ompi_info.txt", "ompi_info", "openmpi@4.1.6"),
    ("mpirun-openmpi.txt", "mpirun", "openmpi@4.1.6"),
    ("mpichversion.txt", "mpichversion", "mpich@4.2.1"),
    ("mpiexec-hydra.txt", "mpiexec", "mpich@4.2.1"),
    ("srun.txt", "srun", "slurm@23.02.7"),
    ("srun-debian.txt", "srun", "slurm@22.05.8"),
    ("autoconf.txt", "autoconf", "autoconf@2.71"),
    ("automake.txt", "automake", "automake@1.16.5"),
    ("m4.txt", "m4", "m4@1.4.19"),
    ("ninja.txt", "ninja", "ninja@1.11.1"),
    ("git.txt", "git", "git@2.39.5"),
    ("curl.txt", "curl", "curl@7.88.1"),
    ("openssl.txt", "openssl", "openssl@3.0.19"),
    ("pkgconf.txt", "pkgconf", "pkgconf@1.8.1"),
    ("pkgconf.txt", "pkg-config", "pkgconf@1.8.1"),
    ("pkg-config-freedesktop.txt", "pkg-config", "pkg-config@0.29.2"),
    ("ld.txt", "ld", "binutils@2.40"),
    ("tar.txt", "tar", "tar@1.34"),
]

#: outputs of tools with a probed name that are not the probed package.
IMPOSTORS = [
    ("bsd-make.txt", "make"),
    ("mpiexec-intel.txt", "mpiexec"),
    ("openssl-libressl.txt", "openssl"),
    ("mpirun-openmpi.txt", "mpiexec"),
]


@pytest.mark.parametrize(("record", "executable", "spec"), RECORDS)
def test_recorded_outputs(tmp_path: Path, record: str, executable: str, spec: str) -> None:
    write_tool(tmp_path / "bin", executable)
    runner = TableRunner({executable: recorded(f"tools/{record}")})
    found = detect_externals(None, [tmp_path / "bin"], run=runner, system_root=None)
    assert [e.spec for e in found] == [spec]


@pytest.mark.parametrize(("record", "executable"), IMPOSTORS)
def test_other_tools_under_a_probed_name(tmp_path: Path, record: str, executable: str) -> None:
    write_tool(tmp_path / "bin", executable)
    runner = TableRunner({executable: recorded(f"tools/{record}")})
    assert detect_externals(None, [tmp_path / "bin"], run=runner, system_root=None) == []


def test_real_scripts_end_to_end(tmp_path: Path) -> None:
    bin_dir = tmp_path / "usr" / "bin"
    write_tool(bin_dir, "cmake", recorded("tools/cmake.txt"))
    write_tool(bin_dir, "make", recorded("tools/gmake.txt"))
    write_tool(bin_dir, "srun", "", exit_code=1)  # a broken install: ignored
    found = detect_externals(["cmake", "gmake", "slurm"], [bin_dir], system_root=None)
    assert found == [
        DetectedExternal("cmake", "3.25.1", tmp_path / "usr"),
        DetectedExternal("gmake", "4.3", tmp_path / "usr"),
    ]
    assert found[0].extra == {"executable": str(bin_dir / "cmake")}


def _cuda(root: Path, version_dir: str, record: str) -> Path:
    prefix = root / "usr" / "local" / version_dir
    write_tool(prefix / "bin", "nvcc", recorded(f"tools/{record}"))
    (prefix / "include").mkdir()
    (prefix / "include" / "cuda.h").write_text("/* cuda */\n")
    return prefix


def test_cuda_in_standard_places_beats_a_wrapper_on_path(tmp_path: Path) -> None:
    _cuda(tmp_path, "cuda-13.0", "nvcc-13.0.txt")
    _cuda(tmp_path, "cuda-12.4", "nvcc-12.4.txt")
    (tmp_path / "usr" / "local" / "cuda").symlink_to("cuda-13.0")
    # /usr/local/bin/nvcc: a wrapper script, its directory's parent has no include/cuda.h.
    write_tool(tmp_path / "usr" / "local" / "bin", "nvcc", recorded("tools/nvcc-13.0.txt"))
    found = detect_externals(["cuda"], [tmp_path / "usr" / "local" / "bin"], system_root=tmp_path)
    assert [(e.spec, e.prefix) for e in found] == [
        ("cuda@13.0.88", tmp_path / "usr" / "local" / "cuda"),
        ("cuda@12.4.131", tmp_path / "usr" / "local" / "cuda-12.4"),
    ]


def test_symlinked_nvcc_resolves_to_the_real_prefix(tmp_path: Path) -> None:
    prefix = _cuda(tmp_path, "cuda-12.4", "nvcc-12.4.txt")
    (tmp_path / "usr" / "bin").mkdir(parents=True)
    (tmp_path / "usr" / "bin" / "nvcc").symlink_to(prefix / "bin" / "nvcc")
    found = detect_externals(["cuda"], [tmp_path / "usr" / "bin"], system_root=None)
    assert [(e.spec, e.prefix) for e in found] == [("cuda@12.4.131", prefix)]


def test_without_a_marker_anywhere_the_first_hit_is_kept(tmp_path: Path) -> None:
    write_tool(tmp_path / "opt" / "bin", "nvcc", recorded("tools/nvcc-13.0.txt"))
    [cuda] = detect_externals(["cuda"], [tmp_path / "opt" / "bin"], system_root=None)
    assert cuda.prefix == tmp_path / "opt"


def test_python_prefix_comes_from_the_interpreter(tmp_path: Path) -> None:
    write_tool(tmp_path / "shims", "python3")
    runner = TableRunner({"python3": "Python 3.12.4 /opt/pythons/3.12.4\n"})
    [python] = detect_externals(["python"], [tmp_path / "shims"], run=runner, system_root=None)
    assert (python.spec, python.prefix) == ("python@3.12.4", Path("/opt/pythons/3.12.4"))


def test_one_entry_per_version_across_executables(tmp_path: Path) -> None:
    write_tool(tmp_path / "bin", "ompi_info")
    write_tool(tmp_path / "bin", "mpirun")
    runner = TableRunner(
        {
            "ompi_info": recorded("tools/ompi_info.txt"),
            "mpirun": recorded("tools/mpirun-openmpi.txt"),
        }
    )
    found = detect_externals(["openmpi"], [tmp_path / "bin"], run=runner, system_root=None)
    assert [e.spec for e in found] == ["openmpi@4.1.6"]
    assert found[0].extra["executable"].endswith("ompi_info")


def test_only_named_probes_run(tmp_path: Path) -> None:
    write_tool(tmp_path / "bin", "cmake")
    write_tool(tmp_path / "bin", "git")
    runner = TableRunner({"cmake": recorded("tools/cmake.txt"), "git": recorded("tools/git.txt")})
    found = detect_externals(["git"], [tmp_path / "bin"], run=runner, system_root=None)
    assert [e.spec for e in found] == ["git@2.39.5"]
    assert [Path(call[0]).name for call in runner.calls] == ["git"]


def test_unknown_package_suggests_a_probe(tmp_path: Path) -> None:
    with pytest.raises(UnknownExternalError) as caught:
        detect_externals(["cmak"], [tmp_path], system_root=None)
    assert str(caught.value) == "no detection probe for package 'cmak'"
    assert caught.value.hint is not None
    assert "cmake" in caught.value.hint


def test_to_config() -> None:
    cuda = DetectedExternal("cuda", "13.0.88", Path("/usr/local/cuda"))
    entry = {"externals": [{"spec": "cuda@13.0.88", "prefix": "/usr/local/cuda"}]}
    assert cuda.to_config() == {"cuda": entry}
    assert cuda.to_config(buildable=False) == {"cuda": {**entry, "buildable": False}}


def test_merging_into_packages_config() -> None:
    configured: dict[str, Any] = {
        "all": {"compiler": ["gcc"]},
        "cuda": {
            "require": "+allow-unsupported-compilers",
            "externals": [{"spec": "cuda@13.0.88 +dev", "prefix": "/usr/local/cuda"}],
        },
        "cmake": None,
    }
    found = [
        DetectedExternal("cuda", "13.0.88", Path("/usr/local/cuda-13.0")),
        DetectedExternal("cuda", "12.4.131", Path("/usr/local/cuda-12.4")),
        DetectedExternal("cmake", "3.25.1", Path("/usr")),
    ]
    added = new_externals(configured, found)
    assert [e.spec for e in added] == ["cuda@12.4.131", "cmake@3.25.1"]
    merged = add_externals(configured, added, buildable=False)
    assert merged["all"] == {"compiler": ["gcc"]}
    assert merged["cuda"]["require"] == "+allow-unsupported-compilers"
    assert [x["spec"] for x in merged["cuda"]["externals"]] == [
        "cuda@13.0.88 +dev",
        "cuda@12.4.131",
    ]
    assert merged["cuda"]["buildable"] is False
    assert merged["cmake"] == {
        "externals": [{"spec": "cmake@3.25.1", "prefix": "/usr"}],
        "buildable": False,
    }
    assert len(configured["cuda"]["externals"]) == 1  # the input is not changed
    assert "buildable" not in add_externals({}, added)["cuda"]


def test_probes_file_matches_its_schema() -> None:
    folder = resources.files("rpm_spec.platform")
    data = json.loads(folder.joinpath("external_probes.json").read_text())
    schema = json.loads(folder.joinpath("external_probes.schema.json").read_text())
    jsonschema.validate(data, schema)
    probes = external_probes()
    required = {"cuda", "cmake", "gmake", "python", "perl", "openmpi", "mpich", "slurm"}
    assert required | {"autoconf", "automake", "m4", "ninja", "git", "curl", "openssl"} <= set(
        probes
    )
    for probe in probes.values():
        for command in probe.commands:
            assert "version" in command.regex.groupindex
