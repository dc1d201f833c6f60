"""Fixtures of the registry tests: a signing key, a registry, solved environments."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from rpm_spec.environment.concretize import concretize_environment
from rpm_spec.environment.environment import Environment, create_environment
from rpm_spec.platform import HostInfo
from rpm_spec.registry.access import Identity
from rpm_spec.registry.registry import Registry
from rpm_spec.session import Session

if TYPE_CHECKING:
    from rpm_spec.registry.signing import Signer

MOCK = Path(__file__).resolve().parents[1] / "repos" / "mock"
ZEN3 = HostInfo(platform="linux", os="debian12", target="zen3")
ARM = HostInfo(platform="linux", os="debian12", target="neoverse_v2")


@pytest.fixture
def signer(tmp_path: Path) -> Signer:
    """A keyring whose one own key signs (and is trusted)."""
    from rpm_spec.binary import signing
    from rpm_spec.binary.keys import create_key

    user_dir = tmp_path / "keys-user"
    create_key(user_dir, "site-1")
    keyring: Signer = signing.Keyring(user_dir)
    return keyring


@pytest.fixture
def registry(tmp_path: Path, signer: Signer) -> Registry:
    """A registry with namespace ``chem`` (group: ours), created by us (its admin)."""
    made = Registry(tmp_path / "registry", signer, Identity.current())
    made.create_namespace("chem", str(os.getegid()))
    return made


SolvedEnvironment = Callable[..., Environment]


@pytest.fixture
def solved(tmp_path: Path) -> SolvedEnvironment:
    """``solved(name, specs, hosts=(ZEN3,))``: an environment of ``specs`` on the mock
    repo in ``tmp_path/name``, solved (not built) for each of ``hosts``."""

    def make(name: str, specs: list[str], hosts: tuple[HostInfo, ...] = (ZEN3,)) -> Environment:
        directory = tmp_path / name
        create_environment(tmp_path, directory=directory).add(specs)
        for host in hosts:
            session = Session.for_tests(
                tmp_path / f"{name}-session", repos=[MOCK], environment=directory
            )
            assert session.environment is not None
            outcome = concretize_environment(
                session.environment,
                session,  # type: ignore[arg-type]
                host,
                explicit_target=host is not ZEN3,
            )
            if outcome.changed:
                session.environment.write_lock()
        return Environment(directory)

    return make
