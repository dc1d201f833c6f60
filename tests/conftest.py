"""Fixtures shared by every test: a hermetic Session on the mock repository."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

from rpm_spec.session import Session

if TYPE_CHECKING:
    from collections.abc import Iterator

# Property tests check results, never speed: a busy CI machine must not fail them.
settings.register_profile("rpm-spec", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("rpm-spec")

MOCK_REPO = Path(__file__).resolve().parent / "repos" / "mock"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real ~/.rpm-spec."""
    monkeypatch.setenv("RPM_SPEC_USER_DIR", str(tmp_path / "user-home"))


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process's umask after a test that sets its own."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    """A Session on the mock repo with default config and a fixed linux-debian12-zen3 host."""
    return Session.for_tests(tmp_path, repos=[MOCK_REPO])
