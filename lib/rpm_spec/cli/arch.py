"""``rpm-spec arch``: the host's platform-os-target, its GPUs, and the known targets."""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import TYPE_CHECKING, Any

import click

from rpm_spec import platform
from rpm_spec.cli.main import pass_state
from rpm_spec.errors import UsageError

if TYPE_CHECKING:
    from rpm_spec.cli.main import CliState
    from rpm_spec.platform import HostInfo


def _host_data(host: HostInfo) -> dict[str, Any]:
    return {
        "arch": host.arch,
        "platform": host.platform,
        "os": host.os,
        "target": host.target,
        "family": platform.family(host.target),
        "generic_target": platform.generic_target(host.target),
        "gpus": [
            {"vendor": gpu.vendor, "variant": gpu.variant, "value": gpu.arch} for gpu in host.gpus
        ],
    }


def _render_known_targets(families: dict[str, list[str]], width: int) -> str:
    blocks = []
    for name, targets in families.items():
        body = textwrap.fill(
            "  ".join(targets),
            width=max(width, 40),
            initial_indent="    ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
        blocks.append(f"{name}\n{body}")
    return "\n".join(blocks)


@click.command("arch")
@click.option("-p", "--platform", "show_platform", is_flag=True, help="Print the platform only.")
@click.option("-o", "--operating-system", "show_os", is_flag=True, help="Print the OS only.")
@click.option("-t", "--target", "show_target", is_flag=True, help="Print the target only.")
@click.option("-f", "--family", "show_family", is_flag=True, help="Print the target family.")
@click.option("--known-targets", is_flag=True, help="List every target archspec knows, by family.")
@click.option("--gpus", "show_gpus", is_flag=True, help="Print the detected GPU architectures.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def arch(
    state: CliState,
    show_platform: bool,
    show_os: bool,
    show_target: bool,
    show_family: bool,
    known_targets: bool,
    show_gpus: bool,
    as_json: bool,
) -> None:
    """Show this machine as platform-os-target (e.g. linux-debian12-zen3).

    GPUs are read from nvidia-smi and rocminfo and shown as the variant values
    recipes take (cuda_arch=90, amdgpu_target=gfx90a).
    """
    chosen = [show_platform, show_os, show_target, show_family, known_targets, show_gpus]
    if sum(chosen) > 1:
        raise UsageError(
            "choose one of -p, -o, -t, -f, --known-targets, --gpus",
            hint="without any of them, arch prints platform-os-target",
        )
    if known_targets:
        families = platform.known_targets()
        if as_json:
            click.echo(json.dumps(families, indent=2))
        else:
            width = shutil.get_terminal_size().columns
            click.echo(_render_known_targets(families, width))
        return

    data = _host_data(state.session().host)
    if show_gpus:
        if as_json:
            click.echo(json.dumps(data["gpus"], indent=2))
        elif not data["gpus"]:
            click.echo("none")
        else:
            for gpu in data["gpus"]:
                click.echo(f"{gpu['vendor']}: {gpu['variant']}={gpu['value']}")
        return
    for flag, key in (
        (show_platform, "platform"),
        (show_os, "os"),
        (show_target, "target"),
        (show_family, "family"),
    ):
        if flag:
            click.echo(json.dumps({key: data[key]}) if as_json else data[key])
            return
    click.echo(json.dumps(data, indent=2) if as_json else data["arch"])
