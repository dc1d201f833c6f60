"""The merged view over scopes: precedence, laziness, validation, blame and writes."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from rpm_spec.config import (
    ConfigOverrideError,
    ConfigSchemaError,
    ConfigSyntaxError,
    Configuration,
    DirectoryScope,
    FileScope,
    MemoryScope,
    ReadOnlyScopeError,
    UnknownScopeError,
    UnknownSectionError,
)
from rpm_spec.config.overrides import command_line_scope
from rpm_spec.config.schema import Schemas
from rpm_spec.config.yaml_io import dump
from rpm_spec.util.paths import DEFAULTS_CONFIG, PREFIX


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _configuration(tmp_path: Path, *overrides: str) -> Configuration:
    """defaults < site < user < command line, the site and user dirs under ``tmp_path``."""
    schemas = Schemas()
    return Configuration(
        [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            DirectoryScope("site", tmp_path / "site"),
            DirectoryScope("user", tmp_path / "user"),
            command_line_scope(overrides, schemas),
        ],
        user_dir=tmp_path / "user",
        schemas=schemas,
    )


def test_higher_scopes_win_and_lists_put_their_items_first(tmp_path: Path) -> None:
    _write(tmp_path / "site" / "config.yaml", "config:\n  build_jobs: 4\n  dirty: true\n")
    _write(tmp_path / "user" / "config.yaml", "config:\n  build_jobs: 8\n")
    _write(tmp_path / "user" / "repos.yaml", "repos: [/home/me/repo]\n")
    configuration = _configuration(tmp_path, "config:checksum:false")
    config = configuration.get("config")
    assert (config["build_jobs"], config["dirty"], config["checksum"]) == (8, True, False)
    assert configuration.get("repos") == ["/home/me/repo", "$rpm_spec/repos/builtin"]
    assert configuration.get_path("config:install_tree:root") == "$user_dir/store"
    assert configuration.get_path("config:no_such_key", default=3) == 3
    assert configuration.get_path("config:build_jobs:deeper") is None


def test_missing_directories_and_empty_files_are_empty_scopes(tmp_path: Path) -> None:
    _write(tmp_path / "user" / "mirrors.yaml", "")
    _write(tmp_path / "user" / "packages.yaml", "packages:\n")
    configuration = _configuration(tmp_path)
    assert configuration.get("mirrors") == {}
    assert configuration.get("packages") == _configuration(tmp_path / "none").get("packages")
    assert configuration.get("compilers") == []


def test_only_the_requested_section_is_read(tmp_path: Path) -> None:
    _write(tmp_path / "user" / "config.yaml", "config: [not: valid")
    configuration = _configuration(tmp_path)
    assert "all" in configuration.get("packages")
    with pytest.raises(ConfigSyntaxError):
        configuration.get("config")


def test_a_file_violation_names_the_file_and_line(tmp_path: Path) -> None:
    file = _write(tmp_path / "user" / "packages.yaml", "packages:\n  all:\n    target: zen3\n")
    with pytest.raises(ConfigSchemaError) as caught:
        _configuration(tmp_path).get("packages")
    assert str(caught.value) == f"{file}:3: packages:all:target: expected a list, got 'zen3'"
    assert caught.value.line == 3
    assert pickle.loads(pickle.dumps(caught.value)).problems == caught.value.problems


def test_a_command_line_violation_quotes_the_option(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path, "config:build_jobs:4", "packages:all:target:zen3")
    with pytest.raises(ConfigSchemaError) as caught:
        configuration.get("packages")
    assert str(caught.value) == (
        "command line (-c packages:all:target:zen3): "
        "packages:all:target: expected a list, got 'zen3'"
    )


def test_unknown_section_and_scope(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path)
    with pytest.raises(UnknownSectionError):
        configuration.get("pakages")
    with pytest.raises(UnknownScopeError) as caught:
        configuration.scope("usr")
    assert caught.value.hint == "did you mean user?"


def test_get_returns_a_copy(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path)
    configuration.get("packages")["all"]["compiler"].append("nvhpc")
    assert "nvhpc" not in configuration.get("packages")["all"]["compiler"]


def test_a_double_colon_replaces_what_lower_scopes_say(tmp_path: Path) -> None:
    _write(
        tmp_path / "user" / "packages.yaml",
        "packages:\n  all:\n    providers::\n      mpi: [mpich]\n",
    )
    configuration = _configuration(tmp_path)
    assert configuration.get("packages")["all"]["providers"] == {"mpi": ["mpich"]}
    assert configuration.get("packages")["all"]["compiler"] == ["gcc", "clang"]
    _write(tmp_path / "site" / "repos.yaml", "repos::\n  - /site/repo\n")
    assert configuration.get("repos") == ["/site/repo"]
    assert configuration.scope_data("repos", "site") == ["/site/repo"]
    assert configuration.scope_data("repos", "user") is None


def test_blame_pairs_each_line_with_its_origin(tmp_path: Path) -> None:
    user_file = _write(
        tmp_path / "user" / "packages.yaml",
        "packages:\n  all:\n    compiler: [clang, nvhpc]\n  zlib:\n    buildable: false\n",
    )
    configuration = _configuration(tmp_path, "packages:all:target:[zen3]")
    lines = {line.text.strip(): line for line in configuration.blame("packages")}
    assert lines["packages:"].source == "command_line"
    assert lines["target:"].source == "command_line"
    assert lines["- zen3"].scope == "command_line"
    assert lines["- nvhpc"].source == f"{user_file}:3"
    assert lines["- clang"].source == f"{user_file}:3"
    assert lines["- gcc"].source == f"{DEFAULTS_CONFIG / 'packages.yaml'}:4"
    assert (lines["zlib:"].source, lines["buildable: false"].source) == (
        f"{user_file}:4",
        f"{user_file}:5",
    )
    assert lines["- openmpi"].scope == "defaults"
    texts = [line.text for line in configuration.blame("packages")]
    assert "\n".join(texts) + "\n" == dump({"packages": configuration.get("packages")})


def test_blame_follows_list_items_of_mappings(tmp_path: Path) -> None:
    compiler = (
        "- compiler:\n"
        "    spec: gcc@{v}\n"
        "    paths: {{cc: /bin/gcc, cxx: null, f77: null, fc: null}}\n"
    )
    site = _write(
        tmp_path / "site" / "compilers.yaml", "compilers:\n" + compiler.format(v="12.1.0")
    )
    user = _write(
        tmp_path / "user" / "compilers.yaml", "compilers:\n" + compiler.format(v="13.2.0")
    )
    blame = _configuration(tmp_path).blame("compilers")
    sources = {line.text.strip(): line.source for line in blame}
    assert sources["spec: gcc@13.2.0"] == f"{user}:3"
    assert sources["spec: gcc@12.1.0"] == f"{site}:3"


def test_write_section_validates_keeps_comments_and_refreshes(tmp_path: Path) -> None:
    file = _write(
        tmp_path / "user" / "config.yaml",
        "# mine\nconfig:\n  build_jobs: 2  # slow disk\n  dirty: true\n",
    )
    configuration = _configuration(tmp_path)
    assert configuration.get("config")["build_jobs"] == 2
    with pytest.raises(ConfigSchemaError, match="build_jobs: expected an integer"):
        configuration.write_section("config", {"build_jobs": "many"}, "user")
    assert "build_jobs: 2" in file.read_text()
    written = configuration.write_section("config", {"build_jobs": 2, "dirty": False}, "user")
    assert written == file
    assert file.read_text() == "# mine\nconfig:\n  build_jobs: 2  # slow disk\n  dirty: false\n"
    assert configuration.get("config")["dirty"] is False


def test_write_section_creates_missing_files_and_refuses_read_only_scopes(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path)
    path = configuration.write_section("mirrors", {"local": "file:///srv"}, "site")
    assert path == tmp_path / "site" / "mirrors.yaml"
    assert path.read_text() == "mirrors:\n  local: file:///srv\n"
    with pytest.raises(ReadOnlyScopeError):
        configuration.write_section("mirrors", {}, "defaults")
    with pytest.raises(ReadOnlyScopeError):
        configuration.write_section("mirrors", {}, "command_line")


def test_add_appends_to_lists_and_replaces_scalars(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path)
    configuration.add("packages:all:target:[zen3]", "user")
    configuration.add("packages:all:target:zen4", "user")
    configuration.add("packages:all:target:[zen3, zen2]", "user")
    configuration.add("config:build_jobs:4", "user")
    configuration.add("config:build_jobs:6", "user")
    assert configuration.scope_data("packages", "user") == {
        "all": {"target": ["zen3", "zen4", "zen2"]}
    }
    assert configuration.scope_data("config", "user") == {"build_jobs": 6}
    configuration.add("packages:all:target::[x86_64_v3]", "user")
    assert configuration.scope_data("packages", "user") == {"all": {"target::": ["x86_64_v3"]}}
    assert configuration.get("packages")["all"]["target"] == ["x86_64_v3"]
    text = (tmp_path / "user" / "packages.yaml").read_text()
    assert text == "packages:\n  all:\n    target::\n      - x86_64_v3\n"


def test_add_validates_before_writing(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path)
    with pytest.raises(ConfigSchemaError) as caught:
        configuration.add("config:build_jobs:lots", "user")
    assert str(caught.value).startswith("config add config:build_jobs:lots: config:build_jobs:")
    assert not (tmp_path / "user" / "config.yaml").exists()
    with pytest.raises(ReadOnlyScopeError):
        configuration.add("config:build_jobs:4", "defaults")


def test_an_environment_scope_goes_in_below_the_command_line(tmp_path: Path) -> None:
    manifest = _write(
        tmp_path / "env" / "rpm-spec.yaml",
        "rpm-spec:\n  specs: [hdf5]\n  config:\n    build_jobs: 3\n    dirty: 1\n",
    )
    configuration = _configuration(tmp_path, "config:checksum:false")
    configuration.insert_scope(
        FileScope("environment", manifest, root=("rpm-spec",)), below="command_line"
    )
    assert [scope.name for scope in configuration.scopes][-2:] == ["environment", "command_line"]
    with pytest.raises(ConfigSchemaError) as caught:
        configuration.get("config")
    assert str(caught.value) == f"{manifest}:5: config:dirty: expected true or false, got 1"
    configuration.write_section("config", {"build_jobs": 3}, "environment")
    assert manifest.read_text() == "rpm-spec:\n  specs: [hdf5]\n  config:\n    build_jobs: 3\n"
    assert configuration.get("config")["build_jobs"] == 3
    assert configuration.get("config")["checksum"] is False
    configuration.insert_scope(MemoryScope("top", {"config": {"build_jobs": 5}}))
    assert configuration.get_path("config:build_jobs") == 5
    with pytest.raises(ValueError, match="exists already"):
        configuration.insert_scope(MemoryScope("top", {}))


def test_a_file_may_only_hold_its_own_section(tmp_path: Path) -> None:
    file = _write(tmp_path / "user" / "config.yaml", "config: {}\npackages: {}\n")
    with pytest.raises(ConfigSyntaxError) as caught:
        _configuration(tmp_path).get("config")
    assert str(caught.value).startswith(f"{file}:2: unexpected top-level key 'packages'")
    assert caught.value.hint == "move it to packages.yaml"


def test_standard_scopes(tmp_path: Path) -> None:
    configuration = Configuration.standard(
        user_dir=tmp_path / "me",
        command_line=["config:build_jobs:3"],
        scope_dirs=[tmp_path / "a" / "conf", tmp_path / "b" / "conf"],
    )
    assert [(scope.name, scope.path) for scope in configuration.scopes] == [
        ("defaults", PREFIX / "etc" / "rpm-spec" / "defaults"),
        ("system", Path("/etc/rpm-spec")),
        ("site", PREFIX / "etc" / "rpm-spec" / "site"),
        ("user", tmp_path / "me"),
        ("custom:conf", tmp_path / "a" / "conf"),
        ("custom:conf-2", tmp_path / "b" / "conf"),
        ("command_line", None),
    ]
    assert configuration.scope("defaults").writable is False
    assert configuration.get_path("config:build_jobs") == 3
    assert configuration.substitute_path("$user_dir/x") == tmp_path / "me" / "x"


def test_for_tests_is_defaults_plus_data() -> None:
    configuration = Configuration.for_tests({"packages": {"all": {"target": ["zen3"]}}})
    assert [scope.name for scope in configuration.scopes] == ["defaults", "test"]
    assert configuration.get("packages")["all"]["target"] == ["zen3"]
    assert configuration.get("concretizer")["reuse"] is True
    with pytest.raises(ConfigSchemaError, match=r"^test configuration: config:build_jobs"):
        Configuration.for_tests({"config": {"build_jobs": -1}}).get("config")


def test_errors_survive_pickling() -> None:
    with pytest.raises(ConfigOverrideError) as caught:
        Configuration.standard(user_dir=Path("/nonexistent"), command_line=["pakages:a:b"])
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (str(copy), copy.hint, copy.exit_code) == (
        str(caught.value),
        caught.value.hint,
        2,
    )


def test_importing_the_package_is_cheap() -> None:
    code = (
        "import sys, rpm_spec.config; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ruamel', 'jsonschema')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(PREFIX / "lib")},
    )
    assert result.stdout.strip() == "[]"
