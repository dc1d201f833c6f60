"""``-c PATH:VALUE`` (and ``config add``) arguments: a key path and a YAML value.

The text is split at colons from the left, and each piece is taken as a key as
long as the schema says a key can stand there:

- the first piece is a section name (``packages``, ``config``, ...);
- a later piece is a key if the schema at that point is a mapping that has the
  piece as a fixed key, or accepts free names (package names, mirror names) and
  the piece looks like a name (letters, digits, ``_ . + - @ % = ~ ^``);
- the last piece is never a key; the first piece that is not a key starts the
  value, and the value is everything from there on, colons included.

So ``config:install_tree:root:/opt/store`` sets ``root`` to ``/opt/store``,
``mirrors:local:file:///srv/mirror`` sets mirror ``local`` to the URL (a mirror
has no key ``file``), and ``packages:all:target:[zen3]`` sets ``target`` to a
list. A key followed by ``::`` instead of ``:`` replaces what lower scopes say
(``packages:all:target::[zen3]``).

The value is parsed as YAML (flow style allowed). Text that is not valid YAML is
taken as a plain string (``%gcc``, ``@1.2:``) unless it looks like a flow list or
mapping (``[...]``, ``{...}``), which is reported; quote such a string to keep it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rpm_spec.config.errors import ConfigOverrideError
from rpm_spec.config.merge import OVERRIDE, merge_raw
from rpm_spec.config.schema import alternatives, schema_types
from rpm_spec.config.scope import MemoryScope
from rpm_spec.config.yaml_io import parse_value
from rpm_spec.util.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from rpm_spec.config.cache import ConfigCache
    from rpm_spec.config.schema import Schemas
    from rpm_spec.config.yaml_io import KeyPath

#: What a free-form key (package, virtual or mirror name) may look like.
_NAME = re.compile(r"^[\w.+@%=~^-]+$")


@dataclass(frozen=True)
class Override:
    """One parsed ``PATH:VALUE``: the keys (section first) and the value."""

    text: str
    keys: tuple[str, ...]
    #: Per key, whether it was followed by ``::`` (replace the lower scopes' value).
    replace: tuple[bool, ...]
    value: Any

    @property
    def section(self) -> str:
        return self.keys[0]

    def as_data(self) -> dict[str, Any]:
        """Nested mappings down to the value, ``::`` kept on the keys that had it."""
        data: Any = self.value
        for key, replace in reversed(list(zip(self.keys, self.replace, strict=True))):
            data = {key + OVERRIDE if replace else key: data}
        assert isinstance(data, dict)
        return data


def parse_override(text: str, schemas: Schemas, *, cache: ConfigCache | None = None) -> Override:
    """Split ``PATH:VALUE`` with the help of the section schemas (see the module doc).

    With ``cache``, a value text parsed by an earlier command is not parsed again.
    """
    keys: list[str] = []
    replace: list[bool] = []
    schema: Mapping[str, Any] | None = None
    root: Mapping[str, Any] = {}
    position = 0
    while (colon := text.find(":", position)) >= 0:
        piece = text[position:colon]
        if not keys:
            if piece not in schemas.sections:
                raise ConfigOverrideError(
                    text,
                    f"'{piece}' is not a configuration section "
                    f"(sections: {', '.join(schemas.sections)})",
                    hint=did_you_mean(piece, schemas.sections),
                )
            root = schemas.schema(piece)
            schema = root
        else:
            assert schema is not None
            child = _child_schema(schema, piece, root)
            if child is None:
                break
            schema = child
        keys.append(piece)
        replace.append(text.startswith(OVERRIDE, colon))
        position = colon + (len(OVERRIDE) if replace[-1] else 1)
    if not keys:
        raise ConfigOverrideError(
            text,
            "expected SECTION:KEY...:VALUE",
            hint="for example -c 'config:build_jobs:8' or -c 'packages:all:target:[zen3]'",
        )
    value = text[position:]
    if cache is not None:
        parsed = cache.parse_value(value, lambda value: _parse_value(text, value))
    else:
        parsed = _parse_value(text, value)
    return Override(text, tuple(keys), tuple(replace), parsed)


def command_line_scope(
    texts: Sequence[str],
    schemas: Schemas,
    *,
    name: str = "command_line",
    cache: ConfigCache | None = None,
) -> MemoryScope:
    """The scope of the ``-c`` options, a later one winning over an earlier one."""
    data: dict[str, Any] = {}
    labels: dict[KeyPath, str] = {}
    for text in texts:
        override = parse_override(text, schemas, cache=cache)
        data = merge_raw(override.as_data(), data)
        labels[override.keys] = f"-c {text}"
    return MemoryScope(name, data, origin="command line", labels=labels)


def _child_schema(
    schema: Mapping[str, Any], piece: str, root: Mapping[str, Any]
) -> Mapping[str, Any] | None:
    """The schema under key ``piece``, or None when ``piece`` cannot be a key here."""
    for branch in alternatives(schema, root):
        if "object" not in schema_types(branch, root):
            continue
        properties = branch.get("properties", {})
        if piece in properties:
            return dict(properties[piece])
        if not _NAME.match(piece):
            continue
        names = branch.get("propertyNames", {}).get("pattern")
        if names and not re.search(names, piece):
            continue
        for pattern, child in branch.get("patternProperties", {}).items():
            if re.search(pattern, piece):
                return dict(child)
        extra = branch.get("additionalProperties", {})
        if extra is not False:
            return {} if extra is True else dict(extra)
    return None


def _parse_value(text: str, value: str) -> Any:
    from ruamel.yaml.error import YAMLError  # lazy: startup

    try:
        return parse_value(value, f"-c {text}")
    except YAMLError as error:
        stripped = value.strip()
        if stripped[:1] in ("[", "{") or stripped[-1:] in ("]", "}"):
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            raise ConfigOverrideError(
                text,
                f"the value {value!r} is not valid YAML: {problem}",
                hint="quote it to make it a string, e.g. -c 'path:\"{name}-{version}\"'",
            ) from None
        return value
