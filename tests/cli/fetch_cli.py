"""Running fetch/mirror/checksum on a hermetic Session with a writable user scope.

The recipes (repository ``fetchy``) and their upstream files come from
``tests/build/source_archives.py``, loaded by path so that these tests also run alone.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner, Result

from rpm_spec.cli.main import CliState
from rpm_spec.config import Configuration, DirectoryScope, MemoryScope
from rpm_spec.platform import HostInfo
from rpm_spec.session import TEST_COMPILERS, Session
from rpm_spec.util.paths import DEFAULTS_CONFIG

if TYPE_CHECKING:
    from types import ModuleType

    import click


def _source_archives() -> ModuleType:
    if "source_archives" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "build" / "source_archives.py"
        spec = importlib.util.spec_from_file_location("source_archives", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["source_archives"] = module
        spec.loader.exec_module(module)
    return sys.modules["source_archives"]


source_archives = _source_archives()


def fetch_session(tmp_path: Path) -> tuple[Session, dict[str, str]]:
    """The ``fetchy`` repo (files under tmp_path/upstream), fake compilers, a fixed host,
    and a writable ``user`` scope in tmp_path/user (the source cache is under it)."""
    sums: dict[str, str] = source_archives.write_fetch_repo(
        tmp_path / "repo", tmp_path / "upstream"
    )
    user_dir = tmp_path / "user"
    user_dir.mkdir(exist_ok=True)
    config = Configuration(
        [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            MemoryScope("test", {"compilers": TEST_COMPILERS}, origin="test configuration"),
            DirectoryScope("user", user_dir),
        ],
        user_dir=user_dir,
    )
    host = HostInfo(platform="linux", os="debian12", target="zen3")
    session = Session(config=config, user_dir=user_dir, host=host, repo_paths=[tmp_path / "repo"])
    return session, sums


def invoke(command: click.Command, args: list[str], session: Session) -> Result:
    """Run ``command`` with ``session`` as the CLI's session (errors stay in the result)."""
    state = CliState((), (), False)
    state._session = session
    return CliRunner().invoke(command, args, obj=state)


def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "user" / "cache" / "sources"
