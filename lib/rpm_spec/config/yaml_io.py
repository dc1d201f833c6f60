"""Reading and writing configuration YAML with ruamel.yaml, keeping line marks.

A file is read once in round-trip mode: the ruamel document is kept (so that a
write can preserve comments), and a plain copy (dict/list/str/int/float/bool/None)
is made beside a table of line numbers per key path, so that a schema violation
can name ``file:line``. ruamel is imported only when a file is actually read.

In a file, ``providers::`` is YAML for the key ``providers:``; the plain copy
spells such keys ``providers::`` (as ``-c`` does) and writing turns them back.

Input is bounded before it is trusted: only regular files are read (a FIFO or
``/dev/zero`` would hang), at most :data:`MAX_TEXT_CHARS` of them, and a document
whose aliases would expand to more than :data:`MAX_ALIAS_NODES` extra nodes (the
"billion laughs" attack) is refused before anything walks it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import warnings
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

#: The longest YAML text read: far beyond any real configuration file or manifest.
MAX_TEXT_CHARS = 4 * 1024 * 1024
#: How many nodes aliases may add to a document once expanded. Sharing a list of specs
#: a few times is fine; nine nested levels of nine aliases (a billion nodes) is not.
MAX_ALIAS_NODES = 100_000
#: Flow collections (``[[[...]]]``) nested deeper than this are refused before parsing:
#: ruamel's scanner is quadratic in that depth (3,000 levels took 5 s to refuse).
MAX_FLOW_DEPTH = 200
#: A string reached through an alias counts one node per this many characters.
_CHARS_PER_NODE = 64


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

    if len(text) > MAX_TEXT_CHARS:
        raise _too_large(where, path)
    try:
        document = _load(_round_trip(), text, where, path)
        _check_aliases(document, where, path)
        lines: dict[KeyPath, int] = {(): 1}
        data = _plain(document, (), lines)
    except YAMLError as error:
        raise _syntax_error(error, where, path) from None
    except RecursionError:
        raise _too_deep(where, path) from None
    return LoadedYaml(document=document, data=data, lines=lines)


def load_file(path: Path) -> LoadedYaml | None:
    """Read a YAML file; None when it does not exist (a missing file is empty config)."""
    text = read_text(path)
    return None if text is None else parse_text(text, str(path), path)


def read_text(path: Path) -> str | None:
    """A config file's text; None when it does not exist; ConfigError when unreadable.

    Only a regular file is read (opened without blocking, so a FIFO cannot hang the
    command), and only up to :data:`MAX_TEXT_CHARS`.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigError(
            f"cannot read: {error.strerror or error}", where=str(path), path=path
        ) from None
    kind = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(kind):
        os.close(descriptor)
        what = "is a directory" if stat.S_ISDIR(kind) else "is not a regular file"
        raise ConfigError(f"{what}, expected a YAML file", where=str(path), path=path)
    try:
        with open(descriptor, encoding="utf-8") as stream:  # noqa: PTH123 (a descriptor)
            text = stream.read(MAX_TEXT_CHARS + 1)
    except UnicodeDecodeError as error:
        raise ConfigSyntaxError(
            f"not UTF-8 text ({error.reason})", where=str(path), path=path
        ) from None
    except OSError as error:
        raise ConfigError(
            f"cannot read: {error.strerror or error}", where=str(path), path=path
        ) from None
    if len(text) > MAX_TEXT_CHARS:
        raise _too_large(str(path), path)
    return text


def parse_value(text: str, where: str = "value") -> Any:
    """A ``-c`` value as plain data: YAML in a single line, flow style allowed.

    ruamel's YAMLError is left to the caller (which may take the text as a string);
    a value that expands too far is a :class:`ConfigSyntaxError` led by ``where``.
    """
    from ruamel.yaml import YAML  # lazy: startup

    if len(text) > MAX_TEXT_CHARS:
        raise _too_large(where, None)
    try:
        data = _load(YAML(typ="safe", pure=True), text, where, None)
        _check_aliases(data, where, None)
        return _plain(data, (), {})
    except RecursionError:
        raise _too_deep(where, None) from None


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


def _check_aliases(document: Any, where: str, path: Path | None) -> None:
    """Refuse a document whose aliases expand too far, or that contains itself.

    Each node is sized once (a shared node keeps its size), so this takes time in
    proportion to the text, not to what the aliases would expand to.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    added = 0

    def size(node: Any) -> int:
        nonlocal added
        key = id(node)
        if key in sizes:  # reached a second time: through an alias
            added += sizes[key]
            if added > MAX_ALIAS_NODES:
                raise ConfigSyntaxError(
                    f"aliases (*name) expand to more than {MAX_ALIAS_NODES} extra values; "
                    "refusing to read it",
                    where=where,
                    path=path,
                    hint="write the values out instead of repeating them through aliases",
                )
            return sizes[key]
        if isinstance(node, dict):
            children: list[Any] = [item for pair in node.items() for item in pair]
        elif isinstance(node, list | tuple):
            children = list(node)
        elif isinstance(node, str) and len(node) > _CHARS_PER_NODE:
            sizes[key] = 1 + len(node) // _CHARS_PER_NODE
            return sizes[key]
        else:
            return 1
        if key in open_nodes:
            raise ConfigSyntaxError(
                "an alias (*name) refers to a value that contains it", where=where, path=path
            )
        open_nodes.add(key)
        total = 1 + sum(size(child) for child in children)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    size(document)


def _check_flow_depth(text: str, where: str, path: Path | None) -> None:
    """Refuse text whose brackets nest deeper than :data:`MAX_FLOW_DEPTH`, in linear time.

    Brackets inside quoted strings count too: a config value with 200 unclosed ``[`` in
    a string is not worth the scanner's quadratic time either.
    """
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return
    depth = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                raise _too_deep(where, path)
        elif char in "]}" and depth:
            depth -= 1


def _load(yaml: Any, text: str, where: str, path: Path | None) -> Any:
    """``yaml.load(text)``, with ruamel's plain exceptions made a :class:`ConfigSyntaxError`.

    ruamel reports malformed YAML as a YAMLError (left to the caller), but its
    constructors fail with ordinary exceptions on some documents that parse: a tag it
    cannot apply (``!!int x``, ``!!omap`` on a key), a list or mapping as a mapping key
    (``? [[a]]``), a mapping merged into itself (``a: &a {<<: *a}``).
    """
    from ruamel.yaml.error import YAMLFutureWarning, YAMLWarning  # lazy: startup

    _check_flow_depth(text, where, path)
    try:
        with warnings.catch_warnings():
            # ruamel warns of valid YAML (an anchor defined again, 1e3 as a YAML 1.1 float)
            # through Python warnings, which the user would see as its file and source line.
            warnings.simplefilter("ignore", YAMLWarning)
            warnings.simplefilter("ignore", YAMLFutureWarning)
            return yaml.load(text)
    except (TypeError, ValueError, AttributeError, AssertionError, KeyError, IndexError) as error:
        detail = str(error).strip() or type(error).__name__
        raise ConfigSyntaxError(
            f"invalid YAML: cannot build a value ({detail})",
            where=where,
            path=path,
            hint="look for explicit tags (!!int, !!omap), complex keys ('? ') and merges ('<<')",
        ) from None


def _too_large(where: str, path: Path | None) -> ConfigSyntaxError:
    return ConfigSyntaxError(
        f"longer than {MAX_TEXT_CHARS // (1024 * 1024)} MiB; refusing to read it as YAML",
        where=where,
        path=path,
    )


def _too_deep(where: str, path: Path | None) -> ConfigSyntaxError:
    return ConfigSyntaxError("values are nested too deeply", where=where, path=path)


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
