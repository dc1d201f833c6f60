"""Parse spec text into :class:`AbstractSpec` roots (recursive descent over the lexer).

Grammar (whitespace separates tokens; see :mod:`rpm_spec.spec.lexer` for spellings)::

    specs      := root*
    root       := [name] attribute* dependency*
    dependency := '^' ['[' edge_attr+ ']'] name attribute*
    attribute  := '@' versions | ('+' | '~' | '-' | '++' | '~~') variant
                | key ('=' | '==' | ':=') value | '%' name ['@' versions] | '/' hash
    edge_attr  := 'virtuals=' names | 'deptypes=' types

A name starts a new root unless it follows ``^`` or ``%``, so ``zlib hdf5+mpi
^openmpi`` is two roots and attributes apply to the node named last (``^openmpi@5``).
A root may have no name (``+mpi``, ``@1.2:``, ``^mpi``): recipes use those in ``when=``.

Special keys: ``platform=``, ``os=``, ``target=`` (a name, range or list, kept as
text), ``arch=platform-os-target`` (sets all three), the compiler flag kinds (the value
is split at whitespace), and ``virtuals=``/``deptypes=`` only inside ``^[...]``. Every
other key is a variant. Each attribute may be given once per node: ``zlib@1.2@1.3`` is
an error (write ``@1.2,1.3`` or a range) rather than a silent intersection, because a
repeated attribute is far more often a typo than a wish. Variants and compiler flags
propagate to dependencies with ``==`` (``cflags==-g``); ``:=`` is for variants only
(``cuda_arch:=80``: exactly these values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, NoReturn

from rpm_spec.spec.abstract import DEPENDENCY_TYPES, AbstractSpec, DependencyEdge
from rpm_spec.spec.compiler_constraint import CompilerConstraint
from rpm_spec.spec.errors import InvalidVariantError, InvalidVersionError, SpecSyntaxError
from rpm_spec.spec.lexer import (
    ARCH_KEYS,
    COMPILER_FLAG_KINDS,
    EDGE_KEYS,
    EXPECTED_SPEC_PART,
    NAME_PATTERN,
    Token,
    TokenKind,
    tokenize,
)
from rpm_spec.spec.target_range import target_syntax_error
from rpm_spec.spec.variant import VariantValue
from rpm_spec.spec.version_constraint import parse_version_constraint

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rpm_spec.spec.version_constraint import VersionConstraint

_NAME: Final = re.compile(NAME_PATTERN)
_OS_OR_PLATFORM: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_ARG_KEY_VALUE: Final = re.compile(rf"({NAME_PATTERN})(==?)(.*)", re.DOTALL)
_ATTRIBUTES: Final = (
    TokenKind.VERSION,
    TokenKind.BOOL_VARIANT,
    TokenKind.KEY_VALUE,
    TokenKind.COMPILER,
    TokenKind.HASH,
)


@dataclass
class _Node:
    """A spec being built, with the token that set each attribute (for repeats)."""

    spec: AbstractSpec
    start: int
    seen: dict[str, Token] = field(default_factory=dict)
    dependencies: dict[str, Token] = field(default_factory=dict)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.roots: list[_Node] = []
        self.root: _Node | None = None
        self.node: _Node | None = None

    # -- tokens and errors -------------------------------------------------------------

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        if token.kind is not TokenKind.END:
            self.index += 1
        return token

    def source(self, token: Token) -> str:
        return self.text[token.start : token.end]

    def unexpected(self, token: Token) -> str:
        if token.kind is TokenKind.END:
            return "unexpected end of spec"
        return f"unexpected {self.source(token)!r} in spec"

    def fail(
        self,
        token: Token,
        problem: str,
        expected: str,
        *,
        position: int | None = None,
        length: int | None = None,
        hint: str | None = None,
    ) -> NoReturn:
        start = token.start if position is None else position
        width = token.end - start if length is None else length
        raise SpecSyntaxError(self.text, start, problem, expected, length=width, hint=hint)

    def fail_value(self, token: Token, expected: str, hint: str | None = None) -> NoReturn:
        """Fail pointing at the value of a ``key=value`` token."""
        self.fail(
            token,
            f"bad value for '{token.key}' in spec",
            expected,
            position=token.value_at,
            length=len(token.value),
            hint=hint,
        )

    # -- structure ---------------------------------------------------------------------

    def parse(self) -> list[_Node]:
        while (token := self.peek()).kind is not TokenKind.END:
            if token.kind is TokenKind.NAME:
                self.take()
                self.start_root(token)
            elif token.kind is TokenKind.DEPENDENCY:
                self.take()
                self.parse_dependency(token)
            elif token.kind in _ATTRIBUTES:
                if self.node is None:
                    self.start_root(None, at=token.start)
                assert self.node is not None
                self.parse_attribute(self.node)
            else:
                self.fail(token, self.unexpected(token), EXPECTED_SPEC_PART)
        return self.roots

    def named_spec(self, token: Token) -> AbstractSpec:
        namespace, _, name = token.value.rpartition(".")
        return AbstractSpec(name, namespace=namespace or None)

    def start_root(self, name: Token | None, *, at: int = 0) -> None:
        spec = AbstractSpec() if name is None else self.named_spec(name)
        self.root = self.node = _Node(spec, at if name is None else name.start)
        self.roots.append(self.root)

    def parse_dependency(self, caret: Token) -> None:
        if self.root is None:
            self.start_root(None, at=caret.start)
        assert self.root is not None
        virtuals: tuple[str, ...] = ()
        deptypes: tuple[str, ...] = ()
        if self.peek().kind is TokenKind.OPEN_BRACKET:
            virtuals, deptypes = self.parse_edge_attributes(self.take())
        name = self.take()
        if name.kind is TokenKind.HASH:
            self.fail(
                name,
                self.unexpected(name),
                "expected a package name after '^'",
                hint=f"name the installed dependency too: ^NAME/{name.value}",
            )
        if name.kind is not TokenKind.NAME:
            self.fail(name, self.unexpected(name), "expected a package name after '^'")
        spec = self.named_spec(name)
        assert spec.name is not None
        if spec.name in self.root.dependencies:
            self.fail(
                name,
                f"dependency '{spec.name}' given twice in spec",
                f"give each ^dependency once per spec, with all its constraints after one"
                f" ^{spec.name}",
            )
        self.root.dependencies[spec.name] = name
        # Names were checked to be unique, so the edge is appended, not merged.
        self.root.spec.dependencies.append(DependencyEdge(spec, virtuals, deptypes))
        self.node = _Node(spec, name.start)

    def parse_edge_attributes(self, bracket: Token) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        expected = "expected virtuals=NAMES or deptypes=TYPES inside '^[...]'"
        while (token := self.take()).kind is not TokenKind.CLOSE_BRACKET:
            if token.kind is TokenKind.END:
                self.fail(token, self.unexpected(token), "expected ']' to close '^['")
            if token.kind is not TokenKind.KEY_VALUE or token.key not in EDGE_KEYS:
                self.fail(token, self.unexpected(token), expected)
            if token.propagate:
                self.fail(token, self.unexpected(token), f"expected '{token.key}=', not '=='")
            if token.key in found:
                self.fail(token, f"'{token.key}' given twice in spec", expected)
            values = tuple(token.value.split(","))
            if token.key == "virtuals" and not all(_NAME.fullmatch(value) for value in values):
                self.fail_value(token, "expected a comma list of virtual package names")
            if token.key == "deptypes" and not set(values) <= set(DEPENDENCY_TYPES):
                self.fail_value(token, f"expected a comma list of {', '.join(DEPENDENCY_TYPES)}")
            found[token.key] = values
        if not found:
            self.fail(bracket, "empty '^[]' in spec", expected, length=token.end - bracket.start)
        return found.get("virtuals", ()), found.get("deptypes", ())

    # -- attributes of one node ----------------------------------------------------------

    def claim(self, node: _Node, attribute: str, token: Token, expected: str) -> None:
        """Record that ``token`` sets ``attribute``; fail if something set it before."""
        if attribute in node.seen:
            self.fail(token, f"{attribute} given twice in spec", expected)
        node.seen[attribute] = token

    def parse_attribute(self, node: _Node) -> None:
        token = self.take()
        spec = node.spec
        if token.kind is TokenKind.VERSION:
            self.claim(
                node, "version", token, "give one '@' per package, with a list or range in it"
            )
            spec.versions = self.versions(token, token.start + 1)
        elif token.kind is TokenKind.BOOL_VARIANT:
            self.claim(node, f"variant '{token.key}'", token, "give each variant once per package")
            spec.variants[token.key] = VariantValue.boolean(
                token.key, token.value == "true", propagate=token.propagate
            )
        elif token.kind is TokenKind.KEY_VALUE:
            self.parse_key_value(node, token)
        elif token.kind is TokenKind.COMPILER:
            self.parse_compiler(node, token)
        else:
            self.claim(node, "hash", token, "give one '/hash' per package")
            spec.abstract_hash = token.value

    def versions(self, token: Token, at: int) -> VersionConstraint:
        text = self.text[at : token.end]
        try:
            return parse_version_constraint(text)
        except InvalidVersionError as error:
            offset = max(text.find(error.text), 0) if error.text else 0
            self.fail(
                token,
                f"bad version {text!r} in spec",
                f"{error.reason}; expected a version such as 1.2, =1.2, 1.2:1.4 or 1.2:",
                position=at + offset,
                length=len(error.text) or 1,
            )

    def parse_compiler(self, node: _Node, percent: Token) -> None:
        name = self.take()
        if name.kind is not TokenKind.NAME or "." in name.value:
            self.fail(name, self.unexpected(name), "expected a compiler name after '%'")
        self.claim(node, "compiler", percent, "give one '%compiler' per package")
        versions = None
        after = self.peek()
        if after.kind is TokenKind.VERSION and not after.spaced:
            versions = self.versions(self.take(), after.start + 1)
        node.spec.compiler = (
            CompilerConstraint(name.value)
            if versions is None
            else CompilerConstraint(name.value, versions)
        )

    def parse_key_value(self, node: _Node, token: Token) -> None:
        key, value, spec = token.key, token.value, node.spec
        if key in EDGE_KEYS:
            self.fail(token, self.unexpected(token), f"{key}= goes inside '^[...]' before a name")
        special = key in ARCH_KEYS or key in COMPILER_FLAG_KINDS
        if key in ARCH_KEYS and token.propagate:
            self.fail(
                token,
                f"unexpected '{key}==' in spec",
                f"only variants and compiler flags propagate with '=='; expected '{key}='",
            )
        if special and token.exact:
            self.fail(
                token,
                f"unexpected '{key}:=' in spec",
                f"':=' (exactly these values) is for multi-valued variants; expected '{key}='",
            )
        if key == "arch":
            parts = value.split("-")
            if len(parts) != 3 or not all(parts):
                self.fail_value(token, "expected arch=PLATFORM-OS-TARGET, e.g. linux-rhel9-zen3")
            self.set_platform_os(node, token, "platform", parts[0])
            self.set_platform_os(node, token, "os", parts[1])
            self.set_target(node, token, parts[2])
        elif key in ("platform", "os"):
            self.set_platform_os(node, token, key, value)
        elif key == "target":
            self.set_target(node, token, value)
        elif key in COMPILER_FLAG_KINDS:
            self.claim(node, key, token, f'give all the flags in one quoted value: {key}="..."')
            flags = tuple(value.split())
            if not flags:
                self.fail_value(token, "expected at least one flag")
            spec.compiler_flags[key] = flags
            if token.propagate:
                spec.propagated_flags = spec.propagated_flags | {key}
        else:
            self.claim(node, f"variant '{key}'", token, "give each variant once per package")
            try:
                variant = VariantValue.from_text(
                    key, value, propagate=token.propagate, exact=token.exact
                )
            except InvalidVariantError as error:
                self.fail_value(token, f"expected a comma list of values: {error.reason}")
            spec.variants[key] = variant

    def set_platform_os(self, node: _Node, token: Token, key: str, value: str) -> None:
        self.claim(node, key, token, f"give {key}= once per package (arch= sets it too)")
        if not _OS_OR_PLATFORM.fullmatch(value):
            self.fail_value(token, f"expected a {key} name, e.g. linux or rhel9")
        if key == "platform":
            node.spec.platform = value
        else:
            node.spec.os = value

    def set_target(self, node: _Node, token: Token, value: str) -> None:
        self.claim(node, "target", token, "give target= once per package (arch= sets it too)")
        reason = target_syntax_error(value)
        if reason is not None:
            self.fail_value(token, f"{reason}; expected e.g. zen3, zen2:, :zen4 or zen2,zen3")
        node.spec.target = value


def parse_specs(text: str) -> list[AbstractSpec]:
    """Every root spec in ``text`` (none for blank text).

    Raises :class:`SpecSyntaxError`, whose message shows the text with a caret under
    the problem and what was expected there.
    """
    return [node.spec for node in _Parser(text).parse()]


def parse_spec(text: str) -> AbstractSpec:
    """The one spec in ``text``; blank text is the empty (anonymous) spec.

    Raises :class:`SpecSyntaxError` for text that does not parse or holds more than one
    root spec.
    """
    parser = _Parser(text)
    roots = parser.parse()
    if not roots:
        return AbstractSpec()
    if len(roots) > 1:
        second = roots[1]
        first_token = next(token for token in parser.tokens if token.start == second.start)
        raise SpecSyntaxError(
            text,
            second.start,
            f"expected one spec, found {len(roots)}",
            "a package name after a complete spec starts another spec; write ^name to make"
            " it a dependency",
            length=first_token.end - first_token.start,
        )
    return roots[0].spec


def spec_text_from_args(args: Sequence[str]) -> str:
    """Join command-line arguments into spec text, as a shell user means them.

    An argument like ``cflags=-O3 -g`` (quoted in the shell, so one argument) has its
    value quoted again, so that ``-g`` stays a flag instead of becoming ``~g``.
    """
    words = []
    for arg in args:
        match = _ARG_KEY_VALUE.fullmatch(arg)
        value = match.group(3) if match else ""
        if match and any(char.isspace() for char in value) and not value.startswith(("'", '"')):
            quote_char = "'" if '"' in value else '"'
            arg = f"{match.group(1)}{match.group(2)}{quote_char}{value}{quote_char}"
        words.append(arg)
    return " ".join(words)
