"""Split spec text into tokens, each with its place in the text for error carets.

The lexer knows the spelling of every token and nothing of what they mean together;
that is the parser's job. Whitespace only separates tokens, with two uses for the
parser: ``-name`` turns a variant off only at the start or after whitespace (inside
a name, version or value ``-`` is an ordinary character: ``py-torch``, ``@1.2-rc1``),
and ``%gcc@12`` gives the version to the compiler only when ``@`` touches the name.

The operators of ``key=value`` are ``=``, ``==`` (propagate to dependencies) and
``:=`` (exactly these values, for multi-valued variants). Values after the operator are
either quoted (``'...'`` or ``"..."``, no escapes) or run until whitespace or one of
``@ % ^ [ ] ' "``, so ``cuda_arch=80,90``, ``target=zen2:`` and ``languages=c,c++``
need no quotes and ``target=zen3^mpi`` is two tokens.
"""

from __future__ import annotations

import enum
import re
from typing import Final, NamedTuple, NoReturn

from rpm_spec.spec.errors import SpecSyntaxError

#: A package, variant or compiler name: ``hdf5``, ``py-torch``, ``cuda_arch``, ``3dfx``.
NAME_PATTERN: Final = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
_NAME: Final = re.compile(NAME_PATTERN)
#: A possibly namespaced package name: ``builtin.hdf5``, ``my.repo.zlib``.
_DOTTED_NAME: Final = re.compile(rf"{NAME_PATTERN}(?:\.{NAME_PATTERN})*")
#: What may follow ``@``; the version module decides whether it is well formed.
_VERSION_TEXT: Final = re.compile(r"[A-Za-z0-9_.:,=-]+")
_HASH_TEXT: Final = re.compile(r"[A-Za-z0-9]+")
#: An unquoted value: no whitespace, quotes or token starters, and not starting with '='.
_UNQUOTED_VALUE: Final = re.compile(r"""[^\s'"@%^\[\]=][^\s'"@%^\[\]]*""")
_WHITESPACE: Final = re.compile(r"(?P<blank>\s+)")
#: Lone surrogates: how Python decodes command-line bytes that are not UTF-8. Let into a
#: spec they would fail every later write of it (terminal, manifest, lock) as UTF-8.
_NOT_TEXT: Final = re.compile("[\ud800-\udfff]")
#: Every well-formed token in one pattern: the fast path. Text it does not take (and the
#: cases ``run`` hands over) goes to the careful per-character path, which also reports
#: the errors, so both paths agree on what is a token.
_FAST_TOKEN: Final = re.compile(
    rf"""(?P<blank>\s+)
    |(?P<single>[\^%\[\]])
    |@(?P<version>{_VERSION_TEXT.pattern})
    |/(?P<hash>{_HASH_TEXT.pattern})
    |(?P<sigil>\+\+|~~|[+~-])(?P<variant>{NAME_PATTERN})
    |(?P<key>{NAME_PATTERN})(?P<operator>==?|:=)
        (?:(?P<quote>['"])(?P<quoted>.*?)(?P=quote)|(?P<value>{_UNQUOTED_VALUE.pattern}))
    |(?P<name>{_DOTTED_NAME.pattern})""",
    re.VERBOSE | re.DOTALL,
)

#: Keys of ``key=value`` that are not variants: they set compiler flags (the value is
#: split at whitespace, printed in this order), the architecture, or an edge (``^[...]``).
COMPILER_FLAG_KINDS: Final = ("cppflags", "cflags", "cxxflags", "fflags", "ldflags", "ldlibs")
ARCH_KEYS: Final = ("platform", "os", "target", "arch")
EDGE_KEYS: Final = ("virtuals", "deptypes")
RESERVED_KEYS: Final = frozenset((*COMPILER_FLAG_KINDS, *ARCH_KEYS, *EDGE_KEYS))

#: What may come next anywhere in a spec, for error messages.
EXPECTED_SPEC_PART: Final = (
    "expected a package name, '@version', '+variant', 'key=value', '%compiler', '/hash'"
    " or '^dependency'"
)


class TokenKind(enum.Enum):
    """What a token is; the payload fields of :class:`Token` depend on it."""

    NAME = "a package name"  # value: the (dotted) name
    VERSION = "'@version'"  # value: the constraint text after '@'
    BOOL_VARIANT = "'+variant'"  # key: variant name, value: "true"/"false"
    KEY_VALUE = "'key=value'"  # key, value (quotes removed), propagate for '==', exact for ':='
    COMPILER = "'%'"
    HASH = "'/hash'"  # value: the hash text
    DEPENDENCY = "'^'"
    OPEN_BRACKET = "'['"
    CLOSE_BRACKET = "']'"
    END = "the end of the spec"


class Token(NamedTuple):
    """One token: its kind, its span ``[start, end)`` in the text, and its payload.

    A NamedTuple rather than a dataclass because a parse makes many and they are
    cheaper to build.
    """

    kind: TokenKind
    start: int
    end: int
    value: str = ""
    key: str = ""
    propagate: bool = False
    #: Whether whitespace (or the start of the text) comes right before the token.
    spaced: bool = False
    #: Where the value starts in the text (after any opening quote), for KEY_VALUE.
    value_at: int = 0
    #: ``key:=value``: exactly these values (KEY_VALUE only).
    exact: bool = False


def needs_quotes(value: str) -> bool:
    """Whether ``value`` must be quoted to lex back as the single value it is."""
    return _UNQUOTED_VALUE.fullmatch(value) is None


def quote(value: str) -> str:
    """``value`` as it must be written after ``key=``: bare when it can be, else quoted.

    Raises ValueError for a value holding both kinds of quote, which no spec can hold.
    """
    if not needs_quotes(value):
        return value
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    raise ValueError(f"a spec value cannot hold both kinds of quote: {value!r}")


_SINGLE: Final = {
    "^": TokenKind.DEPENDENCY,
    "%": TokenKind.COMPILER,
    "[": TokenKind.OPEN_BRACKET,
    "]": TokenKind.CLOSE_BRACKET,
}


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tokens: list[Token] = []

    def error(self, position: int, problem: str, expected: str, length: int = 1) -> NoReturn:
        raise SpecSyntaxError(self.text, position, problem, expected, length=length)

    def found(self, position: int) -> str:
        """How the user sees the character at ``position``."""
        if position >= len(self.text):
            return "unexpected end of spec"
        char = self.text[position]
        return (
            "unexpected whitespace in spec" if char.isspace() else f"unexpected {char!r} in spec"
        )

    def run(self, *, fast: bool = True) -> list[Token]:
        """All the tokens; ``fast=False`` takes the careful path only (for tests)."""
        text = self.text
        not_text = _NOT_TEXT.search(text)
        if not_text is not None:
            code = ord(not_text[0])
            what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
            self.error(not_text.start(), f"{what} in spec is not UTF-8 text", "specs are text")
        pattern = _FAST_TOKEN if fast else _WHITESPACE
        spaced = True
        while self.pos < len(text):
            match = pattern.match(text, self.pos)
            if match is not None and match.lastgroup == "blank":
                self.pos = match.end()
                spaced = True
                continue
            if match is None or not self.lex_fast(match, spaced):
                self.lex_one(spaced)
            spaced = False
        self.tokens.append(Token(TokenKind.END, len(text), len(text), spaced=spaced))
        return self.tokens

    def lex_fast(self, match: re.Match[str], spaced: bool) -> bool:
        """Emit the token ``match`` found; False when it needs the careful path."""
        group, end = match.lastgroup, match.end()
        if group == "single":
            self.emit(_SINGLE[match[group]], end, spaced)
        elif group == "version":
            self.emit(TokenKind.VERSION, end, spaced, value=match[group])
        elif group == "hash":
            self.emit(TokenKind.HASH, end, spaced, value=match[group])
        elif group == "variant":
            sigil = match["sigil"]
            if sigil == "-" and not spaced:
                return False
            value = "true" if sigil[0] == "+" else "false"
            propagate = len(sigil) == 2
            self.emit(
                TokenKind.BOOL_VARIANT,
                end,
                spaced,
                key=match[group],
                value=value,
                propagate=propagate,
            )
        elif group in ("quoted", "value"):
            self.emit(
                TokenKind.KEY_VALUE,
                end,
                spaced,
                key=match["key"],
                value=match[group],
                propagate=match["operator"] == "==",
                value_at=match.start(group),
                exact=match["operator"] == ":=",
            )
        elif group == "name" and not self.text.startswith(("=", ":="), end):
            self.emit(TokenKind.NAME, end, spaced, value=match[group])
        else:
            return False
        return True

    def lex_one(self, spaced: bool) -> None:
        text, start = self.text, self.pos
        char = text[start]
        if char in _SINGLE:
            self.emit(_SINGLE[char], start + 1, spaced)
        elif char == "@":
            match = _VERSION_TEXT.match(text, start + 1)
            if match is None:
                self.error(start + 1, self.found(start + 1), "expected a version after '@'")
            self.emit(TokenKind.VERSION, match.end(), spaced, value=match.group())
        elif char == "/":
            match = _HASH_TEXT.match(text, start + 1)
            if match is None:
                self.error(start + 1, self.found(start + 1), "expected a hash after '/'")
            self.emit(TokenKind.HASH, match.end(), spaced, value=match.group())
        elif char in "+~" or (char == "-" and spaced):
            self.lex_bool_variant(char, spaced)
        elif char == "-":
            raise SpecSyntaxError(
                text,
                start,
                self.found(start),
                "expected whitespace before '-variant', which turns a variant off",
                hint="write ~variant, which needs no whitespace before it",
            )
        else:
            self.lex_name_or_key_value(spaced)

    def lex_bool_variant(self, char: str, spaced: bool) -> None:
        text, start = self.text, self.pos
        propagate = char != "-" and text.startswith(char * 2, start)
        name_at = start + (2 if propagate else 1)
        match = _NAME.match(text, name_at)
        if match is None:
            sigil = text[start:name_at]
            self.error(name_at, self.found(name_at), f"expected a variant name after {sigil!r}")
        self.emit(
            TokenKind.BOOL_VARIANT,
            match.end(),
            spaced,
            key=match.group(),
            value="true" if char == "+" else "false",
            propagate=propagate,
        )

    def lex_name_or_key_value(self, spaced: bool) -> None:
        text, start = self.text, self.pos
        match = _DOTTED_NAME.match(text, start)
        if match is None:
            self.error(
                start,
                self.found(start),
                EXPECTED_SPEC_PART,
            )
        name_end = match.end()
        exact = text.startswith(":=", name_end)
        if not exact and not text.startswith("=", name_end):
            self.emit(TokenKind.NAME, name_end, spaced, value=match.group())
            return
        key = match.group()
        if "." in key:
            self.error(
                start, f"unexpected {key!r} in spec", "a key before '=' has no '.'", len(key)
            )
        propagate = text.startswith("==", name_end)
        value_at = name_end + (2 if propagate or exact else 1)
        value, end = self.lex_value(key, text[name_end:value_at], value_at)
        quoted = end - value_at != len(value)
        self.emit(
            TokenKind.KEY_VALUE,
            end,
            spaced,
            key=key,
            value=value,
            propagate=propagate,
            value_at=value_at + quoted,
            exact=exact,
        )

    def lex_value(self, key: str, operator: str, start: int) -> tuple[str, int]:
        """The value starting at ``start`` (quotes removed) and where it ends."""
        text = self.text
        if start < len(text) and text[start] in "'\"":
            closing = text.find(text[start], start + 1)
            if closing < 0:
                self.error(
                    start,
                    "unterminated quote in spec",
                    f"expected a closing {text[start]} for the value of '{key}'",
                    len(text) - start,
                )
            return text[start + 1 : closing], closing + 1
        match = _UNQUOTED_VALUE.match(text, start)
        if match is None:
            self.error(start, self.found(start), f"expected a value after '{key}{operator}'")
        return match.group(), match.end()

    def emit(
        self,
        kind: TokenKind,
        end: int,
        spaced: bool,
        *,
        value: str = "",
        key: str = "",
        propagate: bool = False,
        value_at: int = 0,
        exact: bool = False,
    ) -> None:
        self.tokens.append(
            Token(kind, self.pos, end, value, key, propagate, spaced, value_at, exact)
        )
        self.pos = end


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with one ``END`` token.

    Raises :class:`SpecSyntaxError` at the first character that starts no token, an
    unterminated quote, or a sigil (``@ / + ~ key=``) with nothing valid after it.
    """
    return _Lexer(text).run()
