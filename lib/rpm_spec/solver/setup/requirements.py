"""Rules on what a node must, may prefer or must not be: recipes' ``conflicts`` and
``requires``, packages.yaml ``require:``, ``prefer:`` and ``conflict:``.

Each rule becomes conditions (``logic/requirements.lp`` gives them meaning) and,
for the hard ones, the sentence shown when it is broken: the rule's origin
(recipe file:line or config file:line) and its message, if it has one. The
returned dicts map a conflict's condition id, or a requirement's group id, to
that sentence.

packages.yaml semantics follow Spack's documentation: a package's own
``require:`` (``prefer:``, ``conflict:``) replaces the one under ``all``, which
is a default; an ``all`` item that names a variant the package does not define
is disregarded for that package (each item of a list on its own, each
``one_of``/``any_of`` member on its own, a spec string as a whole); a virtual's
``require:`` constrains its provider, and ``all`` does not apply to virtuals.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.errors import SolverInputError
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import declared_at, on_package

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import PackagePreferences, RuleEntry
    from rpm_spec.spec import AbstractSpec


def _with_message(origin: Origin, message: str | None) -> str:
    return str(origin) + (f": {message}" if message else "")


def recipe_conflicts(
    facts: FactBuilder, encoder: ConditionEncoder, meta: RecipeMetadata
) -> dict[int, str]:
    """A recipe's ``conflicts(...)``; returns their sentences by condition id."""
    name = meta.name
    sentences: dict[int, str] = {}
    for conflict in meta.conflicts:
        when = f" when '{conflict.when}'" if conflict.when else ""
        text = f"{name}: conflicts('{conflict.spec}'{when})"
        origin = Origin(text, declared_at(meta, conflict.line, conflict.origin))
        cid = encoder.condition(name, on_package(parsed(conflict.spec), name), origin)
        if conflict.when:
            encoder.require(cid, name, parsed(conflict.when))
        sentences[cid] = _with_message(origin, conflict.msg)
        facts.add("conflict", cid, cid)
    return sentences


def recipe_requirements(
    facts: FactBuilder, encoder: ConditionEncoder, meta: RecipeMetadata
) -> dict[int, str]:
    """A recipe's ``requires(...)``; returns their sentences by group id."""
    name = meta.name
    sentences: dict[int, str] = {}
    for requirement in meta.requires:
        origin = Origin(
            f"{name}: requires({', '.join(repr(s) for s in requirement.specs)}, "
            f"policy='{requirement.policy}')",
            declared_at(meta, requirement.line, requirement.origin),
        )
        group = requirement_group(
            facts, encoder, name, requirement.specs, requirement.policy, requirement.when, origin
        )
        sentences[group] = _with_message(origin, requirement.msg)
    return sentences


def requirement_group(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    package: str,
    specs: tuple[str, ...],
    policy: str,
    when: str | None,
    origin: Origin,
) -> int:
    """One group of alternatives (``one_of``/``any_of``) that must hold when ``when`` does;
    earlier members are preferred."""
    group = facts.new_id()
    facts.add("requirement_group", group, package, policy)
    when_id = encoder.condition(package, parsed(when) if when else None, origin)
    facts.add("requirement_when", group, when_id)
    for index, text in enumerate(specs):
        spec = on_package(parsed(text), package)
        member = encoder.condition(package, spec, origin)
        facts.add("requirement_member", group, member, index)
        uncompiled_member(facts, encoder, member, package, spec, origin)
    return group


def uncompiled_member(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    member: int,
    package: str,
    spec: AbstractSpec,
    origin: Origin,
) -> None:
    """A member that asks for a compiler, without it: what it asks of an external."""
    if spec.compiler is None or spec.name not in (None, package):
        return
    bare = spec.copy()
    bare.compiler = None
    facts.add(
        "requirement_member_uncompiled", member, package, encoder.condition(package, bare, origin)
    )


def _section(
    name: str, own: PackagePreferences, everyone: PackagePreferences, key: str
) -> tuple[str, tuple[RuleEntry, ...]]:
    """The section that applies to ``name``: its own ``key`` if it has one, else ``all``'s."""
    rules: tuple[RuleEntry, ...] = getattr(own, key)
    if rules:
        return name, rules
    return "all", getattr(everyone, key)


def defines_variants(meta: RecipeMetadata, text: str) -> bool:
    """Whether the package defines every variant ``text`` names (for ``all`` items)."""
    defined = set(meta.variant_names())
    return all(variant in defined for variant in parsed(text).variants)


def _applicable(
    section: str, rules: tuple[RuleEntry, ...], meta: RecipeMetadata
) -> list[RuleEntry]:
    """``rules`` as they apply to ``meta``'s package: under ``all``, members naming a
    variant it does not define are left out, and a rule left with none is dropped."""
    if section != "all":
        return list(rules)
    kept = []
    for rule in rules:
        specs = tuple(text for text in rule.specs if defines_variants(meta, text))
        if specs:
            kept.append(dataclasses.replace(rule, specs=specs))
    return kept


def config_requirements(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    meta: RecipeMetadata,
    own: PackagePreferences,
    everyone: PackagePreferences,
) -> dict[int, str]:
    """packages.yaml ``require:`` of the package, or else of ``all`` (``everyone``)."""
    name = meta.name
    section, rules = _section(name, own, everyone, "require")
    sentences: dict[int, str] = {}
    for rule in _applicable(section, rules, meta):
        origin = Origin(_label(section, name, "require"), rule.origin)
        group = requirement_group(facts, encoder, name, rule.specs, rule.policy, rule.when, origin)
        sentences[group] = _with_message(origin, rule.message)
    return sentences


def _label(section: str, name: str, key: str) -> str:
    return f"packages:{section}:{key}" + ("" if section == name else f" (applied to {name})")


def virtual_requirements(
    facts: FactBuilder, encoder: ConditionEncoder, virtual: str, own: PackagePreferences
) -> dict[int, str]:
    """packages.yaml ``require:`` of a virtual: each member names a provider (with
    constraints on it); the group is active while the virtual is in the DAG."""
    sentences: dict[int, str] = {}
    for rule in own.require:
        origin = Origin(f"packages:{virtual}:require", rule.origin)
        group = facts.new_id()
        facts.add("requirement_group", group, virtual, rule.policy)
        when_id = encoder.unconditional(origin)
        facts.add("condition_req", when_id, "virtual_node", virtual)
        if rule.when:
            when = parsed(rule.when)
            if when.name is None:
                raise SolverInputError(
                    f"{origin}: the `when:` of a requirement on the virtual {virtual} must "
                    f"name a package (it reads '{rule.when}')"
                )
            encoder.require(when_id, when.name, when)
            facts.add("condition_req", when_id, "node", when.name)
        facts.add("requirement_when", group, when_id)
        for index, text in enumerate(rule.specs):
            spec = parsed(text)
            if spec.name is None:
                raise SolverInputError(
                    f"{origin}: a requirement on the virtual {virtual} must name its "
                    f"provider (it reads '{text}')",
                    hint=f"write, for instance, 'require: <provider>{text}'",
                )
            provider = spec.name
            member = encoder.condition(provider, on_package(spec, provider), origin)
            facts.add("condition_req", member, "provider", virtual, provider)
            facts.add("requirement_member", group, member, index)
            uncompiled_member(facts, encoder, member, provider, on_package(spec, provider), origin)
        sentences[group] = _with_message(origin, rule.message)
    return sentences


def config_preferences(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    meta: RecipeMetadata,
    own: PackagePreferences,
    everyone: PackagePreferences,
) -> None:
    """packages.yaml ``prefer:`` of the package, or else of ``all``: soft, one per spec."""
    name = meta.name
    section, rules = _section(name, own, everyone, "prefer")
    for rule in _applicable(section, rules, meta):
        for text in rule.specs:
            origin = Origin(_label(section, name, "prefer"), rule.origin)
            group = facts.new_id()
            when_id = encoder.condition(name, parsed(rule.when) if rule.when else None, origin)
            facts.add("preference_when", group, when_id)
            member = encoder.condition(name, on_package(parsed(text), name), origin)
            facts.add("preference", group, member)


def config_conflicts(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    meta: RecipeMetadata,
    own: PackagePreferences,
    everyone: PackagePreferences,
) -> dict[int, str]:
    """packages.yaml ``conflict:`` of the package, or else of ``all``; sentences by id."""
    name = meta.name
    section, rules = _section(name, own, everyone, "conflict")
    sentences: dict[int, str] = {}
    for rule in _applicable(section, rules, meta):
        for text in rule.specs:
            origin = Origin(f"{_label(section, name, 'conflict')} '{text}'", rule.origin)
            cid = encoder.condition(name, on_package(parsed(text), name), origin)
            if rule.when:
                encoder.require(cid, name, parsed(rule.when))
            sentences[cid] = _with_message(origin, rule.message)
            facts.add("conflict", cid, cid)
    return sentences
