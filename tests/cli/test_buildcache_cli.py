"""``buildcache push`` and ``install --use-buildcache`` end to end, with real builds of
the tiny C projects (``tinyapp`` links ``tinylib``), each command its own process.

User A builds with ``padded_length: 128`` and pushes to a cache directory with key
``site-1``; user B (another user directory and a store root 40 characters longer)
trusts the key and installs from the cache only: nothing is compiled, the program runs
from B's prefix with its RUNPATH in B's store, and no byte of A's root is left. A blob
with one byte flipped, and a manifest signed again by a key B does not trust, are
refused by name and register nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_install_cli import BOOT, LIB, Site, _make_site, _runpath, pytestmark  # noqa: F401

import second_user
from rpm_spec.binary.keys import create_key, export_key, load_private, trust_key
from rpm_spec.binary.signing import Keyring
from rpm_spec.store.database import Database
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from collections.abc import Iterator

PADDED = 128
#: B's store root is this much longer than A's (A's padding makes room for it).
LONGER = 40


def _set_config(site: Site, *, padded_length: int = 0, repo: Path | None = None) -> None:
    config = site.config_dir / "config.yaml"
    text = config.read_text()
    if padded_length:
        text = text.replace(
            f"    root: {site.store}\n",
            f"    root: {site.store}\n    padded_length: {padded_length}\n",
        )
    config.write_text(text)
    if repo is not None:
        (site.config_dir / "repos.yaml").write_text(f"repos:\n  - {repo}\n")


@pytest.fixture(scope="module")
def pushed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Path]]:
    """User A installed tinyapp with padding and pushed it (and tinylib) to a directory."""
    root = tmp_path_factory.mktemp("bcache")
    a = _make_site(root / "a")
    _set_config(a, padded_length=PADDED)
    done = a.run("install", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    create_key(a.root / "user", "site-1")
    cache = root / "cache"
    done = a.run("buildcache", "push", str(cache), "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 entries pushed" in done.stdout
    yield a, cache


def _user_b(root: Path, a: Site, cache: Path, *, trust: bool = True) -> Site:
    """A second user whose store root is LONGER characters longer than A's, with the cache
    configured as a mirror (and A's key trusted)."""
    # A sibling of nothing of A's (A's root must not be a part of B's paths), sized so that
    # B's store root is exactly LONGER characters longer than A's.
    length = len(str(a.root)) + LONGER - len(str(root)) - 1
    assert length > 0, "the test's directory is too long for this check"
    b = _make_site(root / ("b" * length))
    _set_config(b, repo=a.repo.root)  # type: ignore[attr-defined]
    (b.config_dir / "mirrors.yaml").write_text(f"mirrors:\n  cache: {cache}\n")
    if trust:
        _, public = load_private(a.root / "user", "site-1")
        trust_key(b.root / "user", public)
    return b


def _snapshot_prefix_bytes(prefix: Path, needle: bytes) -> list[str]:
    hits = []
    for path in sorted(prefix.rglob("*")):
        if path.is_symlink():
            if needle in str(path.readlink()).encode():
                hits.append(str(path))
        elif path.is_file() and needle in path.read_bytes():
            hits.append(str(path))
    return hits


def test_user_b_installs_from_the_cache_only(pushed: tuple[Site, Path], tmp_path: Path) -> None:
    a, cache = pushed
    b = _user_b(tmp_path, a, cache)
    assert len(str(b.store)) == len(str(a.store)) + LONGER
    done = b.run("install", "--use-buildcache", "only", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "==> Plan: 2 from cache, 0 to build" in done.stdout
    assert "built " not in done.stdout  # nothing compiled
    stage = b.root / "stage"  # chosen before the install, and left empty: nothing compiled
    assert not stage.exists() or not any(stage.iterdir())
    prefixes = b.records()
    app = prefixes["tinyapp"]
    assert app.is_relative_to(b.store)
    ran = subprocess.run([app / "bin" / "tinyapp"], capture_output=True, text=True, check=False)
    assert ran.stdout.strip() == "tiny answer 42", ran.stderr
    assert any(
        path.startswith(str(prefixes["tinylib"])) for path in _runpath(app / "bin" / "tinyapp")
    )
    a_root = str(a.store).encode()
    for prefix in prefixes.values():
        assert _snapshot_prefix_bytes(prefix, a_root) == []
    verified = b.run("buildcache", "verify", str(cache))
    assert verified.returncode == 0, verified.stderr

    # verify --repair puts a damaged prefix back from the cache.
    (app / "bin" / "tinyapp").write_bytes(b"#!/bin/sh\necho damaged\n")
    damaged = b.run("verify", "tinyapp")
    assert damaged.returncode == 1 and "bin/tinyapp" in damaged.stdout
    repaired = b.run("verify", "--repair", "tinyapp")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "repaired from the build cache" in repaired.stdout
    ran = subprocess.run([app / "bin" / "tinyapp"], capture_output=True, text=True, check=False)
    assert ran.stdout.strip() == "tiny answer 42", ran.stderr


def _fresh_copy(cache: Path, target: Path) -> Path:
    shutil.copytree(cache, target, symlinks=True)
    return target


def test_a_flipped_blob_byte_is_refused_and_nothing_registered(
    pushed: tuple[Site, Path], tmp_path: Path
) -> None:
    a, original = pushed
    cache = _fresh_copy(original, tmp_path / "cache")
    blobs = sorted((cache / "build_cache" / "blobs" / "sha256").rglob("*"))
    for blob in (p for p in blobs if p.is_file()):
        data = bytearray(blob.read_bytes())
        data[len(data) // 2] ^= 0x01
        blob.chmod(0o644)
        blob.write_bytes(bytes(data))
    b = _user_b(tmp_path, a, cache)
    done = b.run("install", "--use-buildcache", "only", "tinyapp")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "refused" in output and "sha256" in output, output
    assert Database(b.store).records() == []
    store_files = [p for p in b.store.rglob("*") if p.is_file() and ".rpm-spec-db" not in str(p)]
    leftovers = [p for p in store_files if "/.rpm-spec/" in str(p) or p.suffix == ".so"]
    assert leftovers == []


def test_an_entry_signed_by_an_untrusted_key_is_refused_naming_it(
    pushed: tuple[Site, Path], tmp_path: Path
) -> None:
    a, original = pushed
    cache = _fresh_copy(original, tmp_path / "cache")
    mallory = tmp_path / "mallory"
    create_key(mallory, "mallory-1")
    for manifest in (cache / "build_cache" / "manifests").glob("*.json"):
        signature = Keyring(mallory).sign(manifest.read_bytes(), "mallory-1")
        manifest.with_name(manifest.name + ".sig").write_bytes(signature)
    b = _user_b(tmp_path, a, cache)
    done = b.run("install", "--use-buildcache", "only", "tinyapp")
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "untrusted key mallory-1" in output, output
    assert Database(b.store).records() == []
    auto = b.run("install", "--dry-run", "tinyapp")
    assert auto.returncode == 0, auto.stderr
    assert "0 from cache, 2 to build" in auto.stdout
    assert "untrusted key mallory-1" in auto.stderr


def test_verify_lists_the_bad_entries(pushed: tuple[Site, Path], tmp_path: Path) -> None:
    a, original = pushed
    cache = _fresh_copy(original, tmp_path / "cache")
    good = a.run("buildcache", "verify", str(cache))
    assert good.returncode == 0, good.stderr
    assert "2 good, 0 bad" in good.stdout
    manifest = sorted((cache / "build_cache" / "manifests").glob("*.json"))[0]
    document = json.loads(manifest.read_text())
    document["created_at"] = "1970-01-01T00:00:00Z"
    manifest.write_text(json.dumps(document))
    bad = a.run("buildcache", "verify", str(cache))
    assert bad.returncode == 1
    assert manifest.stem in bad.stderr and "tampered" in bad.stderr


def test_list_and_update_index(pushed: tuple[Site, Path], tmp_path: Path) -> None:
    a, original = pushed
    cache = _fresh_copy(original, tmp_path / "cache")
    listed = a.run("buildcache", "list", str(cache))
    assert listed.returncode == 0, listed.stderr
    assert "2 entries" in listed.stdout and "signed by site-1" in listed.stdout
    assert f"padded {PADDED}" in listed.stdout
    indexed = a.run("buildcache", "update-index", str(cache))
    assert indexed.returncode == 0, indexed.stderr
    assert "2 entries" in indexed.stdout


def test_a_longer_root_without_padding_is_refused_before_extracting(
    pushed: tuple[Site, Path], tmp_path: Path
) -> None:
    """An entry built without padding does not fit a longer root: both lengths are named."""
    a, _ = pushed
    unpadded = _make_site(tmp_path / "u")
    _set_config(unpadded, repo=a.repo.root)  # type: ignore[attr-defined]
    done = unpadded.run("install", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    create_key(unpadded.root / "user", "site-2")
    cache = tmp_path / "plain-cache"
    assert unpadded.run("buildcache", "push", str(cache), "tinyapp").returncode == 0
    c = _make_site(tmp_path / ("c" * LONGER))
    _set_config(c, repo=a.repo.root)  # type: ignore[attr-defined]
    (c.config_dir / "mirrors.yaml").write_text(f"mirrors:\n  cache: {cache}\n")
    _, public = load_private(unpadded.root / "user", "site-2")
    trust_key(c.root / "user", public)
    refused = c.run("install", "--use-buildcache", "only", "tinyapp")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "characters" in output and "padded_length" in output, output
    assert Database(c.store).records() == []
    assert not any(p.suffix == ".so" or p.name == "tinyapp" for p in c.store.rglob("*"))


# -- the acceptance with real bzip2, user B a second uid (slow) ----------------------

_NO_SECOND_USER = second_user.why_not_available()
MIRROR = PREFIX.parent / "shared" / "mirror"
BZIP2 = "bzip2@1.0.8"


def _write_config(config: Path, store: Path, work: Path, **extra: str) -> None:
    config.mkdir(parents=True)
    mirrors = f"mirrors:\n  shared: {MIRROR.as_uri()}\n"
    mirrors += "".join(f"  {name}: {url}\n" for name, url in extra.items())
    (config / "mirrors.yaml").write_text(mirrors)
    (config / "packages.yaml").write_text("packages:\n  all:\n    target: [x86_64_v2]\n")
    (config / "config.yaml").write_text(
        f"config:\n  install_tree:\n    root: {store}\n    padded_length: {PADDED}\n"
        f"  build_stage: [{work / 'stage'}]\n  source_cache: {work / 'sources'}\n"
    )


def _as_root(config: Path, user: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RPM_SPEC_", "PYTHON"))}
    env["RPM_SPEC_USER_DIR"] = str(user)
    command = [sys.executable, "-c", BOOT, str(LIB), "-C", str(config), *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=1800, check=False
    )


@pytest.mark.slow
@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
@pytest.mark.skipif(not (MIRROR / "bzip2").is_dir(), reason=f"no bzip2 in {MIRROR}")
def test_bzip2_pushed_by_user_a_installs_for_a_second_user_from_the_cache_only() -> None:
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-bcache-"))
    try:
        directory.chmod(0o755)
        runtime = second_user.prepare(directory / "runtime")
        a = directory / "a"
        _write_config(a / "config", a / "store", a)
        built = _as_root(a / "config", a / "user", "install", BZIP2)
        assert built.returncode == 0, built.stdout + built.stderr
        for args in (
            ("buildcache", "keys", "create", "site-1"),
            ("buildcache", "keys", "export", "site-1", "-o", str(directory / "site-1.pub")),
            ("buildcache", "push", str(directory / "cache"), BZIP2),
        ):
            done = _as_root(a / "config", a / "user", *args)
            assert done.returncode == 0, done.stdout + done.stderr
        second_user.make_world_readable(directory / "cache")
        (directory / "site-1.pub").chmod(0o644)

        # B's store root is 40 characters longer than A's and B's own.
        b_base = directory / ("b" * (len("a") + LONGER))
        b_store = b_base / "store"
        assert len(str(b_store)) == len(str(a / "store")) + LONGER
        home = directory / "b-home"
        for owned in (b_base, home):
            owned.mkdir()
            os.chown(owned, second_user.UID, second_user.GID)
        _write_config(directory / "b-config", b_store, home, cache=str(directory / "cache"))
        second_user.make_world_readable(directory / "b-config")
        trust = ("buildcache", "keys", "trust", str(directory / "site-1.pub"))
        done = runtime.run("-C", str(directory / "b-config"), *trust, home=home)
        assert done.returncode == 0, done.stdout + done.stderr
        done = runtime.run(
            "-C",
            str(directory / "b-config"),
            "install",
            "--use-buildcache",
            "only",
            BZIP2,
            home=home,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 from cache, 0 to build" in done.stdout
        stage = home / "stage"  # chosen before the install, and left empty: nothing compiled
        assert not stage.exists() or not any(stage.iterdir())
        (record,) = Database(b_store).records()
        prefix = Path(record.prefix)
        assert prefix.is_relative_to(b_store) and prefix.stat().st_uid == second_user.UID
        ran = subprocess.run(
            [str(prefix / "bin" / "bzip2"), "--help"], capture_output=True, text=True, check=False
        )
        assert "usage: bzip2" in ran.stderr.lower(), ran.stderr
        assert all(p.startswith(str(b_store)) for p in _runpath(prefix / "bin" / "bzip2"))
        assert _snapshot_prefix_bytes(prefix, str(a / "store").encode()) == []
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.skipif(_NO_SECOND_USER is not None, reason=_NO_SECOND_USER or "")
def test_a_second_uid_installs_from_a_cache_it_cannot_write(
    pushed: tuple[Site, Path],
) -> None:
    """User B is another uid: A's cache and recipes are only readable to it."""
    a, original = pushed
    directory = Path(tempfile.mkdtemp(prefix="rpm-spec-bcache-uid-"))
    try:
        directory.chmod(0o755)
        runtime = second_user.prepare(directory / "runtime")
        cache = directory / "cache"
        shutil.copytree(original, cache, symlinks=True)
        repo = directory / "tiny"  # the same recipes (same hashes), where B can read them
        shutil.copytree(a.repo.root, repo, symlinks=True)  # type: ignore[attr-defined]
        _, public = load_private(a.root / "user", "site-1")
        export_key(public, directory / "site-1.pub")
        length = len(str(a.store)) + LONGER - len(str(directory / "b" / "store"))
        base = directory / "b" / ("b" * length)
        home = directory / "home"
        for owned in (directory / "b", home):
            owned.mkdir()
            os.chown(owned, second_user.UID, second_user.GID)
        config = directory / "config"
        config.mkdir()
        (config / "repos.yaml").write_text(f"repos:\n  - {repo}\n")
        (config / "mirrors.yaml").write_text(f"mirrors:\n  cache: {cache}\n")
        for name in ("packages.yaml", "compilers.yaml"):
            shutil.copy(a.config_dir / name, config / name)
        (config / "config.yaml").write_text(
            f"config:\n  install_tree:\n    root: {base}/store\n  build_stage: [{home}/stage]\n"
        )
        second_user.make_world_readable(directory / "cache")
        second_user.make_world_readable(config)
        second_user.make_world_readable(repo)
        (directory / "site-1.pub").chmod(0o644)
        before = _snapshot(cache)
        trust = runtime.run(
            "-C",
            str(config),
            "buildcache",
            "keys",
            "trust",
            str(directory / "site-1.pub"),
            home=home,
        )
        assert trust.returncode == 0, trust.stdout + trust.stderr
        done = runtime.run(
            "-C", str(config), "install", "--use-buildcache", "only", "tinyapp", home=home
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "2 from cache, 0 to build" in done.stdout
        prefixes = {r.spec.name: Path(r.prefix) for r in Database(base / "store").records()}
        app = prefixes["tinyapp"]
        assert app.stat().st_uid == second_user.UID
        ran = subprocess.run([app / "bin" / "tinyapp"], capture_output=True, text=True)
        assert ran.stdout.strip() == "tiny answer 42", ran.stderr
        assert _snapshot(cache) == before  # reading a cache writes nothing into it
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _snapshot(root: Path) -> list[tuple[str, int, int, int, int, str, int]]:
    """(path, mode, uid, gid, size, sha256, mtime) of everything below ``root``."""
    found = []
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        found.append(
            (
                str(path),
                info.st_mode,
                info.st_uid,
                info.st_gid,
                info.st_size,
                digest,
                info.st_mtime_ns,
            )
        )
    return found
