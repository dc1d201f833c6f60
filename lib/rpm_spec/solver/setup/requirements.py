"""Rules on what a node must, may prefer or must not be: recipes' ``conflicts`` and
``requires``, packages.yaml ``require:``, ``prefer:`` and ``conflict:``.

Each rule becomes conditions (``logic/requirements.lp`` gives them meaning) and,
for the hard ones, the sentence shown when it is broken: the rule's origin
(recipe file:line or config file:line) and its message, if it has one. The
returned dicts map a conflict's condition id, or a requirement's group id, to
that sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import declared_at, on_package

if TYPE_CHECKING:
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import PackagePolicy


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
    """One group of alternatives (``one_of``/``any_of``) that must hold when ``when`` does."""
    group = facts.new_id()
    facts.add("requirement_group", group, package, policy)
    when_id = encoder.condition(package, parsed(when) if when else None, origin)
    facts.add("requirement_when", group, when_id)
    for text in specs:
        member = encoder.condition(package, on_package(parsed(text), package), origin)
        facts.add("requirement_member", group, member)
    return group


def config_requirements(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    name: str,
    own: PackagePolicy,
    everyone: PackagePolicy,
) -> dict[int, str]:
    """packages.yaml ``require:`` of ``all`` (``everyone``) and of the package (``own``)."""
    sentences: dict[int, str] = {}
    for entries in (everyone.require, own.require):
        for rule in entries:
            origin = Origin(f"packages:{name}:require", rule.origin)
            group = requirement_group(
                facts, encoder, name, rule.specs, rule.policy, rule.when, origin
            )
            sentences[group] = _with_message(origin, rule.message)
    return sentences


def config_preferences(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    name: str,
    own: PackagePolicy,
    everyone: PackagePolicy,
) -> None:
    """packages.yaml ``prefer:`` of the package, then of ``all``: soft, one per spec."""
    for rule in own.prefer + everyone.prefer:
        for text in rule.specs:
            origin = Origin(f"packages:{name}:prefer", rule.origin)
            group = facts.new_id()
            when_id = encoder.condition(name, parsed(rule.when) if rule.when else None, origin)
            facts.add("preference_when", group, when_id)
            member = encoder.condition(name, on_package(parsed(text), name), origin)
            facts.add("preference", group, member)


def config_conflicts(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    name: str,
    own: PackagePolicy,
    everyone: PackagePolicy,
) -> dict[int, str]:
    """packages.yaml ``conflict:`` of the package, then of ``all``; sentences by id."""
    sentences: dict[int, str] = {}
    for rule in own.conflict + everyone.conflict:
        for text in rule.specs:
            origin = Origin(f"packages:{name}:conflict '{text}'", rule.origin)
            cid = encoder.condition(name, on_package(parsed(text), name), origin)
            if rule.when:
                encoder.require(cid, name, parsed(rule.when))
            sentences[cid] = _with_message(origin, rule.message)
            facts.add("conflict", cid, cid)
    return sentences
