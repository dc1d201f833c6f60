"""``rpm-spec bench policy``: what the site admin's policy adds to a solve.

The same request is solved without and with a representative policy (deny, require on
every package, a target range, denied licenses), alternating in ABBA order so that the
machine's load and warm caches fall on both alike; the medians and their ratio are
printed. The policy goes in as a registry namespace's ``policy.yaml`` (which tightens the
site's), in a temporary directory.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import click

from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.errors import UsageError
from rpm_spec.spec import parse_specs
from rpm_spec.util.paths import PREFIX

#: What DESIGN.md's target is measured on: a policy must add < 10% to this solve.
DEFAULT_SPEC = "py-torch+cuda cuda_arch=90 target=zen3"
#: A policy with every kind of solver rule, none of which rules this solve out.
BENCH_POLICY = """\
policy:
  deny: ['openssl@:1.1', 'py-torch~cuda', 'python@:3.8']
  require:
    all: '%gcc'
    zlib-api: [zlib-ng, zlib]
  targets: {allow: ['x86_64_v3:']}
  licenses: {deny: [SSPL-1.0, BUSL-1.1]}
"""
_REPOS = {"mock": PREFIX / "tests" / "repos" / "mock", "builtin": PREFIX / "repos" / "builtin"}


@click.command("policy")
@click.option("--repeat", "-n", default=7, show_default=True, help="Runs with and without.")
@click.option(
    "--repo",
    type=click.Choice(sorted(_REPOS)),
    default="builtin",
    show_default=True,
    help="The repository to solve in.",
)
@click.option(
    "--policy-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A policy.yaml to use instead of the built-in representative one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.argument("spec", required=False, default=DEFAULT_SPEC)
@pass_state
def policy(
    state: CliState, repeat: int, repo: str, policy_file: Path | None, as_json: bool, spec: str
) -> None:
    """Median solve time of SPEC without and with an admin policy, and the ratio."""
    if repeat < 1:
        raise UsageError("--repeat must be at least 1")
    text = policy_file.read_text(encoding="utf-8") if policy_file else BENCH_POLICY
    with tempfile.TemporaryDirectory(prefix="rpm-spec-bench-policy-") as work:
        namespace = Path(work)
        (namespace / "policy.yaml").write_text(text, encoding="utf-8")
        without: list[float] = []
        within: list[float] = []
        nodes = 0
        for round_number in range(repeat):
            pair = [(without, None), (within, namespace)]
            # ABBA order: neither side always runs first, after the other warmed a cache.
            for times, chosen in pair if round_number % 2 == 0 else reversed(pair):
                seconds, nodes = _solve(state, repo, spec, chosen)
                times.append(seconds)
    median_without, median_with = statistics.median(without), statistics.median(within)
    ratio = median_with / median_without
    row = {
        "spec": spec,
        "repo": repo,
        "nodes": nodes,
        "runs": repeat,
        "median_without_s": median_without,
        "median_with_s": median_with,
        "ratio": ratio,
    }
    if as_json:
        click.echo(json.dumps(row, indent=2))
        return
    added = (ratio - 1) * 100
    click.echo(f"{spec} ({repo}, {nodes} nodes, {repeat} runs each, alternating)")
    click.echo(f"  without policy  {median_without:.3f}s median")
    click.echo(f"  with policy     {median_with:.3f}s median")
    click.echo(f"  policy adds {added:+.1f}% ({'within' if added < 10 else 'over'} the 10% aim)")


def _solve(state: CliState, repo: str, text: str, namespace: Path | None) -> tuple[float, int]:
    """Seconds for one in-process concretization (as ``bench concretize``), and its nodes."""
    from rpm_spec.session import Session  # lazy: startup

    start = time.perf_counter()
    session = Session.from_cli(
        config_overrides=(*state.overrides, f"repos:: [{_REPOS[repo]}]"),
        scope_dirs=state.scope_dirs,
    )
    session.policy_namespace = namespace
    nodes = len(session.concretize(parse_specs(text), request_text=text).dag.nodes)
    return time.perf_counter() - start, nodes
