"""``env export``: a relocatable tarball that runs anywhere, and container recipes.

The environment is the tiny C diamond of test_env_install_cli (``tinytop`` runs
``tinyapp`` and ``tinyconf``, both linked against ``tinylib`` through RUNPATHs into the
store), installed for real.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner
from test_env_install_cli import _rpm_spec, tiny_env  # noqa: F401
from test_install_cli import _make_site, pytestmark  # noqa: F401 (same skips: gcc, x86_64)

from rpm_spec.binary.elf import dynamic_info
from rpm_spec.binary.keys import create_key
from rpm_spec.cli.main import cli
from rpm_spec.environment.lockfile import Lockfile

if TYPE_CHECKING:
    import pytest


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_tarballs_are_identical_and_run_from_a_path_with_a_space(
    tiny_env: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    _rpm_spec("-e", str(tiny_env), "install", "-j", "2")
    first, second = tmp_path / "one.tar.gz", tmp_path / "two.tar.gz"
    out = _rpm_spec("-e", str(tiny_env), "env", "export", "--tarball", str(first))
    assert "5 prefixes" in out  # tinytop, tinyapp, tinyconf, tinylib, tinyclash
    assert "RUNPATH" in out
    _rpm_spec("env", "export", str(tiny_env), "--tarball", str(second))
    assert _sha256(first) == _sha256(second)

    with tarfile.open(first) as archive:
        members = archive.getmembers()
        names = [m.name for m in members]
        assert names == sorted(names)
        assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, 0, "", "")}
        where = tmp_path / "un packed" / "my env"
        where.mkdir(parents=True)
        archive.extractall(where, filter="tar")
    assert (first.read_bytes()[4:8]) == b"\0\0\0\0"  # gzip header mtime

    store = str(tiny_env.parent / "store")
    app = next((where / "prefixes").glob("tinyapp-*")) / "bin" / "tinyapp"
    info = dynamic_info(app)
    assert info is not None and info.search_path
    assert all(entry.startswith("$ORIGIN") for entry in info.search_path), info.search_path
    # the store is gone for the unpacked copy: move it away, so nothing can reach it
    shutil.move(store, tmp_path / "store-moved")
    clean = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""}
    ran = subprocess.run(
        [str(where / "run"), "tinytop"], env=clean, capture_output=True, text=True, cwd="/"
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "tiny answer 42\ntiny answer 42\n"
    direct = subprocess.run(
        [str(where / "view" / "bin" / "tinyapp")], env=clean, capture_output=True, text=True
    )
    assert direct.stdout.strip() == "tiny answer 42", direct.stderr
    sourced = subprocess.run(
        ["sh", "-c", '. ./activate.sh && tinytop && echo "$RPM_SPEC_EXPORT"'],
        env=clean,
        capture_output=True,
        text=True,
        cwd=where,
    )
    assert sourced.returncode == 0, sourced.stderr
    assert sourced.stdout.splitlines()[-1] == str(where)
    manifest = json.loads((where / "EXPORT.json").read_text())
    assert len(manifest["prefixes"]) == 5
    assert manifest["rewritten"]["runpaths"] >= 2


def _recipe_hashes(kind: str, text: str) -> tuple[set[str], set[str]]:
    """(hashes the install commands check with 'find /HASH', hashes of the label)."""
    if kind == "docker":
        lines = text.replace("\\\n", " ").splitlines()
        commands = [line[4:] for line in lines if line.startswith("RUN ")]
        label = next(line for line in lines if line.startswith("LABEL "))
        assert any(line.startswith("FROM ") for line in lines)
        found = re.search(r'org\.rpm-spec\.hashes="([^"]*)"', label)
    else:
        sections = dict(re.findall(r"^%(\w+)\n((?:[ \t].*\n|\n)*)", text, re.MULTILINE))
        assert text.startswith("Bootstrap: docker\nFrom: ")
        assert "build_cache /opt/rpm-spec-export/build_cache" in sections["files"]
        commands = [sections["post"]]
        found = re.search(r"org\.rpm-spec\.hashes (\S+)", sections["labels"])
    assert found is not None
    checked = set(re.findall(r"(?<=\s)/([a-z0-9]{32})\b", " ".join(commands)))
    assert any("install --use-buildcache only" in c for c in commands)
    return checked, set(found.group(1).split(","))


def test_container_recipes_name_every_hash_of_the_lock(
    tiny_env: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    _rpm_spec("-e", str(tiny_env), "install", "-j", "2")
    lock = Lockfile.read(tiny_env / "rpm-spec.lock")
    hashes = {
        node.hash
        for section in lock.platforms.values()
        for node in section.dag.nodes.values()
        if not node.is_external
    }
    args = ["-e", str(tiny_env), "env", "export", "--container", "docker"]
    unsigned = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "x")])
    assert unsigned.exit_code != 0 and "no key" in str(unsigned.exception)
    assert not (tmp_path / "x").exists()  # refused before anything is written
    create_key(Path(os.environ["RPM_SPEC_USER_DIR"]), "site-1")
    for kind, name in (("docker", "Dockerfile"), ("apptainer", "rpm-spec.def")):
        out_dir = tmp_path / kind
        _rpm_spec("-e", str(tiny_env), "env", "export", "--container", kind, "-o", str(out_dir))
        checked, labelled = _recipe_hashes(kind, (out_dir / name).read_text())
        assert checked == hashes and labelled == hashes
        assert (out_dir / "env" / "rpm-spec.lock").read_bytes() == (
            tiny_env / "rpm-spec.lock"
        ).read_bytes()
        assert [p.suffix for p in (out_dir / "keys").iterdir()] == [".pub"]
        entries = " ".join(p.name for p in (out_dir / "build_cache").rglob("*"))
        assert all(h in entries for h in hashes), entries


def test_an_air_gapped_bundle_installs_with_no_network_and_checks_signatures(
    tiny_env: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _rpm_spec("-e", str(tiny_env), "install", "-j", "2")
    create_key(Path(os.environ["RPM_SPEC_USER_DIR"]), "site-1")
    bundle = tmp_path / "bundle"
    lock = tiny_env / "rpm-spec.lock"
    out = _rpm_spec("-e", str(tiny_env), "mirror", "create", "--from-lock", str(lock), str(bundle))
    assert "5 builds" in out, out
    assert (bundle / "rpm-spec.lock").read_bytes() == lock.read_bytes()
    assert len(list((bundle / "keys").glob("*.pub"))) == 1
    sources = [p for p in bundle.rglob("*.tar.gz") if "build_cache" not in p.parts]
    assert len(sources) == 5  # one tarball per tiny package, in the mirror layout

    # The air-gapped site: a fresh user, another store, and the sources' origin gone.
    shutil.rmtree(tmp_path / "tiny" / "tarballs")
    monkeypatch.setenv("RPM_SPEC_USER_DIR", str(tmp_path / "site-user"))
    site_env = tmp_path / "site-env"
    site_env.mkdir()
    manifest = json.loads((bundle / "rpm-spec.yaml").read_text())
    # a root no longer than the builder's: its ELF files were not built with padding
    manifest["rpm-spec"]["config"]["install_tree"]["root"] = str(tmp_path / "site")
    (site_env / "rpm-spec.yaml").write_text(json.dumps(manifest))
    shutil.copyfile(bundle / "rpm-spec.lock", site_env / "rpm-spec.lock")
    _rpm_spec("mirror", "add", "bundle", str(bundle))
    install = ["-e", str(site_env), "install", "--use-buildcache", "only"]
    untrusted = CliRunner().invoke(cli, install)
    assert untrusted.exit_code != 0  # nothing installs with a signature it cannot check
    assert untrusted.output.count("refused: signed by untrusted key site-1") == 5
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("tinyapp"))
    key = next((bundle / "keys").glob("*.pub"))
    _rpm_spec("buildcache", "keys", "trust", str(key))
    done = _rpm_spec(*install)
    assert "5 from cache, 0 to build" in done, done
    assert "built " not in done
    app = next((tmp_path / "site").rglob("bin/tinyapp"))
    ran = subprocess.run([app], capture_output=True, text=True, check=False)
    assert ran.stdout.strip() == "tiny answer 42", ran.stderr


def test_a_published_version_exports_the_same_bytes_twice_and_runs_anywhere(
    tmp_path: Path,
) -> None:
    """``env export NS/ENV@N``, each command its own process, as a cluster user runs it."""
    site = _make_site(tmp_path / "site")
    env_dir = tmp_path / "env"
    with (site.config_dir / "config.yaml").open("a") as stream:
        stream.write(f"  registry:\n    root: {tmp_path / 'registry'}\n")
    create_key(site.root / "user", "site-1")  # publishing signs the record
    for args in (
        ("env", "create", "-d", str(env_dir)),
        ("-e", str(env_dir), "add", "tinyapp"),
        ("-e", str(env_dir), "concretize"),
        ("-e", str(env_dir), "install"),
        ("registry", "create", "chem", "--group", str(os.getegid())),
        ("env", "publish", "chem/app", "-e", str(env_dir)),
    ):
        done = site.run(*args)
        assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    tarballs = [tmp_path / "a.tgz", tmp_path / "b.tgz"]
    for tarball in tarballs:
        done = site.run("env", "export", "chem/app@1", "--tarball", str(tarball))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "2 prefixes" in done.stdout
    assert _sha256(tarballs[0]) == _sha256(tarballs[1])
    where = tmp_path / "with space"
    where.mkdir()
    with tarfile.open(tarballs[0]) as archive:
        archive.extractall(where, filter="tar")
    shutil.rmtree(site.store)  # the unpacked copy needs nothing of the store
    ran = subprocess.run(
        [str(where / "run"), "tinyapp"],
        env={"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.stdout.strip() == "tiny answer 42", ran.stderr


def test_bad_requests_are_refused_with_a_reason(tiny_env: Path, tmp_path: Path) -> None:  # noqa: F811
    runner = CliRunner()
    tarball = str(tmp_path / "x.tgz")
    cases = [
        (["-E", "env", "export", "--tarball", tarball], "no environment to export"),
        (["-e", str(tiny_env), "env", "export"], "give one of --tarball FILE or --container"),
        (["-e", str(tiny_env), "env", "export", "--container", "docker"], "needs -o DIR"),
        # concretized, not installed: nothing is written
        (["-e", str(tiny_env), "env", "export", "--tarball", tarball], "is not fully installed"),
    ]
    for args, message in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code != 0, args
        assert message in str(result.exception), (args, result.exception)
    assert not (tmp_path / "x.tgz").exists()
