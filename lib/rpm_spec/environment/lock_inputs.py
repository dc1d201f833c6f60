"""What a lock section was solved from, kept as digests: the manifest and the configuration.

Each section records, when it is solved, a sha256 of the manifest's content and one of
every configuration section that steers the solver (merged over all scopes, the
environment's own included). ``env status`` compares them with today's, so a user
learns that a ``concretize`` would now give another answer before running one.
Settings that change how the solver runs rather than what it may choose (reuse of
installed specs, which follows the store anyway, and the time limit) are left out.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rpm_spec.config import Configuration
    from rpm_spec.environment.lockfile import PlatformSection
    from rpm_spec.environment.manifest import Manifest

#: The configuration sections a solve depends on.
SOLVE_SECTIONS = ("compilers", "concretizer", "packages", "repos")
_NOT_ABOUT_THE_ANSWER = {"concretizer": ("reuse", "timeout_s")}


def solve_inputs(manifest: Manifest, config: Configuration) -> dict[str, Any]:
    """The digests a section stores: ``{"manifest": h, "config": {section: h}}``."""
    sections = {}
    for name in SOLVE_SECTIONS:
        value = config.get(name)
        if isinstance(value, dict):
            value = {
                k: v for k, v in value.items() if k not in _NOT_ABOUT_THE_ANSWER.get(name, ())
            }
        sections[name] = _digest(value)
    return {"manifest": _digest(manifest.data), "config": sections}


def changed_inputs(
    section: PlatformSection, manifest: Manifest, config: Configuration
) -> tuple[bool, list[str]]:
    """Whether the manifest changed since ``section`` was solved, and which configuration
    sections did (nothing for a section solved before digests were kept)."""
    stored = section.inputs
    if not stored:
        return False, []
    now = solve_inputs(manifest, config)
    manifest_changed = stored.get("manifest") not in (None, now["manifest"])
    before = stored.get("config")
    if not isinstance(before, dict):
        before = {}
    sections = [
        name for name, digest in now["config"].items() if before.get(name) not in (None, digest)
    ]
    return manifest_changed, sections


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
