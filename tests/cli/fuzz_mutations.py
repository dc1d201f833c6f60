"""Hypothesis strategies that turn valid inputs into plausible broken ones.

Fuzzing from random bytes mostly tests the first line of a parser. These
strategies start from valid seeds (specs, manifests, config files) and apply a
few edits a user, a bad merge or a broken disk could make, so most examples get
deep into the CLI before something is wrong:

- text edits: delete, duplicate or move a span, insert a token of the grammar
  (spec sigils, YAML indicators, huge numbers, odd whitespace), swap two tokens;
- YAML edits on the parsed document: change the type of a value, insert unknown
  or misspelt keys, drop keys, share a subtree (dumped as an anchor and aliases),
  nest deeply, then dump it again (and maybe apply text edits to that);
- byte edits on files: invalid UTF-8, NUL, a byte order mark, UTF-16, truncation;
- ``-c PATH:VALUE`` arguments: a seed's key path and value in flow style, edited.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from hypothesis import strategies as st
from ruamel.yaml import YAML

#: Tokens of the spec grammar and values that parsers and solvers find awkward.
SPEC_TOKENS = [
    "@", "@:", "@1.2:1.4", "@=1.3", ":", ",", "+", "~", "-", "^", "%", "%gcc@12.2.0",
    "=", "==", "target=", "os=", "platform=", "arch=", "cflags=", "cuda_arch=90", "+cuda",
    "[virtuals=mpi]", "[", "]", "[virtuals=]", "/", "/abcdef", '"', "'", "\\", " ", "\t",
    "mpileaks", "mpi", "zlib", "shared", "^zlib", "target=zen3:", "target=:", "dev_path=/x",
    "99999999999999999999999999", "0", "-1", "1e999", "1.2.3.4.5.6.7.8.9", "x" * 300,
    "é", "∞", "\udcff", "$HOME", "*", "!", "#",
]  # fmt: skip

#: YAML syntax and scalars that change meaning (tags, anchors, merge keys, timestamps).
YAML_TOKENS = [
    ":", ": ", "- ", "-", "? ", "{", "}", "[", "]", ",", "|", ">", "'", '"', "#", "&a ", "*a",
    "<<: *a", "!!python/object:os.system", "!!binary ", "!!set ", "!!omap ", "!!int ",
    "!!str ", "!custom ", "---\n", "...\n", "%YAML 1.1\n", "\t", "\n", "\n  ", "    ", "::",
    "~", "null", "yes", "no", "on", "0x1F", "0o17", "1e400", ".inf", "-.nan", "2001-12-14",
    "2001-12-14t21:59:43.10-05:00", "99999999999999999999999999", "-1", "''", "$user_dir",
    "$tempdir", "${NO_SUCH_VAR}", "~nosuchuser/x", "/", "..", "\\", "\u2028", "\x85", "é",
    "{prefix}", "{name", "%gcc", "@", "^", "+mpi", "? [", "<<: ", "&b ", "*b", "!!omap ",
    "!!pairs ", "!!float ", "!!bool ", "!!null ", "!!seq ", "!!map ", "!!timestamp ",
]  # fmt: skip

#: Replacement values of every YAML type, small and pathological.
SCALARS: list[Any] = [
    0, 1, -1, 10**40, -(10**40), 1.5, float("inf"), float("nan"), True, False, None, "",
    "x", "yes", "@1:", "+shared", "zlib@1.3", "$user_dir", "/", "x" * 2000,
]  # fmt: skip

BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3", b"\xc3\x28", b"\xed\xa0\x80", b"\x00", b"\x1b[31m"]


#: A ``key: value`` line of a block mapping, and a top-level ``key:`` line.
VALUE_LINE = re.compile(r"^( *)([\w.+-]+): +(?![&*|>]).*\S.*$")
TOP_LINE = re.compile(r"^[\w-]+::?\s*$")


def _position(draw: st.DrawFn, text: str) -> int:
    return draw(st.integers(0, len(text)))


def _span(draw: st.DrawFn, text: str) -> tuple[int, int]:
    start = _position(draw, text)
    return start, min(len(text), start + draw(st.integers(1, 12)))


@st.composite
def text_edit(draw: st.DrawFn, text: str, tokens: list[str]) -> str:
    """``text`` with one edit: delete, duplicate, move, insert, replace or swap."""
    kind = draw(
        st.sampled_from(["delete", "duplicate", "move", "insert", "char", "swap", "repeat"])
    )
    if kind == "delete":
        start, end = _span(draw, text)
        return text[:start] + text[end:]
    if kind == "duplicate":
        start, end = _span(draw, text)
        return text[:end] + text[start:end] + text[end:]
    if kind == "move":
        start, end = _span(draw, text)
        rest = text[:start] + text[end:]
        at = _position(draw, rest)
        return rest[:at] + text[start:end] + rest[at:]
    if kind == "insert":
        at = _position(draw, text)
        return text[:at] + draw(st.sampled_from(tokens)) + text[at:]
    if kind == "char":
        at = _position(draw, text)
        character = draw(st.characters(codec="utf-8", exclude_categories=["Cs"]))
        return text[:at] + character + text[at + 1 :]
    if kind == "repeat":
        start, end = _span(draw, text)
        return text[:start] + text[start:end] * draw(st.integers(2, 200)) + text[end:]
    tokens_here = re.findall(r"\w+|[^\w\s]+", text)
    if len(tokens_here) < 2:
        return text
    first, second = draw(st.lists(st.sampled_from(tokens_here), min_size=2, max_size=2))
    return text.replace(first, "\0").replace(second, first).replace("\0", second)


@st.composite
def edited_text(draw: st.DrawFn, seeds: list[str], tokens: list[str], most: int = 4) -> str:
    """One of ``seeds`` after one to ``most`` text edits."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, most))):
        text = draw(text_edit(text, tokens))
    return text


# -- YAML documents ------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    return yaml


def load_yaml(text: str) -> Any:
    return _yaml().load(text)


def dump_yaml(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def _containers(data: Any, found: list[Any]) -> list[Any]:
    """Every dict and list in ``data``, outermost first (shared ones once)."""
    if isinstance(data, dict | list) and not any(data is seen for seen in found):
        found.append(data)
        for child in data.values() if isinstance(data, dict) else data:
            _containers(child, found)
    return found


def _deep(draw: st.DrawFn, leaf: Any) -> Any:
    # Kept shallow enough for the dumper; "nest" in yaml_text goes deeper as text.
    for _ in range(draw(st.integers(2, 40))):
        leaf = draw(st.sampled_from([[leaf], {"k": leaf}]))
    return leaf


@st.composite
def data_edit(draw: st.DrawFn, data: Any) -> Any:
    """``data`` (a parsed YAML document, changed in place) with one structural edit."""
    containers = _containers(data, [])
    if not containers:
        return draw(st.sampled_from([SCALARS, {"k": data}, [data]]))
    target = draw(st.sampled_from(containers))
    keys: list[Any] = list(target) if isinstance(target, dict) else list(range(len(target)))
    kind = draw(st.sampled_from(["retype", "unknown", "drop", "share", "deep", "swap", "list"]))
    if kind == "unknown" or not keys:
        name = draw(
            st.sampled_from(["unknown", "specz", "packges", "Specs", "variants ", "<<", "", "1"])
            | st.sampled_from(keys or ["x"]).map(lambda key: f"{key}s")
        )
        if isinstance(target, dict):
            target[name] = draw(st.sampled_from(SCALARS))
        else:
            target.append({name: draw(st.sampled_from(SCALARS))})
        return data
    key = draw(st.sampled_from(keys))
    if kind == "retype":
        target[key] = draw(st.sampled_from([*SCALARS, [], {}, [target[key]], {"k": 1}]))
    elif kind == "drop":
        del target[key]
    elif kind == "share":
        # The same object twice: the dumper writes an anchor and an alias.
        other = draw(st.sampled_from(containers))
        if any(inner is other for inner in _containers(target[key], [])):
            return data  # sharing it inside itself would make a cycle
        if isinstance(other, dict):
            other[draw(st.sampled_from(["shared", *other]))] = target[key]
        else:
            other.append(target[key])
    elif kind == "deep":
        target[key] = _deep(draw, target[key])
    elif kind == "swap":
        other_key = draw(st.sampled_from(keys))
        target[key], target[other_key] = target[other_key], target[key]
    else:
        target[key] = [target[key]] * draw(st.integers(0, 3))
    return data


@st.composite
def alias_fan(draw: st.DrawFn) -> str:
    """Nested aliases whose expansion stays small (a few thousand nodes at most)."""
    fan = draw(st.integers(2, 4))
    depth = draw(st.integers(1, 5))
    lines = ["a0: &a0 [x]"]
    for level in range(1, depth + 1):
        refs = ", ".join(f"*a{level - 1}" for _ in range(fan))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@st.composite
def yaml_text(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed document after structural edits, text edits, or both."""
    seed = draw(st.sampled_from(seeds))
    kind = draw(st.sampled_from(["data", "text", "both", "aliases", "nest"]))
    text = seed
    if kind in ("data", "both"):
        data = load_yaml(seed)
        for _ in range(draw(st.integers(1, 3))):
            data = draw(data_edit(data))
        text = dump_yaml(data)
    lines = text.splitlines(keepends=True)
    values = [at for at, line in enumerate(lines) if VALUE_LINE.match(line)]
    if kind == "aliases" and values:
        # Anchors under the first top-level key, then an alias in place of a value.
        top = next((at for at, line in enumerate(lines) if TOP_LINE.match(line)), -1)
        fan = draw(alias_fan())
        at = draw(st.sampled_from([at for at in values if at > top] or values))
        indent, key = VALUE_LINE.match(lines[at]).group(1, 2)  # type: ignore[union-attr]
        lines[at] = f"{indent}{key}: *a{draw(st.integers(0, fan.count('&') - 1))}\n"
        anchors = "".join(f"{'  ' if top >= 0 else ''}{line}\n" for line in fan.splitlines())
        text = "".join([*lines[: top + 1], anchors, *lines[top + 1 :]])
    if kind == "nest" and values:
        # Deeply nested flow collections in place of a value (parsers recurse on these).
        at = draw(st.sampled_from(values))
        indent, key = VALUE_LINE.match(lines[at]).group(1, 2)  # type: ignore[union-attr]
        # Past Python's recursion limit, but not by so much that ruamel's scanner, which
        # is quadratic in the depth of flow collections, makes each example take seconds.
        depth = draw(st.integers(1, 600))
        opening, closing = draw(st.sampled_from([("[", "]"), ("{k: ", "}"), ("- ", "")]))
        if opening == "- ":  # block sequences: each level indented one more step
            nested = "".join(f"\n{indent}{'  ' * level}- " for level in range(1, depth)) + "x"
        else:
            nested = opening * depth + "x" + closing * depth
        lines[at] = f"{indent}{key}: {nested}\n"
        text = "".join(lines)
    if kind in ("text", "both"):
        for _ in range(draw(st.integers(1, 3))):
            text = draw(text_edit(text, YAML_TOKENS))
    return text


@st.composite
def file_bytes(draw: st.DrawFn, seeds: list[str]) -> bytes:
    """A mutated YAML document as the bytes of a file, sometimes not valid UTF-8."""
    data = draw(yaml_text(seeds)).encode("utf-8", errors="surrogateescape")
    kind = draw(st.sampled_from(["utf-8"] * 6 + ["bad bytes", "bom", "utf-16", "truncate"]))
    if kind == "bad bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BAD_BYTES)) + data[at:]
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + data
    elif kind == "utf-16":
        data = data.decode("utf-8", errors="replace").encode("utf-16")
    elif kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    return data


def _leaves(data: Any, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Any]]:
    """Every (key path, value) below the mapping keys of ``data``."""
    found: list[tuple[tuple[str, ...], Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append(((*path, str(key)), value))
            found.extend(_leaves(value, (*path, str(key))))
    return found


@st.composite
def override_text(draw: st.DrawFn, seeds: list[str]) -> str:
    """A ``-c PATH:VALUE`` argument: a seed's key path and its value in flow style, edited."""
    data = load_yaml(draw(st.sampled_from(seeds)))
    leaves = _leaves(data, ())
    if not leaves:
        return "config:build_jobs:" + draw(edited_text(["8"], YAML_TOKENS, most=2))
    path, value = draw(st.sampled_from(leaves))
    flow = json.dumps(value, default=str)  # JSON is YAML in flow style
    if draw(st.booleans()):
        flow = draw(edited_text([flow], YAML_TOKENS, most=3))
    keys = ":".join(path)
    if draw(st.booleans()):
        keys = draw(edited_text([keys], [":", "::", "x", " ", "", "[", "*"], most=2))
    return f"{keys}:{flow}".replace("\0", "")
