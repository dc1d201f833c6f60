"""Issue 13 item 6 end to end (real builds of the tiny C projects, each command its own
process): a built version is published, pruned to manifest and lock, its prefixes are
uninstalled, and activating it brings it back from the binary cache: the same hashes,
the same view, nothing compiled."""

from __future__ import annotations

import os
import subprocess
from typing import TYPE_CHECKING

from test_install_cli import Site, _make_site, pytestmark  # noqa: F401 (same skips)

from rpm_spec.environment.environment import Environment
from rpm_spec.store.database import Database

if TYPE_CHECKING:
    from pathlib import Path


def _ok(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    done = site.run(*args)
    assert done.returncode == 0, f"{args}: {done.stdout}{done.stderr}"
    return done


def _tree(root: Path) -> dict[str, str]:
    """Relative path → link target or file bytes (as text) of a view tree."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = str(path.relative_to(root))
        if path.is_symlink():
            found[relative] = os.readlink(path)
        elif path.is_file():
            found[relative] = path.read_text(errors="replace")
    return found


def test_an_archived_version_comes_back_from_the_cache_with_identical_hashes(
    tmp_path: Path,
) -> None:
    from rpm_spec.binary.keys import create_key

    site = _make_site(tmp_path / "site")
    cache, env_dir = tmp_path / "cache", tmp_path / "env"
    with (site.config_dir / "config.yaml").open("a") as stream:
        stream.write(f"  registry:\n    root: {tmp_path / 'registry'}\n")
    (site.config_dir / "mirrors.yaml").write_text(f"mirrors:\n  cache: {cache}\n")
    create_key(site.root / "user", "site-1")
    _ok(site, "env", "create", "-d", str(env_dir))
    _ok(site, "-e", str(env_dir), "add", "tinyapp")
    _ok(site, "-e", str(env_dir), "concretize")
    _ok(site, "-e", str(env_dir), "install")
    _ok(site, "registry", "create", "chem", "--group", str(os.getegid()))
    published = _ok(site, "env", "publish", "chem/app", "-e", str(env_dir), "--push", str(cache))
    assert "2 builds in" in published.stdout and "(2 pushed now)" in published.stdout
    assert ": built" in published.stdout
    _ok(site, "env", "publish", "chem/app", "-e", str(env_dir))
    md = tmp_path / "registry" / "chem" / "app"
    view_before = _tree((md / "views" / "1" / "view").resolve())
    assert "bin/tinyapp" in view_before

    assert "Archived @1" in _ok(site, "registry", "prune", "chem/app", "--keep-built", "0").stdout
    assert not (md / "views" / "1").exists()
    _ok(site, "uninstall", "-y", "tinyapp")
    _ok(site, "uninstall", "-y", "tinylib")
    assert site.records() == {}  # gc could have taken them: nothing of v1 is left

    done = _ok(site, "env", "activate", "--sh", "chem/app@1")
    assert "is archived: installing it again" in done.stderr
    assert "0 to build" in done.stderr and "built " not in done.stderr
    assert str(md / "versions" / "1" / ".rpm-spec-env" / "view" / "bin") in done.stdout
    assert _tree((md / "views" / "1" / "view").resolve()) == view_before
    locked = Environment(md / "versions" / "1").lock
    hashes = {h for section in locked.platforms.values() for h in section.dag.nodes}
    installed = {record.spec.hash for record in Database(site.store).records()}
    assert hashes <= installed
    program = md / "versions" / "1" / "view" / "bin" / "tinyapp"
    ran = subprocess.run([program], capture_output=True, text=True, check=False)
    assert ran.stdout.strip() == "tiny answer 42", ran.stderr
    assert "@1 archived" not in _ok(site, "registry", "list").stdout
