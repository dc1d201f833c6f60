"""Where rpm-spec's own files live, relative to this source tree."""

from __future__ import annotations

import os
from pathlib import Path

#: The project root: ``lib/rpm_spec/util/paths.py`` → three levels up from ``lib``.
PREFIX = Path(__file__).resolve().parents[3]
DEFAULTS_CONFIG = PREFIX / "etc" / "rpm-spec" / "defaults"
SITE_CONFIG = PREFIX / "etc" / "rpm-spec" / "site"
SYSTEM_CONFIG = Path("/etc/rpm-spec")
SHARE = PREFIX / "share" / "rpm-spec"
BUILTIN_REPO = PREFIX / "repos" / "builtin"


def user_home() -> Path:
    """The user's rpm-spec directory: ``$RPM_SPEC_USER_DIR`` or ``~/.rpm-spec``."""
    configured = os.environ.get("RPM_SPEC_USER_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".rpm-spec"
