"""``rpm-spec info NAME``: everything a recipe declares, readable and aligned."""

from __future__ import annotations

import json
import shutil
import textwrap
from typing import TYPE_CHECKING

import click

from rpm_spec.cli.main import CliState, pass_state

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.repo import RecipeMetadata, VariantDecl

_INDENT = "    "


@click.command("info")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the recipe's metadata as JSON.")
@pass_state
def info(state: CliState, name: str, as_json: bool) -> None:
    """Show a package's description, versions, variants, dependencies and constraints."""
    metadata = state.session().repos.get(name)
    if as_json:
        click.echo(json.dumps(metadata.to_json(), indent=2))
        return
    width = min(shutil.get_terminal_size().columns, 100)
    click.echo("\n".join(render(metadata, width=width)))


def render(metadata: RecipeMetadata, *, width: int = 100) -> list[str]:
    """The text view of one recipe, as lines."""
    lines = [click.style(metadata.name, bold=True) + f"  ({metadata.fullname})"]
    if metadata.description:
        lines += [_INDENT + line for line in _wrap(metadata.description, width - len(_INDENT))]
    lines.append("")
    facts = [
        ("Homepage:", metadata.homepage or "-"),
        ("Build system:", f"{metadata.build_system} (phases: {', '.join(metadata.phases)})"),
        ("Licenses:", _licenses(metadata) or "-"),
        ("Maintainers:", ", ".join(metadata.maintainers) or "-"),
        ("Recipe:", metadata.path),
    ]
    lines += _table(facts, indent="")
    lines += _section("Versions (newest first)", _versions(metadata))
    lines += _section("Variants [default]", _variants(metadata.variants, width))
    for kind in ("build", "link", "run", "test"):
        rows = [
            (decl.spec, _when(decl.when)) for decl in metadata.dependencies if kind in decl.types
        ]
        lines += _section(f"{kind.capitalize()} dependencies", _table(rows))
    if metadata.extends:
        lines += _section("Extends", _table([(d.spec, _when(d.when)) for d in metadata.extends]))
    lines += _section(
        "Provides", _table([(d.virtual_spec, _when(d.when)) for d in metadata.provides])
    )
    lines += _section(
        "Conflicts",
        _table([(d.spec, _when(d.when), d.msg or "") for d in metadata.conflicts]),
    )
    lines += _section(
        "Requires",
        _table(
            [
                (_requirement(d.specs, d.policy), _when(d.when), d.msg or "")
                for d in metadata.requires
            ]
        ),
    )
    lines += _section(
        "Patches",
        _table([(d.source, f"-p{d.level}", _when(d.when)) for d in metadata.patches]),
    )
    lines += _section(
        "Resources",
        _table(
            [
                (d.name, d.url or d.git or "", f"into {d.destination or '.'}", _when(d.when))
                for d in metadata.resources
            ]
        ),
    )
    promised = [*metadata.sanity_files, *(f"{d}/" for d in metadata.sanity_dirs)]
    if promised:
        lines += _section("Installs (checked)", [_INDENT + ", ".join(promised)])
    return lines


def _section(title: str, body: list[str]) -> list[str]:
    if not body:
        return []
    return ["", click.style(f"{title}:", bold=True), *body]


def _table(rows: Sequence[Sequence[str]], *, indent: str = _INDENT) -> list[str]:
    """Rows with every column but the last padded to its widest cell."""
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def _when(condition: str | None) -> str:
    return f"when {condition}" if condition else ""


def _wrap(text: str, width: int) -> list[str]:
    paragraphs = text.split("\n\n")
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("")
        lines += textwrap.wrap(" ".join(paragraph.split()), max(width, 40))
    return lines


def _licenses(metadata: RecipeMetadata) -> str:
    return ", ".join(
        f"{d.license} ({_when(d.when)})" if d.when else d.license for d in metadata.licenses
    )


def _versions(metadata: RecipeMetadata) -> list[str]:
    rows = []
    for decl in metadata.versions_newest_first():
        marks = []
        if decl.preferred:
            marks.append("preferred")
        if decl.deprecated:
            marks.append("deprecated")
        for key in ("branch", "tag", "commit"):
            if getattr(decl, key):
                marks.append(f"{key}={getattr(decl, key)}")
        rows.append((decl.version, ", ".join(marks)))
    return _table(rows)


def _variants(variants: Sequence[VariantDecl], width: int) -> list[str]:
    heads = [f"{decl.name} [{','.join(decl.default)}]" for decl in variants]
    if not heads:
        return []
    column = len(_INDENT) + max(len(head) for head in heads) + 4
    room = max(width - column, 30)
    pad = " " * column
    lines = []
    for head, decl in zip(heads, variants, strict=True):
        details = []
        if decl.when:
            details.append(f"when {decl.when}")
        if decl.multi:
            details.append("multi-valued")
        if decl.sticky:
            details.append("sticky")
        body = []
        if details:
            body.append("; ".join(details))
        values = "any value" if decl.values is None else ", ".join(decl.values)
        body += textwrap.wrap(values, room)
        body += _wrap(decl.description, room) if decl.description else []
        lines.append((_INDENT + head).ljust(column) + body[0])
        lines += [pad + line for line in body[1:]]
    return lines


def _requirement(specs: Sequence[str], policy: str) -> str:
    if len(specs) == 1:
        return specs[0]
    return f"{policy.replace('_', ' ')}: {', '.join(specs)}"
