"""A typed builder of ASP facts; no logic-program text is ever concatenated.

Arguments are ``str`` (a clingo string), ``int`` (a number) or a nested
:class:`Term` (a function term such as ``imposed_version(3, "zlib", "1.2:")``).
The builder keeps clingo symbols, so the driver hands them to clingo's backend
without parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from collections.abc import Iterator

Arg = Union[str, int, "Term"]


@dataclass(frozen=True, slots=True)
class Term:
    """A function term ``name(args...)``, also the shape of a fact."""

    name: str
    args: tuple[Arg, ...]

    def __str__(self) -> str:
        inner = ", ".join(_arg_text(a) for a in self.args)
        return f"{self.name}({inner})" if self.args else self.name


def _arg_text(arg: Arg) -> str:
    if type(arg) is str:
        if "\\" in arg or '"' in arg or "\n" in arg:
            arg = arg.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return '"' + arg + '"'
    return str(arg)


class FactBuilder:
    """Collects facts in order, without duplicates; also hands out fresh condition ids."""

    def __init__(self) -> None:
        self._facts: dict[Term, None] = {}
        self._next_id = 0

    def add(self, name: str, *args: Arg) -> None:
        self._facts[Term(name, args)] = None

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def __iter__(self) -> Iterator[Term]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def text(self) -> str:
        """The facts as ASP text (what clingo parses; also handy for debugging)."""
        # Facts repeat a few thousand distinct arguments (package names, versions) many
        # times over: each is escaped and quoted once.
        seen: dict[Arg, str] = {}
        parts: list[str] = []
        for term in self._facts:
            if not term.args:
                parts.append(f"{term.name}.\n")
                continue
            texts = []
            for arg in term.args:
                text = seen.get(arg)
                if text is None:
                    text = seen[arg] = _arg_text(arg)
                texts.append(text)
            parts.append(f"{term.name}({','.join(texts)}).\n")
        return "".join(parts)
