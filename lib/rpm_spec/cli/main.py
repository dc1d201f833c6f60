"""The ``rpm-spec`` command group and the one error boundary.

Commands are registered by name in :data:`COMMANDS` and imported only when run,
so ``rpm-spec --help`` does not pay for clingo, jsonschema or ruamel.yaml.
Every ``RpmSpecError`` is printed here as ``Error: ...`` (plus its hint) and
turned into its exit code; anything else is an internal error whose traceback
is shown only under ``--debug``. Ctrl-C exits 130; SIGTERM raises
:class:`~rpm_spec.util.signals.Terminated` in the main thread, so that it unwinds
the same way, and exits 143; signals after the first are ignored.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rpm_spec import __version__
from rpm_spec.errors import ExitCode, RpmSpecError
from rpm_spec.util.signals import Terminated, first_stop_signal_raises

if TYPE_CHECKING:
    from rpm_spec.session import Session

#: name → ("module:attribute", one-line help). The help is duplicated here so that
#: ``--help`` can list commands without importing their modules.
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("rpm_spec.cli.env:add", "Add root specs to the active environment."),
    "arch": ("rpm_spec.cli.arch:arch", "Show the host platform, os and target."),
    "bench": ("rpm_spec.cli.bench:bench", "Benchmark concretization (medians over runs)."),
    "buildcache": (
        "rpm_spec.cli.buildcache:buildcache",
        "Push to, list and verify binary caches.",
    ),
    "checksum": ("rpm_spec.cli.checksum:checksum", "Print version() lines with sha256s."),
    "compiler": ("rpm_spec.cli.compiler:compiler", "Find and list compilers."),
    "concretize": (
        "rpm_spec.cli.concretize:concretize",
        "Solve the active environment into its lock.",
    ),
    "config": ("rpm_spec.cli.config:config", "Read and change configuration."),
    "env": ("rpm_spec.cli.env:env", "Create, activate and inspect environments."),
    "external": ("rpm_spec.cli.external:external", "Find installed tools to use as externals."),
    "fetch": ("rpm_spec.cli.fetch:fetch", "Fetch and verify the sources of specs."),
    "find": ("rpm_spec.cli.find:find", "List installed specs, grouped by arch and compiler."),
    "gc": ("rpm_spec.cli.gc:gc", "Remove implicit installs that no explicit one needs."),
    "graph": ("rpm_spec.cli.solve:graph", "Print the concrete DAG as a Graphviz graph."),
    "info": ("rpm_spec.cli.info:info", "Show everything a recipe declares."),
    "install": ("rpm_spec.cli.install:install", "Build specs and their dependencies."),
    "list": ("rpm_spec.cli.listing:list_packages", "List the packages in the repositories."),
    "load": ("rpm_spec.cli.load:load", "Add installed specs to the shell environment."),
    "location": ("rpm_spec.cli.location:location", "Print the prefix of an installed spec."),
    "mirror": ("rpm_spec.cli.mirror:mirror", "Add, remove, list and create source mirrors."),
    "module": ("rpm_spec.cli.module:module", "Generate Lmod and Tcl module files."),
    "reindex": ("rpm_spec.cli.reindex:reindex", "Rebuild the install database from prefixes."),
    "registry": ("rpm_spec.cli.registry:registry", "Share environments: namespaces, versions."),
    "remove": ("rpm_spec.cli.env:remove", "Remove root specs from the active environment."),
    "repo": ("rpm_spec.cli.repo:repo", "Create, add, remove and list repositories."),
    "solve": ("rpm_spec.cli.solve:solve", "Concretize with per-phase timers."),
    "spec": ("rpm_spec.cli.spec:spec", "Concretize specs and show the DAG."),
    "uninstall": ("rpm_spec.cli.uninstall:uninstall", "Remove installed specs."),
    "unit-test": ("rpm_spec.cli.unit_test:unit_test", "Run rpm-spec's own test suite."),
    "unload": ("rpm_spec.cli.load:unload", "Take loaded specs out of the shell environment."),
    "verify": ("rpm_spec.cli.verify:verify", "Check installed files against their manifests."),
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when it is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[cmd_name][0].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            from rpm_spec.util.suggest import did_you_mean

            raise click.UsageError(
                f"no such command '{name}'"
                + (f"; {hint}" if (hint := did_you_mean(name, COMMANDS)) else ""),
                ctx,
            )
        return super().resolve_command(ctx, args)


class CliState:
    """What the global options decided; builds the Session on first use."""

    def __init__(
        self,
        overrides: tuple[str, ...],
        scope_dirs: tuple[Path, ...],
        debug: bool,
        environment: str | None = None,
    ):
        self.overrides = overrides
        self.scope_dirs = scope_dirs
        self.debug = debug
        #: -e NAME_OR_DIR; None: $RPM_SPEC_ENV if set; "": no environment (-E).
        self.environment = environment
        self._session: Session | None = None

    def session(self) -> Session:
        if self._session is None:
            from rpm_spec.session import Session  # lazy: startup

            self._session = Session.from_cli(
                config_overrides=self.overrides,
                scope_dirs=self.scope_dirs,
                environment=self.environment,
            )
        return self._session


pass_state = click.make_pass_decorator(CliState)


#: The exit-code table, as ``--help`` ends with it (the README has the same table).
EXIT_CODES_EPILOG = f"""\b
Exit codes:
  {ExitCode.OK:<4}done
  {ExitCode.USER_ERROR:<4}the request failed: bad input file, unknown package, build failure
  {ExitCode.USAGE_ERROR:<4}the command line is wrong: unknown option, malformed spec
  {ExitCode.INTERNAL_ERROR:<4}internal error (a bug): please report it, --debug shows the traceback
  {ExitCode.INTERRUPTED:<4}interrupted (Ctrl-C)
  {ExitCode.TERMINATED:<4}stopped by SIGTERM (a batch system's time limit, kill)
"""


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_CODES_EPILOG,
)
@click.version_option(__version__, "-V", "--version", prog_name="rpm-spec")
@click.option(
    "-c",
    "--config",
    "overrides",
    multiple=True,
    metavar="PATH:VALUE",
    help="Set a configuration value for this command, e.g. -c 'config:build_jobs:8'.",
)
@click.option(
    "-C",
    "--config-scope",
    "scope_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Add a directory of YAML config files as the highest file scope.",
)
@click.option(
    "-e",
    "--env",
    "environment",
    metavar="NAME_OR_DIR",
    help="Act on this environment (default: the active one, $RPM_SPEC_ENV).",
)
@click.option("-E", "--no-env", is_flag=True, help="Ignore the active environment.")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(
    ctx: click.Context,
    overrides: tuple[str, ...],
    scope_dirs: tuple[Path, ...],
    environment: str | None,
    no_env: bool,
    debug: bool,
) -> None:
    """rpm-spec: build HPC and GPU software stacks from source.

    Name what you want as a spec ('hdf5@1.14 +mpi ^openmpi target=zen3');
    rpm-spec resolves every version, variant, compiler and target, and builds
    each package into its own prefix.
    """
    ctx.obj = CliState(overrides, scope_dirs, debug, "" if no_env else environment)


def _print_error(error: RpmSpecError) -> None:
    click.secho("Error: ", fg="red", bold=True, err=True, nl=False)
    click.echo(str(error), err=True)
    if error.hint:
        click.echo(f"  hint: {error.hint}", err=True)


def _path_error(error: OSError) -> RpmSpecError:
    """The user error for an OSError about a file: which path, what the system said."""
    import errno  # lazy: startup

    path = os.fsdecode(error.filename)
    if error.filename2 is not None:
        path += f" -> {os.fsdecode(error.filename2)}"
    hints = {
        errno.ENOSPC: "free some space on that file system, or point rpm-spec elsewhere",
        errno.EDQUOT: "your disk quota is used up there; free some space or point rpm-spec "
        "elsewhere",
        errno.EROFS: "that file system is read-only; point rpm-spec at a writable place",
        errno.EACCES: "check the permissions of that path, or point rpm-spec elsewhere",
        errno.EPERM: "check the permissions of that path, or point rpm-spec elsewhere",
    }
    return RpmSpecError(f"{path}: {error.strerror or error}", hint=hints.get(error.errno or 0))


def _print_traceback() -> None:
    import traceback  # lazy: startup

    traceback.print_exc()


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; the single place that turns exceptions into messages and exit codes."""
    args = sys.argv[1:] if argv is None else argv
    # The first Ctrl-C or SIGTERM stops the command; later ones must not cut short the
    # cleanup it started, nor the message that says what was kept.
    with first_stop_signal_raises():
        _main(args)


def _main(args: list[str]) -> Any:
    debug = "--debug" in args or bool(os.environ.get("RPM_SPEC_DEBUG"))
    try:
        result = cli.main(args=args, prog_name="rpm-spec", standalone_mode=False)
    except RpmSpecError as error:
        if debug:
            _print_traceback()
        if error.exit_code in (ExitCode.INTERRUPTED, ExitCode.TERMINATED):
            click.echo(f"==> {error}", err=True)  # the user asked for it: not an error
            if error.hint:
                click.echo(f"  hint: {error.hint}", err=True)
        else:
            _print_error(error)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Terminated:
        click.echo("Terminated.", err=True)
        sys.exit(ExitCode.TERMINATED)
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
    except OSError as error:
        # No space, no permission, a read-only file system: the user's to fix, and the
        # message names the path. An OSError about no file is a bug like any other.
        if error.filename is None:
            _internal_error(error, debug)
        if debug:
            _print_traceback()
        path_error = _path_error(error)
        _print_error(path_error)
        sys.exit(path_error.exit_code)
    except Exception as error:  # the one boundary for bugs
        _internal_error(error, debug)
    # Without standalone mode click returns the exit code of --help/--version as an int.
    sys.exit(result if isinstance(result, int) else ExitCode.OK)


def _internal_error(error: Exception, debug: bool) -> NoReturn:
    if debug:
        _print_traceback()
    click.secho("Error: ", fg="red", bold=True, err=True, nl=False)
    click.echo(f"internal error: {type(error).__name__}: {error}", err=True)
    click.echo("  please report it; rerun with --debug for the traceback", err=True)
    sys.exit(ExitCode.INTERNAL_ERROR)
