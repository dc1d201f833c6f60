"""Reading and writing configuration YAML with ruamel.yaml, keeping line marks.

A file is read once in round-trip mode: the ruamel document is kept (so that a
write can preserve comments), and a plain copy (dict/list/str/int/float/bool/None)
is made beside a table of line numbers per key path, so that a schema violation
can name ``file:line``. ruamel is imported only when a file is actually read.

In a file, ``providers::`` is YAML for the key ``providers:``; the plain copy
spells such keys ``providers::`` (as ``-c`` does) and writing turns them back.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rpm_spec.config.errors import ConfigError, ConfigSyntaxError
from rpm_spec.config.merge import OVERRIDE, is_override, key_name

if TYPE_CHECKING:
    from pathlib import Path

_QUOTED_OVERRIDE = re.compile(r"^(\s*(?:- )?)'([^':]+):':", re.MULTILINE)

#: A position in a YAML tree: mapping keys (without ``::``) and list indexes.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedYaml:
    """One YAML text: the round-trip document, its plain data, and lines per key path."""

    document: Any
    data: Any
    lines: Mapping[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """The 1-based line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None


def _round_trip() -> Any:
    from ruamel.yaml import YAML  # lazy: startup

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.default_flow_style = False
    yaml.width = 4096  # never fold long strings into several lines
    return yaml


def parse_text(text: str, where: str, path: Path | None = None) -> LoadedYaml:
    """Parse YAML text; ``where`` (a file name) leads the error message if it is invalid."""
    from ruamel.yaml.error import YAMLError  # lazy: startup

    try:
        document = _round_trip().load(text)
    except YAMLError as error:
        raise _syntax_error(error, where, path) from None
    lines: dict[KeyPath, int] = {(): 1}
    data = _plain(document, (), lines)
    return LoadedYaml(document=document, data=data, lines=lines)


def load_file(path: Path) -> LoadedYaml | None:
    """Read a YAML file; None when it does not exist (a missing file is empty config)."""
    text = read_text(path)
    return None if text is None else parse_text(text, str(path), path)


def read_text(path: Path) -> str | None:
    """A config file's text; None when it does not exist; ConfigError when unreadable."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError("is a directory, expected a YAML file", where=str(path)) from None
    except UnicodeDecodeError as error:
        raise ConfigSyntaxError(
            f"not UTF-8 text ({error.reason})", where=str(path), path=path
        ) from None
    except OSError as error:
        raise ConfigError(
            f"cannot read: {error.strerror or error}", where=str(path), path=path
        ) from None


def parse_value(text: str) -> Any:
    """A ``-c`` value as plain data: YAML in a single line, flow style allowed."""
    from ruamel.yaml import YAML  # lazy: startup

    data = YAML(typ="safe", pure=True).load(text)
    return _plain(data, (), {})


def dump(data: Any) -> str:
    """Block-style YAML for plain data or a round-trip document."""
    import io  # lazy: startup

    stream = io.StringIO()
    _round_trip().dump(_yaml_keys(data), stream)
    # ruamel quotes a key that ends in a colon ('all:':); write the override form instead.
    return _QUOTED_OVERRIDE.sub(r"\1\2::", stream.getvalue())


def update_document(document: Any, data: Any) -> Any:
    """Make a round-trip ``document`` equal to ``data``, reusing its nodes (and comments).

    Returns the node to store: ``document`` itself when it could be updated in place.
    """
    if isinstance(document, dict) and isinstance(data, Mapping):
        wanted = {_yaml_key(key): value for key, value in data.items()}
        for key in [key for key in document if key not in wanted]:
            del document[key]
        for position, (key, value) in enumerate(wanted.items()):
            if key in document:
                document[key] = update_document(document[key], value)
            elif hasattr(document, "insert"):
                document.insert(position, key, _yaml_keys(value))
            else:
                document[key] = _yaml_keys(value)
        return document
    if isinstance(document, list) and isinstance(data, list) and len(document) == len(data):
        for index, value in enumerate(data):
            document[index] = update_document(document[index], value)
        return document
    current = _plain(document, (), {})
    if current == data and type(current) is type(data):
        return document
    return _yaml_keys(data)


def _plain(node: Any, path: KeyPath, lines: dict[KeyPath, int]) -> Any:
    """Plain Python data from ruamel's node types, recording key lines (1-based) on the way."""
    if isinstance(node, dict):
        result: dict[str, Any] = {}
        for key, value in node.items():
            text = _key_text(key)
            child = (*path, key_name(text))
            marks = getattr(node, "lc", None)
            if marks is not None:
                with contextlib.suppress(KeyError, TypeError, AttributeError):
                    lines[child] = marks.key(key)[0] + 1
            result[text] = _plain(value, child, lines)
        return result
    if isinstance(node, list):
        items: list[Any] = []
        for index, value in enumerate(node):
            child = (*path, index)
            marks = getattr(node, "lc", None)
            if marks is not None:
                with contextlib.suppress(KeyError, TypeError, AttributeError):
                    lines[child] = marks.item(index)[0] + 1
            items.append(_plain(value, child, lines))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, (date, datetime)):
        return node.isoformat()
    value = getattr(node, "value", None)  # tagged scalars (``!foo bar``): keep the text
    return str(value) if value is not None else str(node)


def _key_text(key: Any) -> str:
    """A mapping key as a string; ``name:`` (YAML for ``name::``) becomes ``name::``."""
    if isinstance(key, bool):
        return "true" if key else "false"
    text = str(key)
    if text.endswith(":") and text.rstrip(":"):
        return text.rstrip(":") + OVERRIDE
    return text


def _yaml_key(key: str) -> str:
    """The key to store in YAML for a plain-data key: ``name::`` is written ``name:``."""
    return key[:-1] if is_override(key) else key


def _yaml_keys(data: Any) -> Any:
    """Plain data with override keys in their YAML form (ruamel nodes are left alone)."""
    if type(data) is dict:
        return {_yaml_key(key): _yaml_keys(value) for key, value in data.items()}
    if type(data) is list:
        return [_yaml_keys(item) for item in data]
    return data


def _syntax_error(error: Any, where: str, path: Path | None) -> ConfigSyntaxError:
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line = mark.line + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    if context and context_mark is not None and context_mark.line + 1 != line:
        context += f" started on line {context_mark.line + 1}"
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    return ConfigSyntaxError(
        message,
        where=f"{where}:{line}" if line else where,
        path=path,
        line=line,
    )
