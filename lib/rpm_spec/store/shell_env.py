"""Environment changes that make installed prefixes usable, and the shell code for them.

An :class:`EnvironmentModifications` is a list of operations (set, unset, prepend,
append, remove a path). :meth:`~EnvironmentModifications.apply` computes the
resulting values from a given environment, and :func:`shell_code` writes them as
sh/bash/zsh, csh/tcsh or fish statements, which the ``rpm-spec`` shell function
evaluates. Values are computed here rather than in the shell, so every shell gets
exactly the same result.

What a prefix contributes: ``bin`` to PATH, ``share/man`` and ``man`` to MANPATH,
``{lib,lib64,share}/pkgconfig`` to PKG_CONFIG_PATH, the prefix to CMAKE_PREFIX_PATH,
and, for Python extensions only, their ``site-packages`` to PYTHONPATH. Never
LD_LIBRARY_PATH: installed binaries find their libraries through RPATHs, and
setting it would leak into unrelated programs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from pathlib import Path

    from rpm_spec.spec.concrete import ConcreteSpec

Shell = Literal["sh", "csh", "fish"]
SHELLS: tuple[Shell, ...] = ("sh", "csh", "fish")

#: (variable, directory relative to the prefix) in the order they are added.
PREFIX_PATHS: tuple[tuple[str, str], ...] = (
    ("PATH", "bin"),
    ("MANPATH", "share/man"),
    ("MANPATH", "man"),
    ("PKG_CONFIG_PATH", "lib/pkgconfig"),
    ("PKG_CONFIG_PATH", "lib64/pkgconfig"),
    ("PKG_CONFIG_PATH", "share/pkgconfig"),
    ("CMAKE_PREFIX_PATH", "."),
)
SITE_PACKAGES_GLOBS = ("lib/python*/site-packages", "lib64/python*/site-packages")

#: Path lists where an empty element means "and the system default" (man(1)): when we
#: create one, we keep such an element so that system man pages stay visible.
_KEEP_DEFAULT = frozenset({"MANPATH"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Operation = Literal["set", "unset", "prepend", "append", "remove"]


@dataclass(frozen=True, slots=True)
class EnvironmentChange:
    """One operation on one variable (``value`` is a path for the path operations)."""

    operation: Operation
    name: str
    value: str = ""

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"not an environment variable name: {self.name!r}")


class EnvironmentModifications:
    """An ordered list of environment changes."""

    def __init__(self, changes: Sequence[EnvironmentChange] = ()) -> None:
        self.changes: list[EnvironmentChange] = list(changes)

    def __iter__(self) -> Iterator[EnvironmentChange]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def set(self, name: str, value: str) -> None:
        self.changes.append(EnvironmentChange("set", name, value))

    def unset(self, name: str) -> None:
        self.changes.append(EnvironmentChange("unset", name))

    def prepend_path(self, name: str, path: str | Path) -> None:
        self.changes.append(EnvironmentChange("prepend", name, str(path)))

    def append_path(self, name: str, path: str | Path) -> None:
        self.changes.append(EnvironmentChange("append", name, str(path)))

    def remove_path(self, name: str, path: str | Path) -> None:
        self.changes.append(EnvironmentChange("remove", name, str(path)))

    def extend(self, other: EnvironmentModifications) -> None:
        self.changes.extend(other.changes)

    def apply(self, environ: Mapping[str, str]) -> dict[str, str | None]:
        """The new value of every variable touched (None: unset), starting from
        ``environ``, in the order the variables were first touched."""
        result: dict[str, str | None] = {}
        for change in self.changes:
            current = result[change.name] if change.name in result else environ.get(change.name)
            if change.operation == "set":
                result[change.name] = change.value
            elif change.operation == "unset":
                result[change.name] = None
            else:
                result[change.name] = _edit_path_list(change, current)
        return result


def _edit_path_list(change: EnvironmentChange, current: str | None) -> str | None:
    if current is None or current == "":
        entries = [""] if change.name in _KEEP_DEFAULT else []
    else:
        entries = current.split(":")
    # Each path appears once: prepending an entry that is already there moves it.
    entries = [entry for entry in entries if entry != change.value]
    if change.operation == "prepend":
        entries.insert(0, change.value)
    elif change.operation == "append":
        # Before a trailing "system default" element, which must stay last.
        at = len(entries) - 1 if entries and entries[-1] == "" else len(entries)
        entries.insert(at, change.value)
    if not any(entries):
        return None
    return ":".join(entries)


def prefix_paths(
    prefix: Path, *, python_extension: bool = False, existing_only: bool = True
) -> list[tuple[str, Path]]:
    """(variable, directory) pairs that ``prefix`` contributes (see the module doc).

    ``existing_only=False`` lists every candidate, so that unloading removes what
    loading added even if the prefix has gone since.
    """
    found: list[tuple[str, Path]] = []
    for name, relative in PREFIX_PATHS:
        path = prefix if relative == "." else prefix / relative
        if not existing_only or path.is_dir():
            found.append((name, path))
    if python_extension:
        for pattern in SITE_PACKAGES_GLOBS:
            found.extend(("PYTHONPATH", path) for path in sorted(prefix.glob(pattern)))
    return found


def is_python_extension(spec: ConcreteSpec) -> bool:
    """Whether ``spec`` runs with a Python from the DAG (its site-packages belong on
    PYTHONPATH). The interpreter itself is not an extension of itself."""
    return any(dep.name == "python" and "run" in dep.types for dep in spec.dependencies)


def shell_code(mods: EnvironmentModifications, shell: Shell, environ: Mapping[str, str]) -> str:
    """Statements for ``shell`` that turn ``environ`` into the modified environment."""
    lines = []
    for name, value in mods.apply(environ).items():
        if value is None:
            lines.append(_unset(shell, name))
        else:
            lines.append(_export(shell, name, value))
    return "".join(line + "\n" for line in lines)


def _export(shell: Shell, name: str, value: str) -> str:
    if shell == "sh":
        return f"export {name}={_quote_sh(value)};"
    if shell == "csh":
        return f"setenv {name} {_quote_csh(value)};"
    if name.endswith("PATH"):
        # fish keeps *PATH variables as lists and joins them with ':' when exporting.
        items = " ".join(_quote_fish(item) for item in value.split(":"))
        return f"set -gx {name} {items};"
    return f"set -gx {name} {_quote_fish(value)};"


def _unset(shell: Shell, name: str) -> str:
    if shell == "sh":
        return f"unset {name};"
    if shell == "csh":
        return f"unsetenv {name};"
    return f"set -e {name};"


def _quote_sh(value: str) -> str:
    return "'" + value.replace("'", "'\"'\"'") + "'"


def _quote_csh(value: str) -> str:
    # csh has no escapes inside single quotes; '!' triggers history even there.
    return "'" + value.replace("'", "'\"'\"'").replace("!", "\\!") + "'"


def _quote_fish(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
