"""Environments as a user drives them: the lock pins recipes, create in place, activation.

``flagged`` is a recipe written here whose install writes its ``cflags`` into a
program (``bin/flagged``) and a Python module: editing ``-O2`` to ``-O1`` after the
lock is written shows which recipe a build used. The environment's manifest carries
its whole configuration (repository, the machine's gcc, store, stage).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from rpm_spec.cli.main import main
from rpm_spec.environment.environment import Environment
from rpm_spec.store import Database
from rpm_spec.util.paths import PREFIX

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build"))
from tiny_projects import make_tarball

_FAMILIES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}

RECIPE = '''\
    import os

    from rpm_spec.repo.api import *


    class Flagged(Package):
        """Writes the flags it was built with into bin/flagged and a Python module."""

        url = "{url}"
        version("1.0", sha256="{sha256}")

        def install(self, spec, prefix):
            cflags = "-O2"
            os.makedirs(os.path.join(prefix, "bin"))
            script = os.path.join(prefix, "bin", "flagged")
            with open(script, "w") as out:
                out.write("#!/bin/sh\\necho " + cflags + "\\n")
            os.chmod(script, 0o755)
            site = os.path.join(prefix, "lib", "python3.11", "site-packages")
            os.makedirs(site)
            with open(os.path.join(site, "flagged_flags.py"), "w") as out:
                out.write("CFLAGS = " + repr(cflags) + "\\n")
    '''


def _gcc() -> tuple[str, str, str]:
    family = _FAMILIES.get(platform.machine().lower())
    gcc, gxx = shutil.which("gcc"), shutil.which("g++")
    if family is None or gcc is None or gxx is None:
        pytest.skip("needs gcc, g++ and a known target family")
    return family, gcc, gxx


@pytest.fixture
def flagged_env(tmp_path: Path) -> Path:
    """An environment with the root ``flagged``, locked for this machine's generic target."""
    family, gcc, gxx = _gcc()
    version = subprocess.run(
        [gcc, "-dumpfullversion"], capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = tmp_path / "repo"
    (repo / "packages" / "flagged").mkdir(parents=True)
    (repo / "repo.yaml").write_text("repo:\n  namespace: flags\n")
    source = make_tarball("flagged", "1.0", {"README": "flagged"}, tmp_path / "tarballs")
    recipe = textwrap.dedent(RECIPE).format(url=source.url, sha256=source.sha256)
    (repo / "packages" / "flagged" / "package.py").write_text(recipe)
    directory = tmp_path / "env"
    directory.mkdir()
    compiler = {
        "spec": f"gcc@{version}",
        "paths": {"cc": gcc, "cxx": gxx, "f77": None, "fc": None},
    }
    manifest = {
        "rpm-spec": {
            "specs": ["flagged"],
            "view": True,
            "repos": [str(repo)],
            "compilers": [{"compiler": compiler}],
            "config": {
                "install_tree": {"root": str(tmp_path / "store")},
                "build_stage": [str(tmp_path / "stage")],
            },
        }
    }
    (directory / "rpm-spec.yaml").write_text(json.dumps(manifest, indent=1))
    assert "Concretized" in _ok("-e", str(directory), "concretize", "--target", family)
    return directory


def _run(*args: str) -> tuple[int, str]:
    """The exit status and output of ``rpm-spec ARGS``, errors printed as main() does."""
    runner = CliRunner()
    with runner.isolation() as (stdout, stderr, _):
        try:
            main(list(args))
            status = 0
        except SystemExit as done:
            status = done.code if isinstance(done.code, int) else 1
        return status, stdout.getvalue().decode() + stderr.getvalue().decode()


def _ok(*args: str) -> str:
    status, output = _run(*args)
    assert status == 0, output
    return output


def _edit_recipe(env_dir: Path) -> Path:
    """-O2 becomes -O1 in the repository's recipe; its path."""
    recipe = env_dir.parent / "repo" / "packages" / "flagged" / "package.py"
    recipe.write_text(recipe.read_text().replace('"-O2"', '"-O1"'))
    # The metadata index trusts (mtime, size), and this edit keeps the size.
    stamp = recipe.stat().st_mtime_ns + 2_000_000_000
    os.utime(recipe, ns=(stamp, stamp))
    return recipe


def _installed(env_dir: Path) -> list[Path]:
    return [Path(r.prefix) for r in Database(env_dir.parent / "store").records()]


def test_install_builds_the_recipe_the_lock_pinned(flagged_env: Path) -> None:
    recipe = _edit_recipe(flagged_env)
    status = _ok("-e", str(flagged_env), "env", "status")
    assert f"flagged: recipe changed since the lock ({recipe})" in status
    assert "concretize --force" in status
    # The section that holds it is not "up to date" while its recipe differs.
    assert "recipes changed since solved: flagged" in status
    assert "up to date" not in status

    out = _ok("-e", str(flagged_env), "install")
    assert f"Note: flagged: recipe changed since the lock ({recipe})" in out
    assert "built flagged@1.0" in out
    (prefix,) = _installed(flagged_env)
    ran = subprocess.run([prefix / "bin" / "flagged"], capture_output=True, text=True, check=True)
    assert ran.stdout == "-O2\n"  # the locked recipe, not the edited one
    kept = (prefix / ".rpm-spec").rglob("package.py")
    assert ['cflags = "-O2"' in p.read_text() for p in kept] == [True]
    section = next(iter(Environment(flagged_env).lock.platforms.values()))
    assert prefix.name.endswith(section.roots[0][1])  # the locked hash, not a new one


def test_a_depfile_target_builds_the_locked_recipe_too(flagged_env: Path) -> None:
    _edit_recipe(flagged_env)
    section = next(iter(Environment(flagged_env).lock.platforms.values()))
    root = section.roots[0][1]
    out = _ok("-e", str(flagged_env), "env", "install-node", root[:12])
    assert "recipe changed since the lock" in out
    (prefix,) = _installed(flagged_env)
    ran = subprocess.run([prefix / "bin" / "flagged"], capture_output=True, text=True, check=True)
    assert ran.stdout == "-O2\n"


def test_without_the_locked_recipe_install_refuses_and_names_it(flagged_env: Path) -> None:
    lock_path = flagged_env / "rpm-spec.lock"
    data = json.loads(lock_path.read_text())
    locked = data["recipes"].pop("flags.flagged")["hash"]
    lock_path.write_text(json.dumps(data))
    recipe = _edit_recipe(flagged_env)

    status, refused = _run("-e", str(flagged_env), "install")
    assert status == 1
    assert f"flagged: the lock was solved with another recipe than {recipe}" in refused
    assert f"locked {locked[:12]}, now " in refused
    assert "hint: run 'rpm-spec concretize --force'" in refused
    assert _installed(flagged_env) == []

    _ok("-e", str(flagged_env), "concretize", "--force", "--target", _gcc()[0])
    _ok("-e", str(flagged_env), "install")
    (prefix,) = _installed(flagged_env)
    ran = subprocess.run([prefix / "bin" / "flagged"], capture_output=True, text=True, check=True)
    assert ran.stdout == "-O1\n"


def test_status_reports_manifest_and_config_changed_since_the_lock(flagged_env: Path) -> None:
    def lock_line() -> str:
        status = _ok("-e", str(flagged_env), "env", "status")
        return next(line for line in status.splitlines() if "lock:" in line)

    assert lock_line().endswith("up to date)")
    manifest = flagged_env / "rpm-spec.yaml"
    data = json.loads(manifest.read_text())
    data["rpm-spec"]["view"] = str(flagged_env / "elsewhere")
    manifest.write_text(json.dumps(data))
    assert "manifest changed since solved" in lock_line()
    data["rpm-spec"]["packages"] = {"flagged": {"require": "@1.0"}}
    manifest.write_text(json.dumps(data))
    assert "config changed since solved: packages" in lock_line()
    # Reuse follows the store, not the request: turning it off changes nothing here.
    reuse = _ok("-c", "concretizer:reuse:false", "-e", str(flagged_env), "env", "status")
    assert "concretizer" not in reuse


def test_env_create_in_the_directory_of_its_lock(flagged_env: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "copy"
    elsewhere.mkdir()
    shutil.copy(flagged_env / "rpm-spec.lock", elsewhere / "rpm-spec.lock")
    before = (elsewhere / "rpm-spec.lock").read_bytes()
    os.chdir(elsewhere)
    try:
        out = _ok("env", "create", "-d", ".", "rpm-spec.lock")
    finally:
        os.chdir(tmp_path)
    assert f"Created environment in {elsewhere}\n" in out
    assert (elsewhere / "rpm-spec.lock").read_bytes() == before
    created = Environment(elsewhere)
    assert created.manifest.specs == ["flagged"]
    assert created.is_current(next(iter(created.lock.platforms.values())))

    # A bad lock in place: an error, and no stray manifest beside it.
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "rpm-spec.lock").write_text("{not json")
    status, output = _run("env", "create", "-d", str(broken), str(broken / "rpm-spec.lock"))
    assert status == 1 and "not a readable JSON lockfile" in output
    assert sorted(p.name for p in broken.iterdir()) == ["rpm-spec.lock"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_after_activate_and_install_the_view_is_on_path(flagged_env: Path) -> None:
    """The shell function of setup-env.sh: activate before the view exists, install, run."""
    view = Environment(flagged_env).view_path
    assert view is not None and not view.exists()
    script = (
        f". {PREFIX / 'share/rpm-spec/setup-env.sh'}\n"
        f"rpm-spec env activate {flagged_env} || exit 9\n"
        'echo "PATH=$PATH"\n'
        "rpm-spec install >/dev/null || exit 8\n"
        "flagged || exit 7\n"
        'echo "PYTHONPATH=${PYTHONPATH-}"\n'
        "python3 -c 'import flagged_flags; print(flagged_flags.CFLAGS)' || exit 6\n"
        "rpm-spec env deactivate || exit 5\n"
        'echo "PATH=$PATH"\n'
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_ENV", "PYTHON"))}
    environ["PATH"] = "/usr/bin:/bin"
    environ["RPM_SPEC_USER_DIR"] = os.environ["RPM_SPEC_USER_DIR"]
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"PATH={view}/bin:")
    assert lines[1] == "-O2"
    site = view / "lib" / "python3.11" / "site-packages"
    assert lines[2] == f"PYTHONPATH={site}"
    assert lines[3] == "-O2"
    assert f"{view}" not in lines[4]


MIRROR = PREFIX.parent / "shared" / "mirror"


@pytest.mark.slow
@pytest.mark.skipif(not (MIRROR / "bzip2").is_dir(), reason=f"no bzip2 in {MIRROR}")
@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"), reason="x86_64_v2")
def test_real_bzip2_builds_with_the_locked_cflags(tmp_path: Path) -> None:
    """The issue's acceptance: -O2 to -O1 in bzip2's recipe after the lock; status names
    the recipe, install builds with -O2. The builtin recipe is copied into a repository
    above builtin (the tree's own recipes are never edited by tests)."""
    _, gcc, gxx = _gcc()
    version = subprocess.run(
        [gcc, "-dumpfullversion"], capture_output=True, text=True, check=True
    ).stdout.strip()
    overlay = tmp_path / "site"
    (overlay / "packages").mkdir(parents=True)
    (overlay / "repo.yaml").write_text("repo:\n  namespace: site\n")
    shutil.copytree(PREFIX / "repos/builtin/packages/bzip2", overlay / "packages/bzip2")
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    paths = {"cc": gcc, "cxx": gxx, "f77": None, "fc": None}
    manifest = {
        "rpm-spec": {
            "specs": ["bzip2@1.0.8"],
            "repos": [str(overlay)],
            "mirrors": {"shared": MIRROR.as_uri()},
            "compilers": [{"compiler": {"spec": f"gcc@{version}", "paths": paths}}],
            "config": {
                "install_tree": {"root": str(tmp_path / "store")},
                "build_stage": [str(tmp_path / "stage")],
                "source_cache": str(tmp_path / "cache"),
            },
        }
    }
    (env_dir / "rpm-spec.yaml").write_text(json.dumps(manifest, indent=1))
    _ok("-e", str(env_dir), "concretize", "--target", "x86_64_v2")
    recipe = overlay / "packages" / "bzip2" / "package.py"
    text = recipe.read_text()
    assert text.count("-O2") == 1
    recipe.write_text(text.replace("-O2", "-O1"))
    stamp = recipe.stat().st_mtime_ns + 2_000_000_000
    os.utime(recipe, ns=(stamp, stamp))

    status = _ok("-e", str(env_dir), "env", "status")
    assert f"bzip2: recipe changed since the lock ({recipe})" in status
    out = _ok("-e", str(env_dir), "install")
    assert "built bzip2@1.0.8" in out
    (record,) = Database(tmp_path / "store").records()
    log = (Path(record.prefix) / ".rpm-spec" / "build.log").read_text(errors="replace")
    assert "-O2 -g" in log and "-O1" not in log
