"""Commands run at the same time on one environment or config file lose nothing.

Real processes of the CLI, started together, on the mock repository. The targets
are named in full (``--platform linux --os debian12 --target ...``), so nothing
depends on this machine's CPU (cross-concretization).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[2] / "lib"
MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
BOOT = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); sys.argv[0] = 'rpm-spec'; "
    "from rpm_spec.cli.main import main; main()"
)


@dataclass
class Place:
    """A private user directory, a config scope on the mock repo, and an environment."""

    root: Path

    @property
    def env_dir(self) -> Path:
        return self.root / "env"

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-c", BOOT, str(LIB), "-C", str(self.root / "config"), *args]

    def environ(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_", "PYTHON"))}
        env["RPM_SPEC_USER_DIR"] = str(self.root / "user")
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            env=self.environ(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def together(self, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
        """Start every command at once; wait for all of them."""
        started = [
            subprocess.Popen(
                self.command(*args),
                env=self.environ(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in commands
        ]
        done = []
        for args, process in zip(commands, started, strict=True):
            out, err = process.communicate(timeout=300)
            done.append(subprocess.CompletedProcess(args, process.returncode, out, err))
        return done


@pytest.fixture
def place(tmp_path: Path) -> Place:
    config = tmp_path / "config"
    config.mkdir()
    (config / "repos.yaml").write_text(f"repos::\n  - {MOCK}\n")
    (config / "config.yaml").write_text(
        f"config:\n  install_tree:\n    root: {tmp_path / 'store'}\n"
    )
    (config / "compilers.yaml").write_text(
        textwrap.dedent(
            """\
            compilers:
              - compiler:
                  spec: gcc@12.2.0
                  paths: {cc: /usr/bin/gcc, cxx: /usr/bin/g++, f77: null, fc: null}
                  operating_system: debian12
                  target: x86_64
            """
        )
    )
    place = Place(tmp_path)
    created = place.run("env", "create", "-d", str(place.env_dir))
    assert created.returncode == 0, created.stderr
    return place


def _concretize(place: Place, target: str) -> list[str]:
    return [
        "-e",
        str(place.env_dir),
        "concretize",
        "--platform",
        "linux",
        "--os",
        "debian12",
        "--target",
        target,
    ]


def test_concurrent_concretize_keeps_every_section(place: Place) -> None:
    """Four rounds of two concurrent ``concretize --target``: each that exits 0 is kept."""
    added = place.run("-e", str(place.env_dir), "add", "mpileaks", "hdf5+mpi", "zlib")
    assert added.returncode == 0, added.stderr
    lock = place.env_dir / "rpm-spec.lock"
    for round_number in range(4):
        lock.unlink(missing_ok=True)
        targets = ("zen3", "skylake")
        results = place.together(*(_concretize(place, target) for target in targets))
        sections = set(json.loads(lock.read_text())["platforms"])
        for target, result in zip(targets, results, strict=True):
            assert result.returncode == 0, result.stderr
            assert f"linux-debian12-{target}" in sections, (round_number, sections)


def test_concurrent_adds_keep_every_spec(place: Place) -> None:
    env = str(place.env_dir)
    rounds = [["zlib", "hdf5", "mpileaks", "libelf"], ["fftw", "cmake", "ninja", "python"]]
    for specs in rounds:
        results = place.together(*(["-e", env, "add", spec] for spec in specs))
        assert [r.returncode for r in results] == [0] * len(specs), [r.stderr for r in results]
    listed = place.run("-e", env, "env", "status")
    manifest = (place.env_dir / "rpm-spec.yaml").read_text()
    for spec in [s for specs in rounds for s in specs]:
        assert spec in manifest, (manifest, listed.stdout)


def test_concurrent_config_adds_keep_every_value(place: Place) -> None:
    names = ["zlib", "hdf5", "mpileaks", "libelf"]
    for version in ("1.0.1", "2.0.1"):
        results = place.together(
            *(
                ["config", "add", f"packages:{name}-{version}:version:[{version}]"]
                for name in names
            )
        )
        assert [r.returncode for r in results] == [0] * len(names), [r.stderr for r in results]
    shown = place.run("config", "get", "packages", "--json")
    assert shown.returncode == 0, shown.stderr
    packages = json.loads(shown.stdout)["packages"]
    for name in names:
        for version in ("1.0.1", "2.0.1"):
            assert packages[f"{name}-{version}"]["version"] == [version], packages
