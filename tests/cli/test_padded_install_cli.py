"""Real builds into a padded store (``config:install_tree:padded_length``), verified with
``rpm-spec verify``, then moved into a longer root the way a binary cache will move them:
the program still runs, RUNPATH points into the new root and no byte of the old one is left.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from test_install_cli import Site, _make_site, _runpath

from rpm_spec.binary import RelocationError, check_fits, leftovers, relocate, scan_prefix
from rpm_spec.store.layout import pad_root

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PADDED_LENGTH = 160
pytestmark = pytest.mark.skipif(
    shutil.which("gcc") is None or shutil.which("readelf") is None, reason="needs gcc and readelf"
)


@pytest.fixture(scope="module")
def padded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A site with a padded store where ``install tinyapp`` ran once."""
    site = _make_site(tmp_path_factory.mktemp("padded"))
    config = site.config_dir / "config.yaml"
    text = config.read_text()
    root_line = f"    root: {site.store}\n"
    assert root_line in text
    config.write_text(text.replace(root_line, f"{root_line}    padded_length: {PADDED_LENGTH}\n"))
    done = site.run("install", "tinyapp")
    assert done.returncode == 0, done.stdout + done.stderr
    yield site


def test_prefixes_are_laid_out_below_the_padded_root(padded: Site) -> None:
    padded_root = pad_root(padded.store, PADDED_LENGTH)
    app, lib = padded.prefix("tinyapp"), padded.prefix("tinylib")
    for prefix in (app, lib):
        assert prefix.is_relative_to(padded_root)
        assert len(str(prefix)) == PADDED_LENGTH + 1 + len(str(prefix.relative_to(padded_root)))
    assert str(lib / "lib") in _runpath(app / "bin" / "tinyapp")
    assert (padded.store / ".rpm-spec-db").is_dir()  # the database is not padded


def test_verify_a_real_install(padded: Site) -> None:
    done = padded.run("verify", "tinyapp", "tinylib")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": no changes") == 2


def test_a_padded_install_relocates_into_a_longer_root(padded: Site, tmp_path: Path) -> None:
    old_root = pad_root(padded.store, PADDED_LENGTH)
    new_root = tmp_path / ("b-" + "x" * 40) / "store"
    assert len(str(new_root)) > len(str(padded.store))
    prefixes = [padded.prefix("tinylib"), padded.prefix("tinyapp")]
    moved = []
    for prefix in prefixes:
        info = scan_prefix(prefix, [str(old_root)], store_root=str(old_root), padded_length=160)
        assert info.relocatable and info.binary_files, info
        target = new_root / prefix.relative_to(old_root)
        shutil.copytree(prefix, target, symlinks=True)
        moved.append((target, info))
    too_long = {str(old_root): str(tmp_path / ("y" * (PADDED_LENGTH + 1)))}
    with pytest.raises(RelocationError, match=r"padded_length: \d+"):
        check_fits(moved[0][1], too_long)

    for target, info in moved:
        relocate(target, info, {str(old_root): str(new_root)})
        assert leftovers(target, [str(old_root), str(padded.store)]) == []

    app = moved[1][0] / "bin" / "tinyapp"
    runpath = _runpath(app)
    assert str(moved[0][0] / "lib") in runpath
    assert all(path.startswith(f"{new_root}/") for path in runpath), runpath
    ran = subprocess.run(
        [str(app)], env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, check=True
    )
    assert ran.stdout == "tiny answer 42\n"
