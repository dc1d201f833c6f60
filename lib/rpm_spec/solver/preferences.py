"""packages.yaml and compilers.yaml → the solver's typed Preferences and compiler list
(preferences: the user's and site's wishes; "policy" is only the admin's policy.yaml).

Every rule keeps where it was written (``file:line``, or ``command line (-c ...)``),
so that an unsatisfiable request can name the config line that clashed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rpm_spec.config.blame import trace
from rpm_spec.config.errors import ConfigError
from rpm_spec.platform.errors import PlatformError
from rpm_spec.platform.targets import targets_in_range
from rpm_spec.repo.metadata import parsed
from rpm_spec.solver.inputs import (
    CompilerEntry,
    ExternalEntry,
    PackagePreferences,
    Preferences,
    RuleEntry,
)
from rpm_spec.spec import SpecError, parse_version_constraint

if TYPE_CHECKING:
    from rpm_spec.config import Configuration, SectionData


class _Origins:
    """``file:line`` of each key path of one merged section."""

    def __init__(self, config: Configuration, section: str) -> None:
        self.merged = config.get(section)
        layers = list(reversed(config.layers(section)))
        self.paths = trace({section: self.merged}, layers)
        self.section = section

    def where(self, *path: Any) -> str:
        found = self.paths.get((self.section, *path))
        if found is None:
            return f"{self.section}.yaml"
        layer, layer_path = found
        return _describe(layer, layer_path)


def _describe(layer: SectionData, path: tuple[Any, ...]) -> str:
    if layer.file is not None:
        line = layer.line_of(path)
        return f"{layer.file}:{line}" if line else str(layer.file)
    label = layer.labels.get(path) if layer.labels else None
    return f"{layer.origin or layer.scope}" + (f" ({label})" if label else "")


def _checked(text: str, where: str, *path: Any, check: Callable[[str], object] = parsed) -> str:
    """``text`` if ``check`` (by default: parse it as a spec) accepts it; else an error
    naming the config file and line, so that a typo is found where it was made."""
    try:
        check(text)
    except (SpecError, PlatformError) as error:
        key = ":".join(["packages", *(str(part) for part in path if not isinstance(part, int))])
        raise ConfigError(f"{key}: {error}", where=where, hint=error.hint) from None
    return text


def _target_range(text: str) -> None:
    for item in text.split(","):
        targets_in_range(item)


def _each_checked(
    entry: Mapping[str, Any],
    origins: _Origins,
    name: str,
    key: str,
    check: Callable[[str], object],
) -> tuple[str, ...]:
    """The strings of ``entry[key]``, each checked where it was written."""
    value = entry.get(key)
    texts = _strings(value)
    for index, text in enumerate(texts):
        item = (index,) if isinstance(value, list) else ()
        _checked(text, origins.where(name, key, *item), name, key, check=check)
    return texts


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _rules(value: Any, origins: _Origins, *path: Any) -> tuple[RuleEntry, ...]:
    """``require:``/``prefer:``/``conflict:`` in any of their spellings."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str | Mapping) else list(value)
    rules = []
    for index, item in enumerate(items):
        where = origins.where(*path, index) if not isinstance(value, str) else origins.where(*path)
        if isinstance(item, str):
            rules.append(RuleEntry((_checked(item, where, *path),), "one_of", None, None, where))
            continue
        message = item.get("message")
        when = item.get("when")
        if when is not None:
            when = _checked(str(when), origins.where(*path, index, "when"), *path, "when")
        if "one_of" in item or "any_of" in item:
            policy = "one_of" if "one_of" in item else "any_of"
            specs = tuple(
                _checked(text, origins.where(*path, index, policy, number), *path, policy)
                for number, text in enumerate(_strings(item[policy]))
            )
            rules.append(RuleEntry(specs, policy, when, message, where))
        elif "spec" in item:
            text = _checked(str(item["spec"]), origins.where(*path, index, "spec"), *path, "spec")
            rules.append(RuleEntry((text,), "one_of", when, message, where))
    return tuple(rules)


def preferences_from_config(config: Configuration) -> Preferences:
    """The packages section as a Preferences."""
    origins = _Origins(config, "packages")
    packages: dict[str, PackagePreferences] = {}
    for name, entry in (origins.merged or {}).items():
        entry = entry or {}
        providers = {
            virtual: _strings(names) for virtual, names in (entry.get("providers") or {}).items()
        }
        externals = tuple(
            ExternalEntry(
                _checked(
                    str(ext["spec"]),
                    origins.where(name, "externals", i, "spec"),
                    name,
                    "externals",
                    "spec",
                ),
                str(ext["prefix"]),
                origins.where(name, "externals", i),
            )
            for i, ext in enumerate(entry.get("externals") or ())
            if "prefix" in ext
        )
        packages[name] = PackagePreferences(
            versions=_each_checked(entry, origins, name, "version", parse_version_constraint),
            variants=_each_checked(entry, origins, name, "variants", parsed),
            providers=providers,
            targets=_each_checked(entry, origins, name, "target", _target_range),
            compilers=_strings(entry.get("compiler")),
            require=_rules(entry.get("require"), origins, name, "require"),
            prefer=_rules(entry.get("prefer"), origins, name, "prefer"),
            conflict=_rules(entry.get("conflict"), origins, name, "conflict"),
            buildable=bool(entry.get("buildable", True)),
            buildable_origin=origins.where(name, "buildable"),
            buildable_set="buildable" in entry,
            externals=externals,
        )
    return Preferences(packages)


def compilers_from_config(config: Configuration) -> list[CompilerEntry]:
    """The compilers section as CompilerEntry values (in configuration order)."""
    origins = _Origins(config, "compilers")
    found: list[CompilerEntry] = []
    for index, item in enumerate(origins.merged or ()):
        data = item.get("compiler", item)
        name, _, version = str(data["spec"]).partition("@")
        found.append(
            CompilerEntry(
                name=name,
                version=version,
                os=data.get("operating_system"),
                family=data.get("target"),
                origin=origins.where(index),
                flags=tuple(
                    (kind, " ".join(str(text).split()))
                    for kind, text in (data.get("flags") or {}).items()
                    if str(text).strip()
                ),
            )
        )
    return found


def compilers_from_detection(detected: Sequence[Any]) -> list[CompilerEntry]:
    """Compilers found on PATH, for a machine whose compilers.yaml is still empty."""
    return [CompilerEntry(c.name, c.version, origin="detected on PATH") for c in detected]
