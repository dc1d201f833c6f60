"""Running the arch/compiler/external commands against a hermetic Session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from click.testing import CliRunner, Result

from rpm_spec.cli.main import CliState
from rpm_spec.config import Configuration
from rpm_spec.config.scope import DirectoryScope
from rpm_spec.platform import GpuInfo, HostInfo
from rpm_spec.session import Session
from rpm_spec.util.paths import DEFAULTS_CONFIG

if TYPE_CHECKING:
    from pathlib import Path

    import click

HOST = HostInfo(
    platform="linux",
    os="debian12",
    target="zen3",
    gpus=(GpuInfo("nvidia", "90"), GpuInfo("nvidia", "80")),
)


def make_session(tmp_path: Path, host: HostInfo = HOST) -> Session:
    """Shipped defaults plus a writable ``user`` scope in tmp_path; the host is fixed."""
    user_dir = tmp_path / "user-scope"
    user_dir.mkdir(parents=True, exist_ok=True)
    config = Configuration(
        [
            DirectoryScope("defaults", DEFAULTS_CONFIG, writable=False),
            DirectoryScope("user", user_dir),
        ],
        user_dir=user_dir,
    )
    return Session(config=config, user_dir=user_dir, host=host, repo_paths=[])


def invoke(command: click.Command, args: list[str], session: Session) -> Result:
    """Run ``command`` with ``session`` as the CLI's session."""
    state = CliState((), (), False)
    state._session = session
    return CliRunner().invoke(command, args, obj=state)
