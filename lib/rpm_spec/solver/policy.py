"""packages.yaml and compilers.yaml → the solver's typed Policy and compiler list.

Every rule keeps where it was written (``file:line``, or ``command line (-c ...)``),
so that an unsatisfiable request can name the config line that clashed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rpm_spec.config.blame import trace
from rpm_spec.solver.inputs import (
    CompilerEntry,
    ExternalEntry,
    PackagePolicy,
    Policy,
    RuleEntry,
)

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
            rules.append(RuleEntry((item,), "one_of", None, None, where))
            continue
        message = item.get("message")
        when = item.get("when")
        if "one_of" in item or "any_of" in item:
            policy = "one_of" if "one_of" in item else "any_of"
            rules.append(RuleEntry(_strings(item[policy]), policy, when, message, where))
        elif "spec" in item:
            rules.append(RuleEntry((str(item["spec"]),), "one_of", when, message, where))
    return tuple(rules)


def policy_from_config(config: Configuration) -> Policy:
    """The packages section as a Policy."""
    origins = _Origins(config, "packages")
    packages: dict[str, PackagePolicy] = {}
    for name, entry in (origins.merged or {}).items():
        entry = entry or {}
        providers = {
            virtual: _strings(names) for virtual, names in (entry.get("providers") or {}).items()
        }
        externals = tuple(
            ExternalEntry(
                str(ext["spec"]), str(ext["prefix"]), origins.where(name, "externals", i)
            )
            for i, ext in enumerate(entry.get("externals") or ())
            if "prefix" in ext
        )
        packages[name] = PackagePolicy(
            versions=_strings(entry.get("version")),
            variants=_strings(entry.get("variants")),
            providers=providers,
            targets=_strings(entry.get("target")),
            compilers=_strings(entry.get("compiler")),
            require=_rules(entry.get("require"), origins, name, "require"),
            prefer=_rules(entry.get("prefer"), origins, name, "prefer"),
            conflict=_rules(entry.get("conflict"), origins, name, "conflict"),
            buildable=bool(entry.get("buildable", True)),
            buildable_origin=origins.where(name, "buildable"),
            externals=externals,
        )
    return Policy(packages)


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
