"""Exports of an environment for use away from rpm-spec: a relocatable tarball
(:mod:`.tarball`), container recipes over a bundled binary cache (:mod:`.container`)."""
