"""Tcl (Environment Modules) module files: flat, one per build, with conflicts.

Tcl module trees are flat and per target (the arch folder names the target), as Spack's
are; a module conflicts with the other modules of its package, so two versions are never
loaded together. Values are braced, so nothing in a path is substituted by Tcl.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rpm_spec.modules.content import EnvOp, ModuleContent

HEADER = (
    "#%Module1.0\n"
    "## rpm-spec: generated, do not edit ('rpm-spec module tcl refresh' rewrites it)\n"
)


def quote(text: str) -> str:
    """A Tcl word that is taken literally."""
    if not text or any(c in text for c in "{}\\\n"):
        escaped = "".join(f"\\{c}" if c in '[]$"\\{}' else c for c in text)
        return f'"{escaped}"'.replace("\n", "\\n")
    return "{" + text + "}"


def _op(op: EnvOp, prefix: str) -> str:
    value = quote(op.value.replace("{prefix}", prefix))
    if op.operation == "set":
        return f"setenv {quote(op.name)} {value}"
    if op.operation == "unset":
        return f"unsetenv {quote(op.name)}"
    command = "prepend-path" if op.operation == "prepend" else "append-path"
    return f"{command} {quote(op.name)} {value}"


def render(content: ModuleContent) -> str:
    """The text of one Tcl module file (one build)."""
    prefix = content.builds[0].prefix
    lines = [
        HEADER.rstrip("\n"),
        f"module-whatis {quote(content.spec_text)}",
        "proc ModulesHelp { } {",
        f"    puts stderr {quote(content.spec_text)}",
        "}",
    ]
    lines.extend(f"conflict {quote(name)}" for name in content.conflicts)
    for name in content.autoload:
        lines.append(f"if {{![is-loaded {quote(name)}]}} {{\n    module load {quote(name)}\n}}")
    lines.extend(_op(op, prefix) for op in content.environment)
    return "\n".join(lines) + "\n"
