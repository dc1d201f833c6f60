"""The JSON Schemas of the configuration sections, and readable violation messages.

One file per section in ``schemas/<section>.json`` (JSON Schema 2020-12, local
``$ref`` only), read from the package directory (through importlib.resources
when the package is not one, e.g. zipped). jsonschema is imported only when
something is validated. A :class:`Schemas` object caches what it loaded; each
Configuration owns one, so nothing is cached process-wide.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from rpm_spec.config.errors import ConfigSchemaError, SchemaProblem, UnknownSectionError
from rpm_spec.config.yaml_io import KeyPath
from rpm_spec.util.suggest import did_you_mean

#: Maps a key path (section first) to the place a user should look: ("file:line", line).
Locator = Callable[[KeyPath], tuple[str, int | None]]

_TYPE_NAMES = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}
_MAX_PROBLEMS = 10


class Schemas:
    """The section schemas shipped with rpm-spec, loaded on first use."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._schemas: dict[str, dict[str, Any]] = {}
        self._validators: dict[str, Any] = {}
        self._sections: tuple[str, ...] | None = None

    @property
    def sections(self) -> tuple[str, ...]:
        """Every section name, sorted."""
        if self._sections is None:
            folder = _schema_folder()
            self._sections = tuple(
                sorted(
                    entry.name.removesuffix(".json")
                    for entry in folder.iterdir()
                    if entry.name.endswith(".json")
                )
            )
        return self._sections

    def check_section(self, section: str) -> None:
        """Raise :class:`UnknownSectionError` (with a suggestion) for a name with no schema."""
        if section not in self.sections:
            raise UnknownSectionError(
                section, self.sections, hint=did_you_mean(section, self.sections)
            )

    def schema(self, section: str) -> dict[str, Any]:
        """The schema of ``section``'s value (what follows ``section:`` in its file)."""
        if section not in self._schemas:
            self._schemas[section] = json.loads(self.text(section))
        return self._schemas[section]

    def text(self, section: str) -> str:
        """The schema file of ``section`` as written (what a cached check is keyed by)."""
        self.check_section(section)
        if section not in self._texts:
            file = _schema_folder() / f"{section}.json"
            self._texts[section] = file.read_text(encoding="utf-8")
        return self._texts[section]

    def empty(self, section: str) -> dict[str, Any] | list[Any]:
        """The value of a section no scope sets: an empty list or mapping."""
        return [] if self.schema(section).get("type") == "array" else {}

    def validate(self, section: str, data: Any, locate: Locator) -> None:
        """Raise :class:`ConfigSchemaError` naming file:line for every problem in ``data``."""
        validator = self._validator(section)
        problems: list[SchemaProblem] = []
        for error in validator.iter_errors(data):
            problems.extend(_problems(error, (section,), locate, self.schema(section)))
        if problems:
            unique = list(dict.fromkeys(problems))
            unique.sort(key=lambda problem: (problem.line is None, problem.line or 0))
            raise ConfigSchemaError(unique[:_MAX_PROBLEMS])

    def _validator(self, section: str) -> Any:
        if section not in self._validators:
            from jsonschema import Draft202012Validator  # lazy: startup

            self._validators[section] = Draft202012Validator(self.schema(section))
        return self._validators[section]


def _schema_folder() -> Any:
    """``schemas/`` beside this module: a plain directory when the package is one.

    Every command reads it, and importing importlib.resources would cost more than
    reading the cached config, so it is used only for a package that is not a
    directory (a zip).
    """
    for location in getattr(sys.modules[__package__], "__path__", ()):
        folder = Path(location) / "schemas"
        if folder.is_dir():
            return folder
    from importlib import resources  # lazy: startup

    return resources.files("rpm_spec.config") / "schemas"


def resolve(schema: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/name``) to the schema it names."""
    while "$ref" in schema:
        target: Any = root
        for part in str(schema["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def alternatives(schema: Mapping[str, Any], root: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The branches of an ``anyOf``/``oneOf`` (flattened), or the schema itself."""
    schema = resolve(schema, root)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if not branches or "type" in schema:  # a typed schema's anyOf only adds constraints
        return [schema]
    return [leaf for branch in branches for leaf in alternatives(branch, root)]


def schema_types(schema: Mapping[str, Any], root: Mapping[str, Any]) -> list[str]:
    """The JSON types a schema accepts, inferred where ``type`` is not written."""
    found: list[str] = []
    for branch in alternatives(schema, root):
        declared = branch.get("type")
        if isinstance(declared, str):
            found.append(declared)
        elif isinstance(declared, list):
            found.extend(declared)
        elif "properties" in branch or "additionalProperties" in branch:
            found.append("object")
        elif "items" in branch:
            found.append("array")
        elif "enum" in branch:
            found.extend(_instance_type(value) for value in branch["enum"])
        elif "const" in branch:
            found.append(_instance_type(branch["const"]))
    return list(dict.fromkeys(found))


def describe_value(value: Any) -> str:
    """A value as a message shows it: collections by kind, scalars as YAML would write them."""
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    return repr(value)


def _instance_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    return "null"


def _accepts_type(types: Iterable[str], value: Any) -> bool:
    actual = _instance_type(value)
    return any(t == actual or (t == "number" and actual == "integer") for t in types)


def _expected(types: Iterable[str]) -> str:
    names = [_TYPE_NAMES.get(t, t) for t in types]
    return " or ".join(names) if names else "something else"


def _problems(
    error: Any, prefix: KeyPath, locate: Locator, root: Mapping[str, Any]
) -> list[SchemaProblem]:
    """Readable problems for one jsonschema error (several for unknown keys)."""
    path: KeyPath = (*prefix, *error.absolute_path)
    validator = error.validator
    instance = error.instance
    schema = error.schema

    if validator in ("anyOf", "oneOf"):
        branches = [resolve(branch, root) for branch in error.validator_value]
        if all(set(branch) == {"required"} for branch in branches):
            keys = ", ".join(f"'{key}'" for branch in branches for key in branch["required"])
            return [_problem(path, f"needs one of the keys {keys}", locate)]
        simple = [_simple_expectation(branch) for branch in alternatives(schema, root)]
        if all(simple):
            expected = f"expected {' or '.join(str(text) for text in simple)}"
            return [_problem(path, f"{expected}, got {describe_value(instance)}", locate)]
        types = schema_types(schema, root)
        if types and not _accepts_type(types, instance):
            expected = f"expected {_expected(types)}, got {describe_value(instance)}"
            return [_problem(path, expected, locate)]
        matching = [
            sub
            for sub in error.context
            if _accepts_type(schema_types(branches[sub.relative_schema_path[0]], root), instance)
        ]
        if matching:
            from jsonschema.exceptions import best_match  # lazy: startup

            return _problems(best_match(matching), prefix, locate, root)
        return [_problem(path, error.message, locate)]
    if validator == "type":
        types = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
        expected = f"expected {_expected(types)}, got {describe_value(instance)}"
        return [_problem(path, expected, locate)]
    if validator == "additionalProperties" and isinstance(instance, Mapping):
        return _unknown_keys(path, instance, schema, locate)
    if validator == "required" and isinstance(instance, Mapping):
        missing = [key for key in error.validator_value if key not in instance]
        names = ", ".join(f"'{key}'" for key in missing)
        return [_problem(path, f"missing required key {names}", locate)]
    if validator == "pattern" and schema.get("description"):
        # The description says in words what the regular expression means.
        if "propertyNames" in error.schema_path:  # a key: point at it, not at its mapping
            path = (*path, str(instance))
        expected = f"expected {schema['description']}, got {describe_value(instance)}"
        return [_problem(path, expected, locate)]
    if validator == "enum":
        allowed = ", ".join(describe_value(value) for value in error.validator_value)
        return [
            _problem(path, f"expected one of {allowed}, got {describe_value(instance)}", locate)
        ]
    return [_problem(path, error.message, locate)]


def _simple_expectation(branch: Mapping[str, Any]) -> str | None:
    """``true or false`` / ``'a', 'b'`` for a branch that is only a type or an enum."""
    if set(branch) - {"type", "enum", "description"}:
        return None
    if "enum" in branch:
        return ", ".join(describe_value(value) for value in branch["enum"])
    declared = branch.get("type")
    if isinstance(declared, str):
        return _expected([declared])
    if isinstance(declared, list):
        return _expected(declared)
    return None


def _unknown_keys(
    path: KeyPath, instance: Mapping[str, Any], schema: Mapping[str, Any], locate: Locator
) -> list[SchemaProblem]:
    import re  # lazy: startup

    known = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    problems = []
    for key in instance:
        if key in known or any(re.search(pattern, key) for pattern in patterns):
            continue
        message = f"unknown key '{key}'"
        if known:
            message += f"; expected one of: {', '.join(known)}"
        hint = did_you_mean(key, known)
        problems.append(_problem((*path, key), message + (f" ({hint})" if hint else ""), locate))
    return problems


def _problem(path: KeyPath, message: str, locate: Locator) -> SchemaProblem:
    where, line = locate(path)
    return SchemaProblem(where=where, key_path=format_key_path(path), message=message, line=line)


def format_key_path(path: KeyPath) -> str:
    """``packages:all:target``; list items as ``compilers[0]:compiler``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += (":" if text else "") + part
    return text
