"""The site policy end to end: an admin's ``<prefix>/etc/rpm-spec/site/policy.yaml`` in a
copy of rpm-spec (the site scope is where the install lives), and a user who tries to get
around it with their own scope, ``-C``, ``-c``, or someone else's lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from pathlib import Path

MOCK = PREFIX / "tests" / "repos" / "mock"
BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)
#: The issue's policy: line 2 denies openssl 1.1, line 4 requires mpich as mpi.
SITE_POLICY = """\
policy:
  deny: [openssl@:1.1]
  require:
    mpi: mpich
"""
USER_REQUIREMENT = "packages:\n  openssl:\n    require: '@1.1.1'\n"


@dataclass(frozen=True)
class Install:
    """A copy of rpm-spec's lib and etc (so its site scope is ours), a -C scope with the
    mock repo, a store and a compiler, and a user directory."""

    root: Path

    @property
    def site(self) -> Path:
        return self.root / "rpm-spec" / "etc" / "rpm-spec" / "site"

    @property
    def user(self) -> Path:
        return self.root / "user"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_", "PYTHON"))}
        env["RPM_SPEC_USER_DIR"] = str(self.user)
        lib = str(self.root / "rpm-spec" / "lib")
        return subprocess.run(
            [sys.executable, "-c", BOOT, lib, "-C", str(self.root / "scope"), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=self.root,
        )


@pytest.fixture
def install(tmp_path: Path) -> Install:
    copy = tmp_path / "rpm-spec"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("lib", "etc"):
        shutil.copytree(PREFIX / part, copy / part, ignore=ignore)
    scope = tmp_path / "scope"
    scope.mkdir()
    (scope / "repos.yaml").write_text(f"repos::\n  - {MOCK}\n")
    (scope / "config.yaml").write_text(
        textwrap.dedent(
            f"""\
            config:
              install_tree:
                root: {tmp_path / "store"}
              build_stage: [{tmp_path / "stage"}]
              source_cache: {tmp_path / "cache"}
            """
        )
    )
    (scope / "packages.yaml").write_text("packages:\n  all:\n    target: [x86_64_v2]\n")
    (scope / "compilers.yaml").write_text(
        "compilers:\n- compiler:\n    spec: gcc@12.2.0\n"
        "    paths: {cc: null, cxx: null, f77: null, fc: null}\n"
    )
    return Install(tmp_path)


def _with_policy(install: Install) -> Install:
    install.site.mkdir(parents=True, exist_ok=True)
    (install.site / "policy.yaml").write_text(SITE_POLICY)
    return install


def _refused(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "policy_" not in done.stderr  # never an ASP atom
    return done.stderr


def test_the_solve_stays_within_the_site_policy(install: Install) -> None:
    free = install.run("spec", "tls-app")
    assert free.returncode == 0, free.stderr
    assert "openssl@1.1.1w" in free.stdout
    done = _with_policy(install).run("spec", "tls-app")
    assert done.returncode == 0, done.stderr
    assert "openssl@3.1.4" in done.stdout and "mpich@4.2" in done.stdout


def test_a_denied_request_is_refused_naming_the_rule_and_line(install: Install) -> None:
    err = _refused(_with_policy(install).run("spec", "tls-app ^openssl@1.1.1"))
    assert "deny: 'openssl@:1.1'" in err
    assert f"{install.site / 'policy.yaml'}:2" in err


def test_user_scope_dash_c_and_dash_big_c_cannot_loosen_it(install: Install) -> None:
    _with_policy(install)
    mine = install.root / "mine"
    mine.mkdir()
    (mine / "packages.yaml").write_text(USER_REQUIREMENT)
    install.user.mkdir()
    (install.user / "packages.yaml").write_text(USER_REQUIREMENT)
    for args in (
        ("spec", "tls-app"),
        ("-C", str(mine), "spec", "tls-app"),
        ("-c", "packages:openssl:require:'@1.1.1'", "spec", "tls-app"),
    ):
        err = _refused(install.run(*args))
        assert "deny: 'openssl@:1.1'" in err and "policy.yaml:2" in err, args


def test_a_policy_section_outside_the_site_is_ignored_with_a_warning(install: Install) -> None:
    _with_policy(install)
    install.user.mkdir()
    (install.user / "policy.yaml").write_text("policy:\n  deny: [openssl@3:]\n")
    done = install.run("-c", "policy:deny:[mpich]", "spec", "tls-app")
    assert done.returncode == 0, done.stderr
    assert "openssl@3.1.4" in done.stdout and "mpich@4.2" in done.stdout
    assert f"{install.user / 'policy.yaml'}:1: the policy section is ignored" in done.stderr
    assert "command line (-c policy:deny:[mpich]): the policy section is ignored" in done.stderr


def test_a_lock_holding_a_denied_spec_is_refused_before_any_fetch(install: Install) -> None:
    theirs = install.root / "theirs"
    for args in (("env", "create", "-d", str(theirs)), ("add", "tls-app"), ("concretize",)):
        done = install.run("-e", str(theirs), *args) if args[0] != "env" else install.run(*args)
        assert done.returncode == 0, done.stderr
    assert "1.1.1w" in (theirs / "rpm-spec.lock").read_text()
    _with_policy(install)
    mine = install.root / "mine"
    done = install.run("env", "create", "-d", str(mine), str(theirs / "rpm-spec.lock"))
    assert done.returncode == 0, done.stderr
    for args in (("install",), ("env", "depfile")):
        err = _refused(install.run("-e", str(mine), *args))
        assert "breaks the site policy; nothing was fetched or installed" in err
        assert "openssl@1.1.1w+shared %gcc@12.2.0 is denied by policy deny" in err
        assert "policy.yaml:2" in err
        assert "fetching" not in err
    cache, store = install.root / "cache", install.root / "store"
    assert not cache.exists() or not any(cache.rglob("*")), "something was fetched"
    assert not store.exists() or not any(p.name.startswith("openssl") for p in store.rglob("*"))
