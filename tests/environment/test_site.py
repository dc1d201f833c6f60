"""``concretize --site DIR``: solving for another site described by a directory."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rpm_spec.cli.main import CliState, cli
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.environment.site import SiteDescriptionError, load_site
from rpm_spec.platform import HostInfo
from rpm_spec.session import Session
from rpm_spec.util.paths import PREFIX

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
HOST_YAML = """\
host:
  platform: linux
  os: rhel9
  target: neoverse_v2
  gpus:
  - {vendor: nvidia, arch: "90", model: H100}
"""
COMPILERS_YAML = """\
compilers:
- compiler:
    spec: gcc@11.4.1
    paths: {cc: /usr/bin/gcc, cxx: /usr/bin/g++, f77: null, fc: null}
    operating_system: rhel9
    target: aarch64
"""


def _site(tmp_path: Path, host: str = HOST_YAML) -> Path:
    site = tmp_path / "siteB"
    site.mkdir(exist_ok=True)
    (site / "host.yaml").write_text(host)
    (site / "compilers.yaml").write_text(COMPILERS_YAML)
    return site


def test_a_site_description_names_its_host(tmp_path: Path) -> None:
    site = load_site(_site(tmp_path))
    assert site.host.arch == "linux-rhel9-neoverse_v2"
    assert site.host.cuda_archs == ("90",)
    assert site.record()["sha256"] == site.digest and len(site.digest) == 64


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        (HOST_YAML.replace("  os: rhel9\n", ""), r"host\.yaml:1: host: 'os' is a required"),
        (
            HOST_YAML.replace("vendor: nvidia", "vendor: intel"),
            r"host\.yaml:6: host:gpus:0:vendor",
        ),
        (HOST_YAML + "  color: blue\n", r"host\.yaml:7: host:color: Additional properties"),
        (HOST_YAML.replace("neoverse_v2", "zen9"), r"host\.yaml:4: target 'zen9' is not a"),
    ],
)
def test_a_bad_host_description_names_file_and_line(
    tmp_path: Path, host: str, expected: str
) -> None:
    with pytest.raises(SiteDescriptionError, match=expected):
        load_site(_site(tmp_path, host))


def test_a_site_needs_its_host_and_compilers(tmp_path: Path) -> None:
    with pytest.raises(SiteDescriptionError, match="no such directory"):
        load_site(tmp_path / "nowhere")
    site = _site(tmp_path)
    (site / "compilers.yaml").unlink()
    with pytest.raises(SiteDescriptionError, match=r"no compilers\.yaml") as caught:
        load_site(site)
    assert caught.value.hint is not None and "host.yaml" in caught.value.hint


def _snapshot(root: Path) -> set[tuple[str, int, str, int]]:
    return {
        (
            str(p),
            p.stat().st_size,
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in root.rglob("*")
        if p.is_file()
    }


def test_concretize_for_a_site_records_it_and_leaves_this_machine_alone(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["retarget-app"])
    session = Session.for_tests(tmp_path, repos=[MOCK], host=ZEN3, environment=directory)

    def run(*args: str) -> str:
        state = CliState((), (), False)
        state._session = session
        command = cli.get_command(click.Context(cli), args[0])
        assert command is not None
        result = CliRunner().invoke(command, list(args[1:]), obj=state)
        assert result.exit_code == 0, f"{result.output}{result.exception!r}"
        return result.output

    run("concretize")
    site = _site(tmp_path)
    before = _snapshot(session.user_dir)
    out = run("concretize", "--site", str(site))
    assert "Concretized" in out and "linux-rhel9-neoverse_v2" in out
    assert "compiler gcc@12.2.0 → gcc@11.4.1" in out
    assert "not configured for rhel9 aarch64" in out and "[siteB/compilers.yaml:" in out
    assert _snapshot(session.user_dir) == before
    section = Environment(directory).lock.platforms["linux-rhel9-neoverse_v2"]
    assert section.site == load_site(site).record()
    assert section.retarget["from"] == "linux-debian12-zen3"
    assert {node.compiler.version for node in section.dag.nodes.values() if node.compiler} == {
        "11.4.1"
    }
    assert "is up to date" in run("concretize", "--site", str(site))
    (site / "host.yaml").write_text(HOST_YAML.replace('"90"', '"80"'))
    document = json.loads(run("concretize", "--site", str(site), "--json"))
    assert document["changed"] and document["site"]["sha256"] == load_site(site).digest


def test_site_and_target_are_exclusive(tmp_path: Path) -> None:
    directory = tmp_path / "env"
    create_environment(tmp_path, directory=directory).add(["zlib"])
    state = CliState((), (), False)
    state._session = Session.for_tests(tmp_path, repos=[MOCK], environment=directory)
    command = cli.get_command(click.Context(cli), "concretize")
    assert command is not None
    args = ["--site", str(_site(tmp_path)), "--target", "zen3"]
    result = CliRunner().invoke(command, args, obj=state)
    assert result.exit_code != 0 and "drop --target" in str(result.exception or result.output)


def test_the_shipped_site_b_description_is_valid() -> None:
    site = load_site(PREFIX / "tests" / "data" / "retarget" / "siteB")
    assert site.host.arch == "linux-rhel9-neoverse_v2" and site.host.cuda_archs == ("90",)
