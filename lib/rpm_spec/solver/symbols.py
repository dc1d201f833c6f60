"""clingo symbols → plain Python values, read from their text.

A model of a big DAG shows thousands of atoms; walking each through clingo's
per-argument accessors (several cffi calls per argument) cost a solve more than
reading the one string clingo prints for it. Strings become ``str``, numbers ``int``,
a function term ``("name", *arguments)`` and a tuple a ``tuple``.
"""

from __future__ import annotations

import re
from typing import Any

#: One token of a symbol's text: a string literal (with its quotes), a number, a name
#: (with the ``(`` that opens its arguments, if any), ``(``, ``)``, or anything else
#: but a comma or a space (which this reader does not know: the caller falls back).
_TOKENS = re.compile(
    r'("(?:[^"\\]|\\.)*")|(-?\d+)|([_a-z][A-Za-z0-9_\']*)(\(?)|(\()|(\))|([^\s,])'
)
_ESCAPE = re.compile(r"\\(.)")


def _unescape(match: re.Match[str]) -> str:
    return "\n" if match.group(1) == "n" else match.group(1)


def from_text(text: str) -> Any:
    """The value of a symbol printed as ``text`` (clingo's ``str(symbol)``).

    Raises ValueError for what it does not read (``#inf``, ``#sup``, ``-f(x)``)."""
    stack: list[list[Any]] = []
    current: list[Any] = []
    for string, number, name, call, opening, closing, _other in _TOKENS.findall(text):
        if string:
            value = string[1:-1]
            current.append(_ESCAPE.sub(_unescape, value) if "\\" in value else value)
        elif number:
            current.append(int(number))
        elif name:
            if call:
                stack.append(current)
                current = [name]
            else:
                current.append((name,))
        elif opening:
            stack.append(current)
            current = []
        elif closing and stack:
            done = tuple(current)
            current = stack.pop()
            current.append(done)
        else:
            raise ValueError(f"cannot read clingo symbol {text!r}")
    if stack or len(current) != 1:
        raise ValueError(f"cannot read clingo symbol {text!r}")
    return current[0]


def by_accessors(symbol: Any) -> Any:
    """The same value through clingo's accessors (any symbol; slow)."""
    import clingo  # lazy: startup

    kind = symbol.type
    if kind == clingo.SymbolType.String:
        return symbol.string
    if kind == clingo.SymbolType.Number:
        return symbol.number
    if kind != clingo.SymbolType.Function:
        return str(symbol)
    if symbol.name == "":
        return tuple(by_accessors(a) for a in symbol.arguments)
    return (symbol.name, *(by_accessors(a) for a in symbol.arguments))


def to_python(symbol: Any) -> Any:
    """A shown atom as a plain value: read from its text, else through the accessors."""
    try:
        return from_text(str(symbol))
    except ValueError:
        return by_accessors(symbol)
