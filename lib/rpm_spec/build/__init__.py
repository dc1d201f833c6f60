"""The build layer: fetch and verify sources, stage and patch them, build and install.

Layer ``build`` may import ``util``, ``errors``, ``spec``, ``platform``, ``config``,
``repo``, ``solver`` and ``store``; never ``environment``, ``session`` or ``cli``.
It never prints: progress goes through reporter objects with no-op hooks.
"""
