"""Patches: applied in order with the real ``patch``; failures name the patch."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from rpm_spec.build.errors import BuildLayerError, PatchError
from rpm_spec.build.patch import PatchFile, apply_patches, patch_command

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch(1)")

FIRST = """\
--- a/src/version.h
+++ b/src/version.h
@@ -1 +1 @@
-#define VERSION "1.0"
+#define VERSION "1.0-fixed"
"""

SECOND = """\
--- a/src/version.h
+++ b/src/version.h
@@ -1 +1 @@
-#define VERSION "1.0-fixed"
+#define VERSION "1.0-fixed-again"
"""

LEVEL0 = """\
--- version.h
+++ version.h
@@ -1 +1 @@
-#define VERSION "1.0"
+#define VERSION "2.0"
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    source = tmp_path / "src-tree"
    (source / "src").mkdir(parents=True)
    (source / "src" / "version.h").write_text('#define VERSION "1.0"\n')
    return source


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@needs_patch
def test_patches_apply_in_order(tmp_path: Path, tree: Path) -> None:
    patches = [
        PatchFile(write(tmp_path, "1-fix.patch", FIRST)),
        PatchFile(write(tmp_path, "2-more.patch", SECOND)),
    ]
    apply_patches(patches, tree)
    assert (tree / "src" / "version.h").read_text() == ('#define VERSION "1.0-fixed-again"\n')


@needs_patch
def test_out_of_order_patches_fail_naming_the_patch(tmp_path: Path, tree: Path) -> None:
    patches = [
        PatchFile(write(tmp_path, "2-more.patch", SECOND), label="2-more.patch of pkg"),
        PatchFile(write(tmp_path, "1-fix.patch", FIRST)),
    ]
    with pytest.raises(PatchError) as caught:
        apply_patches(patches, tree)
    assert caught.value.patch == "2-more.patch of pkg"
    text = str(caught.value)
    assert text.startswith(f"patch 2-more.patch of pkg does not apply in {tree}")
    assert "FAILED" in caught.value.output
    assert (tree / "src" / "version.h").read_text() == '#define VERSION "1.0"\n'


@needs_patch
def test_an_applied_patch_is_not_silently_reversed(tmp_path: Path, tree: Path) -> None:
    fix = PatchFile(write(tmp_path, "fix.patch", FIRST))
    apply_patches([fix], tree)
    with pytest.raises(PatchError, match=r"fix\.patch"):
        apply_patches([fix], tree)
    assert '"1.0-fixed"' in (tree / "src" / "version.h").read_text()


@needs_patch
def test_level_and_working_dir(tmp_path: Path, tree: Path) -> None:
    patch = PatchFile(write(tmp_path, "l0.patch", LEVEL0), level=0, working_dir="src")
    apply_patches([patch], tree)
    assert '"2.0"' in (tree / "src" / "version.h").read_text()
    with pytest.raises(PatchError, match="leaves the sources"):
        apply_patches([PatchFile(patch.path, working_dir="../x")], tree)
    with pytest.raises(PatchError, match="no such directory"):
        apply_patches([PatchFile(patch.path, working_dir="nope")], tree)


def test_command_line_and_runner(tmp_path: Path, tree: Path) -> None:
    calls: list[list[str]] = []

    def runner(argv: Sequence[str]) -> tuple[int, str]:
        calls.append(list(argv))
        return (1, "Hunk #1 FAILED at 3.\n") if len(calls) == 2 else (0, "")

    first = PatchFile(write(tmp_path, "a.patch", FIRST), level=2)
    second = PatchFile(write(tmp_path, "b.patch", FIRST))
    with pytest.raises(PatchError, match="Hunk #1 FAILED"):
        apply_patches([first, second, first], tree, runner=runner, program="/bin/patch")
    assert len(calls) == 2  # stopped at the failing one
    assert calls[0] == patch_command(first, tree, "/bin/patch")
    assert calls[0] == [
        "/bin/patch", "-p2", "-i", str(first.path), "-d", str(tree), "-s", "-t", "-N",
    ]  # fmt: skip


def test_missing_patch_file_or_program(tmp_path: Path, tree: Path) -> None:
    ghost = PatchFile(tmp_path / "ghost.patch")
    with pytest.raises(PatchError, match="no such file"):
        apply_patches([ghost], tree, runner=lambda argv: (0, ""), program="patch")
    apply_patches([], tree)  # nothing to do needs no program


def test_patch_error_without_program(
    tmp_path: Path, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(BuildLayerError, match="needs the 'patch' program"):
        apply_patches([PatchFile(write(tmp_path, "x.patch", FIRST))], tree)
