"""Repositories of recipes and the ordered path of them that a session searches.

A repository is a directory with ``repo.yaml`` (``repo: {namespace: NAME}``) and
``packages/<name>/package.py``. Its recipes are known through the metadata
index (:mod:`rpm_spec.repo.index`); only :meth:`Repository.get_class` imports
a recipe, for building. :class:`RepoPath` puts repositories in precedence
order (the first one that has a name wins) and answers the questions the
solver and the CLI ask: which packages exist, which virtuals, who provides
them, and which recipes a request could possibly need.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpm_spec.repo.errors import RecipeError, RepoError, UnknownPackageError
from rpm_spec.repo.files import RECIPE_FILE
from rpm_spec.repo.index import (
    RecipeLoader,
    RepoIndex,
    index_path,
    metadata_from_raw,
    virtuals_from_raw,
)
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from rpm_spec.config import Configuration
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.repo.package import PackageBase

REPO_FILE = "repo.yaml"
PACKAGES_DIR = "packages"
#: What a namespace may look like (it becomes part of a Python module name).
NAMESPACE_PATTERN = re.compile(r"[a-z_][a-z0-9_]*")


def read_namespace(root: Path, *, cache_dir: Path | None = None) -> str:
    """The namespace declared in ``root/repo.yaml``; RepoError if absent or invalid.

    With ``cache_dir``, an unchanged repo.yaml is read from the config file cache.
    """
    from rpm_spec.config.cache import ConfigCache  # lazy: startup
    from rpm_spec.config.errors import ConfigError  # lazy: startup (ruamel behind it)
    from rpm_spec.config.yaml_io import load_file

    if not root.is_dir():
        raise RepoError(f"repository {root} does not exist", path=str(root))
    path = root / REPO_FILE
    try:
        loaded = ConfigCache(cache_dir / "config").load(path) if cache_dir else load_file(path)
    except ConfigError as error:
        raise RepoError(str(error), path=str(path)) from None
    if loaded is None:
        raise RepoError(
            f"{root} is not a repository: it has no {REPO_FILE}",
            path=str(root),
            hint=f"create one with: rpm-spec repo create {root} NAMESPACE",
        )
    data: Any = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("repo"), dict):
        raise RepoError(f"{path}: expected 'repo:' with a 'namespace:' key", path=str(path))
    namespace = data["repo"].get("namespace")
    if not isinstance(namespace, str) or not NAMESPACE_PATTERN.fullmatch(namespace):
        line = loaded.line_of(("repo", "namespace"))
        raise RepoError(
            f"{path}:{line}: namespace must be lowercase letters, digits and '_', "
            f"not {namespace!r}",
            path=str(path),
        )
    return namespace


class Repository:
    """One directory of recipes with a namespace."""

    def __init__(
        self,
        root: Path,
        *,
        cache_dir: Path | None = None,
        loader: RecipeLoader | None = None,
        namespace: str | None = None,
    ) -> None:
        self.root = Path(root).expanduser().absolute()
        self.namespace = namespace or read_namespace(self.root, cache_dir=cache_dir)
        self.packages_dir = self.root / PACKAGES_DIR
        cache_file = (
            None if cache_dir is None else index_path(cache_dir, self.namespace, self.root)
        )
        self._index = RepoIndex(
            namespace=self.namespace,
            root=self.root,
            packages_dir=self.packages_dir,
            loader=loader or self._import_metadata,
            cache_file=cache_file,
        )
        self._raw: dict[str, dict[str, Any]] | None = None
        self._errors: dict[str, RecipeError] = {}
        self._metadata: dict[str, RecipeMetadata] = {}
        self._classes: dict[str, type[PackageBase]] = {}

    def __repr__(self) -> str:
        return f"Repository({self.namespace!r}, {str(self.root)!r})"

    def _import_metadata(self, path: Path, name: str) -> RecipeMetadata:
        # lazy: startup (a warm index needs neither the DSL nor the spec parser)
        from rpm_spec.repo.loader import is_package_name, load_metadata

        if not is_package_name(name):
            raise RecipeError(
                f"'{name}' is not a valid package name (lowercase letters, digits, '-', '_')",
                path=str(path),
            )
        return load_metadata(path, self.namespace, name)

    def _entries(self) -> dict[str, dict[str, Any]]:
        if self._raw is None:
            result = self._index.load()
            self._raw, self._errors = result.raw, result.errors
        return self._raw

    def names(self) -> list[str]:
        """Every recipe in the repository, those that fail to load included (sorted)."""
        return sorted({*self._entries(), *self._errors})

    def errors(self) -> dict[str, RecipeError]:
        """The recipes that failed to load, by name."""
        self._entries()
        return dict(self._errors)

    def exists(self, name: str) -> bool:
        return name in self._entries() or name in self._errors

    def get(self, name: str) -> RecipeMetadata:
        """The metadata of ``name``; RecipeError if it fails to load."""
        found = self._metadata.get(name)
        if found is not None:
            return found
        raw = self._entries().get(name)
        if raw is None:
            if name in self._errors:
                raise self._errors[name]
            raise UnknownPackageError(name, hint=did_you_mean(name, self.names()))
        found = self._metadata[name] = metadata_from_raw(raw)
        return found

    def provided_virtuals(self, name: str) -> tuple[str, ...]:
        """The virtuals recipe ``name`` can provide (read without decoding its metadata)."""
        raw = self._entries().get(name)
        return () if raw is None else virtuals_from_raw(raw)

    def all_metadata(self) -> list[RecipeMetadata]:
        """The metadata of every recipe that loads (sorted by name)."""
        return [self.get(name) for name in sorted(self._entries())]

    def get_class(self, name: str) -> type[PackageBase]:
        """The recipe class of ``name``, imported now (needed only to build)."""
        if name not in self._classes:
            self.get(name)  # unknown or broken recipes fail with their usual error
            from rpm_spec.repo.loader import import_recipe_class  # lazy: startup

            path = self.packages_dir / name / RECIPE_FILE
            self._classes[name] = import_recipe_class(path, self.namespace, name)
        return self._classes[name]


class RepoPath:
    """Repositories in precedence order: for a name, the first repository that has it wins.

    ``pinned`` names recipes that come from elsewhere whatever the path says (an
    environment's lock builds each node from the recipe it was solved with): for those
    names, and their namespace, the given repository answers instead.
    """

    def __init__(
        self, repos: Sequence[Repository], *, pinned: Mapping[str, Repository] | None = None
    ) -> None:
        self.repos = tuple(repos)
        self.pinned = dict(pinned or {})
        namespaces = [repo.namespace for repo in self.repos]
        duplicate = next((ns for ns in namespaces if namespaces.count(ns) > 1), None)
        if duplicate is not None:
            roots = [str(repo.root) for repo in self.repos if repo.namespace == duplicate]
            raise RepoError(
                f"namespace '{duplicate}' is used by more than one repository: {', '.join(roots)}",
                hint="give each repository its own namespace in its repo.yaml",
            )
        self._owner: dict[str, Repository] | None = None
        self._providers: dict[str, list[str]] | None = None

    @classmethod
    def from_paths(cls, paths: Iterable[Path | str], *, cache_dir: Path | None) -> RepoPath:
        return cls([Repository(Path(path), cache_dir=cache_dir) for path in paths])

    @classmethod
    def from_config(cls, config: Configuration, *, cache_dir: Path | None) -> RepoPath:
        """The repositories of the ``repos`` config section, highest precedence first."""
        paths = config.get("repos") or []
        return cls.from_paths(
            [config.substitute_path(str(path)) for path in paths], cache_dir=cache_dir
        )

    def _owners(self) -> dict[str, Repository]:
        if self._owner is None:
            owner: dict[str, Repository] = {}
            for repo in self.repos:
                for name in repo.names():
                    owner.setdefault(name, repo)
            self._owner = owner
        return self._owner

    def with_pinned(self, pinned: Mapping[str, Repository]) -> RepoPath:
        """This path, with the recipes of ``pinned`` (by name) taken from those repositories."""
        return RepoPath(self.repos, pinned={**self.pinned, **pinned})

    def repo_of(self, name: str) -> Repository:
        """The repository that ``name`` (or ``namespace.name``) comes from."""
        namespace, _, short = name.rpartition(".")
        pinned = self.pinned.get(short)
        if pinned is not None and namespace in ("", pinned.namespace):
            return pinned
        if namespace:
            for repo in self.repos:
                if repo.namespace == namespace:
                    if repo.exists(short):
                        return repo
                    raise UnknownPackageError(name, hint=did_you_mean(short, repo.names()))
            known = ", ".join(repo.namespace for repo in self.repos)
            raise UnknownPackageError(
                name, hint=f"no repository has namespace '{namespace}'; known: {known}"
            )
        owner = self._owners().get(name)
        if owner is None:
            hint = did_you_mean(name, self.all_names())
            if self.is_virtual(name):
                providers = ", ".join(self.providers_for(name))
                hint = f"'{name}' is a virtual package; it is provided by {providers}"
            raise UnknownPackageError(name, hint=hint)
        return owner

    def get(self, name: str) -> RecipeMetadata:
        """The metadata of a package, by ``name`` or ``namespace.name``.

        A recipe that fails to load is an error even where a repository further down
        has a good one: the user's override is never silently replaced.
        """
        repo, short = self.repo_of(name), name.rpartition(".")[2]
        try:
            return repo.get(short)
        except RecipeError as error:
            below = self.repos[self.repos.index(repo) + 1 :] if repo in self.repos else ()
            shadowed = next((r for r in below if r.exists(short)), None)
            if shadowed is None or error.hint is not None:
                raise
            raise RecipeError(
                error.reason,
                path=error.path,
                line=error.line,
                hint=f"it overrides {shadowed.namespace}.{short}: fix it, or remove it "
                f"from repository '{repo.namespace}' to use that one",
            ) from None

    def exists(self, name: str) -> bool:
        """Whether a recipe of this name exists (virtuals are not recipes)."""
        try:
            self.repo_of(name)
        except UnknownPackageError:
            return False
        return True

    def all_names(self) -> list[str]:
        """Every package name on the path, sorted."""
        return sorted(self._owners())

    def all_metadata(self) -> list[RecipeMetadata]:
        """The metadata of every package that loads, by name (the precedence winner)."""
        errors = self.errors()
        return [self.get(name) for name in self.all_names() if name not in errors]

    def errors(self) -> dict[str, RecipeError]:
        """Recipes that fail to load, by name (only the ones that are not shadowed)."""
        found: dict[str, RecipeError] = {}
        for name, repo in self._owners().items():
            error = repo.errors().get(name)
            if error is not None:
                found[name] = error
        return found

    def _provider_map(self) -> dict[str, list[str]]:
        if self._providers is None:
            providers: dict[str, list[str]] = {}
            for name, repo in sorted(self._owners().items()):
                for virtual in self._virtuals_of(name, repo):
                    providers.setdefault(virtual, []).append(name)
            self._providers = {
                virtual: names
                for virtual, names in providers.items()
                if virtual not in self._owners()
            }
        return self._providers

    def _virtuals_of(self, name: str, owner: Repository) -> tuple[str, ...]:
        """The virtuals ``name`` provides; for a recipe that fails to load, those of the
        recipe it shadows, so that the solver reaches the broken one and reports it
        instead of silently choosing another provider."""
        if name not in owner.errors():
            return owner.provided_virtuals(name)
        below = self.repos[self.repos.index(owner) + 1 :]
        return next((r.provided_virtuals(name) for r in below if r.exists(name)), ())

    def virtuals(self) -> list[str]:
        """Every virtual some recipe provides, sorted."""
        return sorted(self._provider_map())

    def is_virtual(self, name: str) -> bool:
        return name in self._provider_map()

    def providers_for(self, virtual: str) -> list[str]:
        """The packages that can provide ``virtual`` (under some condition), sorted."""
        return list(self._provider_map().get(virtual, ()))

    def get_class(self, name: str) -> type[PackageBase]:
        """The recipe class of ``name`` (imports the recipe)."""
        return self.repo_of(name).get_class(name.rpartition(".")[2])

    def possible_dependencies(self, names: Iterable[str]) -> set[str]:
        """The packages a request for ``names`` could ever involve.

        The closure over every dependency, conditional ones included, with each
        virtual replaced by all of its providers; ``names`` themselves are in it.
        A dependency that is neither a package nor a virtual is left out (the
        solver reports it if the dependency's condition can hold).
        """
        found: set[str] = set()
        pending: list[str] = []
        for name in names:
            short = name.rpartition(".")[2]
            if self.is_virtual(short):
                pending.extend(self.providers_for(short))
            else:
                self.repo_of(name)  # an unknown requested name is the user's error
                pending.append(short)
        while pending:
            name = pending.pop()
            if name in found:
                continue
            found.add(name)
            for dependency in self.get(name).dependency_names():
                if dependency in found:
                    continue
                if self.is_virtual(dependency):
                    pending.extend(self.providers_for(dependency))
                elif dependency in self._owners():
                    pending.append(dependency)
        return found
