"""``rpm-spec reindex``: rebuilds a lost database and reports what it skipped."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from store_cli import install, invoke, make_session

from rpm_spec.cli.reindex import reindex

if TYPE_CHECKING:
    from pathlib import Path


def test_reindex(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    dag = install(session, "mpileaks")
    shutil.rmtree(session.store.root / ".rpm-spec-db")
    (session.store.prefix(dag.root_specs[0]) / ".rpm-spec" / "install-complete").unlink()
    result = invoke(reindex, [], session)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"==> Reindexed {session.store.root}: 5 installed, 0 external, "
        "0 removed build dependencies remembered\n"
    )
    assert "its install did not complete" in result.stderr
    assert len(session.store.select()) == 5
