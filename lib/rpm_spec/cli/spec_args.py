"""Commands whose arguments are spec words: options are recognized anywhere.

A spec may start a word with ``-`` (``hdf5 -mpi`` turns the variant off) or ``~`` or
``^``, so click's own parsing cannot tell options from spec words: a word after the
first spec would either all be spec text (``install xz m4 -j 2`` asks for a variant
``j``) or be split into short options (``-shared`` would mean ``-h``). Here a word
is an option only when it is exactly one of the command's option names (``-j``,
``--jobs``), that name joined to its value (``-j4``, ``--jobs=4``), or a cluster of
the command's short options (``-lp``, ``-vj 4``: every letter one of them, only the
last one taking a value); ``--`` ends the options. Every other word is spec text,
wherever it stands.
"""

from __future__ import annotations

import click

from rpm_spec.util.suggest import close_matches


class SpecCommand(click.Command):
    """A command whose positional arguments are spec words (see the module docstring)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options, words = split_options(ctx, self.get_params(ctx), args)
        return super().parse_args(ctx, [*options, "--", *words])


def split_options(
    ctx: click.Context, params: list[click.Parameter], args: list[str]
) -> tuple[list[str], list[str]]:
    """``args`` as (option words with their values, spec words), each in their order."""
    takes_value: dict[str, bool] = {}
    for param in params:
        if isinstance(param, click.Option):
            for name in (*param.opts, *param.secondary_opts):
                takes_value[name] = not (param.is_flag or param.count)
    options: list[str] = []
    words: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "--":
            words.extend(args[position:])
            break
        option, joined = _option_name(arg, takes_value)
        if option is None:
            given = arg.partition("=")[0]
            if given in takes_value:
                raise click.BadOptionUsage(arg, f"Option '{given}' does not take a value.", ctx)
            if arg.startswith("--") and len(arg) > 2:
                longs = [known for known in takes_value if known.startswith("--")]
                raise click.NoSuchOption(given, possibilities=close_matches(given, longs), ctx=ctx)
            words.append(arg)
            continue
        options.append(arg)
        if takes_value[option] and not joined:
            if position == len(args):
                raise click.BadOptionUsage(option, f"Option '{option}' requires an argument.", ctx)
            options.append(args[position])
            position += 1
    return options, words


def _option_name(arg: str, takes_value: dict[str, bool]) -> tuple[str | None, bool]:
    """The option ``arg`` names, and whether its value is joined to it (``-j4``)."""
    if arg in takes_value:
        return arg, False
    letters = [f"-{letter}" for letter in arg[1:]] if arg[:1] == "-" and arg[1:2] != "-" else []
    if len(letters) > 1 and all(
        letter in takes_value and (not takes_value[letter] or index == len(letters) - 1)
        for index, letter in enumerate(letters)
    ):
        return letters[-1], False
    if arg.startswith("--") and "=" in arg:
        name = arg.partition("=")[0]
        if takes_value.get(name):
            return name, True
    elif arg[:1] == "-" and arg[1:2] != "-" and takes_value.get(arg[:2]) and arg[2:].isdigit():
        # -j4: only a number may follow a short option, so that -jdebug stays a spec word.
        return arg[:2], True
    return None, False
