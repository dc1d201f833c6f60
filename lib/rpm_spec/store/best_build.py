"""The best installed build of a spec for this host's CPU (and GPU), chosen at load time.

A store or a published environment may hold one package built for several targets
(``x86_64``, ``x86_64_v3``, ``zen3``). Among the builds the host can run (archspec: the
build's target is the host's or one of its ancestors) the most specific one wins, and
the choice says why ("best available for zen4: zen3"). ``RPM_SPEC_TARGET`` names the
target to choose for instead of the host's; the build it selects must still run here.
A build the CPU cannot run is refused with the features it lacks, never a SIGILL; a
``cuda_arch`` build the detected GPU cannot run is refused naming its compute capability.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rpm_spec.platform.cpu_features import missing_features
from rpm_spec.platform.targets import can_run_on, family, get_target
from rpm_spec.store.errors import StoreError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.platform import HostInfo
    from rpm_spec.spec.concrete import ConcreteSpec
    from rpm_spec.store.records import InstallRecord

#: The variable that names the target to choose builds for (a site sets it per partition).
TARGET_VAR = "RPM_SPEC_TARGET"
#: Variants that say which GPU a build is for: builds differing only here are one package.
GPU_VARIANTS = ("cuda_arch", "amdgpu_target")


class NoRunnableBuildError(StoreError):
    """No installed build of a spec runs on this host's CPU or GPU."""


@dataclass(frozen=True)
class BuildChoice:
    """The build to use and the sentence that says why."""

    record: InstallRecord
    note: str


def same_package_key(spec: ConcreteSpec, *, gpu: bool = False) -> tuple[object, ...]:
    """What builds for several targets (and, unless ``gpu``, GPUs) of one package have in
    common."""
    variants = tuple(
        (k, v) for k, v in sorted(spec.variants.items()) if gpu or k not in GPU_VARIANTS
    )
    compiler = str(spec.compiler) if spec.compiler else ""
    return (spec.name, str(spec.version), variants, compiler, spec.platform, spec.os)


def is_target_choice(records: Sequence[InstallRecord]) -> bool:
    """Whether ``records`` are builds of one package that differ only in target or GPU."""
    keys = {same_package_key(record.spec) for record in records}
    return len(records) > 1 and len(keys) == 1


def choose_build(
    records: Sequence[InstallRecord], host: HostInfo, environ: Mapping[str, str]
) -> BuildChoice:
    """The most specific of ``records`` that ``host`` runs (see the module doc)."""
    name = records[0].spec.name
    by_gpu = [r for r in records if _gpu_refusal(r.spec, host) is None]
    if not by_gpu:
        raise NoRunnableBuildError(
            f"no build of {name} runs on this host's GPU: {_gpu_refusal(records[0].spec, host)}",
            hint=f"builds exist for {_gpu_list(records)}; install one for this GPU",
        )
    target, note = choose_target(
        name,
        [r.spec.target for r in by_gpu],
        host,
        environ,
        remedy=f"rpm-spec install {name} target={{target}}",
    )
    chosen = _by_specificity([r for r in by_gpu if r.spec.target == target])[0]
    return BuildChoice(chosen, note)


def choose_target(
    name: str,
    targets: Sequence[str],
    host: HostInfo,
    environ: Mapping[str, str],
    *,
    remedy: str,
) -> tuple[str, str]:
    """(the most specific of ``targets`` that ``host`` runs, the note that says why).

    ``name`` is what the builds are of (a package, an environment); ``remedy`` the command
    that makes a build for a target (``{target}`` is filled in) for the hints.
    """
    override = environ.get(TARGET_VAR) or None
    wanted = override or host.target
    get_target(wanted)
    hint = "install one for this CPU: " + remedy.format(target=wanted)
    same_family = [t for t in targets if _family(t) == family(wanted)]
    if not same_family:
        listed = ", ".join(sorted({f"{t} ({_family(t)})" for t in targets}))
        raise NoRunnableBuildError(
            f"no build of {name} for {family(wanted)} ({wanted}): builds exist for {listed}",
            hint=hint,
        )
    runnable = [t for t in same_family if can_run_on(t, wanted)]
    if not runnable:
        lacks = "; ".join(
            f"{t} needs {', '.join(missing_features(t, wanted))}"
            for t in _most_specific_first(same_family)
        )
        raise NoRunnableBuildError(f"no build of {name} runs on {wanted}: {lacks}", hint=hint)
    target = _most_specific_first(runnable)[0]
    if override and not _runs_here(target, host.target):
        lacks = ", ".join(missing_features(target, host.target)) or family(host.target)
        raise NoRunnableBuildError(
            f"{TARGET_VAR}={override} selects the {target} build of {name}, which this "
            f"{host.target} CPU cannot run: it lacks {lacks}",
            hint=f"unset {TARGET_VAR} to choose for this CPU ({host.target})",
        )
    why = f" ({TARGET_VAR})" if override else ""
    if target == wanted:
        return target, f"{name}: the {target} build matches {wanted}{why}"
    return target, f"{name}: best available for {wanted}{why}: {target}"


def _most_specific_first(targets: Sequence[str]) -> list[str]:
    return sorted(dict.fromkeys(targets), key=lambda t: (-get_target(t).depth, t))


def _runs_here(build_target: str, host_target: str) -> bool:
    return _family(build_target) == family(host_target) and can_run_on(build_target, host_target)


def _family(target: str) -> str:
    return family(target)


def _by_specificity(records: Sequence[InstallRecord]) -> list[InstallRecord]:
    """Most specific target first (most ancestors), then the newest GPU architecture."""
    return sorted(
        records,
        key=lambda r: (-get_target(r.spec.target).depth, _gpu_rank(r.spec), r.spec.target),
    )


def _gpu_rank(spec: ConcreteSpec) -> int:
    values = [int(v) for v in spec.variants.get("cuda_arch", ()) if v.isdigit()]
    return -max(values, default=0)


def _gpu_refusal(spec: ConcreteSpec, host: HostInfo) -> str | None:
    """Why ``host``'s GPUs cannot run ``spec``'s CUDA code; None when they can (or when no
    GPU is detected: a login node may load a GPU build to compile against it)."""
    built = [v for v in spec.variants.get("cuda_arch", ()) if v.isdigit()]
    present = [v for v in host.cuda_archs if v.isdigit()]
    if not built or not present:
        return None
    for have in present:
        for need in built:
            # Same major capability, and at least the minor one the code was built for.
            if have[:-1] == need[:-1] and int(have[-1]) >= int(need[-1]):
                return None
    capabilities = ", ".join(f"{v[:-1]}.{v[-1]}" for v in present)
    return (
        f"the cuda_arch={','.join(built)} build needs compute capability "
        f"{' or '.join(f'{v[:-1]}.{v[-1]}' for v in built)}; this GPU has {capabilities}"
    )


def _gpu_list(records: Sequence[InstallRecord]) -> str:
    values = {",".join(r.spec.variants.get("cuda_arch", ("none",))) for r in records}
    return ", ".join(f"cuda_arch={v}" for v in sorted(values))


def pick_build(
    records: Sequence[InstallRecord], host: HostInfo, environ: Mapping[str, str]
) -> BuildChoice | None:
    """What ``load`` uses for the installed matches of one request.

    None when ``records`` are not builds of one package for several targets (the caller
    reports no match or an ambiguous one). One build that this host runs is used quietly;
    one it cannot run is refused; several are chosen among.
    """
    if len(records) == 1 and records[0].external:
        return BuildChoice(records[0], "")
    if len(records) != 1 and not is_target_choice(records):
        return None
    choice = choose_build(records, host, environ)
    if len(records) == 1 and not environ.get(TARGET_VAR):
        return BuildChoice(choice.record, "")
    return choice
