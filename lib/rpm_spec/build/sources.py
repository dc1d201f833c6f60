"""Every source file one concrete node needs, fetched, staged and patched.

:func:`sources_of` reads a node's recipe: the release archive of its version (the
version's ``url=``, else the recipe's ``url_for_version``), the patches the
concretizer applied to it (local files beside the recipe, or URLs with a sha256),
and the resources whose ``when`` the node meets. :func:`fetch_sources` fetches
and verifies them all; :func:`prepare_sources` expands them into a stage and
applies the patches, giving the source tree a build runs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rpm_spec.build.errors import FetchError
from rpm_spec.build.patch import PatchFile, apply_patches
from rpm_spec.build.source_file import SourceFile
from rpm_spec.errors import RpmSpecError
from rpm_spec.repo.metadata import parsed
from rpm_spec.util.paths import PREFIX

if TYPE_CHECKING:
    from rpm_spec.build.fetch import Fetcher
    from rpm_spec.build.stage import Stage
    from rpm_spec.repo import PatchDecl, RecipeMetadata, RepoPath, ResourceDecl
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec


@dataclass(frozen=True, slots=True)
class PatchSource:
    """A patch to apply: a file beside the recipe (``local``) or one to fetch (``remote``)."""

    level: int
    working_dir: str
    label: str
    local: Path | None = None
    remote: SourceFile | None = None


@dataclass(frozen=True, slots=True)
class ResourceSource:
    """An extra archive expanded at ``destination`` inside the source tree."""

    file: SourceFile
    destination: str


@dataclass(frozen=True, slots=True)
class NodeSources:
    """What one node's build needs from outside: archive, patches and resources."""

    label: str
    archive: SourceFile | None
    patches: tuple[PatchSource, ...] = ()
    resources: tuple[ResourceSource, ...] = ()

    def files(self) -> tuple[SourceFile, ...]:
        """Every file to fetch (local patches need no fetching)."""
        found = [self.archive] if self.archive else []
        found.extend(patch.remote for patch in self.patches if patch.remote)
        found.extend(resource.file for resource in self.resources)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class FetchedSources:
    """The verified local files of a node's sources."""

    archive: Path | None
    patches: tuple[PatchFile, ...]
    #: (archive, destination inside the source tree).
    resources: tuple[tuple[Path, str], ...]


def sources_of(node: ConcreteSpec, dag: ConcreteDag, repos: RepoPath) -> NodeSources:
    """The sources of a non-external node, from its recipe."""
    label = f"{node.name}@{node.version}"
    if node.is_external:
        return NodeSources(label, None)
    meta = repos.get(node.name)
    version = str(node.version)
    decl = next((d for d in meta.versions if d.version == version), None)
    if decl is not None and decl.is_vcs:
        raise FetchError(
            label, [(decl.git or meta.git or "git", "version control checkouts are not supported")]
        )
    sha256 = decl.sha256 if decl else None
    url = decl.url if decl and decl.url else release_url(repos, meta.name, version)
    # Without a URL a mirror or the cache may still have it, as long as a sum identifies it.
    archive = SourceFile.archive(node.name, version, url, sha256) if url or sha256 else None
    applied = set(node.content.patches)
    patches = tuple(
        _patch_source(meta, patch)
        for patch in meta.patches
        if (patch.sha256 or patch.source) in applied
    )
    resources = tuple(
        _resource_source(node.name, resource)
        for resource in meta.resources
        if resource.when is None or dag.satisfies(node.hash, parsed(resource.when))
    )
    return NodeSources(label, archive, patches, resources)


def release_url(repos: RepoPath, name: str, version: str) -> str | None:
    """Where recipe ``name`` downloads ``version``: its ``url=``, else ``url_for_version``
    (which a recipe may override); None for a recipe with no URL at all."""
    decl = next((d for d in repos.get(name).versions if d.version == version), None)
    if decl is not None and decl.url:
        return decl.url
    cls = repos.get_class(name)
    # url_for_version reads only class data; no build spec exists at fetch time.
    recipe = cls.__new__(cls)
    try:
        return recipe.url_for_version(version)
    except ValueError:
        return None


def _patch_source(meta: RecipeMetadata, patch: PatchDecl) -> PatchSource:
    if patch.is_url:
        assert patch.sha256 is not None  # the directive demands one for URLs
        remote = SourceFile.patch(meta.name, patch.source, patch.sha256)
        return PatchSource(patch.level, patch.working_dir, remote.label, remote=remote)
    if patch.origin is None:
        directory = Path(meta.path).parent
    else:
        origin = Path(patch.origin)
        directory = (origin if origin.is_absolute() else PREFIX / "lib" / origin).parent
    local = directory / patch.source
    return PatchSource(patch.level, patch.working_dir, f"{patch.source} of {meta.name}", local)


def _resource_source(package: str, resource: ResourceDecl) -> ResourceSource:
    if resource.url is None:
        raise FetchError(
            f"resource {resource.name} of {package}",
            [(resource.git or "git", "version control checkouts are not supported")],
        )
    file = SourceFile.resource(package, resource.name, resource.url, resource.sha256)
    return ResourceSource(file, resource.destination or resource.name)


def fetch_sources(
    fetcher: Fetcher, sources: NodeSources, *, checksum: bool = True
) -> FetchedSources:
    """Fetch and verify every file of ``sources`` (through the fetcher's cache and mirrors)."""
    archive = fetcher.fetch_file(sources.archive, checksum=checksum) if sources.archive else None
    patches: list[PatchFile] = []
    for patch in sources.patches:
        if patch.remote is not None:
            path = fetcher.fetch_file(patch.remote, checksum=checksum)
        else:
            assert patch.local is not None
            path = patch.local
        patches.append(PatchFile(path, patch.level, patch.working_dir, patch.label))
    resources = tuple(
        (fetcher.fetch_file(resource.file, checksum=checksum), resource.destination)
        for resource in sources.resources
    )
    return FetchedSources(archive, tuple(patches), resources)


def prepare_sources(stage: Stage, fetched: FetchedSources) -> Path:
    """Expand the archive and resources into ``stage`` and apply the patches; the tree."""
    if fetched.archive is not None:
        stage.expand(fetched.archive)
    else:
        stage.source_path.mkdir(parents=True, exist_ok=True)
    for archive, destination in fetched.resources:
        stage.expand(archive, into=destination)
    apply_patches(fetched.patches, stage.source_path)
    return stage.source_path


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What happened to one source file of a DAG: fetched, already there, or failed."""

    node: str
    file: str
    path: Path | None = None
    from_cache: bool = False
    error: RpmSpecError | None = None


def fetch_dag_sources(
    dag: ConcreteDag, repos: RepoPath, fetcher: Fetcher, *, checksum: bool = True
) -> list[FetchOutcome]:
    """Fetch every source file of every non-external node of ``dag``; a failure is
    recorded and the rest still fetched (``fetch`` and ``mirror create`` report all)."""
    outcomes: list[FetchOutcome] = []
    for _depth, node, _edge in dag.traverse():
        label = f"{node.name}@{node.version}"
        if node.is_external:
            continue
        try:
            files = sources_of(node, dag, repos).files()
        except RpmSpecError as error:
            outcomes.append(FetchOutcome(label, label, error=error))
            continue
        for file in files:
            try:
                path, cached = fetcher.fetch_with_origin(file, checksum=checksum)
            except RpmSpecError as error:
                outcomes.append(FetchOutcome(label, file.label, error=error))
            else:
                outcomes.append(FetchOutcome(label, file.label, path, cached))
    return outcomes
