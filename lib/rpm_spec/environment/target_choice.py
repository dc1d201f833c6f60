"""Which of an environment's per-target lock sections this host uses, said out loud.

A lock may hold sections for several targets of one platform (``x86_64``, ``x86_64_v3``,
``zen3``): a shared environment used from login, GPU and older nodes. Activation says
which section this CPU gets and why ("best available for zen4: zen3"), honours
``RPM_SPEC_TARGET``, and refuses a host that can run none of them, listing the CPU
features it lacks or, on another architecture, the sections that exist. The choice is
:func:`rpm_spec.environment.concretize.section_for_host`'s, made with the same archspec
rules as for installed builds (:mod:`rpm_spec.store.best_build`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.store.best_build import TARGET_VAR, choose_target

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rpm_spec.environment.environment import Environment
    from rpm_spec.platform import HostInfo


def activation_note(env: Environment, host: HostInfo, environ: Mapping[str, str]) -> str | None:
    """The note activation prints, or None when the lock offers no choice; raises
    NoRunnableBuildError when no section of the lock runs here."""
    sections = list(env.lock.platforms.values())
    if not sections:
        return None  # not concretized yet: activation still puts the (empty) view on PATH
    here = [s for s in sections if s.platform == host.platform and s.os == host.os]
    if len(here) < 2 and not environ.get(TARGET_VAR) and (here or len(sections) < 2):
        return None
    _, note = choose_target(
        env.label,
        [s.target for s in (here or sections)],
        host,
        environ,
        remedy="rpm-spec concretize --target {target}",
    )
    return note
