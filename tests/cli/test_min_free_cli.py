"""``install`` under ``config:store:min_free``: refused before anything is fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from test_install_cli import _make_site, pytestmark  # noqa: F401 (same skips)

if TYPE_CHECKING:
    from pathlib import Path


def test_an_install_that_would_cross_min_free_fetches_nothing(tmp_path: Path) -> None:
    site = _make_site(tmp_path / "site")
    done = site.run("-c", "config:store:min_free:1024T", "install", "tinyapp")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "config:store:min_free keeps 1024.0T free" in done.stderr
    assert not (site.root / "cache").exists()  # no source fetched
    assert not site.store.exists() or not any(site.store.iterdir())
