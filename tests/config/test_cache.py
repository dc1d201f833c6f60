"""The cache of parsed and validated config files: hits, misses, and identical errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from rpm_spec.config import (
    ConfigOverrideError,
    ConfigSchemaError,
    ConfigSyntaxError,
    Configuration,
    DirectoryScope,
    FileScope,
)
from rpm_spec.config.cache import MAX_VALUES, ConfigCache, validity_key
from rpm_spec.config.schema import Schemas
from rpm_spec.config.yaml_io import load_file
from rpm_spec.util.paths import DEFAULTS_CONFIG, PREFIX

if TYPE_CHECKING:
    from pathlib import Path

PACKAGES = """\
# a comment
packages:
  all:
    providers::
      mpi: [mpich]
  zlib:
    version: ['1.3']
    variants: +pic
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _configuration(tmp_path: Path, cache: ConfigCache | None) -> Configuration:
    scopes = [
        DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
        DirectoryScope("user", tmp_path / "user"),
    ]
    return Configuration(scopes, user_dir=tmp_path / "user", cache=cache)


def test_unchanged_text_is_taken_from_the_cache(tmp_path: Path) -> None:
    file = _write(tmp_path / "packages.yaml", PACKAGES)
    first = ConfigCache(tmp_path / "cache").load(file)
    second = ConfigCache(tmp_path / "cache").load(file)
    parsed = load_file(file)
    assert first is not None and second is not None and parsed is not None
    assert first.document is not None  # parsed with ruamel
    assert second.document is None  # from the entry: no parse
    assert second.data == first.data == parsed.data
    assert dict(second.lines) == dict(first.lines) == dict(parsed.lines)
    assert second.data["packages"]["all"] == {"providers::": {"mpi": ["mpich"]}}
    assert second.line_of(("packages", "zlib", "variants")) == 8


def test_changed_text_is_parsed_again_even_with_the_same_size_and_mtime(tmp_path: Path) -> None:
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: 4\n")
    stat = file.stat()
    ConfigCache(tmp_path / "cache").load(file)
    _write(file, "config:\n  build_jobs: 8\n")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file.stat().st_size == stat.st_size
    loaded = ConfigCache(tmp_path / "cache").load(file)
    assert loaded is not None and loaded.document is not None
    assert loaded.data == {"config": {"build_jobs": 8}}


def test_a_missing_file_is_none_and_forgets_what_was_known(tmp_path: Path) -> None:
    cache = ConfigCache(tmp_path / "cache")
    file = _write(tmp_path / "mirrors.yaml", "mirrors: {}\n")
    assert cache.load(file) is not None
    cache.remember_valid(file, "k")
    file.unlink()
    assert cache.load(file) is None
    assert not cache.known_valid(file, "k")


def test_invalid_yaml_is_never_stored_and_fails_the_same_way(tmp_path: Path) -> None:
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: [4\n")
    cache = ConfigCache(tmp_path / "cache")
    errors = []
    for _ in range(2):
        with pytest.raises(ConfigSyntaxError) as caught:
            ConfigCache(tmp_path / "cache").load(file)
        errors.append(str(caught.value))
    with pytest.raises(ConfigSyntaxError) as uncached:
        load_file(file)
    assert errors[0] == errors[1] == str(uncached.value)
    assert str(file) in errors[0]
    assert not cache.entry_file(file).exists()


def test_schema_errors_read_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    _write(
        tmp_path / "user" / "config.yaml",
        "config:\n  build_jobs: many\n  no_such_key: 1\n",
    )
    messages = []
    for cache in (None, ConfigCache(tmp_path / "cache"), ConfigCache(tmp_path / "cache")):
        with pytest.raises(ConfigSchemaError) as caught:
            _configuration(tmp_path, cache).get("config")
        messages.append(str(caught.value))
    assert messages[0] == messages[1] == messages[2]
    assert f"{tmp_path / 'user' / 'config.yaml'}:2: config:build_jobs" in messages[0]
    entry = json.loads(
        ConfigCache(tmp_path / "cache").entry_file(tmp_path / "user" / "config.yaml").read_text()
    )
    assert entry["valid"] == []  # parsed, but never recorded as passing


def test_values_that_passed_are_not_validated_again(tmp_path: Path) -> None:
    file = _write(tmp_path / "user" / "packages.yaml", PACKAGES)
    configuration = _configuration(tmp_path, ConfigCache(tmp_path / "cache"))
    merged = configuration.get("packages")
    later = ConfigCache(tmp_path / "cache")
    again = _configuration(tmp_path, later)
    assert again.get("packages") == merged
    value = {
        "all": {"providers": {"mpi": ["mpich"]}},
        "zlib": {"version": ["1.3"], "variants": "+pic"},
    }
    key = validity_key("packages", Schemas().text("packages"), value)
    assert later.known_valid(file, key)
    assert not later.known_valid(file, validity_key("packages", "{}", value))


def test_the_cache_keeps_blame_and_overrides(tmp_path: Path) -> None:
    _write(tmp_path / "user" / "packages.yaml", PACKAGES)
    plain = _configuration(tmp_path, None)
    _configuration(tmp_path, ConfigCache(tmp_path / "cache")).get("packages")  # fill it
    cached = _configuration(tmp_path, ConfigCache(tmp_path / "cache"))
    assert cached.get("packages") == plain.get("packages")
    assert cached.blame("packages") == plain.blame("packages")
    assert cached.get("packages")["all"]["providers"] == {"mpi": ["mpich"]}


def test_callers_may_change_the_data_they_are_handed(tmp_path: Path) -> None:
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: 4\n")
    cache = ConfigCache(tmp_path / "cache")
    loaded = cache.load(file)
    assert loaded is not None
    loaded.data["config"]["build_jobs"] = 99
    cache.remember_valid(file, "key")
    again = ConfigCache(tmp_path / "cache").load(file)
    assert again is not None and again.data == {"config": {"build_jobs": 4}}


@pytest.mark.parametrize(
    "garbage",
    ["", "{not json", "[]", '{"format": 1}', '{"format": 1, "file": "x", "lines": 3}'],
)
def test_a_damaged_entry_is_a_miss_and_gets_replaced(tmp_path: Path, garbage: str) -> None:
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: 4\n")
    cache = ConfigCache(tmp_path / "cache")
    _write(cache.entry_file(file), garbage)
    loaded = ConfigCache(tmp_path / "cache").load(file)
    assert loaded is not None and loaded.data == {"config": {"build_jobs": 4}}
    hit = ConfigCache(tmp_path / "cache").load(file)
    assert hit is not None and hit.document is None


def test_an_entry_for_another_path_is_not_used(tmp_path: Path) -> None:
    one = _write(tmp_path / "a" / "config.yaml", "config:\n  build_jobs: 4\n")
    two = _write(tmp_path / "b" / "config.yaml", "config:\n  build_jobs: 4\n")
    cache = ConfigCache(tmp_path / "cache")
    cache.load(one)
    _write(cache.entry_file(two), cache.entry_file(one).read_text())
    loaded = ConfigCache(tmp_path / "cache").load(two)
    assert loaded is not None and loaded.document is not None


def test_an_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = _write(tmp_path / "not-a-dir", "")
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: 4\n")
    cache = ConfigCache(blocker / "cache")
    loaded = cache.load(file)
    assert loaded is not None and loaded.data == {"config": {"build_jobs": 4}}
    cache.remember_valid(file, "key")
    assert cache.known_valid(file, "key")  # still known to this process


@pytest.mark.parametrize("unsafe", ["world-writable", "symlink"])
def test_a_cache_directory_that_is_not_private_is_neither_read_nor_written(
    tmp_path: Path, unsafe: str
) -> None:
    """Another user who can write the cache could plant an entry that skips the schema."""
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: 4\n")
    warm = ConfigCache(tmp_path / "warm")
    warm.load(file)
    directory = tmp_path / "cache"
    if unsafe == "symlink":
        directory.symlink_to(tmp_path / "warm")
    else:
        (tmp_path / "warm").rename(directory)
        directory.chmod(0o757)
    planted = ConfigCache(directory).entry_file(file)
    document = json.loads(planted.read_text())
    document["data"] = {"config": {"build_jobs": 999}}
    planted.write_text(json.dumps(document))
    before = sorted(path.name for path in directory.iterdir())
    cache = ConfigCache(directory)
    loaded = cache.load(file)
    assert not cache.usable
    assert loaded is not None and loaded.document is not None  # parsed, not taken
    assert loaded.data == {"config": {"build_jobs": 4}}
    cache.remember_valid(None, "key")
    assert sorted(path.name for path in directory.iterdir()) == before  # nothing written


def test_file_scopes_read_through_an_attached_cache(tmp_path: Path) -> None:
    manifest = _write(
        tmp_path / "env" / "rpm-spec.yaml",
        "rpm-spec:\n  specs: [zlib]\n  config:\n    build_jobs: 2\n",
    )
    for _ in range(2):
        configuration = _configuration(tmp_path, ConfigCache(tmp_path / "cache"))
        configuration.insert_scope(FileScope("env", manifest, root=("rpm-spec",)))
        assert configuration.get_path("config:build_jobs") == 2
        assert configuration.layers("config")[-1].locate(("config", "build_jobs"))[0] == (
            f"{manifest}:4"
        )
    assert ConfigCache(tmp_path / "cache").entry_file(manifest).exists()


def test_writes_are_seen_by_the_next_read(tmp_path: Path) -> None:
    configuration = _configuration(tmp_path, ConfigCache(tmp_path / "cache"))
    assert configuration.get_path("config:build_jobs") == 0
    configuration.add("config:build_jobs:6", "user")
    assert configuration.get_path("config:build_jobs") == 6
    fresh = _configuration(tmp_path, ConfigCache(tmp_path / "cache"))
    assert fresh.get_path("config:build_jobs") == 6


_PROBE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from rpm_spec.config import Configuration
    config = Configuration.standard(user_dir=Path(sys.argv[2]), command_line=sys.argv[3:])
    for section in config.sections:
        config.get(section)
    print("jsonschema" in sys.modules, "ruamel.yaml" in sys.modules)
    """
)


def test_a_warm_cache_needs_neither_ruamel_nor_jsonschema(tmp_path: Path) -> None:
    user = tmp_path / "user"
    _write(user / "packages.yaml", PACKAGES)
    _write(user / "config.yaml", "config:\n  build_jobs: 3\n")
    command = [sys.executable, "-c", _PROBE, str(PREFIX / "lib"), str(user), "config:dirty:true"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    runs = [
        subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        for _ in range(2)
    ]
    assert runs[0].stdout.split() == ["True", "True"]
    assert runs[1].stdout.split() == ["False", "False"]
    assert (user / "cache" / "config").is_dir()


def test_command_line_values_are_parsed_and_checked_once(tmp_path: Path) -> None:
    overrides = ["config:build_jobs:8", "packages:all:target:[zen3]", "config:checksum:false"]
    first = Configuration.standard(user_dir=tmp_path, command_line=overrides)
    values = tmp_path / "cache" / "config" / "values.json"
    expected = (first.get("config"), first.get("packages"), first.blame("config"))
    stored = json.loads(values.read_text())
    assert stored["parsed"] == {"8": 8, "[zen3]": ["zen3"], "false": False}
    assert len(stored["valid"]) == 2  # the config and packages sections of -c
    again = Configuration.standard(user_dir=tmp_path, command_line=overrides)
    assert (again.get("config"), again.get("packages"), again.blame("config")) == expected
    assert again.get_path("config:build_jobs") == 8


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ("config:build_jobs:many", ConfigSchemaError),
        ("packages:all:target:[zen3", ConfigOverrideError),
    ],
)
def test_bad_command_line_values_fail_the_same_every_time(
    tmp_path: Path, override: str, error: type[Exception]
) -> None:
    messages = []
    for _ in range(3):
        with pytest.raises(error) as caught:
            Configuration.standard(user_dir=tmp_path, command_line=[override]).get("config")
        messages.append(str(caught.value))
    assert messages[0] == messages[1] == messages[2]
    assert override in messages[0]


def test_values_json_keeps_only_the_newest(tmp_path: Path) -> None:
    cache = ConfigCache(tmp_path)
    for number in range(MAX_VALUES + 5):
        assert cache.parse_value(str(number), int) == number
        cache.remember_valid(None, f"key{number}")
    stored = json.loads((tmp_path / "values.json").read_text())
    assert len(stored["parsed"]) == len(stored["valid"]) == MAX_VALUES
    later = ConfigCache(tmp_path)
    assert later.known_valid(None, f"key{MAX_VALUES + 4}")
    assert not later.known_valid(None, "key0")
    assert later.parse_value(str(MAX_VALUES + 4), lambda text: "not parsed again") == (
        MAX_VALUES + 4
    )


def test_entries_made_by_other_parsing_code_are_not_used(tmp_path: Path) -> None:
    file = _write(tmp_path / "config.yaml", "config:\n  build_jobs: 4\n")
    cache = ConfigCache(tmp_path / "cache")
    cache.load(file)
    entry = json.loads(cache.entry_file(file).read_text())
    _write(cache.entry_file(file), json.dumps({**entry, "code": "0:0"}))
    loaded = ConfigCache(tmp_path / "cache").load(file)
    assert loaded is not None and loaded.document is not None
