"""From configuration to a :class:`Registry`, and ``NS/ENV[@N]`` to an environment.

The publisher's own key (``rpm-spec buildcache keys create``) signs; the keys the site
scope trusts verify, as for the binary cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.environment.environment import find_environment
from rpm_spec.registry.layout import EnvPaths, Ref, is_ref, parse_ref, registry_root
from rpm_spec.registry.published import PublishedEnvironment
from rpm_spec.registry.registry import Registry
from rpm_spec.registry.versions import RECORD_NAME

if TYPE_CHECKING:
    from rpm_spec.config import Configuration
    from rpm_spec.config.cache import ConfigCache
    from rpm_spec.environment.environment import Environment
    from rpm_spec.registry.signing import Signer


def site_signer(config: Configuration, user_dir: Path) -> Signer:
    """The binary cache's keyring (lazy: it loads ``cryptography``)."""
    from rpm_spec.binary.signing import Keyring

    return Keyring.from_config(config, user_dir)


def open_registry(config: Configuration, user_dir: Path) -> Registry:
    return Registry(registry_root(config), site_signer(config, user_dir))


def open_published(
    registry: Registry, text: str, action: str = "activate"
) -> PublishedEnvironment:
    """``NS/ENV[@N]`` as a read-only environment, after the role and signature checks."""
    ref = parse_ref(text)
    paths, version = registry.version_dir(ref, action)
    return PublishedEnvironment(paths, version, pinned=ref.version is not None)


def find_any_environment(
    text: str, config: Configuration, user_dir: Path, *, cache: ConfigCache | None = None
) -> Environment:
    """A managed environment, a directory, or else a published ``NS/ENV[@N]``.

    A directory inside a registry (``$RPM_SPEC_ENV`` after activating one) is the
    published version it is, read-only as when named ``NS/ENV[@N]``.
    """
    if is_ref(text) and not Path(text).expanduser().exists():
        return open_published(open_registry(config, user_dir), text)
    found = find_environment(text, user_dir, cache=cache)
    directory = found.path
    if (directory / RECORD_NAME).is_file() and directory.parent.name == "versions":
        env_dir = directory.parent.parent
        ref = Ref(env_dir.parent.name, env_dir.name)
        paths = EnvPaths(env_dir.parent.parent, ref)
        return PublishedEnvironment(
            paths, int(directory.name), pinned=Path(text).name != "current"
        )
    return found
