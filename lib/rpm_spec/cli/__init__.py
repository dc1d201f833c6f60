"""Command-line interface: click commands, one module per command group.

Commands are thin: parse, call one layer function, render. Only this package
writes to stdout/stderr. It may import every other layer.
"""
