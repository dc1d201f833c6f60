"""Shell changes that activate or deactivate an environment.

Activation sets ``RPM_SPEC_ENV`` (which every later command reads, as if given
``-e``) and puts the environment's view on PATH, MANPATH, PKG_CONFIG_PATH and
CMAKE_PREFIX_PATH, even before anything is installed into it, and its Python
``site-packages`` (once there is one) on PYTHONPATH. Deactivation removes exactly
what activation added, found again from ``RPM_SPEC_ENV``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.environment.environment import Environment
from rpm_spec.store.shell_env import EnvironmentModifications, prefix_paths

if TYPE_CHECKING:
    from collections.abc import Mapping


def _view_changes(view: Path | None, mods: EnvironmentModifications, *, add: bool) -> None:
    if view is None:
        return
    # Every directory, also those the view does not have yet: the view is a symlink that
    # installs fill in later, and its bin must be on PATH then without activating again.
    # (site-packages, whose name holds the Python version, the shell function refreshes
    # after an install.)
    for name, path in prefix_paths(view, python_extension=True, existing_only=False):
        if add:
            mods.prepend_path(name, path)
        else:
            mods.remove_path(name, path)


def activation(env: Environment, environ: Mapping[str, str]) -> EnvironmentModifications:
    mods = EnvironmentModifications()
    previous = environ.get("RPM_SPEC_ENV")
    if previous and previous != str(env.path):
        mods.extend(deactivation(environ))
    mods.set("RPM_SPEC_ENV", str(env.path))
    _view_changes(env.view_path, mods, add=True)
    return mods


def deactivation(environ: Mapping[str, str]) -> EnvironmentModifications:
    mods = EnvironmentModifications()
    path = environ.get("RPM_SPEC_ENV")
    if not path:
        return mods
    try:
        view = Environment(Path(path)).view_path
    except Exception:  # the environment may have been removed; still unset the variable
        view = Path(path) / ".rpm-spec-env" / "view"
    _view_changes(view, mods, add=False)
    mods.unset("RPM_SPEC_ENV")
    return mods
