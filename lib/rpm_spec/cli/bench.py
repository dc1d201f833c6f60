"""``rpm-spec bench``: how fast the layers that matter are, as medians over repeats."""

from __future__ import annotations

import json
import statistics
import subprocess
import time
from pathlib import Path

import click

from rpm_spec.cli.bench_buildcache import buildcache_bench
from rpm_spec.cli.main import CliState, pass_state
from rpm_spec.spec import parse_specs
from rpm_spec.util.paths import PREFIX

#: The default benchmark: (repository, spec) pairs, mock first, then builtin.
DEFAULT_SPECS: tuple[tuple[str, str], ...] = (
    ("mock", "mpileaks"),
    ("mock", "hdf5+mpi"),
    ("builtin", "zlib"),
    ("builtin", "cmake"),
    ("builtin", "python"),
    ("builtin", "hdf5+mpi target=zen3"),
    ("builtin", "openmpi"),
    ("builtin", "py-torch+cuda cuda_arch=90 target=zen3"),
    ("builtin", "py-torch+cuda target=neoverse_v2"),
)
_REPOS = {"mock": PREFIX / "tests" / "repos" / "mock", "builtin": PREFIX / "repos" / "builtin"}


@click.group("bench")
def bench() -> None:
    """Benchmarks that print medians over repeated runs (the machine is noisy)."""


bench.add_command(buildcache_bench)


@bench.command("concretize")
@click.option("--repeat", "-n", default=5, show_default=True, help="Runs per spec.")
@click.option(
    "--processes",
    is_flag=True,
    help="Time whole 'rpm-spec spec' processes instead of solves in this process.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.argument("specs", nargs=-1)
@pass_state
def concretize(
    state: CliState, repeat: int, processes: bool, as_json: bool, specs: tuple[str, ...]
) -> None:
    """Median time and node count to concretize each SPEC (default: a mock+builtin list).

    In-process runs build a fresh Session each time (config, repos and the warm
    metadata index are re-read; recipe facts are not cached across runs), so the
    figure is what one 'rpm-spec spec' pays beyond interpreter start-up; with
    --processes the whole command is timed.
    """
    pairs = [("configured", s) for s in specs] if specs else list(DEFAULT_SPECS)
    rows = []
    for repo, text in pairs:
        times, nodes = _measure(state, repo, text, repeat, processes)
        rows.append(
            {
                "spec": text,
                "repo": repo,
                "nodes": nodes,
                "median_s": statistics.median(times),
                "min_s": min(times),
                "max_s": max(times),
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(34, *(len(str(row["spec"])) for row in rows))
    click.echo(f"{'spec':<{width}} {'repo':<10} {'nodes':>5} {'median':>8} {'min':>8} {'max':>8}")
    for row in rows:
        click.echo(
            f"{row['spec']:<{width}} {row['repo']:<10} {row['nodes']:>5} "
            f"{row['median_s']:>7.3f}s {row['min_s']:>7.3f}s {row['max_s']:>7.3f}s"
        )
    click.echo(f"({repeat} runs each{', whole processes' if processes else ''})")


def _overrides(state: CliState, repo: str) -> tuple[str, ...]:
    if repo in _REPOS:
        return (*state.overrides, f"repos:: [{_REPOS[repo]}]")
    return state.overrides


def _measure(
    state: CliState, repo: str, text: str, repeat: int, processes: bool
) -> tuple[list[float], int]:
    from rpm_spec.session import Session  # lazy: startup

    overrides = _overrides(state, repo)
    times: list[float] = []
    nodes = 0
    for _ in range(repeat):
        start = time.perf_counter()
        if processes:
            args = [str(PREFIX / "bin" / "rpm-spec")]
            for item in overrides:
                args += ["-c", item]
            done = subprocess.run(
                [*args, "spec", "--json", text], capture_output=True, text=True, check=True
            )
            nodes = len(json.loads(done.stdout)["nodes"])
        else:
            session = Session.from_cli(config_overrides=overrides, scope_dirs=state.scope_dirs)
            nodes = len(session.concretize(parse_specs(text), request_text=text).dag.nodes)
        times.append(time.perf_counter() - start)
    return times, nodes


#: ``bench retarget``: site B (another CPU, OS, compiler and its own CUDA; issue 15) and
#: a 40-root environment moved to aarch64, both from a lock solved for zen3.
SITE_B = PREFIX / "tests" / "data" / "retarget" / "siteB"
SITE_B_ROOTS = ("py-torch+cuda", "hdf5+mpi", "gromacs+cuda+mpi")
FORTY_ROOTS = [
    "zlib",
    "bzip2",
    "xz",
    "zstd",
    "lz4",
    "openssl",
    "curl",
    "cmake",
    "ninja",
    "meson",
    "python",
    "perl",
    "sqlite",
    "libxml2",
    "libyaml",
    "expat",
    "fftw",
    "openblas",
    "libpng",
    "hdf5+mpi",
    "netcdf-c",
    "netcdf-fortran",
    "parallel-netcdf",
    "openmpi",
    "hwloc",
    "boost",
    "eigen",
    "gmp",
    "libffi",
    "ncurses",
    "readline",
    "gdbm",
    "pcre2",
    "libarchive",
    "py-numpy",
    "py-scipy",
    "py-pandas",
    "py-requests",
    "gromacs+mpi",
    "lammps",
]


@bench.command("retarget")
@click.option("--repeat", "-n", default=5, show_default=True, help="Runs per case.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def retarget_bench(repeat: int, as_json: bool) -> None:
    """Median time to retarget a zen3 lock as close as possible, changes explained.

    Two cases on the builtin repo, hosts fixed (this machine's CPU plays no part):
    site B (py-torch+cuda, hdf5+mpi, gromacs+cuda+mpi to neoverse_v2/rhel9 with
    tests/data/retarget/siteB as a config scope: another compiler, an external CUDA)
    and a 40-root environment moved to neoverse_v2. Each run is one solve close to the
    lock plus the grouped explanation of what changed; the lock is solved once, untimed.
    """
    import tempfile  # lazy: startup

    from rpm_spec.config.scope import DirectoryScope  # lazy: startup
    from rpm_spec.platform import HostInfo  # lazy: startup
    from rpm_spec.session import Session  # lazy: startup
    from rpm_spec.solver.retarget import retarget  # lazy: startup

    if repeat < 1:
        raise click.UsageError("--repeat must be at least 1")
    zen3 = HostInfo(platform="linux", os="debian12", target="zen3")
    cases = (
        ("site B (3 roots, -C siteB)", SITE_B_ROOTS, "rhel9", SITE_B),
        ("40 roots", FORTY_ROOTS, "debian12", None),
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="rpm-spec-bench-") as work:
        for label, texts, os_name, scope in cases:
            roots = [spec for text in texts for spec in parse_specs(text)]
            here = Session.for_tests(Path(work) / label, repos=[_REPOS["builtin"]], host=zen3)
            reference = here.concretize(roots).dag
            there = Session.for_tests(Path(work) / label, repos=[_REPOS["builtin"]], host=zen3)
            if scope is not None:
                there.config.insert_scope(DirectoryScope(f"custom:{scope.name}", scope))
            host = HostInfo(platform="linux", os=os_name, target="neoverse_v2")
            times, cpu_times, explain_times = [], [], []
            for _ in range(repeat):
                problem = there.problem(roots, host=host, reference=reference)
                start, cpu_start = time.perf_counter(), time.process_time()
                report = retarget(problem, there.repos)
                times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu_start)
                explain_times.append(sum(report.timers.phases.values()))
            rows.append(
                {
                    "case": label,
                    "nodes": len(report.result.dag.nodes),
                    "changes": len(report.changes),
                    "groups": len(report.groups),
                    "median_s": statistics.median(times),
                    "min_s": min(times),
                    "median_cpu_s": statistics.median(cpu_times),
                    "explain_median_s": statistics.median(explain_times),
                }
            )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(
        f"{'retarget a zen3 lock to neoverse_v2':<28} {'nodes':>5} {'changes':>7} {'groups':>6} "
        f"{'median':>8} {'min':>8} {'cpu':>8} {'explain':>8}"
    )
    for row in rows:
        click.echo(
            f"{row['case']:<28} {row['nodes']:>5} {row['changes']:>7} {row['groups']:>6} "
            f"{row['median_s']:>7.3f}s {row['min_s']:>7.3f}s {row['median_cpu_s']:>7.3f}s "
            f"{row['explain_median_s']:>7.3f}s"
        )
    click.echo(
        f"({repeat} runs each; cpu = median process CPU time, the steadier figure on a busy "
        "machine; explain = median time spent explaining the groups, within each run)"
    )


@bench.command("wrapper")
@click.option("--repeat", "-n", default=20, show_default=True, help="Runs of each command.")
@click.option(
    "--compiler",
    type=click.Path(exists=True, dir_okay=False),
    help="The real C compiler (default: gcc, else cc, on PATH).",
)
@click.option(
    "--shell",
    "shells",
    multiple=True,
    help="Run the wrapper under this sh instead of its #!/bin/sh (repeatable: dash, bash).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def wrapper(repeat: int, compiler: str | None, shells: tuple[str, ...], as_json: bool) -> None:
    """Median time of 'cc -c tiny.c' through the compiler wrapper vs the bare compiler.

    Also times the wrapper's own work alone (the wrapper exec'ing 'true' instead of
    the compiler, minus 'true' by itself): the overhead without compiler noise.
    """
    import shutil  # lazy: startup
    from pathlib import Path  # lazy: startup

    from rpm_spec.build.wrappers import measure_overhead  # lazy: startup

    found = compiler or shutil.which("gcc") or shutil.which("cc")
    if found is None:
        raise click.UsageError("no C compiler on PATH; give one with --compiler")
    rows = []
    for shell in shells or (None,):
        timing = measure_overhead(Path(found).absolute(), runs=repeat, shell=shell)
        rows.append(
            {
                "compiler": str(timing.compiler),
                "shell": timing.shell,
                "runs": timing.runs,
                "direct_ms": timing.direct_s * 1000,
                "wrapped_ms": timing.wrapped_s * 1000,
                "overhead_ms": timing.overhead_s * 1000,
                "wrapper_only_ms": timing.wrapper_only_s * 1000,
            }
        )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(
            f"{row['compiler']} -c tiny.c, wrapper under {row['shell']}, median of "
            f"{row['runs']} runs:"
        )
        click.echo(f"  bare compiler    {row['direct_ms']:8.2f} ms")
        click.echo(
            f"  through wrapper  {row['wrapped_ms']:8.2f} ms  "
            f"(difference {row['overhead_ms']:+.2f} ms)"
        )
        click.echo(
            f"  wrapper alone    {row['wrapper_only_ms']:8.2f} ms  "
            "(exec'ing 'true' through it, minus 'true' alone)"
        )


#: The commands ``bench startup`` times, as argument lists after ``rpm-spec``.
STARTUP_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--help",),
    ("spec", "zlib"),
    ("info", "hdf5"),
    ("list",),
    ("find",),
    ("install", "bench-noop"),
)

_NOOP_RECIPE = '''\
from pathlib import Path

from rpm_spec.repo.api import *


class BenchNoop(Package):
    """Installs one text file: what 'bench startup' times a no-op install of."""

    url = "{url}"
    version("1.0", sha256="{sha256}")

    def install(self, spec, prefix):
        (Path(prefix) / "share").mkdir(parents=True, exist_ok=True)
        (Path(prefix) / "share" / "bench-noop.txt").write_text("installed\\n")
'''


@bench.command("startup")
@click.option("--repeat", "-n", default=10, show_default=True, help="Timed runs per command.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def startup(repeat: int, as_json: bool) -> None:
    """Median wall and CPU time of whole 'rpm-spec' processes for everyday commands.

    Runs --help, 'spec zlib', 'info hdf5', 'list', 'find' and a no-op install in a
    fresh user directory that this command prepares (a one-package repository,
    installed once), after one untimed warm-up run each, so caches are warm as they
    are on a user's machine. CPU time (user + system, children included) is the
    steadier figure on a busy machine.
    """
    import shutil  # lazy: startup
    import tempfile  # lazy: startup

    if repeat < 1:
        raise click.UsageError("--repeat must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="rpm-spec-bench-"))
    try:
        env = _startup_environment(work)
        _run_startup(("install", "bench-noop"), env)  # the install that later ones skip
        rows = []
        for command in STARTUP_COMMANDS:
            _run_startup(command, env)  # warm-up: caches, compiler detection
            walls: list[float] = []
            cpus: list[float] = []
            for _ in range(repeat):
                wall_s, cpu_s = _run_startup(command, env)
                walls.append(wall_s)
                cpus.append(cpu_s)
            rows.append(
                {
                    "command": " ".join(command),
                    "runs": repeat,
                    "median_wall_s": statistics.median(walls),
                    "min_wall_s": min(walls),
                    "median_cpu_s": statistics.median(cpus),
                }
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'rpm-spec ...':<22} {'median wall':>12} {'min wall':>9} {'median cpu':>11}")
    for row in rows:
        click.echo(
            f"{row['command']:<22} {row['median_wall_s']:>11.3f}s {row['min_wall_s']:>8.3f}s "
            f"{row['median_cpu_s']:>10.3f}s"
        )
    click.echo(f"({repeat} runs each after one warm-up; cpu = user + system time)")


def _startup_environment(work: Path) -> dict[str, str]:
    """A user directory under ``work`` whose repos list a generated one-package repo first."""
    import hashlib  # lazy: startup
    import io  # lazy: startup
    import os  # lazy: startup
    import tarfile  # lazy: startup

    archive = work / "bench-noop-1.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"nothing to build\n"
        info = tarfile.TarInfo("bench-noop-1.0/README")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    recipe = work / "repo" / "packages" / "bench-noop" / "package.py"
    recipe.parent.mkdir(parents=True)
    recipe.write_text(_NOOP_RECIPE.format(url=archive.as_uri(), sha256=digest))
    (work / "repo" / "repo.yaml").write_text("repo:\n  namespace: bench\n")
    user_dir = work / "user"
    user_dir.mkdir()
    (user_dir / "repos.yaml").write_text(f"repos:\n  - {work / 'repo'}\n")
    env = {key: value for key, value in os.environ.items() if key != "RPM_SPEC_ENV"}
    env["RPM_SPEC_USER_DIR"] = str(user_dir)
    return env


def _run_startup(command: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
    """Run ``rpm-spec COMMAND`` once; its wall and CPU seconds. Fails loudly if it fails."""
    import resource  # lazy: startup

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(PREFIX / "bin" / "rpm-spec"), *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall_s = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise click.ClickException(
            f"'rpm-spec {' '.join(command)}' failed (exit {done.returncode}): {last}"
        )
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall_s, cpu_s


@bench.command("modules")
@click.option("--installs", default=1000, show_default=True, help="Synthetic installs.")
@click.option("--repeat", "-n", default=5, show_default=True, help="Runs per module system.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def modules(installs: int, repeat: int, as_json: bool) -> None:
    """Median time to generate and write the module files of INSTALLS synthetic installs
    (an MPI hierarchy, three targets per package; index parsing included), per system.

    'cpu' is this process's CPU time: on a loaded machine or a slow file system the
    wall time is mostly waiting for file creation."""
    import tempfile  # lazy: startup

    from rpm_spec.modules import KINDS, ModuleSettings, refresh_modules
    from rpm_spec.store.records import Snapshot

    documents = _synthetic_installs(installs)
    rows = []
    with tempfile.TemporaryDirectory(prefix="rpm-spec-bench-modules-") as work:
        for kind in KINDS:
            times, cpu_times, written = [], [], 0
            for run in range(repeat):
                settings = ModuleSettings.from_mapping(
                    kind,
                    {"core_compilers": ["gcc@11.4.0"], "hierarchy": ["mpi"]},
                    root=Path(work, f"{kind}-{run}"),
                )
                start, cpu_start = time.perf_counter(), time.process_time()
                report = refresh_modules(settings, Snapshot(dict(documents)))
                times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu_start)
                written = len(report.written)
            rows.append(
                {
                    "kind": kind,
                    "installs": installs,
                    "files": written,
                    "median_s": statistics.median(times),
                    "min_s": min(times),
                    "max_s": max(times),
                    "median_cpu_s": statistics.median(cpu_times),
                }
            )
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(
        f"{'kind':<6} {'installs':>8} {'files':>6} {'median':>8} {'min':>8} {'max':>8} {'cpu':>8}"
    )
    for row in rows:
        click.echo(
            f"{row['kind']:<6} {row['installs']:>8} {row['files']:>6} {row['median_s']:>7.3f}s "
            f"{row['min_s']:>7.3f}s {row['max_s']:>7.3f}s {row['median_cpu_s']:>7.3f}s"
        )


def _synthetic_installs(count: int) -> dict[str, dict[str, object]]:
    """Index documents of ``count`` installs: a compiler, two MPIs, and packages that each
    link the previous package and an MPI, built for three targets (no prefixes on disk)."""
    from rpm_spec.spec.concrete import CompilerRef, ConcreteSpec, DependencyRef, NodeContent
    from rpm_spec.spec.version import Version
    from rpm_spec.store.records import InstallRecord

    def make(
        name: str,
        compiler: str,
        target: str,
        deps: list[tuple[ConcreteSpec, tuple[str, ...]]],
        version: str = "1.0",
    ) -> ConcreteSpec:
        compiler_name, _, compiler_version = compiler.partition("@")
        return ConcreteSpec(
            NodeContent(
                name=name,
                namespace="bench",
                version=Version(version),
                variants=(("shared", ("true",)),),
                compiler=CompilerRef(compiler_name, compiler_version),
                platform="linux",
                os="debian12",
                target=target,
                dependencies=tuple(
                    DependencyRef(d.name, d.hash, ("build", "link"), v) for d, v in deps
                ),
            )
        )

    nodes = [make("gcc", "gcc@11.4.0", "x86_64", [], "12.2.0")]
    targets = ("x86_64", "x86_64_v3", "zen3")
    mpis = {t: [make(f"mpi{i}", "gcc@12.2.0", t, []) for i in (1, 2)] for t in targets}
    nodes.extend(m for group in mpis.values() for m in group)
    previous: dict[str, ConcreteSpec | None] = dict.fromkeys(targets)
    index = 0
    while len(nodes) < count:
        target = targets[index % 3]
        mpi = mpis[target][index // 3 % 2]
        deps: list[tuple[ConcreteSpec, tuple[str, ...]]] = [(mpi, ("mpi",))]
        before = previous[target]
        if before is not None and before.dependencies[0].hash == mpi.hash:
            deps.append((before, ()))
        spec = make(f"pkg{index // 3}", "gcc@12.2.0", target, deps)
        previous[target] = spec
        nodes.append(spec)
        index += 1
    return {
        spec.hash: InstallRecord(spec, Path("/nonexistent", spec.hash), True, "0").to_dict()
        for spec in nodes
    }


@bench.command("index")
@click.option("--entries", "-e", default=10_000, show_default=True, help="Entries in the index.")
@click.option("--repeat", "-n", default=5, show_default=True, help="Reads to take the median of.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def index(entries: int, repeat: int, as_json: bool) -> None:
    """Time a signed, sharded binary-cache index: build it with ENTRIES entries, read and
    verify it (median of REPEAT fresh reads), then add one entry and count rewritten files.

    Works in a throwaway directory with a throwaway key; nothing else is touched.
    """
    from rpm_spec.cli.bench_index import run_index_bench  # lazy: startup (cryptography)

    run_index_bench(entries, repeat, as_json)


def _add_policy_bench() -> None:
    """``bench policy`` lives in its own module (cli/bench_policy.py)."""
    from rpm_spec.cli.bench_policy import policy

    bench.add_command(policy)


_add_policy_bench()
