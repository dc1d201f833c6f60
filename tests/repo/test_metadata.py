"""RecipeMetadata: plain data that survives JSON exactly and answers the solver's questions."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from repo_helpers import MakeRepo, recipe

from rpm_spec.repo.loader import load_metadata
from rpm_spec.repo.metadata import (
    DependencyDecl,
    ProvidesDecl,
    RecipeMetadata,
    iter_declarations,
    parsed,
    spec_name,
)
from rpm_spec.spec import AbstractSpec

if TYPE_CHECKING:
    from pathlib import Path

SHA = "b" * 64

EVERYTHING = recipe(
    "Everything",
    f"""
    homepage = "https://example.com"
    url = "https://example.com/everything-1.0.tar.gz"
    git = "https://example.com/everything.git"
    sanity_check_is_file = ["bin/everything"]
    sanity_check_is_dir = ["include"]

    version("1.0", sha256="{SHA}")
    version("2.0", sha256="{SHA}", deprecated=True)
    version("1.10", sha256="{SHA}", url="https://example.com/other-1.10.tgz")
    version("develop", branch="develop")
    variant("mpi", default=True, description="MPI")
    variant("langs", default="c", values=("c", "cxx"), multi=True, when="@2:")
    depends_on("mpi", when="+mpi")
    depends_on("cmake@3.18:", type="build")
    conflicts("%gcc@:7", msg="too old")
    requires("%gcc", "%clang", when="+mpi")
    provides("blas", when="@2:")
    patch("fix.patch", level=0, when="@1.0")
    resource(name="data", git="https://example.com/d.git", tag="v1", destination="d")
    license("MIT")
    maintainers("alice")
    """,
    bases="CMakePackage",
    doc="Everything at once.\n\n    Second paragraph.",
)


def everything(make_repo: MakeRepo) -> RecipeMetadata:
    root = make_repo("meta", {"everything": EVERYTHING})
    (root / "packages" / "everything" / "fix.patch").write_text("--- a\n+++ b\n")
    return load_metadata(root / "packages" / "everything" / "package.py", "meta", "everything")


def test_metadata_describes_the_recipe(make_repo: MakeRepo) -> None:
    metadata = everything(make_repo)
    assert metadata.fullname == "meta.everything"
    assert metadata.class_name == "Everything"
    assert metadata.description == "Everything at once.\n\nSecond paragraph."
    assert metadata.build_system == "cmake"
    assert metadata.phases == ("cmake", "build", "install")
    assert metadata.virtuals() == {"blas"}
    assert metadata.dependency_names() == {"mpi", "cmake"}
    assert metadata.variant_names() == ("build_type", "mpi", "langs")
    assert metadata.maintainers == ("alice",)
    assert metadata.sanity_files == ("bin/everything",)
    assert metadata.sanity_dirs == ("include",)
    assert len(metadata.recipe_hash) == 64


def test_inherited_declarations_name_their_origin(make_repo: MakeRepo) -> None:
    metadata = everything(make_repo)
    cmake_dep = next(d for d in metadata.dependencies if d.spec == "cmake")
    assert cmake_dep.origin == "rpm_spec/repo/build_systems/cmake.py"
    own = next(d for d in metadata.dependencies if d.spec == "cmake@3.18:")
    assert own.origin is None
    assert own.line > 0


def test_versions_newest_first(make_repo: MakeRepo) -> None:
    metadata = everything(make_repo)
    assert [d.version for d in metadata.versions_newest_first()] == [
        "develop",
        "2.0",
        "1.10",
        "1.0",
    ]


def test_json_round_trip_is_exact(make_repo: MakeRepo) -> None:
    metadata = everything(make_repo)
    text = json.dumps(metadata.to_json())
    assert RecipeMetadata.from_json(json.loads(text)) == metadata


def test_json_leaves_out_defaults(make_repo: MakeRepo) -> None:
    data = everything(make_repo).to_json()
    first_version = data["versions"][0]
    assert "deprecated" not in first_version and "branch" not in first_version


def test_iter_declarations_covers_every_kind(make_repo: MakeRepo) -> None:
    metadata = everything(make_repo)
    count = sum(
        len(getattr(metadata, field))
        for field in (
            "versions",
            "variants",
            "dependencies",
            "conflicts",
            "requires",
            "provides",
            "patches",
            "resources",
            "extends",
            "licenses",
        )
    )
    assert len(list(iter_declarations(metadata))) == count


def test_spec_name_and_parsed() -> None:
    assert spec_name("mpi@:3.1") == "mpi"
    assert spec_name("+mpi") is None
    assert spec_name("builtin.zlib@1.3:") == "zlib"
    assert DependencyDecl("py-numpy@1.20:+blas").name == "py-numpy"
    assert ProvidesDecl("lapack@3:").virtual == "lapack"
    spec = parsed("zlib@1.3:")
    assert isinstance(spec, AbstractSpec)
    assert spec.name == "zlib"
    again = parsed("zlib@1.3:")
    assert again is not spec and str(again) == str(spec)  # a copy: callers may change it


def test_metadata_is_frozen(make_repo: MakeRepo, tmp_path: Path) -> None:
    metadata = everything(make_repo)
    try:
        metadata.name = "other"  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("RecipeMetadata must be immutable")
