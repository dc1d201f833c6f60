"""The composition root: one Session holds config, repositories and the host.

The CLI builds a Session once per command (:meth:`Session.from_cli`); tests build
their own (:meth:`Session.for_tests`) with a fixed host, so nothing ever depends on
the real CPU or GPU. Layers below this module never import it: they take the
narrow collaborators (a Configuration, a RepoPath, a HostInfo) as arguments.
Everything is built lazily so that a command pays only for what it uses.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING, Any

from rpm_spec.config import Configuration
from rpm_spec.util.paths import PREFIX, user_home

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from rpm_spec.binary.cache import BuildCache
    from rpm_spec.binary.signing import Keyring
    from rpm_spec.build.installer import NodeBuilder
    from rpm_spec.config.policy import AdminPolicy
    from rpm_spec.environment.environment import Environment
    from rpm_spec.platform import HostInfo
    from rpm_spec.repo import RepoPath
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver import CompilerEntry, Concretization, Problem
    from rpm_spec.solver.retarget import Retargeting
    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec
    from rpm_spec.store import Store


def fake_compiler(spec: str) -> dict[str, Any]:
    """A compilers.yaml entry for a compiler that need not exist on this machine."""
    paths = dict.fromkeys(("cc", "cxx", "f77", "fc"))
    return {"compiler": {"spec": spec, "paths": paths, "target": "x86_64"}}


#: The compilers a test session has unless its config names others: tests never run
#: the machine's real compilers to find out.
TEST_COMPILERS = [fake_compiler("gcc@12.2.0"), fake_compiler("clang@17.0.6")]


class Session:
    """Config + repos + host for one command or one test."""

    #: Tests only: makes the installer's NodeBuilder instead of the source builder (a
    #: test builder of tiny libraries); the CLI never sets it.
    node_builder: Callable[[Session], NodeBuilder] | None = None

    def __init__(
        self,
        *,
        config: Configuration,
        user_dir: Path,
        host: HostInfo | None = None,
        repo_paths: Sequence[Path] | None = None,
        store_root: Path | None = None,
        environment: Environment | None = None,
    ) -> None:
        self.config = config
        #: The active environment, whose manifest is the ``environment`` config scope.
        self.environment = environment
        if environment is not None:
            names = {scope.name for scope in config.scopes}
            below = "command_line" if "command_line" in names else None
            config.insert_scope(environment.config_scope(), below=below)
        self.user_dir = user_dir
        self._host = host
        self._repo_paths = None if repo_paths is None else list(repo_paths)
        self._store_root = store_root
        #: Things the session did on its own that the user should hear about.
        self.notes: list[str] = []
        #: A registry namespace directory whose ``policy.yaml`` tightens the site's policy
        #: for what this session solves (set by the registry's commands).
        self.policy_namespace: Path | None = None
        self._policies: dict[Path | None, AdminPolicy] = {}

    @classmethod
    def from_cli(
        cls,
        *,
        config_overrides: Sequence[str] = (),
        scope_dirs: Sequence[Path] = (),
        environment: str | None = None,
    ) -> Session:
        """The session of a CLI command: standard scopes, plus -C dirs and -c values.

        ``environment`` (``-e NAME_OR_DIR``, else ``$RPM_SPEC_ENV`` set by activation)
        names the environment the command acts on; ``""`` means none.
        """
        user_dir = user_home()
        config = Configuration.standard(
            user_dir=user_dir, command_line=config_overrides, scope_dirs=scope_dirs
        )
        chosen = os.environ.get("RPM_SPEC_ENV") if environment is None else environment
        env = None
        if chosen:
            from rpm_spec.registry.opening import find_any_environment  # lazy: startup

            # NS/ENV[@N] names a published version of the registry (read-only).
            env = find_any_environment(chosen, config, user_dir, cache=config.cache)
        return cls(config=config, user_dir=user_dir, environment=env)

    @classmethod
    def for_tests(
        cls,
        tmp_path: Path,
        *,
        repos: Sequence[Path] | None = None,
        config: Mapping[str, Mapping[str, Any]] | None = None,
        host: HostInfo | None = None,
        store_root: Path | None = None,
        environment: Path | None = None,
    ) -> Session:
        """A hermetic session: defaults + ``config`` only, repos as given, host fixed.

        The default repository is the mock repo in ``tests/repos/mock``; the default
        host is ``linux-debian12-zen3``; the store is ``<tmp_path>/store``;
        ``environment`` is the directory of an environment to act on.
        """
        from rpm_spec.environment.environment import Environment  # lazy: startup

        user_dir = tmp_path / "rpm-spec-user"
        user_dir.mkdir(parents=True, exist_ok=True)
        if repos is None:
            repos = [PREFIX / "tests" / "repos" / "mock"]
        if host is None:
            from rpm_spec.platform import HostInfo  # lazy: startup

            host = HostInfo(platform="linux", os="debian12", target="zen3")
        data: dict[str, Any] = {"compilers": TEST_COMPILERS, **(config or {})}
        return cls(
            config=Configuration.for_tests(data, user_dir=user_dir),
            user_dir=user_dir,
            host=host,
            repo_paths=repos,
            store_root=store_root or tmp_path / "store",
            environment=None if environment is None else Environment(environment),
        )

    @property
    def host(self) -> HostInfo:
        """The machine we run on: fixed by tests, else detected (once per boot, then cached)."""
        if self._host is None:
            from rpm_spec.platform import cached_host  # lazy: startup

            self._host = cached_host(self.cache_dir)
        return self._host

    @property
    def cache_dir(self) -> Path:
        """Where derived, rebuildable data is kept: the start-up cache's areas (``config``,
        ``index``, ``host``: see :mod:`rpm_spec.util.startup_cache`), pinned recipes."""
        return self.user_dir / "cache"

    @cached_property
    def repos(self) -> RepoPath:
        """The configured repositories, highest precedence first."""
        from rpm_spec.repo import RepoPath  # lazy: startup

        if self._repo_paths is not None:
            return RepoPath.from_paths(self._repo_paths, cache_dir=self.cache_dir)
        return RepoPath.from_config(self.config, cache_dir=self.cache_dir)

    @cached_property
    def store(self) -> Store:
        """The install tree of ``config:install_tree`` (or the test session's own)."""
        from rpm_spec.store import Store  # lazy: startup

        return Store.from_config(self.config, root=self._store_root)

    @cached_property
    def compilers(self) -> list[CompilerEntry]:
        """Configured compilers; on a machine with none configured, those on PATH."""
        from rpm_spec.platform import detect_compilers  # lazy: startup
        from rpm_spec.platform.executables import path_dirs  # lazy: startup
        from rpm_spec.solver.preferences import (  # lazy: startup
            compilers_from_config,
            compilers_from_detection,
        )

        configured = compilers_from_config(self.config)
        if configured:
            return configured
        # First use on this machine: find the compilers on PATH once and remember them in
        # the user scope, as 'rpm-spec compiler find' would (later runs just read them).
        detected = detect_compilers(path_dirs())
        if detected:
            entries = [compiler.to_config(self.host) for compiler in detected]
            self.config.write_section("compilers", entries, "user")
            self.notes.append(
                f"found {', '.join(c.spec for c in detected)} on PATH and added "
                f"{'it' if len(detected) == 1 else 'them'} to {self.user_dir / 'compilers.yaml'}"
            )
        return compilers_from_detection(detected)

    @property
    def admin_policy(self) -> AdminPolicy:
        """The site admin's policy.yaml rules, tightened by ``policy_namespace``'s; a
        ``policy:`` section in a scope the user controls is ignored, with a note naming
        its file."""
        from rpm_spec.config.policy import admin_policy  # lazy: startup

        key = self.policy_namespace
        if key not in self._policies:
            policy = admin_policy(self.config, key)
            self.notes.extend(note for note in policy.warnings if note not in self.notes)
            self._policies[key] = policy
        return self._policies[key]

    def concretize(
        self, roots: Sequence[AbstractSpec], *, request_text: str = "", tests: bool = False
    ) -> Concretization:
        """Concretize ``roots`` together with this session's config, repos and host."""
        from rpm_spec.solver import concretize  # lazy: startup

        problem = self.problem(roots, request_text=request_text, tests=tests)
        return concretize(problem, self.repos)

    def problem(
        self,
        roots: Sequence[AbstractSpec],
        *,
        host: HostInfo | None = None,
        reference: ConcreteDag | None = None,
        request_text: str = "",
        tests: bool = False,
    ) -> Problem:
        """The solver's input for ``roots`` (on ``host``, by default this machine)."""
        from rpm_spec.config import ConcretizerSettings  # lazy: startup
        from rpm_spec.solver import Problem  # lazy: startup
        from rpm_spec.solver.hashes import has_hashes, resolve_hashes  # lazy: startup
        from rpm_spec.solver.preferences import preferences_from_config  # lazy: startup

        host = host or self.host
        settings = ConcretizerSettings.from_config(self.config)
        default_cuda_arch = host.cuda_archs or tuple(
            str(v) for v in (self.config.get_path("concretizer:cuda_arch") or ())
        )
        installed: tuple[ConcreteSpec, ...] = ()
        if settings.reuse is not False:
            # Upstream installs are reused by hash like local ones (a local one wins).
            installed = tuple(self.store.installed_specs())
        if has_hashes(roots):
            # /hash names an install: it is reused whatever concretizer:reuse says.
            every = installed or tuple(self.store.installed_specs())
            roots, chosen = resolve_hashes(roots, every)
            installed = tuple({spec.hash: spec for spec in (*installed, *chosen)}.values())
        problem = Problem(
            roots=tuple(roots),
            host=host,
            compilers=tuple(self.compilers),
            preferences=preferences_from_config(self.config),
            installed=installed,
            default_cuda_arch=default_cuda_arch,
            request_text=request_text,
            tests=tests,
            reference=reference,
            reuse_roots=settings.reuse != "dependencies",
            timeout_s=settings.timeout_s,
            admin_policy=self.admin_policy,
        )
        if settings.reuse is False:
            return problem
        cached = self.cached_specs(problem, exclude={spec.hash for spec in installed})
        return problem.with_installed((*installed, *cached)) if cached else problem

    # -- binary caches --------------------------------------------------------------

    @cached_property
    def keyring(self) -> Keyring:
        """The keys this user signs with and trusts (user dir and config scopes)."""
        from rpm_spec.binary.signing import Keyring  # lazy: startup

        return Keyring.from_config(self.config, self.user_dir)

    def binary_caches(self) -> list[BuildCache]:
        """The build caches of the configured mirrors that hold binaries, in order."""
        from rpm_spec.build.cache_config import binary_caches  # lazy: startup

        return binary_caches(self.config)

    def cached_specs(self, problem: Problem, *, exclude: set[str]) -> tuple[ConcreteSpec, ...]:
        """What the binary caches' indexes offer ``problem`` for reuse: entries of the
        packages it could need (not those in ``exclude``, installed already)."""
        caches = [cache for cache in self.binary_caches() if cache.directory.is_dir()]
        if not caches:
            return ()
        from rpm_spec.binary.reuse import reusable_specs  # lazy: startup
        from rpm_spec.solver.setup.closure import possible_dependencies  # lazy: startup

        names = possible_dependencies(problem, self.repos).recipes
        from rpm_spec.binary.index import index_state_dir  # lazy: startup
        from rpm_spec.solver.setup.reuse import arch_filter  # lazy: startup

        state = index_state_dir(self.user_dir)
        kept = self.cache_dir / "buildcache"
        fits = arch_filter(problem)
        found = reusable_specs(caches, self.keyring, state, exclude, names, kept=kept, fits=fits)
        self.notes.extend(found.notes)
        return found.specs

    # -- what environments need (environment.concretize.EnvironmentSolver) -------------

    def solve(
        self, roots: list[AbstractSpec], host: HostInfo, reference: ConcreteDag | None
    ) -> tuple[Concretization, Retargeting | None]:
        from rpm_spec.solver import concretize  # lazy: startup
        from rpm_spec.solver.retarget import retarget  # lazy: startup

        problem = self.problem(roots, host=host, reference=reference)
        if reference is None:
            return concretize(problem, self.repos), None
        report = retarget(problem, self.repos)
        return report.result, report

    def recipe(self, name: str) -> RecipeMetadata:
        return self.repos.get(name)

    def repo_root(self, namespace: str) -> Path:
        for repo in self.repos.repos:
            if repo.namespace == namespace:
                return repo.root
        raise KeyError(namespace)
