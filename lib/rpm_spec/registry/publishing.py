"""Publishing an environment into the registry, and pulling a version back out."""

from __future__ import annotations

import contextlib
import shutil
from typing import TYPE_CHECKING

from rpm_spec.environment.environment import Environment
from rpm_spec.environment.errors import EnvironmentError_
from rpm_spec.environment.lockfile import LOCK_NAME
from rpm_spec.environment.manifest import MANIFEST_NAME
from rpm_spec.registry import versions
from rpm_spec.registry.errors import RegistryError
from rpm_spec.store.roots import DropBoxError

if TYPE_CHECKING:
    from pathlib import Path

    from rpm_spec.registry.layout import Ref
    from rpm_spec.registry.published import PublishedEnvironment
    from rpm_spec.registry.registry import Registry
    from rpm_spec.store.store import Store


def section_statuses(env: Environment, store: Store) -> dict[str, str]:
    """Each lock section: ``built`` when every node is installed (or external), else
    ``solved``."""
    return {
        key: "built"
        if all(node.is_external or store.is_installed(h) for h, node in section.dag.nodes.items())
        else "solved"
        for key, section in env.lock.platforms.items()
    }


def publish_environment(
    registry: Registry, ref: Ref, env: Environment, store: Store
) -> versions.Published:
    """Publish ``env`` as the next version of ``ref``: role editor, a lock whose every
    section is current; the store tells which sections are built."""
    registry.require("publish", ref)
    paths = registry.paths(ref, must_exist=False)
    stale = sorted(
        key for key, section in env.lock.platforms.items() if not env.is_current(section)
    )
    if stale or not env.lock.platforms:
        why = f"sections {', '.join(stale)} were solved for other roots" if stale else "is empty"
        raise RegistryError(
            f"{env.label} cannot be published: its lock {why}",
            hint="run 'rpm-spec concretize' (with --target for each platform) first",
        )
    sections = section_statuses(env, store)
    view = env.view_path
    with_view = view is not None and view.exists() and "built" in sections.values()
    published = versions.publish(
        paths,
        registry.signer,
        manifest=env.manifest.path.read_bytes(),
        lock=env.lock_path.read_bytes(),
        sections=sections,
        view=view if with_view else None,
    )
    # The store keeps the prefixes while the version's view exists (gc after prune).
    built = {
        h for key, s in env.lock.platforms.items() if sections[key] == "built" for h in s.dag.nodes
    }
    with contextlib.suppress(DropBoxError):
        store.drop_box.register(
            kind="environment",
            path=paths.version_dir(published.version),
            witness=paths.view_dir(published.version),
            hashes=built,
            merge=False,
        )
    return published


def pull_into(found: PublishedEnvironment, directory: Path) -> Environment:
    """An editable copy (manifest and lock) of a published version in ``directory``."""
    target = directory.expanduser().resolve()
    if (target / MANIFEST_NAME).exists() or (target / LOCK_NAME).exists():
        raise EnvironmentError_(
            f"{target} holds an environment already", hint="pull into a new directory"
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in (MANIFEST_NAME, LOCK_NAME):
        shutil.copyfile(found.path / name, target / name)
        (target / name).chmod(0o644)
    return Environment(target)
