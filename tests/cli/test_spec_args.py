"""Options anywhere among spec words: which words are options, which are spec text."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from rpm_spec.cli.spec_args import SpecCommand, split_options


@click.command(cls=SpecCommand)
@click.option("-j", "--jobs", type=int, default=1)
@click.option("-v", "--verbose", is_flag=True)
@click.argument("words", nargs=-1, type=click.UNPROCESSED)
def command(jobs: int, verbose: bool, words: tuple[str, ...]) -> None:
    click.echo(f"{jobs} {verbose} {list(words)}")


def split(*args: str) -> tuple[list[str], list[str]]:
    with click.Context(command) as context:
        return split_options(context, command.get_params(context), list(args))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["xz", "m4", "-j", "2"], (["-j", "2"], ["xz", "m4"])),
        (["-j2", "xz", "--verbose"], (["-j2", "--verbose"], ["xz"])),
        (["xz", "--jobs=3", "~debug", "^zlib"], (["--jobs=3"], ["xz", "~debug", "^zlib"])),
        (["hdf5", "-mpi", "-shared", "-jdebug"], ([], ["hdf5", "-mpi", "-shared", "-jdebug"])),
        (["hdf5", "--", "-j", "-v"], ([], ["hdf5", "-j", "-v"])),
        (["xz", "--help"], (["--help"], ["xz"])),
        (["cflags=-O3 -g", "-v"], (["-v"], ["cflags=-O3 -g"])),
        (["xz", "-vj", "3", "-jv"], (["-vj", "3"], ["xz", "-jv"])),
    ],
)
def test_split(args: list[str], expected: tuple[list[str], list[str]]) -> None:
    assert split(*args) == expected


def test_an_unknown_long_option_is_refused_with_a_suggestion() -> None:
    with pytest.raises(click.NoSuchOption) as caught:
        split("xz", "--jbos", "2")
    assert caught.value.possibilities[0] == "--jobs"


def test_a_value_is_required_and_a_flag_takes_none() -> None:
    with pytest.raises(click.BadOptionUsage, match="'-j' requires an argument"):
        split("xz", "-j")
    with pytest.raises(click.BadOptionUsage, match="'--verbose' does not take a value"):
        split("xz", "--verbose=yes")


def test_the_command_sees_options_and_words() -> None:
    result = CliRunner().invoke(command, ["xz", "-v", "-mpi", "-j", "4"])
    assert result.output == "4 True ['xz', '-mpi']\n"
