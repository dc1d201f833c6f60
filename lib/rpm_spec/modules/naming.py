"""Module names from projections, spec selectors, and why two specs got one name.

A projection is a format string over a spec's attributes (``{name}/{version}-
{compiler.name}-{compiler.version}``); tokens: ``name version namespace hash[:N]
compiler compiler.name compiler.version variants variants.X target os platform
architecture prefix``, and any of them on a dependency, ``{^mpi.name}`` (a name or a
virtual it provides). ``hash_length`` appends ``-{hash:N}`` to every name, as in Spack.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from rpm_spec.errors import RpmSpecError
from rpm_spec.modules.errors import ModulesError
from rpm_spec.spec import parse_spec

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.spec import AbstractSpec
    from rpm_spec.spec.concrete import ConcreteDag, ConcreteSpec

_TOKEN = re.compile(r"\{([^{}]+)\}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.+~=,/-]")


@functools.cache
def selector(text: str) -> AbstractSpec | None:
    """The spec a ``modules.yaml`` key selects; None for ``all``."""
    if text == "all":
        return None
    try:
        return parse_spec(text)
    except RpmSpecError as error:
        raise ModulesError(f"modules.yaml: bad spec selector {text!r}: {error}") from None


def matches(dag: ConcreteDag, spec_hash: str, text: str) -> bool:
    """Whether the installed ``spec_hash`` is selected by the key ``text``."""
    wanted = selector(text)
    if wanted is None:
        return True
    if not wanted.dependencies:
        return dag.nodes[spec_hash].satisfies(wanted)
    return dag.satisfies(spec_hash, wanted)


def dependency(dag: ConcreteDag, spec_hash: str, name: str) -> ConcreteSpec | None:
    """The node below ``spec_hash`` called ``name`` or providing the virtual ``name``."""
    for _, node, edge in dag.traverse(spec_hash):
        if node.hash != spec_hash and (
            node.name == name or (edge is not None and name in edge.virtuals)
        ):
            return node
    return None


def format_spec(
    template: str, dag: ConcreteDag, spec_hash: str, *, prefix: str | None = None
) -> str:
    """``template`` with every token replaced by the value for ``spec_hash``."""

    def replace(match: re.Match[str]) -> str:
        return _token(match.group(1), dag, spec_hash, prefix)

    return _TOKEN.sub(replace, template)


def _token(token: str, dag: ConcreteDag, spec_hash: str, prefix: str | None) -> str:
    spec = dag.nodes[spec_hash]
    if token.startswith("^"):
        name, _, rest = token[1:].partition(".")
        found = dependency(dag, spec_hash, name)
        if found is None:
            return "none"
        return _token(rest or "name", dag, found.hash, None)
    key, _, length = token.partition(":")
    if key == "hash":
        return spec.hash[: int(length)] if length.isdigit() else spec.hash
    if key.startswith("variants."):
        return _variant(spec, key.removeprefix("variants."))
    compiler = spec.compiler
    values = {
        "name": spec.name,
        "version": str(spec.version),
        "namespace": spec.namespace,
        "compiler": f"{compiler.name}-{compiler.version}" if compiler else "none",
        "compiler.name": compiler.name if compiler else "none",
        "compiler.version": compiler.version if compiler else "none",
        "variants": spec.format_variants().replace(" ", ""),
        "target": spec.target,
        "os": spec.os,
        "platform": spec.platform,
        "architecture": f"{spec.platform}-{spec.os}-{spec.target}",
    }
    if key == "prefix" and prefix is not None:
        return prefix
    if key not in values:
        raise ModulesError(
            f"modules.yaml: unknown token {{{token}}}",
            hint="use name, version, compiler.name, compiler.version, variants.X, hash:N, "
            "target, os, platform, architecture, prefix, or ^DEP.<token>",
        )
    return values[key]


def _variant(spec: ConcreteSpec, name: str) -> str:
    values = spec.variants.get(name)
    if values is None:
        return "none"
    if values == ("true",):
        return f"+{name}"
    if values == ("false",):
        return f"~{name}"
    return f"{name}={','.join(values)}"


def projection_for(
    projections: Sequence[tuple[str, str]], dag: ConcreteDag, spec_hash: str
) -> tuple[str, str]:
    """(key, format) of the first projection whose key selects ``spec_hash`` (``all`` last)."""
    for key, template in projections:
        if matches(dag, spec_hash, key):
            return key, template
    raise AssertionError("projections always end with 'all'")


def module_name(
    projections: Sequence[tuple[str, str]],
    dag: ConcreteDag,
    spec_hash: str,
    *,
    hash_length: int,
    suffixes: Sequence[str] = (),
) -> str:
    """The name a module system knows ``spec_hash`` by (``h5_t/1.0``)."""
    _, template = projection_for(projections, dag, spec_hash)
    name = format_spec(template, dag, spec_hash)
    extra = [*suffixes, *([spec_hash[:hash_length]] if hash_length else [])]
    if extra:
        name = "-".join([name, *extra])
    return _UNSAFE.sub("_", name).strip("/")


def difference(dag: ConcreteDag, first: str, second: str) -> tuple[str, str]:
    """(what differs between two nodes, the projection token that tells them apart)."""
    a, b = dag.nodes[first], dag.nodes[second]
    if a.version != b.version:
        return f"version ({a.version} vs {b.version})", "{version}"
    if a.compiler != b.compiler:
        return f"compiler ({a.compiler} vs {b.compiler})", "{compiler.name}-{compiler.version}"
    for name in sorted(set(a.variants) | set(b.variants)):
        if a.variants.get(name) != b.variants.get(name):
            return (
                f"variant '{name}' ({_variant(a, name)} vs {_variant(b, name)})",
                f"{{variants.{name}}}",
            )
    by_role_a = {role: d for d in a.dependencies for role in (d.virtuals or (d.name,))}
    by_role_b = {role: d for d in b.dependencies for role in (d.virtuals or (d.name,))}
    for role in sorted(set(by_role_a) | set(by_role_b)):
        one, two = by_role_a.get(role), by_role_b.get(role)
        if one is None or two is None or one.name != two.name:
            names = (one.name if one else "none", two.name if two else "none")
            return f"dependency '{role}' ({names[0]} vs {names[1]})", f"{{^{role}.name}}"
        if one.hash != two.hash:
            left, right = dag.nodes[one.hash], dag.nodes[two.hash]
            if left.version != right.version:
                return (
                    f"dependency '{role}' ({left.version} vs {right.version})",
                    f"{{^{role}.version}}",
                )
            return f"dependency '{role}' (/{one.hash[:7]} vs /{two.hash[:7]})", "{hash:7}"
    for attribute in ("target", "os", "platform"):
        if getattr(a, attribute) != getattr(b, attribute):
            values = f"{getattr(a, attribute)} vs {getattr(b, attribute)}"
            return f"{attribute} ({values})", f"{{{attribute}}}"
    return f"hash (/{a.short_hash} vs /{b.short_hash})", "{hash:7}"
