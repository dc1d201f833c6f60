"""Placeholders in configured paths."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rpm_spec.config.substitution import substitute_path
from rpm_spec.util.paths import PREFIX


def test_known_placeholders() -> None:
    environ = {"USER": "alice", "SCRATCH": "/scratch/alice"}
    user_dir = Path("/home/alice/.rpm-spec")

    def expand(text: str) -> Path:
        return substitute_path(text, user_dir=user_dir, environ=environ)

    assert expand("$rpm_spec/repos/builtin") == PREFIX / "repos" / "builtin"
    assert expand("${rpm_spec}x") == Path(f"{PREFIX}x")
    assert expand("$user_dir/store") == user_dir / "store"
    assert expand("$user_cache_path/stage") == user_dir / "cache" / "stage"
    assert expand("$tempdir/$user/stage") == Path(tempfile.gettempdir()) / "alice" / "stage"
    assert expand("$SCRATCH/stage") == Path("/scratch/alice/stage")
    assert expand("/a/$UNSET_VARIABLE/b") == Path("/a/$UNSET_VARIABLE/b")


def test_home_and_default_user_dir() -> None:
    assert substitute_path("~/x", environ={}) == Path.home() / "x"
    # conftest points RPM_SPEC_USER_DIR at a temporary directory
    assert substitute_path("$user_dir", environ={}) == Path(os.environ["RPM_SPEC_USER_DIR"])
