"""Placeholders in configured paths (``repos``, ``install_tree:root``, ``build_stage``).

``substitute_path`` expands, in this order:

- a leading ``~`` or ``~user``: that home directory;
- ``$rpm_spec``: the rpm-spec installation prefix (the clone);
- ``$user_dir``: the user's rpm-spec directory (``~/.rpm-spec`` or ``$RPM_SPEC_USER_DIR``);
- ``$user_cache_path``: the user's cache directory, ``$user_dir/cache`` (stages, sources,
  indexes: everything that can be made again);
- ``$user``: the login name; ``$tempdir``: the system temporary directory;
- any other ``$NAME`` that is set in the environment; unknown names stay as written.

``${name}`` is the same as ``$name`` and can be followed directly by letters.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.util.paths import PREFIX, user_home

if TYPE_CHECKING:
    from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\$(?:(\w+)|\{(\w+)\})")


def substitute_path(
    text: str,
    *,
    user_dir: Path | None = None,
    prefix: Path = PREFIX,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """``text`` with its placeholders expanded, as a Path (see the module doc)."""
    environment = os.environ if environ is None else environ

    def known(name: str) -> str | None:
        if name == "rpm_spec":
            return str(prefix)
        if name == "user_dir":
            return str(user_dir if user_dir is not None else user_home())
        if name == "user_cache_path":
            return str(user_cache_path(user_dir if user_dir is not None else user_home()))
        if name == "user":
            return _login_name(environment)
        if name == "tempdir":
            import tempfile  # lazy: startup

            return tempfile.gettempdir()
        return environment.get(name)

    def replace(match: re.Match[str]) -> str:
        value = known(match.group(1) or match.group(2))
        return match.group(0) if value is None else value

    expanded = str(Path(text).expanduser()) if text.startswith("~") else text
    return Path(_PLACEHOLDER.sub(replace, expanded))


def user_cache_path(user_dir: Path) -> Path:
    """The user's cache directory (``$user_cache_path``) for the user directory ``user_dir``."""
    return user_dir / "cache"


def _login_name(environment: Mapping[str, str]) -> str:
    for variable in ("USER", "LOGNAME"):
        if environment.get(variable):
            return environment[variable]
    import getpass  # lazy: startup

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())
