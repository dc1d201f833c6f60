"""``python -m rpm_spec``: same as the ``rpm-spec`` command."""

from rpm_spec.cli.main import main

main()
