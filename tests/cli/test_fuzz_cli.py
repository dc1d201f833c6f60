"""Fuzzing the CLI: mutated specs, manifests, config files and -c values never crash it.

Each example runs ``rpm_spec.cli.main.main`` in this process, exactly as the
launcher does, on a hermetic setup: a fixed host (seeded into the host cache
the CLI reads), the mock repository, test compilers, an empty ``PATH`` and a
store holding fake installs. The property: the command exits with a code of
:class:`~rpm_spec.errors.ExitCode`, never reports an internal error and shows no
Python warning. Standard output is strict UTF-8, as on a UTF-8 terminal.

The default run tries a few hundred examples per kind of input; with ``-m slow``
(as CI runs) the three kinds together try 10,000.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from fuzz_mutations import SPEC_TOKENS, edited_text, file_bytes, override_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_cli import install

from rpm_spec.cli.main import main
from rpm_spec.config.yaml_io import dump
from rpm_spec.errors import ExitCode
from rpm_spec.platform import HostInfo, cached_host
from rpm_spec.session import TEST_COMPILERS, Session
from rpm_spec.util.paths import DEFAULTS_CONFIG, PREFIX

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SEEDS = PREFIX / "tests" / "data" / "fuzz"
MOCK_REPO = PREFIX / "tests" / "repos" / "mock"
HOST = HostInfo(platform="linux", os="debian12", target="zen3")

SPECS = [
    line for line in (SEEDS / "specs.txt").read_text().splitlines() if line and line[0] != "#"
]
MANIFESTS = [path.read_text() for path in sorted((SEEDS / "manifests").glob("*.yaml"))]
#: section → seed texts: the shipped defaults and tests/data/fuzz/config.
CONFIGS: dict[str, list[str]] = {}
for _path in [*sorted(DEFAULTS_CONFIG.glob("*.yaml")), *sorted((SEEDS / "config").glob("*"))]:
    CONFIGS.setdefault(_path.name.split("-")[0].split(".")[0], []).append(_path.read_text())

#: What runs on a mutated spec (appended as one argument, or split into words).
SPEC_COMMANDS = [
    ["spec"], ["spec", "--abstract"], ["spec", "--json"], ["solve"], ["graph"], ["find"],
    ["find", "-dv"], ["location"], ["load", "--sh"], ["info"],
]  # fmt: skip
#: What runs in an environment whose manifest is mutated (after ``-e DIR``).
MANIFEST_COMMANDS = [
    ["env", "status"], ["concretize"], ["concretize", "--json"], ["add", "hdf5"],
    ["remove", "zlib"], ["config", "get", "packages"], ["config", "blame", "config"],
    ["spec", "zlib"], ["find"], ["env", "depfile"],
]  # fmt: skip
#: What runs with a mutated file in a -C scope; SECTION is the file's section.
CONFIG_COMMANDS = [
    ["config", "get", "SECTION"], ["config", "blame", "SECTION"], ["spec", "mpileaks"],
    ["spec", "hdf5+mpi"], ["find"], ["compiler", "list"], ["mirror", "list"], ["repo", "list"],
    ["config", "scopes"], ["info", "zlib"], ["list"],
]  # fmt: skip

#: Examples per kind of input: (default run, slow run). The slow counts add up to 10,000.
EXAMPLES = {"specs": (300, 4000), "manifests": (200, 3000), "config": (200, 3000)}
EXIT_CODES = {int(code) for code in ExitCode}
#: What Python does not show unless asked (its default warning filters).
HIDDEN_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


@dataclass(frozen=True)
class Outcome:
    args: list[str]
    code: object
    out: str
    err: str
    #: Python warnings a user would see on stderr (file, line and source of the library).
    warnings: tuple[str, ...] = ()

    def check(self) -> None:
        """The fuzz property: an exit code from the table, no internal error, no warning."""
        where = f"rpm-spec {self.args!r} exited {self.code!r}\n{self.err}"
        assert self.code in EXIT_CODES, where
        assert "internal error" not in self.err, where
        assert "Traceback" not in self.err, where
        assert self.warnings == (), where


class Cli:
    """The CLI on a hermetic user directory; files under ``root`` are the inputs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.scope = root / "scope"  # mutated config files go here (-C)
        self.environment = root / "env"  # the mutated manifest's environment (-e)

    def run(self, args: list[str]) -> Outcome:
        # Streams like a terminal's: stdout refuses what UTF-8 cannot encode (lone
        # surrogates from undecodable argv bytes), stderr escapes it.
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
        err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
        code: object = None
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            try:
                main(args)
            except SystemExit as done:
                code = done.code if done.code is not None else 0
        shown = [
            f"{warning.category.__name__}: {warning.message}"
            for warning in caught
            if not issubclass(warning.category, HIDDEN_WARNINGS)
        ]
        return Outcome(args, code, _text(out), _text(err), tuple(shown))

    def write_scope(self, section: str, data: bytes) -> None:
        shutil.rmtree(self.scope, ignore_errors=True)
        self.scope.mkdir()
        (self.scope / f"{section}.yaml").write_bytes(data)

    def write_manifest(self, data: bytes) -> None:
        shutil.rmtree(self.environment, ignore_errors=True)
        self.environment.mkdir()
        (self.environment / "rpm-spec.yaml").write_bytes(data)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", errors="replace")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The hermetic setup of every example (see the module docstring)."""
    user_dir = tmp_path / "user-home"  # where conftest points RPM_SPEC_USER_DIR
    user_dir.mkdir(exist_ok=True)
    for name in ("RPM_SPEC_ENV", "RPM_SPEC_DEBUG", "RPM_SPEC_SHELL_FUNCTION"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "empty-path").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))  # no real compiler or GPU tool
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")  # relative paths in mutated config land here
    (user_dir / "compilers.yaml").write_text(dump({"compilers": TEST_COMPILERS}))
    (user_dir / "repos.yaml").write_text(f"repos::\n- {MOCK_REPO}\n")
    # The host cache holds what the CLI would detect this boot: make that the fixed host.
    assert cached_host(user_dir / "cache", detect=lambda: HOST) == HOST
    store = Session.for_tests(tmp_path / "setup", store_root=user_dir / "store")
    install(store, "mpileaks ^mpich")
    install(store, "zlib~shared", explicit=False)
    return Cli(tmp_path)


def _fuzz(examples: int, strategy: st.SearchStrategy[object], body: Callable[..., None]) -> None:
    """Run ``body`` on ``examples`` draws of ``strategy``."""
    run = settings(
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(given(strategy)(body))
    run()


def _examples(kind: str) -> list[object]:
    quick, thorough = EXAMPLES[kind]
    return [
        pytest.param(quick, id="quick"),
        pytest.param(thorough, id="thorough", marks=pytest.mark.slow),
    ]


# Specs from a command line cannot hold NUL; undecodable bytes arrive as lone surrogates.
spec_text = edited_text(SPECS, SPEC_TOKENS).map(lambda text: text.replace("\0", ""))


@pytest.mark.parametrize("examples", _examples("specs"))
def test_mutated_specs(cli: Cli, examples: int) -> None:
    def body(case: tuple[list[str], str, bool]) -> None:
        command, text, split = case
        cli.run([*command, *(text.split() if split else [text])]).check()

    strategy = st.tuples(st.sampled_from(SPEC_COMMANDS), spec_text, st.booleans())
    _fuzz(examples, strategy, body)


@pytest.mark.parametrize("examples", _examples("manifests"))
def test_mutated_manifests(cli: Cli, examples: int) -> None:
    def body(case: tuple[list[str], bytes]) -> None:
        command, data = case
        cli.write_manifest(data)
        cli.run(["-e", str(cli.environment), *command]).check()

    strategy = st.tuples(st.sampled_from(MANIFEST_COMMANDS), file_bytes(MANIFESTS))
    _fuzz(examples, strategy, body)


@st.composite
def _config_case(draw: st.DrawFn) -> tuple[str, bytes | None, list[str]]:
    """A section's mutated file, or -c values of it, or both; then a command."""
    section = draw(st.sampled_from(sorted(CONFIGS)))
    command = draw(st.sampled_from(CONFIG_COMMANDS))
    kind = draw(st.sampled_from(["file", "file", "value", "both"]))
    data = draw(file_bytes(CONFIGS[section])) if kind != "value" else None
    values = draw(st.lists(override_text(CONFIGS[section]), min_size=1, max_size=2))
    options = [f"-c{value}" for value in values] if kind != "file" else []
    words = [section if word == "SECTION" else word for word in command]
    return section, data, [*options, *words]


@pytest.mark.parametrize("examples", _examples("config"))
def test_mutated_config_files(cli: Cli, examples: int) -> None:
    def body(case: tuple[str, bytes | None, list[str]]) -> None:
        section, data, args = case
        if data is not None:
            cli.write_scope(section, data)
            args = ["-C", str(cli.scope), *args]
        cli.run(args).check()

    _fuzz(examples, _config_case(), body)


# -- what the fuzz found, kept as plain examples ---------------------------------------------

#: (config file text or None, argv, exit code): inputs that once crashed the CLI.
FOUND = [
    # A byte that is not UTF-8 in a spec reached a strict UTF-8 stdout (UnicodeEncodeError).
    (None, ["spec", "--abstract", 'zlib cflags="-O\udcff"'], ExitCode.USAGE_ERROR),
    # Values ruamel cannot build raised TypeError/AttributeError/ValueError/AssertionError.
    ("packages:\n  ? [[zlib]]\n  : {buildable: false}\n", ["spec", "zlib"], ExitCode.USER_ERROR),
    ("packages:\n  zlib: &a\n    <<: *a\n", ["spec", "zlib"], ExitCode.USER_ERROR),
    ("packages:\n  !!omap zlib: {}\n", ["config", "get", "packages"], ExitCode.USER_ERROR),
    ("config:\n  build_jobs: !!int x\n", ["config", "get", "config"], ExitCode.USER_ERROR),
    # ruamel warned (with its file, line and source) of valid YAML: an anchor defined
    # twice, a float without a dot in a YAML 1.1 document.
    ("packages:\n  a: &x {}\n  b: &x {}\n  c: *x\n", ["config", "get", "packages"], ExitCode.OK),
    (
        "%YAML 1.1\n---\nconfig:\n  connect_timeout_s: 1e3\n",
        ["config", "get", "config"],
        ExitCode.OK,
    ),
    (None, ["-c", "config:build_jobs:!!float x", "config", "get", "config"], ExitCode.USER_ERROR),
]


@pytest.mark.parametrize(("text", "args", "code"), FOUND)
def test_inputs_the_fuzz_found(cli: Cli, text: str | None, args: list[str], code: int) -> None:
    if text is not None:
        section = re.search(r"^(\w+):", text, re.MULTILINE)
        assert section is not None
        cli.write_scope(section[1], text.encode())
        args = ["-C", str(cli.scope), *args]
    outcome = cli.run(args)
    outcome.check()
    assert outcome.code == code, outcome.err


# -- the seeds themselves ------------------------------------------------------------------


def test_every_seed_is_accepted(cli: Cli) -> None:
    """Mutations start from valid input: every seed goes all the way through."""
    for text in SPECS:
        outcome = cli.run(["spec", text])
        assert outcome.code == 0, (text, outcome.err)
    for text in MANIFESTS:
        cli.write_manifest(text.encode())
        for command in (["concretize"], ["env", "status"], ["add", "hdf5"]):
            outcome = cli.run(["-e", str(cli.environment), *command])
            assert outcome.code == 0, (text, command, outcome.err)
    for section, texts in CONFIGS.items():
        for text in texts:
            cli.write_scope(section, text.encode())
            for command in (["config", "get", section], ["spec", "mpileaks"]):
                outcome = cli.run(["-C", str(cli.scope), *command])
                assert outcome.code == 0, (section, text, command, outcome.err)


def test_the_harness_sees_internal_errors(cli: Cli) -> None:
    """The host is the fixed one, and a crash fails the property (it is not vacuous)."""
    outcome = cli.run(["-c", "config:build_jobs:1", "config", "get", "config"])
    outcome.check()
    assert outcome.code == 0 and "build_jobs: 1" in outcome.out
    assert cli.run(["arch"]).out == f"{HOST.platform}-{HOST.os}-{HOST.target}\n"  # fixed
    crashed = Outcome(["x"], 3, "", "Error: internal error: ValueError: boom\n")
    with pytest.raises(AssertionError):
        crashed.check()
    with pytest.raises(AssertionError):
        Outcome(["x"], 0, "", "", ("UserWarning: boom",)).check()
