"""Installing an environment for real: `-e DIR install`, then `env depfile` + `make -j2`.

The environment is a diamond of tiny C projects built with the machine's gcc:
``tinytop`` runs ``tinyapp`` and ``tinyconf`` (run dependencies), which both link
``tinylib``; a second root, ``tinyclash``, installs a file ``tinytop`` installs too.
Its manifest carries the whole configuration (repository, compiler, store), so the
``rpm-spec`` processes that make starts see exactly what the test set up.
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

from rpm_spec.cli.main import cli
from rpm_spec.environment.activation import activation
from rpm_spec.environment.environment import Environment
from rpm_spec.store import Database
from rpm_spec.util.paths import PREFIX

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "build"))
from tiny_projects import make_tarball, make_tiny_repo

_FAMILIES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}

_RECIPES = {
    "tinytop": '''\
        import os

        from rpm_spec.repo.api import *


        class Tinytop(Package):
            """Runs tinyapp and tinyconf, which it needs at run time only."""

            url = "{url}"
            version("1.0", sha256="{sha256}")
            depends_on("tinyapp", type="run")
            depends_on("tinyconf", type="run")

            def install(self, spec, prefix):
                os.makedirs(os.path.join(prefix, "bin"))
                os.makedirs(os.path.join(prefix, "share", "tiny"))
                script = os.path.join(prefix, "bin", "tinytop")
                with open(script, "w") as out:
                    out.write("#!/bin/sh\\ntinyapp && tinyconf\\n")
                os.chmod(script, 0o755)
                with open(os.path.join(prefix, "share", "tiny", "NOTICE"), "w") as out:
                    out.write("tinytop\\n")
        ''',
    "tinyclash": '''\
        import os

        from rpm_spec.repo.api import *


        class Tinyclash(Package):
            """Installs share/tiny/NOTICE, as tinytop does."""

            url = "{url}"
            version("1.0", sha256="{sha256}")

            def install(self, spec, prefix):
                os.makedirs(os.path.join(prefix, "share", "tiny"))
                os.makedirs(os.path.join(prefix, "bin"))
                with open(os.path.join(prefix, "bin", "tinyclash"), "w") as out:
                    out.write("#!/bin/sh\\necho clash\\n")
                with open(os.path.join(prefix, "share", "tiny", "NOTICE"), "w") as out:
                    out.write("tinyclash\\n")
        ''',
}
PACKAGES = {"tinylib", "tinyapp", "tinyconf", "tinytop", "tinyclash"}


@pytest.fixture
def tiny_env(tmp_path: Path) -> Path:
    """An environment (roots tinytop, tinyclash) concretized for this machine's generic
    target; its manifest holds the repository, gcc and a store under ``tmp_path``."""
    family = _FAMILIES.get(platform.machine().lower())
    gcc, gxx = shutil.which("gcc"), shutil.which("g++")
    if family is None or gcc is None or gxx is None or shutil.which("make") is None:
        pytest.skip("needs gcc, g++, make and a known target family")
    version = subprocess.run(
        [gcc, "-dumpfullversion"], capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = make_tiny_repo(tmp_path / "tiny")
    for name, template in _RECIPES.items():
        source = make_tarball(name, "1.0", {"README": name}, tmp_path / "tiny" / "tarballs")
        (repo.root / "packages" / name).mkdir()
        recipe = textwrap.dedent(template).format(url=source.url, sha256=source.sha256)
        (repo.root / "packages" / name / "package.py").write_text(recipe)
    directory = tmp_path / "env"
    directory.mkdir()
    manifest = {
        "rpm-spec": {
            "specs": ["tinytop", "tinyclash"],
            "view": True,
            "repos": [str(repo.root)],
            "compilers": [
                {
                    "compiler": {
                        "spec": f"gcc@{version}",
                        "paths": {"cc": gcc, "cxx": gxx, "f77": None, "fc": None},
                    }
                }
            ],
            "config": {
                "install_tree": {"root": str(tmp_path / "store")},
                "build_stage": [str(tmp_path / "stage")],
                "build_jobs": 2,
            },
        }
    }
    (directory / "rpm-spec.yaml").write_text(json.dumps(manifest, indent=1))
    out = _rpm_spec("-e", str(directory), "concretize", "--target", family)
    assert "Concretized" in out
    return directory


def _rpm_spec(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _prefixes(env_dir: Path) -> dict[str, Path]:
    records = Database(env_dir.parent / "store").records()
    return {record.spec.name: record.prefix for record in records}


def test_install_builds_the_environment_and_its_view(tiny_env: Path) -> None:
    out = _rpm_spec("-e", str(tiny_env), "install", "-j", "2")
    assert sorted(_prefixes(tiny_env)) == sorted(PACKAGES)
    for name in PACKAGES:
        assert out.count(f"built {name}@1.0 ") == 1, out
    view = Environment(tiny_env).view_path
    assert view is not None and view.is_symlink()
    # roots and their run dependencies; tinylib (linked by RPATH only) stays out
    for name in ("tinytop", "tinyclash", "tinyapp", "tinyconf"):
        assert (view / "bin" / name).is_symlink()
    assert not (view / "include").exists()
    assert not (view / "lib").exists()
    # the conflict is reported, and the first root keeps the file
    assert "view conflict: share/tiny/NOTICE: tinytop@1.0 /" in out
    assert "and tinyclash@1.0 /" in out
    assert (view / "share" / "tiny" / "NOTICE").read_text() == "tinytop\n"

    # activation puts the view's bin first on PATH; the programs run from there
    changes = activation(Environment(tiny_env), {"PATH": "/usr/bin:/bin"}).apply({})
    path = changes["PATH"]
    assert path is not None and path.split(":")[0] == str(view / "bin")
    run = subprocess.run(
        ["tinytop"], env={"PATH": path}, capture_output=True, text=True, check=True
    )
    assert run.stdout == "tiny answer 42\ntiny answer 42\n"

    again = _rpm_spec("-e", str(tiny_env), "install")
    assert "Nothing to do" in again
    assert "View" not in again  # the view is current: left as it is
    view.unlink()
    again = _rpm_spec("-e", str(tiny_env), "install")
    assert "Nothing to do" in again
    assert (view / "bin" / "tinytop").is_symlink()  # ... but made when it is missing


def test_depfile_and_make_install_each_package_once(tiny_env: Path) -> None:
    makefile = tiny_env.parent / "Makefile"
    _rpm_spec("-e", str(tiny_env), "env", "depfile", "-o", str(makefile))
    environ = {
        **os.environ,
        "PYTHONPATH": str(PREFIX / "lib"),
        "RPM_SPEC": f"{sys.executable} -m rpm_spec",
    }
    environ.pop("RPM_SPEC_ENV", None)
    environ.pop("MAKEFLAGS", None)

    def make() -> str:
        done = subprocess.run(
            ["make", "-j2", "-f", str(makefile)],
            cwd=tiny_env.parent,
            env=environ,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    out = make()
    for name in PACKAGES:
        assert out.count(f"built {name}@1.0 ") == 1, out
    prefixes = _prefixes(tiny_env)
    assert sorted(prefixes) == sorted(PACKAGES)
    view = Environment(tiny_env).view_path
    assert view is not None
    assert (view / "bin" / "tinytop").is_symlink()
    assert "share/tiny/NOTICE: tinytop@1.0 /" in out

    again = make()
    assert "env install-node" not in again and "built" not in again
    assert "Nothing to be done" in again
    assert _prefixes(tiny_env) == prefixes
