"""The site admin's policy (``policy.yaml``) as conditions: ``logic/policy.lp`` makes them
constraints, so the solver looks for a DAG within policy (another provider, version or
target) and, when there is none, names the rule and its ``policy.yaml:LINE``.

- ``deny:`` a spec → a condition that must not hold (a spec with no name applies to every
  package; a virtual's name to the virtual's node, its constraints to its provider);
- ``require:``/``pin:`` → a group like a packages.yaml requirement (``one_of``/``any_of``,
  ``when``, on virtuals too, ``all`` for every package that defines the variants named),
  which the user's configuration cannot replace: it adds to theirs;
- ``targets: allow:`` → the candidate targets outside each file's ranges;
- ``licenses: deny:`` → a condition per recipe ``license()`` whose expression cannot be
  met without a denied identifier.

Only packages and virtuals of the possible-dependency closure get facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import Origin
from rpm_spec.solver.setup.declarations import declared_at, on_package
from rpm_spec.solver.setup.requirements import defines_variants, uncompiled_member

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.config.policy import AdminPolicy, PolicyRequirement
    from rpm_spec.repo.metadata import RecipeMetadata
    from rpm_spec.solver.conditions import ConditionEncoder
    from rpm_spec.solver.facts import FactBuilder
    from rpm_spec.solver.inputs import RecipeSource
    from rpm_spec.solver.setup.targets import TargetCandidates


@dataclass
class PolicySentences:
    """What each policy error reads: by condition (or target group) id, by group id."""

    conflicts: dict[int, str] = field(default_factory=dict)
    requirements: dict[int, str] = field(default_factory=dict)


def declare_policy(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    policy: AdminPolicy,
    closure: Mapping[str, RecipeMetadata],
    virtuals: Sequence[str],
    candidates: TargetCandidates,
    recipes: RecipeSource,
) -> PolicySentences:
    """Every policy fact of one problem; returns the sentences its errors read."""
    out = PolicySentences()
    for rule in policy.deny:
        spec = parsed(rule.text)
        sentence = f"policy deny: '{rule.text}' ({rule.where})"
        origin = Origin(f"policy deny: '{rule.text}'", rule.where)
        if spec.name is None:
            names: Sequence[str] = list(closure)
        elif spec.name in virtuals:
            cid = encoder.unconditional(origin)
            facts.add("condition_req", cid, "virtual_node", spec.name)
            # ``^mpi@:2``: what the virtual is in this DAG (the top of its provider's range).
            encoder.require(cid, "", parsed(f"^{rule.text}"))
            facts.add("policy_deny_virtual", cid, spec.name)
            out.conflicts[cid] = sentence
            continue
        else:
            names = [spec.name] if spec.name in closure else []
        for name in names:
            cid = encoder.condition(name, on_package(spec, name), origin)
            facts.add("policy_deny", cid, name)
            out.conflicts[cid] = sentence
    for requirement in policy.require:
        _requirement(facts, encoder, requirement, closure, virtuals, recipes, out)
    for allowed in policy.targets:
        group = facts.new_id()
        inside = {target for text in allowed.items for target in candidates.allowed(text)}
        for target in candidates.ranked:
            if target not in inside:
                facts.add("policy_target_out", group, target)
        out.conflicts[group] = (
            f"policy targets:allow: {', '.join(allowed.items)} ({allowed.where})"
        )
    denied = policy.denied_licenses()
    if denied:
        for meta in closure.values():
            _licenses(facts, encoder, meta, denied, out)
    return out


def _requirement(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    rule: PolicyRequirement,
    closure: Mapping[str, RecipeMetadata],
    virtuals: Sequence[str],
    recipes: RecipeSource,
    out: PolicySentences,
) -> None:
    sentence = f"policy {rule.key}: {rule.package}: '{' | '.join(rule.specs)}' ({rule.where})"
    if rule.message:
        sentence += f": {rule.message}"
    origin = Origin(f"policy {rule.key}: {rule.package}", rule.where)
    if rule.package in virtuals:
        group = _virtual_group(facts, encoder, rule, origin)
        out.requirements[group] = sentence
        return
    if rule.package == "all":
        targets = [(name, _defined(meta, rule.specs)) for name, meta in closure.items()]
    elif rule.package in closure and not recipes.is_virtual(rule.package):
        targets = [(rule.package, rule.specs)]
    else:
        return
    for name, specs in targets:
        if not specs:
            continue
        group = facts.new_id()
        facts.add("policy_group", group, name, rule.policy)
        when = encoder.condition(name, parsed(rule.when) if rule.when else None, origin)
        facts.add("requirement_when", group, when)
        for index, text in enumerate(specs):
            spec = on_package(parsed(text), name)
            member = encoder.condition(name, spec, origin)
            facts.add("requirement_member", group, member, index)
            uncompiled_member(facts, encoder, member, name, spec, origin)
        out.requirements[group] = sentence + ("" if name == rule.package else f" (on {name})")


def _virtual_group(
    facts: FactBuilder, encoder: ConditionEncoder, rule: PolicyRequirement, origin: Origin
) -> int:
    """A requirement on a virtual: each member names a provider; active while the virtual
    is in the DAG (and the ``when`` holds)."""
    group = facts.new_id()
    facts.add("policy_group", group, rule.package, rule.policy)
    when = encoder.unconditional(origin)
    facts.add("condition_req", when, "virtual_node", rule.package)
    if rule.when:
        spec = parsed(rule.when)
        if spec.name is not None:
            facts.add("condition_req", when, "node", spec.name)
            encoder.require(when, spec.name, spec)
    facts.add("requirement_when", group, when)
    for index, text in enumerate(rule.specs):
        spec = parsed(text)
        provider = spec.name or rule.package
        member = encoder.condition(provider, on_package(spec, provider), origin)
        facts.add("condition_req", member, "provider", rule.package, provider)
        facts.add("requirement_member", group, member, index)
        uncompiled_member(facts, encoder, member, provider, on_package(spec, provider), origin)
    return group


def _defined(meta: RecipeMetadata, specs: tuple[str, ...]) -> tuple[str, ...]:
    """The members of an ``all`` rule that name only variants ``meta`` defines."""
    return tuple(text for text in specs if defines_variants(meta, text))


#: An SPDX expression's words: identifiers, operators and parentheses.
_SPDX_WORD = re.compile(r"\(|\)|[^\s()]+")


def license_denied(expression: str, denied: Mapping[str, object]) -> list[str]:
    """The denied identifiers an SPDX ``expression`` cannot do without (none: allowed).

    ``A OR B`` needs one of its sides, ``A AND B`` (and ``A WITH exception``) both;
    parentheses group. Identifiers compare case-insensitively.
    """
    words = _SPDX_WORD.findall(expression)
    position = 0

    def alternatives() -> list[set[str]]:
        nonlocal position
        options = conjunction()
        while position < len(words) and words[position].upper() == "OR":
            position += 1
            options += conjunction()
        return options

    def conjunction() -> list[set[str]]:
        nonlocal position
        needed: list[set[str]] = [set()]
        while (
            position < len(words)
            and words[position] not in (")",)
            and (words[position].upper() != "OR")
        ):
            word = words[position]
            position += 1
            if word.upper() in ("AND", "WITH"):
                continue
            if word == "(":
                inner = alternatives()
                position += 1  # ")"
                needed = [have | more for have in needed for more in inner]
            else:
                needed = [have | {word.lower()} for have in needed]
        return needed

    options = alternatives()
    blocked = [sorted(option & set(denied)) for option in options]
    if any(not ids for ids in blocked):
        return []
    return sorted({word for ids in blocked for word in ids})


def _licenses(
    facts: FactBuilder,
    encoder: ConditionEncoder,
    meta: RecipeMetadata,
    denied: Mapping[str, object],
    out: PolicySentences,
) -> None:
    for declaration in meta.licenses:
        blocked = license_denied(declaration.license, denied)
        if not blocked:
            continue
        where = declared_at(meta, declaration.line, declaration.origin)
        rules = "; ".join(str(denied[word]) for word in blocked)
        origin = Origin(f"{meta.name}: license('{declaration.license}')", where)
        when = parsed(declaration.when) if declaration.when else None
        cid = encoder.condition(meta.name, when, origin)
        facts.add("policy_license", cid, meta.name)
        out.conflicts[cid] = (
            f"{meta.name} is distributed under '{declaration.license}' ({where}), which "
            f"{rules} denies"
        )
