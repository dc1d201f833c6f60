"""Importing recipe files: private module names, errors as file:line, recipe hashes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from repo_helpers import MakeRepo, recipe

from rpm_spec.repo.errors import RecipeError
from rpm_spec.repo.loader import import_recipe_class, load_metadata, module_name_for

if TYPE_CHECKING:
    from pathlib import Path

SHA = "d" * 64


def recipe_path(root: Path, name: str) -> Path:
    return root / "packages" / name / "package.py"


def test_recipes_import_under_a_private_namespace(make_repo: MakeRepo) -> None:
    root = make_repo("ldr", {"py-thing": recipe("PyThing", f'version("1", sha256="{SHA}")')})
    path_before = list(sys.path)
    cls = import_recipe_class(recipe_path(root, "py-thing"), "ldr", "py-thing")
    assert cls.__module__ == module_name_for("ldr", "py-thing") == "rpm_spec_repos.ldr.py_thing"
    assert sys.modules[cls.__module__].__file__ == str(recipe_path(root, "py-thing"))
    assert sys.path == path_before


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("x = undefined_name", 9, "NameError: name 'undefined_name' is not defined"),
        ("def f(:\n    pass", 9, "syntax error"),
        ("import no_such_module_here", 9, "ModuleNotFoundError"),
        ("depends_on('thing')", 9, "cannot depend on itself"),
        ("patch('missing.patch')", 9, "file 'missing.patch' not found"),
        ("variant('x', default='a', values=('b',))", 9, "default a is not one of b"),
    ],
)
def test_failures_name_file_and_line(
    make_repo: MakeRepo, body: str, line: int, message: str
) -> None:
    source = recipe("Thing", f'version("1", sha256="{SHA}")\n\n{body}')
    root = make_repo("ldr", {"thing": source})
    path = recipe_path(root, "thing")
    assert body.splitlines()[0] in path.read_text().splitlines()[line - 1]
    with pytest.raises(RecipeError) as caught:
        load_metadata(path, "ldr", "thing")
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert "Traceback" not in str(caught.value)
    assert module_name_for("ldr", "thing") not in sys.modules


def test_missing_class_is_reported_with_what_was_found(make_repo: MakeRepo) -> None:
    root = make_repo("ldr", {"thing": recipe("Think", f'version("1", sha256="{SHA}")')})
    with pytest.raises(RecipeError, match="defines no recipe class 'Thing'") as caught:
        load_metadata(recipe_path(root, "thing"), "ldr", "thing")
    assert caught.value.hint == "it defines Think"


def test_recipe_hash_covers_patches(make_repo: MakeRepo) -> None:
    body = f'version("1", sha256="{SHA}")\npatch("fix.patch")'
    root = make_repo("ldr", {"thing": recipe("Thing", body)})
    patch = root / "packages" / "thing" / "fix.patch"
    patch.write_text("one\n")
    first = load_metadata(recipe_path(root, "thing"), "ldr", "thing").recipe_hash
    assert load_metadata(recipe_path(root, "thing"), "ldr", "thing").recipe_hash == first
    patch.write_text("two\n")
    assert load_metadata(recipe_path(root, "thing"), "ldr", "thing").recipe_hash != first
