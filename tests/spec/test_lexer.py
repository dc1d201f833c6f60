"""The spec lexer: token kinds, spans, payloads, and where it reports bad text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spec_strategies import specs

from rpm_spec.spec.errors import SpecSyntaxError
from rpm_spec.spec.lexer import Token, TokenKind, _Lexer, needs_quotes, quote, tokenize

if TYPE_CHECKING:
    from rpm_spec.spec import AbstractSpec

K = TokenKind


def kinds(text: str) -> list[TokenKind]:
    return [token.kind for token in tokenize(text)]


def test_a_full_spec_splits_into_tokens_with_spans() -> None:
    text = "hdf5@1.14: +mpi ^[virtuals=mpi] openmpi%gcc@12 /abc"
    tokens = tokenize(text)
    assert [t.kind for t in tokens] == [
        K.NAME,
        K.VERSION,
        K.BOOL_VARIANT,
        K.DEPENDENCY,
        K.OPEN_BRACKET,
        K.KEY_VALUE,
        K.CLOSE_BRACKET,
        K.NAME,
        K.COMPILER,
        K.NAME,
        K.VERSION,
        K.HASH,
        K.END,
    ]
    assert [text[t.start : t.end] for t in tokens[:-1]] == [
        "hdf5",
        "@1.14:",
        "+mpi",
        "^",
        "[",
        "virtuals=mpi",
        "]",
        "openmpi",
        "%",
        "gcc",
        "@12",
        "/abc",
    ]
    assert tokens[1].value == "1.14:"
    assert tokens[-1] == Token(K.END, len(text), len(text))


def test_spaced_records_whitespace_before_a_token() -> None:
    tokens = tokenize("a %gcc @12")
    assert [t.spaced for t in tokens] == [True, True, False, True, False]


@pytest.mark.parametrize(
    ("text", "name", "value", "propagate"),
    [
        ("+mpi", "mpi", "true", False),
        ("~mpi", "mpi", "false", False),
        ("-mpi", "mpi", "false", False),
        ("++mpi", "mpi", "true", True),
        ("~~mpi", "mpi", "false", True),
        ("+mpi-io", "mpi-io", "true", False),
    ],
)
def test_bool_variants(text: str, name: str, value: str, propagate: bool) -> None:
    (token, _end) = tokenize(text)
    assert (token.kind, token.key, token.value, token.propagate) == (
        K.BOOL_VARIANT,
        name,
        value,
        propagate,
    )


def test_dash_inside_names_versions_and_values_is_ordinary() -> None:
    assert [t.value for t in tokenize("py-torch@1.2-rc1 x=a-b")[:3]] == [
        "py-torch",
        "1.2-rc1",
        "a-b",
    ]


def test_dash_turns_a_variant_off_only_after_whitespace() -> None:
    assert kinds("zlib -shared") == [K.NAME, K.BOOL_VARIANT, K.END]
    with pytest.raises(SpecSyntaxError) as caught:
        tokenize("zlib/abc-shared")
    assert caught.value.position == len("zlib/abc")
    assert caught.value.hint is not None and "~variant" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "key", "value", "propagate"),
    [
        ("cuda_arch=80,90", "cuda_arch", "80,90", False),
        ("target=zen2:", "target", "zen2:", False),
        ("languages=c,c++", "languages", "c,c++", False),
        ("api==v18", "api", "v18", True),
        ("cflags='-O3 -g'", "cflags", "-O3 -g", False),
        ("cflags=\"-DX='1'\"", "cflags", "-DX='1'", False),
        ("x=a=b", "x", "a=b", False),
        ("dev_path=/home/me/src", "dev_path", "/home/me/src", False),
    ],
)
def test_key_values(text: str, key: str, value: str, propagate: bool) -> None:
    (token, _end) = tokenize(text)
    assert (token.kind, token.key, token.value, token.propagate) == (
        K.KEY_VALUE,
        key,
        value,
        propagate,
    )
    assert text[token.value_at : token.value_at + len(value)] == value


@pytest.mark.parametrize("fast", [True, False])
def test_colon_equals_is_an_exact_key_value(fast: bool) -> None:
    (token, _end) = _Lexer("cuda_arch:=80,90").run(fast=fast)
    assert (token.kind, token.key, token.value, token.exact, token.propagate) == (
        K.KEY_VALUE,
        "cuda_arch",
        "80,90",
        True,
        False,
    )
    assert token.value_at == len("cuda_arch:=")
    (token, _end) = _Lexer("cflags==-g").run(fast=fast)
    assert (token.key, token.value, token.exact, token.propagate) == ("cflags", "-g", False, True)


def test_unquoted_values_stop_at_token_starters() -> None:
    assert kinds("target=zen3^mpi") == [K.KEY_VALUE, K.DEPENDENCY, K.NAME, K.END]
    assert kinds("x=a%gcc") == [K.KEY_VALUE, K.COMPILER, K.NAME, K.END]


def test_dotted_names_are_one_token() -> None:
    (token, _end) = tokenize("builtin.hdf5")
    assert token.value == "builtin.hdf5"


def test_whitespace_is_only_a_separator() -> None:
    assert kinds("  hdf5 \t +mpi\n") == [K.NAME, K.BOOL_VARIANT, K.END]
    assert kinds("") == [K.END]


@pytest.mark.parametrize(
    ("text", "position", "problem", "expected"),
    [
        ("hdf5@@1", 5, "unexpected '@'", "expected a version after '@'"),
        ("hdf5@", 5, "unexpected end of spec", "expected a version after '@'"),
        ("hdf5@ 1.2", 5, "unexpected whitespace", "expected a version after '@'"),
        ("hdf5 +", 6, "unexpected end", "expected a variant name after '+'"),
        ("hdf5 ~~", 7, "unexpected end", "expected a variant name after '~~'"),
        ("hdf5 x=", 7, "unexpected end", "expected a value after 'x='"),
        ("hdf5 x===y", 8, "unexpected '='", "expected a value after 'x=='"),
        ("hdf5 /", 6, "unexpected end", "expected a hash after '/'"),
        ('a cflags="-O3', 9, "unterminated quote", 'expected a closing "'),
        ("a b.c=1", 2, "unexpected 'b.c'", "a key before '=' has no '.'"),
        ("a !b", 2, "unexpected '!'", "expected a package name"),
        # Command-line bytes that are not UTF-8 arrive as lone surrogates (surrogateescape).
        ('a cflags="-O\udcff"', 12, "byte 0xff in spec is not UTF-8 text", "specs are text"),
        ("a target=\ud800", 9, "U+D800 in spec is not UTF-8 text", "specs are text"),
    ],
)
def test_errors_point_at_the_problem(
    text: str, position: int, problem: str, expected: str
) -> None:
    with pytest.raises(SpecSyntaxError) as caught:
        tokenize(text)
    error = caught.value
    assert error.position == position
    assert error.problem.startswith(problem)
    assert error.expected.startswith(expected)
    assert error.exit_code == 2


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("zen3", "zen3"),
        ("80,90", "80,90"),
        ("-O3 -g", '"-O3 -g"'),
        ('-DX="1"', "'-DX=\"1\"'"),
        ("=a", '"=a"'),
        ("a^b", '"a^b"'),
        ("", '""'),
    ],
)
def test_quote_writes_values_that_lex_back(value: str, written: str) -> None:
    assert quote(value) == written
    (token, _end) = tokenize(f"x={written}")
    assert token.value == value


def test_quote_rejects_both_quote_kinds() -> None:
    assert needs_quotes("a'b\"c")
    with pytest.raises(ValueError, match="both kinds of quote"):
        quote("a'b\"c")


def _slow_or_error(text: str) -> list[Token] | str:
    try:
        return _Lexer(text).run(fast=False)
    except SpecSyntaxError as error:
        return str(error)


def _fast_or_error(text: str) -> list[Token] | str:
    try:
        return tokenize(text)
    except SpecSyntaxError as error:
        return str(error)


@settings(max_examples=400)
@given(st.text(alphabet="ab1.:,=@+~-%^[]/'\" _", max_size=24))
def test_the_fast_path_agrees_with_the_careful_one(text: str) -> None:
    assert _fast_or_error(text) == _slow_or_error(text)


@given(specs())
def test_the_fast_path_agrees_on_printed_specs(spec: AbstractSpec) -> None:
    text = str(spec)
    assert tokenize(text) == _Lexer(text).run(fast=False)


@pytest.mark.parametrize("text", ["1:=", "a:=", "zlib cuda_arch:="])
def test_a_name_before_an_exact_operator_without_value_reads_alike_on_both_paths(
    text: str,
) -> None:
    error = _slow_or_error(text)
    assert isinstance(error, str)
    assert "expected a value after" in error
    assert _fast_or_error(text) == error
