"""The site admin's policy (``policy.yaml``): read only from the admin's scopes and from a
registry namespace, each rule with the ``file:line`` it was written at.

"Policy" here means the admin's rules only (packages.yaml's are *preferences*). Rules of
several files add up: a DAG must meet every file's rules, so a later file can only tighten.
Where a key lists what is *allowed* (``targets``, ``caches``, ``keys``), a namespace that
allows more than the site does is loosening, and is an error at load. A ``policy:`` section
in any other scope (user, ``-C``, ``-c``, an environment's manifest) is ignored: loading
returns a warning naming its file, which the caller shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rpm_spec.config.errors import ConfigError
from rpm_spec.config.merge import strip_overrides
from rpm_spec.config.schema import Schemas
from rpm_spec.config.scope import DirectoryScope, SectionData
from rpm_spec.platform.errors import PlatformError
from rpm_spec.platform.targets import targets_in_range
from rpm_spec.spec import SpecError, parse_spec

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rpm_spec.config.configuration import Configuration

#: The scopes an admin owns: shipped with the install, /etc/rpm-spec, <prefix>/etc/rpm-spec/site.
ADMIN_SCOPES = ("defaults", "system", "site")


class PolicyLoadError(ConfigError):
    """A policy file that cannot be used: a bad spec, or a namespace that loosens the site's."""


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """One rule as the admin wrote it: its key, its text and where it is written."""

    key: str
    text: str
    where: str

    def __str__(self) -> str:
        return f"policy {self.key}: '{self.text}' ({self.where})"


@dataclass(frozen=True, slots=True)
class PolicyRequirement:
    """A ``require:`` item (or a ``pin:``) on a package, a virtual, or ``all``."""

    key: str
    package: str
    specs: tuple[str, ...]
    policy: str = "one_of"
    when: str | None = None
    message: str | None = None
    where: str = ""

    def __str__(self) -> str:
        texts = " | ".join(self.specs)
        return f"policy {self.key}: {self.package}: '{texts}' ({self.where})"


@dataclass(frozen=True, slots=True)
class AllowList:
    """What one file allows for ``targets``/``caches``/``keys``: a value must be in every
    file's list."""

    key: str
    items: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class AdminPolicy:
    """Every rule of the admin's policy files, and the sections that were ignored."""

    deny: tuple[PolicyRule, ...] = ()
    require: tuple[PolicyRequirement, ...] = ()
    targets: tuple[AllowList, ...] = ()
    licenses: tuple[PolicyRule, ...] = ()
    caches: tuple[AllowList, ...] = ()
    keys: tuple[AllowList, ...] = ()
    #: One sentence per ``policy:`` section found outside the admin's scopes.
    warnings: tuple[str, ...] = ()
    files: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """No rule at all: the solver gets no policy facts."""
        return not (self.deny or self.require or self.targets or self.licenses)

    def cache_allowed(self, name: str) -> bool:
        """Whether a binary cache or mirror called ``name`` may be used."""
        return all(name in allowed.items for allowed in self.caches)

    def key_trusted(self, name: str) -> bool:
        """Whether signatures by the key called ``name`` are trusted."""
        return all(name in allowed.items for allowed in self.keys)

    def denied_licenses(self) -> dict[str, PolicyRule]:
        """Denied SPDX identifiers (lower case) → the rule that denies them."""
        return {rule.text.lower(): rule for rule in self.licenses}

    def tightened(self, other: AdminPolicy) -> AdminPolicy:
        """This policy with ``other``'s rules added (``other`` must not loosen it)."""
        _check_tightens(self, other)
        return AdminPolicy(
            deny=self.deny + other.deny,
            require=self.require + other.require,
            targets=self.targets + other.targets,
            licenses=self.licenses + other.licenses,
            caches=self.caches + other.caches,
            keys=self.keys + other.keys,
            warnings=self.warnings + other.warnings,
            files=self.files + other.files,
        )


def admin_policy(config: Configuration, namespace: Path | None = None) -> AdminPolicy:
    """The policy of the admin's scopes, tightened by ``<namespace>/policy.yaml`` if given.

    ``policy:`` sections of other scopes are not used; each gives a warning.
    """
    policy = AdminPolicy()
    warnings: list[str] = []
    for layer in config.layers("policy"):
        if layer.scope in ADMIN_SCOPES:
            policy = policy.tightened(policy_of_layer(layer))
        elif layer.value:
            where, _ = layer.locate(("policy",))
            warnings.append(
                f"{where}: the policy section is ignored here; policy is read only from the "
                f"site's scopes ({', '.join(ADMIN_SCOPES)}) and registry namespaces"
            )
    if namespace is not None:
        policy = policy.tightened(namespace_policy(namespace, config.schemas))
    return replace(policy, warnings=policy.warnings + tuple(warnings))


def namespace_policy(namespace: Path, schemas: Schemas | None = None) -> AdminPolicy:
    """``<namespace>/policy.yaml``, validated against the section schema (none: no rules)."""
    layer = DirectoryScope(f"namespace:{namespace.name}", namespace, writable=False).section(
        "policy"
    )
    if layer is None or layer.value is None:
        return AdminPolicy()
    (schemas or Schemas()).validate("policy", strip_overrides(layer.value), layer.locate)
    return policy_of_layer(layer)


def policy_of_layer(layer: SectionData) -> AdminPolicy:
    """One file's (or in-memory scope's) policy rules, each checked where it is written."""
    data: dict[str, Any] = strip_overrides(layer.value) or {}

    def where(*path: Any) -> str:
        return layer.locate(("policy", *path))[0]

    deny = tuple(
        PolicyRule("deny", _spec(text, where("deny", i)), where("deny", i))
        for i, text in enumerate(data.get("deny") or ())
    )
    require: list[PolicyRequirement] = []
    for package, value in (data.get("require") or {}).items():
        require.extend(_requirements(package, value, where))
    for package, value in (data.get("pin") or {}).items():
        text = _pin_text(package, str(value))
        require.append(
            PolicyRequirement(
                "pin", package, (_spec(text, where("pin", package)),), where=where("pin", package)
            )
        )
    targets = _allow(data, "targets", where, check=_target_range)
    licenses = tuple(
        PolicyRule("licenses:deny", str(text), where("licenses", "deny", i))
        for i, text in enumerate((data.get("licenses") or {}).get("deny") or ())
    )
    file = str(layer.file) if layer.file is not None else where()
    return AdminPolicy(
        deny=deny,
        require=tuple(require),
        targets=targets,
        licenses=licenses,
        caches=_allow(data, "caches", where),
        keys=_allow(data, "keys", where, inner="trusted"),
        files=(file,),
    )


def _spec(text: str, where: str) -> str:
    try:
        parse_spec(text)
    except SpecError as error:
        raise PolicyLoadError(f"policy: {error}", where=where, hint=error.hint) from None
    return text


def _target_range(text: str, where: str) -> None:
    try:
        targets_in_range(text)
    except PlatformError as error:
        raise PolicyLoadError(f"policy: {error}", where=where, hint=error.hint) from None


def _pin_text(package: str, value: str) -> str:
    """``3.1.4`` pins the exact version; anything else is a constraint (``@3.1 +shared``)."""
    value = value.strip()
    if value[:1].isdigit() and " " not in value:
        return f"{package}@={value}"
    return f"{package}{value}" if value[:1] in "@+~%" else f"{package} {value}"


def _requirements(package: str, value: Any, where: Any) -> list[PolicyRequirement]:
    """``require: {pkg: ...}`` in any of packages.yaml's spellings."""
    if isinstance(value, str):
        return [
            PolicyRequirement(
                "require",
                package,
                (_spec(value, where("require", package)),),
                where=where("require", package),
            )
        ]
    items = [value] if isinstance(value, dict) else list(value)
    found = []
    for index, item in enumerate(items):
        path = ("require", package) if isinstance(value, dict) else ("require", package, index)
        at = where(*path)
        if isinstance(item, str):
            found.append(PolicyRequirement("require", package, (_spec(item, at),), where=at))
            continue
        kind = "any_of" if "any_of" in item else "one_of"
        texts: list[Any] = list(item[kind]) if kind in item else [item["spec"]]
        when = item.get("when")
        found.append(
            PolicyRequirement(
                "require",
                package,
                tuple(_spec(str(text), at) for text in texts),
                kind,
                None if when is None else _spec(str(when), at),
                item.get("message"),
                at,
            )
        )
    return found


def _allow(
    data: dict[str, Any], key: str, where: Any, *, inner: str = "allow", check: Any = None
) -> tuple[AllowList, ...]:
    section = data.get(key) or {}
    if inner not in section:
        return ()
    items = tuple(str(item) for item in section[inner] or ())
    at = where(key, inner)
    for item in items:
        if check is not None:
            check(item, at)
    return (AllowList(f"{key}:{inner}", items, at),)


def _check_tightens(base: AdminPolicy, added: AdminPolicy) -> None:
    """A namespace (or a later site file) may not allow what the policy so far forbids."""
    for mine, theirs, covers in (
        (base.targets, added.targets, _targets_cover),
        (base.caches, added.caches, _names_cover),
        (base.keys, added.keys, _names_cover),
    ):
        for allowed in theirs:
            for existing in mine:
                loose = [item for item in allowed.items if not covers(existing.items, item)]
                if loose:
                    raise PolicyLoadError(
                        f"policy {allowed.key}: {', '.join(loose)} is not allowed by "
                        f"{existing.where}; a namespace's (or a later site file's) policy may "
                        "only tighten the policy it adds to",
                        where=allowed.where,
                        hint=f"remove {', '.join(loose)}, or ask the site admin",
                    )


def _names_cover(allowed: Iterable[str], item: str) -> bool:
    return item in allowed


def _targets_cover(allowed: Iterable[str], item: str) -> bool:
    wide = {name for text in allowed for name in targets_in_range(text)}
    return set(targets_in_range(item)) <= wide
