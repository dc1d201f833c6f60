"""Import one recipe file and turn its class into :class:`RecipeMetadata`.

Recipes are imported under a private module namespace,
``rpm_spec_repos.<namespace>.<name>``, straight from their file (no ``sys.path``
changes), so that two repositories never clash with each other or with real
modules. Any failure becomes a :class:`RecipeError` that names the recipe file
and the line, never a traceback.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import re
import sys
import types
from pathlib import Path
from typing import TypeVar

import rpm_spec
from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.files import hash_files, recipe_files
from rpm_spec.repo.metadata import (
    ConflictDecl,
    Declaration,
    DependencyDecl,
    ExtendsDecl,
    LicenseDecl,
    MaintainersDecl,
    PatchDecl,
    ProvidesDecl,
    RecipeMetadata,
    RequiresDecl,
    ResourceDecl,
    VariantDecl,
    VersionDecl,
)
from rpm_spec.repo.package import PackageBase

#: The root of the private module namespace recipes are imported under.
MODULE_ROOT = "rpm_spec_repos"

_DeclT = TypeVar("_DeclT")

_PACKAGE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
_LIB = Path(rpm_spec.__file__).resolve().parent.parent


def is_package_name(name: str) -> bool:
    """Whether ``name`` can name a recipe (lowercase letters, digits, ``-`` and ``_``)."""
    return bool(_PACKAGE_NAME.fullmatch(name))


def class_name_for(name: str) -> str:
    """The recipe class of a package: ``py-torch`` → ``PyTorch``, ``3proxy`` → ``_3proxy``."""
    camel = "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_]", name) if part)
    return f"_{camel}" if camel[:1].isdigit() else camel


def module_name_for(namespace: str, name: str) -> str:
    return f"{MODULE_ROOT}.{namespace}.{name.replace('-', '_')}"


def import_recipe_class(path: Path, namespace: str, name: str) -> type[PackageBase]:
    """Import ``path`` (a ``package.py``) and return its recipe class."""
    module_name = module_name_for(namespace, name)
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise RecipeError("cannot be imported as a Python module", path=str(path))
    module = importlib.util.module_from_spec(spec)
    _ensure_parent_modules(module_name)
    sys.modules[module_name] = module
    try:
        # Compiled here rather than through the file loader, which would write a
        # __pycache__ into the repository: repositories may be shared and read-only.
        code = compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        exec(code, module.__dict__)
    except RecipeError:
        sys.modules.pop(module_name, None)
        raise
    except SyntaxError as error:
        sys.modules.pop(module_name, None)
        raise RecipeError(
            f"syntax error: {error.msg}", path=str(path), line=error.lineno
        ) from None
    except Exception as error:
        sys.modules.pop(module_name, None)
        message = f"{type(error).__name__}: {error}"
        raise RecipeError(message, path=str(path), line=_line_in(error, path)) from None
    class_name = class_name_for(name)
    recipe = getattr(module, class_name, None)
    if not (isinstance(recipe, type) and issubclass(recipe, PackageBase)):
        found = [
            value.__name__
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, PackageBase)
            and value.__module__ == module_name
        ]
        hint = f"it defines {', '.join(found)}" if found else None
        raise RecipeError(
            f"defines no recipe class '{class_name}' (a subclass of Package)",
            path=str(path),
            hint=hint,
        )
    return recipe


def _ensure_parent_modules(module_name: str) -> None:
    parts = module_name.split(".")
    for end in range(1, len(parts)):
        parent = ".".join(parts[:end])
        if parent not in sys.modules:
            package = types.ModuleType(parent, "Recipes imported by rpm-spec.")
            package.__path__ = []
            sys.modules[parent] = package


def _line_in(error: BaseException, path: Path) -> int | None:
    """The last line of ``path`` on the traceback of ``error``."""
    line = None
    traceback = error.__traceback__
    target = str(path)
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == target:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def load_metadata(path: Path, namespace: str, name: str) -> RecipeMetadata:
    """Import the recipe at ``path`` and describe it as plain metadata."""
    cls = import_recipe_class(path, namespace, name)
    try:
        return metadata_of(cls, path=path, namespace=namespace, name=name)
    except RecipeError:
        sys.modules.pop(cls.__module__, None)
        raise


def metadata_of(
    cls: type[PackageBase], *, path: Path, namespace: str, name: str
) -> RecipeMetadata:
    """The metadata of an imported recipe class; checks what needs the file system."""
    recipe_path = str(path)
    decls = [_relative_origin(decl, recipe_path) for decl in cls.declarations]
    for dependency in _select(decls, DependencyDecl):
        if dependency.name == name:
            raise RecipeError(
                f"depends_on(): '{name}' cannot depend on itself",
                path=recipe_path,
                line=dependency.line,
            )
    for decl in _select(decls, PatchDecl):
        if decl.origin is None and not decl.is_url and not (path.parent / decl.source).is_file():
            raise RecipeError(
                f"patch(): file '{decl.source}' not found beside package.py",
                path=recipe_path,
                line=decl.line,
            )
    maintainers = tuple(dict.fromkeys(n for d in _select(decls, MaintainersDecl) for n in d.names))
    metadata = RecipeMetadata(
        name=name,
        namespace=namespace,
        class_name=cls.__name__,
        description=inspect.cleandoc(cls.__doc__) if cls.__doc__ else "",
        homepage=cls.homepage,
        url=cls.url,
        git=cls.git,
        build_system=cls.build_system,
        phases=tuple(cls.phases),
        versions=_select(decls, VersionDecl),
        variants=_select(decls, VariantDecl),
        dependencies=_select(decls, DependencyDecl),
        conflicts=_select(decls, ConflictDecl),
        requires=_select(decls, RequiresDecl),
        provides=_select(decls, ProvidesDecl),
        patches=_select(decls, PatchDecl),
        resources=_select(decls, ResourceDecl),
        extends=_select(decls, ExtendsDecl),
        licenses=_select(decls, LicenseDecl),
        maintainers=maintainers,
        sanity_files=tuple(cls.sanity_check_is_file),
        sanity_dirs=tuple(cls.sanity_check_is_dir),
        recipe_hash="",
        path=recipe_path,
    )
    digest = hash_files(path.parent, recipe_files(metadata))
    return dataclasses.replace(metadata, recipe_hash=digest)


def _select(decls: list[Declaration], kind: type[_DeclT]) -> tuple[_DeclT, ...]:
    return tuple(decl for decl in decls if isinstance(decl, kind))


def _relative_origin(decl: Declaration, recipe_path: str) -> Declaration:
    """``origin`` None for the recipe's own file, else a path a reader can find."""
    origin = decl.origin
    if origin is None or origin == recipe_path:
        return dataclasses.replace(decl, origin=None) if origin else decl
    try:
        shown = Path(origin).resolve().relative_to(_LIB).as_posix()
    except ValueError:
        shown = origin
    return dataclasses.replace(decl, origin=shown)
