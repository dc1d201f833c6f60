"""Bad input gets a clear error with an exit code from the table, never a hang or traceback.

Each check of issue 10, item 7, as the command a user would type. Input that could hang
(alias bombs, a FIFO) runs in a child process with a generous timeout, so that a
regression fails instead of hanging the suite; everything else runs in this process
through the CLI's one error boundary, ``main``.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

import click
import pytest

from rpm_spec.cli.main import COMMANDS, cli, main
from rpm_spec.errors import ExitCode
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from pathlib import Path

LIB = PREFIX / "lib"
MOCK_REPO = PREFIX / "tests" / "repos" / "mock"
BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)
#: Ample for a command that refuses its input at once; only a hang comes near it.
HANG_S = 120


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    captured = capsys.readouterr()
    code = exited.value.code
    assert isinstance(code, int)
    return code, captured.out, captured.err


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """rpm-spec in a child process (it inherits the test's private RPM_SPEC_USER_DIR)."""
    return subprocess.run(
        [sys.executable, "-c", BOOT, str(LIB), *args],
        capture_output=True,
        text=True,
        timeout=HANG_S,
        check=False,
        cwd=cwd,
    )


def alias_bomb(top: str) -> str:
    """A "billion laughs" document under the key ``top``: 9**9 values once expanded."""
    lines = [f"{top}:", "  l0: &l0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, 9):
        lines.append(f"  l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.fixture
def scope(tmp_path: Path) -> Path:
    """A directory for ``-C``, its repositories set to the mock repository."""
    path = tmp_path / "scope"
    path.mkdir()
    (path / "repos.yaml").write_text(f"repos:\n  - {MOCK_REPO}\n")
    return path


def make_environment(directory: Path, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "rpm-spec.yaml").write_text("rpm-spec:\n" + body)
    return directory


def assert_clean_error(code: int, err: str, expected: ExitCode) -> None:
    assert code == expected, err
    assert err.startswith("Error: "), err
    assert "Traceback" not in err and "internal error" not in err


# -- YAML that would take the machine down -----------------------------------------------


def test_an_alias_bomb_in_a_config_scope_is_refused(scope: Path) -> None:
    (scope / "packages.yaml").write_text(alias_bomb("packages"))
    done = run_process("-C", str(scope), "config", "get", "packages")
    assert_clean_error(done.returncode, done.stderr, ExitCode.USER_ERROR)
    assert done.stderr.startswith(f"Error: {scope / 'packages.yaml'}: aliases (*name) expand")


def test_an_alias_bomb_in_a_manifest_is_refused(tmp_path: Path) -> None:
    env = make_environment(tmp_path / "env", alias_bomb("  packages").replace("\n", "\n  "))
    done = run_process("-e", str(env), "env", "status")
    assert_clean_error(done.returncode, done.stderr, ExitCode.USER_ERROR)
    assert f"{env / 'rpm-spec.yaml'}: aliases (*name) expand" in done.stderr


def test_an_alias_bomb_on_the_command_line_is_refused() -> None:
    levels = alias_bomb("x").splitlines()[1:]
    value = "{" + ", ".join(line.strip() for line in levels) + "}"
    done = run_process("-c", f"packages:all:variants:{value}", "config", "get", "packages")
    assert_clean_error(done.returncode, done.stderr, ExitCode.USER_ERROR)
    assert "aliases (*name) expand" in done.stderr


def test_a_fifo_in_place_of_a_config_file_does_not_hang(scope: Path) -> None:
    os.mkfifo(scope / "config.yaml")
    done = run_process("-C", str(scope), "config", "get", "config")
    assert_clean_error(done.returncode, done.stderr, ExitCode.USER_ERROR)
    assert f"{scope / 'config.yaml'}: is not a regular file" in done.stderr


# -- unknown keys: file:line and a suggestion ---------------------------------------------


def test_an_unknown_key_in_a_config_file(capsys: pytest.CaptureFixture[str], scope: Path) -> None:
    (scope / "config.yaml").write_text("config:\n  build_jobz: 4\n")
    code, _, err = run(capsys, "-C", str(scope), "config", "get", "config")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert err.startswith(f"Error: {scope / 'config.yaml'}:2: config:build_jobz: unknown key")
    assert "(did you mean build_jobs?)" in err


def test_package_names_stay_free_keys_of_packages_yaml(
    capsys: pytest.CaptureFixture[str], scope: Path
) -> None:
    (scope / "packages.yaml").write_text(
        "packages:\n  my-own-lib:\n    buildable: false\n  all:\n    targte: [zen3]\n"
    )
    code, _, err = run(capsys, "-C", str(scope), "config", "get", "packages")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert f"{scope / 'packages.yaml'}:5: packages:all:targte: unknown key" in err
    assert "did you mean target?" in err and "my-own-lib" not in err


def test_a_malformed_name_is_explained_in_words_at_its_line(
    capsys: pytest.CaptureFixture[str], scope: Path
) -> None:
    (scope / "packages.yaml").write_text("packages:\n  all: {}\n  'bad name!': {}\n")
    (scope / "compilers.yaml").write_text(
        "compilers:\n  - compiler:\n      spec: gcc@@\n"
        "      paths: {cc: /usr/bin/gcc, cxx: null, f77: null, fc: null}\n"
    )
    code, _, err = run(capsys, "-C", str(scope), "config", "get", "packages")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert err == (
        f"Error: {scope / 'packages.yaml'}:3: packages:bad name!: expected a package name "
        "(letters, digits and _ . + -) or 'all', got 'bad name!'\n"
    )
    code, _, err = run(capsys, "-C", str(scope), "config", "get", "compilers")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert err == (
        f"Error: {scope / 'compilers.yaml'}:3: compilers[0]:compiler:spec: "
        "expected name@version, e.g. gcc@12.2.0, got 'gcc@@'\n"
    )


def test_an_unknown_section_in_a_section_file(
    capsys: pytest.CaptureFixture[str], scope: Path
) -> None:
    (scope / "config.yaml").write_text("confg:\n  build_jobs: 4\n")
    code, _, err = run(capsys, "-C", str(scope), "config", "get", "config")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert err.startswith(f"Error: {scope / 'config.yaml'}:1: unexpected top-level key 'confg'")
    assert "hint: did you mean config?" in err


def test_unknown_keys_of_a_manifest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    env = make_environment(tmp_path / "env", "  specs: [zlib]\n  veiw: false\n  pakages: {}\n")
    code, _, err = run(capsys, "-e", str(env), "env", "status")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    manifest = env / "rpm-spec.yaml"
    lines = err.splitlines()
    assert lines[0].startswith(f"Error: {manifest}:3: rpm-spec:veiw: unknown key 'veiw'")
    assert lines[0].endswith("(did you mean view?)")
    assert lines[1].startswith(f"{manifest}:4: rpm-spec:pakages: unknown key 'pakages'")
    assert lines[1].endswith("(did you mean packages?)")


def test_a_manifest_view_of_the_wrong_type(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env = make_environment(tmp_path / "env", "  specs: [zlib]\n  view: 3\n")
    code, _, err = run(capsys, "-e", str(env), "env", "status")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert f"{env / 'rpm-spec.yaml'}:3: 'view' must be true, false or a directory" in err


# -- -C, spec errors from config, damaged locks -------------------------------------------


def test_a_missing_config_scope_directory_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "-C", str(tmp_path / "nothing"), "config", "get", "config")
    assert code == ExitCode.USAGE_ERROR
    assert f"Directory '{tmp_path / 'nothing'}' does not exist" in err


@pytest.mark.parametrize(
    ("packages", "line", "key"),
    [
        ("packages:\n  all:\n    require: '@@1'\n", 3, "packages:all:require"),
        (
            "packages:\n  cuda:\n    externals:\n      - spec: 'cuda@@'\n        prefix: /usr\n",
            4,
            "packages:cuda:externals:spec",
        ),
        (
            "packages:\n  zlib:\n    require:\n      - one_of: ['+shared', '~~~']\n",
            4,
            "packages:zlib:require:one_of",
        ),
        (
            "packages:\n  zlib:\n    prefer:\n      - spec: '+shared'\n        when: '%%'\n",
            5,
            "packages:zlib:prefer:when",
        ),
        ("packages:\n  zlib:\n    version: ['1.2', ':::']\n", 3, "packages:zlib:version"),
        ("packages:\n  all:\n    target: [zen3, zen33]\n", 3, "packages:all:target"),
        ("packages:\n  zlib:\n    variants: '+shared ++'\n", 3, "packages:zlib:variants"),
    ],
)
def test_a_spec_error_in_packages_yaml_names_the_file_and_line(
    capsys: pytest.CaptureFixture[str], scope: Path, packages: str, line: int, key: str
) -> None:
    (scope / "packages.yaml").write_text(packages)
    code, _, err = run(capsys, "-C", str(scope), "spec", "zlib")
    assert_clean_error(code, err, ExitCode.USER_ERROR)
    assert err.startswith(f"Error: {scope / 'packages.yaml'}:{line}: {key}: "), err


@pytest.mark.parametrize(
    "damage",
    [
        '{"_meta": ',
        "a: [b\n",
        "[]",
        '{"_meta": 3}',
        '{"_meta": {"file-type": "rpm-spec-lock", "lockfile-version": 1}, "platforms": []}',
    ],
)
def test_a_damaged_lock_says_how_to_recover(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, damage: str
) -> None:
    env = make_environment(tmp_path / "env", "  specs: [zlib]\n")
    (env / "rpm-spec.lock").write_text(damage)
    for command in (["env", "status"], ["concretize"], ["install", "--dry-run"]):
        code, _, err = run(capsys, "-e", str(env), *command)
        assert_clean_error(code, err, ExitCode.USER_ERROR)
        assert err.startswith(f"Error: {env / 'rpm-spec.lock'}: ")
        assert "hint: " in err and "move it aside and run 'rpm-spec concretize'" in err


# -- options anywhere, spec words untouched -----------------------------------------------


def test_options_after_the_specs_are_options(
    capsys: pytest.CaptureFixture[str], scope: Path
) -> None:
    code, out, err = run(
        capsys, "-C", str(scope), "install", "zlib", "cmake", "-j", "2", "--dry-run"
    )
    assert code == ExitCode.OK, err
    planned = [line.split()[1] for line in out.splitlines() if line.startswith("[build]")]
    assert {name.partition("@")[0] for name in planned} >= {"zlib", "cmake"}
    code, _, err = run(capsys, "-C", str(scope), "install", "zlib", "-j", "many", "--dry-run")
    assert code == ExitCode.USAGE_ERROR
    assert "Invalid value for '-j' / '--jobs': 'many' is not a valid integer" in err


def test_spec_words_that_look_like_options_stay_specs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "spec", "hdf5", "-shared", "~debug", "^zlib", "--abstract")
    assert code == ExitCode.OK
    assert out.splitlines() == ["hdf5~debug~shared", "    ^zlib"]
    # -l is an option of spec (--long); after '--' it is a variant turned off.
    code, out, _ = run(capsys, "spec", "--abstract", "zlib", "-l")
    assert (code, out) == (ExitCode.OK, "zlib\n")
    code, out, _ = run(capsys, "spec", "--abstract", "--", "zlib", "-l")
    assert (code, out) == (ExitCode.OK, "zlib~l\n")


def test_an_unknown_long_option_after_a_spec_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "spec", "zlib", "--abstrct")
    assert code == ExitCode.USAGE_ERROR
    assert "No such option '--abstrct'" in err and "--abstract" in err


def test_environment_verbs_join_their_words_into_specs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env = make_environment(tmp_path / "env", "  specs: []\n")
    code, out, err = run(capsys, "-e", str(env), "add", "hdf5", "-mpi", "+shared", "zlib")
    assert code == ExitCode.OK, err
    assert out.splitlines() == [
        f"==> Added {env}: hdf5~mpi+shared",
        f"==> Added {env}: zlib",
    ]


# -- the shell function, the launcher -----------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_shell_function_passes_help_through(tmp_path: Path) -> None:
    script = (
        f". {PREFIX / 'share/rpm-spec/setup-env.sh'}\n"
        "rpm-spec load --help || exit 7\n"
        "rpm-spec env activate --help || exit 8\n"
        "rpm-spec unload -a -h || exit 9\n"
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        timeout=HANG_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    usages = [line for line in done.stdout.splitlines() if line.startswith("Usage:")]
    assert usages == [
        "Usage: rpm-spec load [OPTIONS] SPEC...",
        "Usage: rpm-spec env activate [OPTIONS] NAME_OR_DIR",
        "Usage: rpm-spec unload [OPTIONS] SPEC...",
    ]


def test_a_bootstrap_directory_that_cannot_be_made_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    environ = dict(os.environ, RPM_SPEC_BOOTSTRAP=str(blocker / "boot"))
    done = subprocess.run(
        ["sh", str(PREFIX / "bin" / "rpm-spec"), "--help"],
        capture_output=True,
        text=True,
        env=environ,
        timeout=HANG_S,
        check=False,
    )
    assert done.returncode == ExitCode.USER_ERROR
    assert "Traceback" not in done.stderr
    assert f"Error: cannot write {blocker / 'boot'}: Not a directory" in done.stderr
    assert "set RPM_SPEC_BOOTSTRAP to a directory you can write" in done.stderr


# -- one exit-code table, plain help, plain words -----------------------------------------


def test_help_ends_with_the_exit_code_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == ExitCode.OK
    table = out[out.index("Exit codes:") :]
    for exit_code in ExitCode:
        assert f"  {int(exit_code)} " in table


def _all_error_classes() -> list[type[BaseException]]:
    import pkgutil

    import rpm_spec
    from rpm_spec.errors import RpmSpecError

    for module in pkgutil.walk_packages(rpm_spec.__path__, "rpm_spec."):
        if module.name.split(".")[-1] != "__main__":
            __import__(module.name)
    found: list[type[BaseException]] = []
    pending: list[type[BaseException]] = [RpmSpecError]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(current.__subclasses__())
    return found


def test_every_error_exits_with_a_code_of_the_table() -> None:
    codes = {int(code) for code in ExitCode}
    for error in _all_error_classes():
        assert int(error.exit_code) in codes, error  # type: ignore[attr-defined]


def test_commands_exit_only_through_the_table() -> None:
    """No ``sys.exit(3)`` / ``SystemExit(1)`` with a bare number in the CLI."""
    for path in sorted((LIB / "rpm_spec" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args:
                name = ast.unparse(node.func)
                if name in ("sys.exit", "SystemExit", "exit"):
                    argument = node.args[0]
                    assert not (
                        isinstance(argument, ast.Constant) and isinstance(argument.value, int)
                    ), f"{path.name}:{node.lineno}: {ast.unparse(node)}"


def _every_help(group: click.Group) -> dict[str, str]:
    texts: dict[str, str] = {}

    def visit(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        with click.Context(command, info_name=path[-1], parent=parent) as context:
            texts[" ".join(path)] = command.get_help(context)
            if isinstance(command, click.Group):
                for name in command.list_commands(context):
                    child = command.get_command(context, name)
                    assert child is not None
                    visit(child, [*path, name], context)

    visit(group, ["rpm-spec"], None)
    return texts


def test_help_texts_have_no_rst_markup() -> None:
    texts = _every_help(cli)
    assert len(texts) > len(COMMANDS)
    for name, text in texts.items():
        assert "``" not in text, name
        assert ":class:" not in text and ":func:" not in text, name


def test_creating_an_environment_in_a_directory_names_it_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "env", "create", "-d", str(tmp_path / "stack"))
    assert code == ExitCode.OK, err
    assert out.splitlines()[0] == f"==> Created environment in {tmp_path / 'stack'}"


def test_one_package_is_not_plural(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    repo = tmp_path / "one"
    (repo / "packages" / "solo").mkdir(parents=True)
    (repo / "repo.yaml").write_text("repo:\n  namespace: one\n")
    (repo / "packages" / "solo" / "package.py").write_text(
        "from rpm_spec.repo.api import *\n\n\nclass Solo(Package):\n    pass\n"
    )
    code, out, err = run(capsys, "-c", f"repos::[{repo}]", "repo", "list")
    assert code == ExitCode.OK, err
    assert out.rstrip().endswith("(1 package)"), out
