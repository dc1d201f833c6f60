"""``rpm-spec bench buildcache``: what the binary cache saves, and what it costs a solve.

- ``xz``: builds ``xz@5.4.1`` from a source mirror (``../shared/mirror``) into fresh
  stores, pushes it, then installs it from the cache alone into fresh stores; prints
  the median of each and their ratio. Each run is a whole ``rpm-spec install`` process.
- ``reuse``: writes a signed index of N synthetic entries and times solving a spec with
  and without that cache configured (``concretizer: reuse`` offers its entries). Two
  distributions: ``copies`` (every node of the py-torch DAG, then copies of each with
  another recipe hash) and ``mixed`` (per package, entries with several of its declared
  versions, other values of its variants and other targets, each linked to random
  entries of its dependencies), as a site's cache accumulates them.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import click

from rpm_spec.util.paths import PREFIX

XZ = "xz@5.4.1"
DAG_SPEC = "py-torch+cuda cuda_arch=90 target=zen3"
DISTRIBUTIONS = ("copies", "mixed")
#: Targets the ``mixed`` index's entries are built for.
MIXED_TARGETS = ("zen3", "zen2", "zen4", "x86_64_v3", "skylake_avx512", "icelake")


@click.command("buildcache")
@click.option("--repeat", "-n", default=3, show_default=True, help="Cache installs to time.")
@click.option("--builds", default=1, show_default=True, help="Source builds to time (slow).")
@click.option(
    "--mirror",
    type=click.Path(file_okay=False, path_type=Path),
    default=PREFIX.parent / "shared" / "mirror",
    show_default=True,
    help="The source mirror holding xz.",
)
@click.option("--entries", default=10_000, show_default=True, help="Synthetic index size.")
@click.option("--spec", "spec_text", default="zlib", show_default=True, help="Spec to solve.")
@click.option(
    "--case", "cases", multiple=True, type=click.Choice(["xz", "reuse"]), help="Only these."
)
@click.option(
    "--distribution",
    "distributions",
    multiple=True,
    type=click.Choice(DISTRIBUTIONS),
    help="Synthetic indexes of the reuse case (default: all).",
)
def buildcache_bench(
    repeat: int,
    builds: int,
    mirror: Path,
    entries: int,
    spec_text: str,
    cases: tuple[str, ...],
    distributions: tuple[str, ...],
) -> None:
    """Median build vs cache-install time of xz, and the solve time a big cache adds."""
    with tempfile.TemporaryDirectory(prefix="rpm-spec-buildcache-bench-") as work:
        if not cases or "reuse" in cases:
            for kind in distributions or DISTRIBUTIONS:
                _reuse(Path(work) / f"reuse-{kind}", kind, entries, spec_text, repeat)
        if not cases or "xz" in cases:
            _xz(Path(work) / "xz", mirror, repeat, builds)


# -- xz: build vs install from the cache ----------------------------------------------------


def _xz(work: Path, mirror: Path, repeat: int, builds: int) -> None:
    if not (mirror / "xz").is_dir():
        raise click.UsageError(f"no xz in the source mirror {mirror} (give --mirror)")
    build_times = []
    cache = work / "cache"
    for run in range(max(1, builds)):
        root = work / f"build-{run}"
        _configure(root, mirror, work / "user")
        build_times.append(_timed(root, work / "user", "install", XZ))
        if run == 0:
            _rpm_spec(root, work / "user", "buildcache", "keys", "create", "bench-1")
            _rpm_spec(root, work / "user", "buildcache", "push", str(cache), XZ)
    install_times = []
    for run in range(max(1, repeat)):
        root = work / f"cache-{run}"
        _configure(root, mirror, work / "user", cache=cache)
        install_times.append(
            _timed(root, work / "user", "install", "--use-buildcache", "only", XZ)
        )
    built, installed = statistics.median(build_times), statistics.median(install_times)
    click.echo(f"{XZ} from source      median {built:8.2f} s over {len(build_times)} build(s)")
    click.echo(f"{XZ} from the cache   median {installed:8.2f} s over {len(install_times)}")
    click.echo(f"ratio build / cache install: {built / installed:.1f}x")


def _configure(root: Path, mirror: Path, user: Path, *, cache: Path | None = None) -> None:
    config = root / "config"
    config.mkdir(parents=True)
    mirrors = f"mirrors:\n  shared: {mirror.absolute().as_uri()}\n"
    if cache is not None:
        mirrors += f"  cache: {cache}\n"
    (config / "mirrors.yaml").write_text(mirrors)
    (config / "packages.yaml").write_text("packages:\n  all:\n    target: [x86_64_v2]\n")
    (config / "config.yaml").write_text(
        textwrap.dedent(
            f"""\
            config:
              install_tree:
                root: {root / "store"}
                padded_length: 128
              build_stage: [{root / "stage"}]
              source_cache: {user.parent / "sources"}
            """
        )
    )


def _rpm_spec(root: Path, user: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RPM_SPEC_")}
    env["RPM_SPEC_USER_DIR"] = str(user)
    command = [str(PREFIX / "bin" / "rpm-spec"), "-C", str(root / "config"), *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def _timed(root: Path, user: Path, *args: str) -> float:
    start = time.perf_counter()
    _rpm_spec(root, user, *args)
    return time.perf_counter() - start


# -- reuse: a big signed index offered to the solver ------------------------------------------


def _reuse(work: Path, kind: str, entries: int, spec_text: str, repeat: int) -> None:
    from rpm_spec.binary.keys import create_key  # lazy: startup
    from rpm_spec.session import Session  # lazy: startup
    from rpm_spec.spec import parse_specs  # lazy: startup
    from rpm_spec.util.paths import BUILTIN_REPO  # lazy: startup

    def session(with_cache: bool) -> Session:
        config = {"mirrors": {"bench": str(work / "mirror")}} if with_cache else {}
        return Session.for_tests(work, repos=[BUILTIN_REPO], config=config)

    plain = session(False)
    create_key(plain.user_dir, "bench-1")
    written = _synthetic_index(plain, work / "mirror", entries, kind)
    roots = parse_specs(spec_text)
    times: dict[bool, list[float]] = {False: [], True: []}
    offered = 0
    for _ in range(max(1, repeat)):
        for with_cache in (False, True):
            current = session(with_cache)
            start = time.perf_counter()
            result = current.concretize(roots, request_text=spec_text)
            times[with_cache].append(time.perf_counter() - start)
            if with_cache:
                offered = len(current.problem(roots).installed)
            del result
    without, cached = statistics.median(times[False]), statistics.median(times[True])
    click.echo(
        f"{kind} index of {written} entries; {offered} offered to the solve of '{spec_text}'"
    )
    click.echo(f"solve without the cache  median {without:7.3f} s")
    click.echo(f"solve with the cache     median {cached:7.3f} s")
    click.echo(f"added by the cache's reuse facts: {cached - without:+.3f} s")


def _synthetic_index(session: Any, mirror: Path, entries: int, kind: str) -> int:
    """The ``kind`` distribution's ``entries`` (see the module doc), signed with bench-1."""
    from rpm_spec.binary.cache import BuildCache  # lazy: startup
    from rpm_spec.binary.index import update_index  # lazy: startup
    from rpm_spec.spec import parse_specs  # lazy: startup

    dag = session.concretize(parse_specs(DAG_SPEC)).dag
    made = _copies(dag, entries) if kind == "copies" else _mixed(session, dag, entries)
    records = {
        node.hash: {
            "spec_hash": node.hash,
            "node": node.to_dict(),
            "entries": [f"{node.hash}-{'0' * 12}"],
        }
        for node in made
    }
    cache = BuildCache.of_mirror(mirror)
    shutil.rmtree(cache.directory, ignore_errors=True)
    update_index(cache.directory, records, session.keyring, "bench-1")
    return len(records)


def _copies(dag: Any, entries: int) -> list[Any]:
    """Every node of the DAG, then copies of each with another recipe hash."""
    from rpm_spec.spec.concrete import ConcreteSpec  # lazy: startup

    made = list(dag.nodes.values())
    variant = 0
    while len(made) < entries:
        for node in dag.nodes.values():
            if len(made) >= entries:
                break
            content = dataclasses.replace(node.content, recipe_hash=f"{variant:064x}")
            made.append(ConcreteSpec(content))
        variant += 1
    return made


def _mixed(session: Any, dag: Any, entries: int) -> list[Any]:
    """Every node of the DAG, then per package (dependencies first) entries with one of
    its four newest declared versions, other variant values and another target, each
    depending on random entries of its dependencies' packages (entries drawn alike are
    one entry, so the index may hold fewer than ``entries``)."""
    from rpm_spec.spec import Version  # lazy: startup
    from rpm_spec.spec.concrete import ConcreteSpec, DependencyRef  # lazy: startup

    rng = random.Random(12)
    nodes = list(dag.nodes.values())
    by_name: dict[str, list[Any]] = {node.name: [node] for node in nodes}
    per_node = -(-max(0, entries - len(nodes)) // max(1, len(nodes)))
    made, done = len(nodes), set[str]()
    while len(done) < len(nodes):
        for node in nodes:
            deps = {dep.name for dep in node.dependencies}
            if node.name in done or not deps <= done | {node.name}:
                continue
            done.add(node.name)
            meta = session.repos.get(node.name)
            versions = [Version(d.version) for d in meta.versions_newest_first()[:4]]
            for _ in range(min(per_node, entries - made)):
                made += 1
                content = dataclasses.replace(
                    node.content,
                    version=rng.choice(versions or [node.version]),
                    variants=_other_values(rng, meta, node.content.variants),
                    target=rng.choice(MIXED_TARGETS),
                    dependencies=tuple(
                        DependencyRef(
                            d.name, rng.choice(by_name[d.name]).hash, d.types, d.virtuals
                        )
                        for d in node.content.dependencies
                    ),
                )
                by_name[node.name].append(ConcreteSpec(content))
    return [spec for specs in by_name.values() for spec in specs]


def _other_values(
    rng: random.Random, meta: Any, variants: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``variants`` with a third of the single-valued ones set to another allowed value."""
    changed = []
    for name, values in variants:
        allowed = [
            value
            for decl in meta.variants_named(name)
            if not decl.multi
            for value in (("true", "false") if decl.boolean else decl.values or ())
        ]
        if allowed and rng.random() < 1 / 3:
            values = (rng.choice(allowed),)
        changed.append((name, values))
    return tuple(changed)
